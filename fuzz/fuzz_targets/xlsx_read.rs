//! Fuzzes the .xlsx reader (`source::decode` with `Format::Xlsx`, default
//! limits), then `report::parse`: no panic, no allocation the file dictates,
//! and every cell anchor, paragraph and figure span lies on character
//! boundaries inside the text.
//!
//! Mutating a deflated zip rarely gets past its checksum, so an even first
//! byte wraps the rest into a stored one-sheet workbook built here: the part
//! before the first NUL byte is the shared strings part, the rest the
//! sheet; an odd first byte hands the rest to the reader as the file itself.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use reportlint::report;
use reportlint::source::{Format, decode};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let bytes = if choice & 1 == 0 {
        let mut pieces = rest.splitn(2, |&byte| byte == 0);
        let (strings, sheet) = match (pieces.next(), pieces.next()) {
            (Some(strings), Some(sheet)) => (strings, sheet),
            _ => (&b""[..], rest),
        };
        match workbook(strings, sheet) {
            Some(bytes) => bytes,
            None => return,
        }
    } else {
        rest.to_vec()
    };
    let Ok(document) = decode("fuzz.xlsx", &bytes, Format::Xlsx) else { return };
    let parsed = report::parse(&document);
    let text = document.text.as_str();
    let spans = document
        .anchors
        .iter()
        .map(|anchor| anchor.span)
        .chain(parsed.paragraphs.iter().map(|paragraph| paragraph.span))
        .chain(parsed.numbers.iter().map(|mention| mention.number.span))
        .chain(parsed.tables.iter().flat_map(|table| table.rows.iter()).flat_map(|row| row.cells.iter()).map(|cell| cell.span));
    for span in spans {
        assert!(
            span.start <= span.end && text.get(span.start..span.end).is_some(),
            "span {span:?} in a text of {} bytes",
            text.len()
        );
    }
});

/// The parts Excel needs around `strings` (xl/sharedStrings.xml) and
/// `sheet` (xl/worksheets/sheet1.xml), uncompressed.
fn workbook(strings: &[u8], sheet: &[u8]) -> Option<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 5] = [
        ("_rels/.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ("xl/sharedStrings.xml", strings),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    for (name, bytes) in parts {
        writer.start_file(name, options).ok()?;
        writer.write_all(bytes).ok()?;
    }
    writer.finish().ok().map(Cursor::into_inner)
}
