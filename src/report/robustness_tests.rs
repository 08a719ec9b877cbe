//! Robustness: every span handed out is a valid slice of the original
//! text, on odd input too, and nothing panics.

use super::tests::{OCR_MARKDOWN, WORD_EXPORT, document};
use super::*;
use crate::source::{self, Format};

#[test]
fn nothing_recognisable_is_an_empty_report() {
    let empty = Document::new("empty", "   ".to_string(), Format::Text, Vec::new());
    let report = parse(&empty);
    assert!(report.flow.is_empty() && report.sections.is_empty() && report.numbers.is_empty());
    assert_eq!(report.original_span(0..10), Span::new(0, 0));
    assert_eq!(report.number_at(0), None);
    let stars = document("****\n\n[bookmark: _Toc1]");
    assert!(parse(&stars).paragraphs.is_empty());
}

#[test]
fn spans_lie_on_char_boundaries() {
    for text in [OCR_MARKDOWN, WORD_EXPORT] {
        let document = document(text);
        let report = parse(&document);
        assert_spans_inside(&document, &report);
        for start in 0..=report.flow.len() + 1 {
            for end in [start, start + 1, start + 4] {
                let span = report.original_span(start..end);
                assert!(document.text.get(span.start..span.end).is_some(), "{start}..{end} → {span:?}");
            }
        }
    }
}

#[test]
fn odd_input_never_panics() {
    const PIECES: [&str; 32] = [
        "$",
        "\\geq",
        "\\text{",
        "}",
        "**",
        "\t",
        "\n",
        "\r\n",
        "|",
        "１",
        "1",
        ".",
        "、",
        "(",
        "（一）",
        "一、",
        "万",
        "元",
        "%",
        "<p>",
        "</p>",
        "[bookmark: x]",
        "-",
        ",",
        "≥",
        "大于等于",
        "①",
        " ",
        "。",
        "## ",
        "&lt;",
        "\u{3000}",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        for _ in 0..seed % 40 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
        }
        let Ok(document) = source::decode("random", text.as_bytes(), Format::Text) else { continue };
        let report = parse(&document);
        assert_spans_inside(&document, &report);
        for found in &report.numbers {
            assert!(report.number_at(found.flow.start).is_some(), "{text:?}");
        }
    }
}

/// Every span the report hands out is a valid slice of the original text.
pub(super) fn assert_spans_inside(document: &Document, report: &Report) {
    let text = &document.text;
    let mut spans: Vec<Span> = Vec::new();
    spans.extend(report.numbers.iter().map(|found| found.number.span));
    spans.extend(report.paragraphs.iter().map(|paragraph| paragraph.span));
    spans.extend(report.sections.iter().flat_map(|section| [section.heading, section.numbering.span]));
    for table in &report.tables {
        spans.push(table.span);
        for row in &table.rows {
            spans.push(row.span);
            spans.extend(row.cells.iter().map(|cell| cell.span));
            spans.extend(row.cells.iter().filter_map(|cell| cell.number.as_ref()).map(|number| number.span));
        }
    }
    for span in spans {
        assert!(span.start <= span.end && text.get(span.start..span.end).is_some(), "bad span {span:?}");
    }
    for found in &report.numbers {
        assert!(report.flow.get(found.flow.clone()).is_some(), "bad flow range {:?}", found.flow);
    }
}
