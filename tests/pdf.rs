//! PDF input end to end: PDFs built here with lopdf, read by `source::load`.
//!
//! Text uses the standard Courier font, so the text-layer tests stay with
//! ASCII letters and figures (Chinese text needs an embedded CID font).

#![cfg(feature = "pdf")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use lopdf::{
    Document as Pdf, EncryptionState, EncryptionVersion, Object, Permissions, Stream, StringFormat, dictionary,
};
use reportlint::finding::Severity;
use reportlint::lint::Linter;
use reportlint::rules;
use reportlint::source::{self, Format, SourceError};

/// A PDF with one page per content stream, Courier as `/F1`, compressed and
/// saved as a real file would be.
fn pdf(pages: &[&str]) -> Pdf {
    let mut pdf = Pdf::with_version("1.7");
    let pages_id = pdf.new_object_id();
    let font = pdf.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier", "Encoding" => "WinAnsiEncoding",
    });
    let resources = pdf.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let kids: Vec<Object> = pages
        .iter()
        .map(|content| {
            let contents = pdf.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
            let page = pdf.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => contents });
            Object::from(page)
        })
        .collect();
    let count = kids.len() as i64;
    let tree = dictionary! {
        "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    pdf.objects.insert(pages_id, Object::Dictionary(tree));
    let catalog = pdf.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    pdf.trailer.set("Root", catalog);
    let id = Object::String(b"reportlint-test-0".to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", vec![id.clone(), id]);
    pdf.compress();
    pdf
}

fn bytes(mut pdf: Pdf) -> Vec<u8> {
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).unwrap();
    bytes
}

const BUDGET_PAGE: &str = "BT /F1 11 Tf 72 760 Td (2023 budget 775.45) Tj 0 -16 Td (spent 700.10) Tj ET";
const TABLE_PAGE: &str = "BT /F1 10 Tf 1 0 0 1 72 700 Tm (total) Tj 1 0 0 1 180 700 Tm (353.21) Tj \
                          1 0 0 1 260 700 Tm (595.07) Tj ET";
/// A page that only draws: a scan has an image instead, with the same effect.
const DRAWING_PAGE: &str = "0.5 g 72 600 300 100 re f";

#[test]
fn text_layer_is_read_page_by_page() {
    let document = source::decode("report.pdf", &bytes(pdf(&[BUDGET_PAGE, TABLE_PAGE])), Format::Pdf).unwrap();
    assert_eq!(document.format, Format::Pdf);
    assert_eq!(document.text, "2023 budget 775.45\nspent 700.10\n\ntotal\t353.21\t595.07");
    assert!(document.notices.is_empty(), "{:?}", document.notices);
    // Two paragraph lines, then the row drawn in columns as a one-row table.
    assert_eq!(document.blocks.len(), 3, "{:?}", document.blocks);
}

#[test]
fn pages_without_text_are_a_notice_and_an_info_finding() {
    let path = std::env::temp_dir().join(format!("reportlint-scan-{}.pdf", std::process::id()));
    std::fs::write(&path, bytes(pdf(&[DRAWING_PAGE, DRAWING_PAGE]))).unwrap();
    let document = source::load(&path).unwrap();
    assert!(document.text.trim().is_empty());
    assert_eq!(document.notices.len(), 1);
    assert!(document.notices[0].contains("没有文字层"), "{:?}", document.notices);

    let linter = Linter::new(rules::load_embedded().unwrap()).with_pack("xinjiang-karamay").unwrap();
    let reportlint::lint::FileOutcome::Linted(file) = linter.lint_path(&path) else { panic!("not linted") };
    let notice = &file.findings[0];
    assert_eq!((notice.rule.as_str(), notice.severity), ("source-notice", Severity::Info));
    assert!(notice.message.contains("扫描件"));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn corrupt_pdf_is_a_source_error() {
    let whole = bytes(pdf(&[BUDGET_PAGE]));
    for broken in [&whole[..whole.len() / 3], b"%PDF-1.7\n", "二〇二三年度自评报告".as_bytes()] {
        let error = source::decode("broken.pdf", broken, Format::Pdf).err();
        assert!(matches!(error, Some(SourceError::Pdf { .. })), "{error:?}");
    }
}

#[test]
fn password_protected_pdf_is_refused_and_an_open_one_is_read() {
    let encrypted = |user_password: &str| {
        let mut document = pdf(&[BUDGET_PAGE]);
        let version = EncryptionVersion::V2 {
            document: &document,
            owner_password: "owner",
            user_password,
            key_length: 128,
            permissions: Permissions::all(),
        };
        let state = EncryptionState::try_from(version).unwrap();
        document.encrypt(&state).unwrap();
        bytes(document)
    };
    let locked = source::decode("locked.pdf", &encrypted("secret"), Format::Pdf);
    assert!(matches!(locked, Err(SourceError::Encrypted)), "{locked:?}");
    // Only an owner password (printing or copying restricted): readable.
    let restricted = source::decode("restricted.pdf", &encrypted(""), Format::Pdf).unwrap();
    assert!(restricted.text.starts_with("2023 budget 775.45"), "{:?}", restricted.text);
}
