//! Fuzzes `source::decode` → `report::parse` for text, Markdown and CSV: every
//! span the report hands out lies on character boundaries inside the
//! document text (the renderers slice the text with them), and every flow
//! range on boundaries inside the flow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reportlint::report;
use reportlint::source::{self, Format};
use reportlint::span::Span;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format the rest is read as.
    let Some((&choice, bytes)) = data.split_first() else { return };
    let format = match choice % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Csv,
    };
    let Ok(document) = source::decode("fuzz.txt", bytes, format) else { return };
    let parsed = report::parse(&document);
    let text = document.text.as_str();
    let check = |what: &str, span: Span| {
        assert!(
            span.start <= span.end
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end),
            "{what} span {span:?} in a text of {} bytes",
            text.len()
        );
    };
    let check_flow = |what: &str, range: &std::ops::Range<usize>| {
        let flow = parsed.flow.as_str();
        assert!(
            range.start <= range.end && flow.get(range.clone()).is_some(),
            "{what} flow range {range:?} in a flow of {} bytes",
            flow.len()
        );
        check(what, parsed.original_span(range.clone()));
    };
    for paragraph in &parsed.paragraphs {
        check("paragraph", paragraph.span);
        check_flow("paragraph", &paragraph.flow);
        if let Some(numbering) = &paragraph.numbering {
            check("paragraph numbering", numbering.span);
        }
    }
    for section in &parsed.sections {
        check("section heading", section.heading);
        check("section numbering", section.numbering.span);
        check_flow("section", &section.flow);
    }
    for mention in &parsed.numbers {
        check("figure", mention.number.span);
        check_flow("figure", &mention.flow);
    }
    for table in &parsed.tables {
        check("table", table.span);
        for row in &table.rows {
            check("row", row.span);
            for cell in &row.cells {
                check("cell", cell.span);
                if let Some(number) = &cell.number {
                    check("cell figure", number.span);
                }
            }
        }
    }
});
