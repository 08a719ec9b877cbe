//! Fuzzes `source::docx::read_with_limits` with small limits, then
//! `report::parse`: no panic, and every paragraph and figure span lies on
//! character boundaries inside the text.
//!
//! Mutating a deflated zip rarely gets past its checksum, so an even first
//! byte wraps the rest, as `word/document.xml`, into a stored zip
//! (`tests/support/stored_docx.rs`); an odd first byte hands the rest to the reader as the file itself.
#![no_main]

#[path = "../../tests/support/stored_docx.rs"]
mod stored_docx;

use libfuzzer_sys::fuzz_target;
use reportlint::report;
use reportlint::source::docx::read_with_limits;
use stored_docx::{FUZZ_LIMITS, fuzzed_docx};

fuzz_target!(|data: &[u8]| {
    let Some(bytes) = fuzzed_docx(data) else { return };
    let Ok(document) = read_with_limits("fuzz.docx", &bytes, &FUZZ_LIMITS) else { return };
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
