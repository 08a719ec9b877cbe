//! Property 1: every span the pipeline hands out lies on character
//! boundaries inside the text it points into.
//!
//! Input: a report-like text (`report_text.rs`) written in some encoding and
//! read as text or Markdown. Checked: the document's blocks, every span of
//! the parsed [`Report`] (paragraphs, numberings, sections, tables, rows,
//! cells, figures), its flow ranges (on boundaries of the flow), arbitrary
//! flow ranges mapped back with `original_span`, every extracted fact and
//! collection item, and the labels of every finding of the whole lint.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use reportlint::extract::{self, Facts};
use reportlint::finding::Finding;
use reportlint::lint::{FileOutcome, Linter};
use reportlint::report::{self, Report};
use reportlint::source::{self, Block, Document, Format};
use reportlint::span::Span;

use crate::report_text::{Case, Encoding, case};

/// Loading the embedded packs compiles every pattern: once, not per case.
static LINTER: LazyLock<Linter> = LazyLock::new(|| Linter::new(reportlint::rules::load_embedded().unwrap()));

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{what}: {span:?} is reversed");
    prop_assert!(span.end <= text.len(), "{what}: {span:?} ends past {}", text.len());
    prop_assert!(text.is_char_boundary(span.start), "{what}: {span:?} starts inside a character");
    prop_assert!(text.is_char_boundary(span.end), "{what}: {span:?} ends inside a character");
    Ok(())
}

fn check_range(text: &str, range: &std::ops::Range<usize>, what: &str) -> Result<(), TestCaseError> {
    check_span(text, Span::new(range.start, range.end), what)
}

fn check_document(document: &Document) -> Result<(), TestCaseError> {
    let text = &document.text;
    for block in &document.blocks {
        match block {
            Block::Paragraph(span) => check_span(text, *span, "block")?,
            Block::Table(table) => {
                check_span(text, table.span, "block table")?;
                for row in &table.rows {
                    check_span(text, row.span, "block row")?;
                    for cell in &row.cells {
                        check_span(text, cell.span, "block cell")?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn check_report(text: &str, report: &Report, flow_ranges: &[(usize, usize)]) -> Result<(), TestCaseError> {
    let flow = &report.flow;
    for paragraph in &report.paragraphs {
        check_span(text, paragraph.span, "paragraph")?;
        check_range(flow, &paragraph.flow, "paragraph flow")?;
        if let Some(numbering) = paragraph.numbering {
            check_span(text, numbering.span, "paragraph numbering")?;
        }
    }
    for section in &report.sections {
        check_span(text, section.heading, "section heading")?;
        check_span(text, section.numbering.span, "section numbering")?;
        check_range(flow, &section.flow, "section flow")?;
    }
    for table in &report.tables {
        check_span(text, table.span, "table")?;
        for row in &table.rows {
            check_span(text, row.span, "row")?;
            for cell in &row.cells {
                check_span(text, cell.span, "cell")?;
                if let Some(number) = &cell.number {
                    check_span(text, number.span, "cell figure")?;
                }
            }
        }
    }
    for found in &report.numbers {
        check_span(text, found.number.span, "figure")?;
        check_range(flow, &found.flow, "figure flow")?;
    }
    // Any flow range, even one cutting a character of the flow, maps back
    // to whole characters of the original.
    for &(start, length) in flow_ranges {
        let start = start % (flow.len() + 2);
        check_span(text, report.original_span(start..start + length), "original_span")?;
    }
    Ok(())
}

fn check_facts(text: &str, facts: &Facts) -> Result<(), TestCaseError> {
    for mention in facts.values.values().flatten() {
        check_span(text, mention.span, "fact")?;
    }
    for item in facts.collections.values().flatten() {
        check_span(text, item.span, "item")?;
        for field in item.fields.values() {
            check_span(text, field.span, "item field")?;
        }
    }
    Ok(())
}

fn check_findings(text: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
    for finding in findings {
        for label in finding.primary.iter().chain(&finding.related) {
            check_span(text, label.span, &format!("finding {} label {}", finding.rule, label.text))?;
        }
    }
    Ok(())
}

/// The whole property for one case; `Ok` also when the bytes are not a
/// readable report (a blank text), which is the reader's answer, not a span.
pub fn check_case(case: &Case, flow_ranges: &[(usize, usize)]) -> Result<(), TestCaseError> {
    let name = if case.format == Format::Markdown { "草稿.md" } else { "草稿.txt" };
    let Ok(document) = source::decode(name, &case.bytes(), case.format) else { return Ok(()) };
    check_document(&document)?;
    let report = report::parse(&document);
    check_report(&document.text, &report, flow_ranges)?;
    if let Some((pack, _)) = LINTER.pack_for(&document.text) {
        check_facts(&document.text, &extract::extract(pack, &report))?;
    }
    let linted = match case.encoding {
        Encoding::Utf8 => LINTER.lint_text(name, &case.text).ok(),
        _ => match LINTER.lint_bytes(name, &case.bytes(), case.format) {
            FileOutcome::Linted(linted) => Some(linted),
            FileOutcome::Failed(_) => None,
        },
    };
    let Some(linted) = linted else { return Ok(()) };
    prop_assert_eq!(&linted.document.text, &document.text);
    check_findings(&linted.document.text, &linted.findings)
}

proptest! {
    #[test]
    fn every_span_lies_on_character_boundaries_inside_its_text(
        case in case(),
        flow_ranges in prop::collection::vec((any::<usize>(), 0usize..8), 0..8),
    ) {
        check_case(&case, &flow_ranges)?;
    }
}
