//! The one-page PDF the `pdf_read` fuzz target wraps its input in, shared
//! with its replay in tests/fuzz_regressions.rs so the two cannot drift.

/// A one-page PDF drawing `content` with Helvetica as `/F1`; lopdf finds
/// the objects by scanning, so no cross-reference table is needed.
pub fn pdf_page(content: &[u8]) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n\
2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n\
3 0 obj <</Type/Page/Parent 2 0 R/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj\n\
5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>> endobj\n"
        .to_vec();
    bytes.extend_from_slice(format!("4 0 obj <</Length {}>> stream\n", content.len()).as_bytes());
    bytes.extend_from_slice(content);
    bytes.extend_from_slice(b"\nendstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");
    bytes
}
