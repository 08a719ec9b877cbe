//! Fuzzes `source::decode` of a .pdf, then `report::parse`: no panic, the
//! reader's budget holds, and every paragraph, figure and cell span lies on
//! character boundaries inside the text.
//!
//! Mutating a whole PDF rarely gets past its parser, so an even first byte
//! puts the rest, as the content stream of one page, into a PDF written
//! here (with a font, so text operators show text); an odd first byte hands
//! the rest to the reader as the file itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reportlint::report;
use reportlint::source::{self, Format};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let bytes = if choice & 1 == 0 { page(rest) } else { rest.to_vec() };
    let Ok(document) = source::decode("fuzz.pdf", &bytes, Format::Pdf) else { return };
    let parsed = report::parse(&document);
    let text = document.text.as_str();
    let spans = parsed
        .paragraphs
        .iter()
        .map(|paragraph| paragraph.span)
        .chain(parsed.numbers.iter().map(|mention| mention.number.span))
        .chain(parsed.sections.iter().map(|section| section.heading))
        .chain(
            parsed
                .tables
                .iter()
                .flat_map(|table| table.rows.iter())
                .flat_map(|row| row.cells.iter())
                .map(|cell| cell.span),
        );
    for span in spans {
        assert!(
            span.start <= span.end && text.get(span.start..span.end).is_some(),
            "span {span:?} in a text of {} bytes",
            text.len()
        );
    }
});

/// A one-page PDF drawing `content` with Helvetica as `/F1`; lopdf finds
/// the objects by scanning, so no cross-reference table is needed.
fn page(content: &[u8]) -> Vec<u8> {
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
