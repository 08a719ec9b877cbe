//! Fuzzes `source::decode` of a .pdf, then `report::parse`: no panic, the
//! reader's budget holds, and every paragraph, figure and cell span lies on
//! character boundaries inside the text.
//!
//! Mutating a whole PDF rarely gets past its parser, so an even first byte
//! puts the rest, as the content stream of one page, into a PDF written
//! by [`pdf_page`] (with a font, so text operators show text); an odd first byte hands
//! the rest to the reader as the file itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reportlint::report;
use reportlint::source::{self, Format};

#[path = "../../tests/support/pdf_page.rs"]
mod pdf_page;
use pdf_page::pdf_page;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let bytes = if choice & 1 == 0 { pdf_page(rest) } else { rest.to_vec() };
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
