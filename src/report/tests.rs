//! Whole-stage tests on fixture reports written for these tests (modelled
//! on the templates, with their own wording and figures).

use super::*;
use crate::source::{self, Format};

pub(super) const OCR_MARKDOWN: &str = include_str!("fixtures/ocr_markdown.md");
pub(super) const WORD_EXPORT: &str = include_str!("fixtures/word_export.txt");

pub(super) fn document(text: &str) -> Document {
    match source::decode("fixture", text.as_bytes(), Format::Markdown) {
        Ok(document) => document,
        Err(error) => panic!("fixture does not decode: {error}"),
    }
}

fn original(document: &Document, span: Span) -> &str {
    &document.text[span.start..span.end]
}

fn describe(number: &Number) -> String {
    let relation = number.relation.map(|relation| format!("{relation:?} ")).unwrap_or_default();
    let unit = match &number.unit {
        Unit::Count(word) => word.clone(),
        unit => format!("{unit:?}"),
    };
    format!("{relation}{}/{} {unit}", number.value, number.decimals)
}

/// One line per mention: flow text, parsed number, original text.
fn render_numbers(document: &Document, report: &Report) -> String {
    report
        .numbers
        .iter()
        .map(|found| {
            format!(
                "{} | {} | {:?}\n",
                &report.flow[found.flow.clone()],
                describe(&found.number),
                original(document, found.number.span)
            )
        })
        .collect()
}

/// The section tree, indented by level, with the original numbering.
fn render_sections(document: &Document, report: &Report) -> String {
    report
        .sections
        .iter()
        .map(|section| {
            format!(
                "{}{} {} (level {}, parent {:?})\n",
                "  ".repeat(usize::from(section.level) - 1),
                original(document, section.numbering.span),
                section.title,
                section.level,
                section.parent
            )
        })
        .collect()
}

fn render_tables(report: &Report) -> String {
    let mut out = String::new();
    for table in &report.tables {
        out.push_str("table\n");
        for row in &table.rows {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|cell| match &cell.number {
                    Some(number) => format!("{} [{}]", cell.text, describe(number)),
                    None => cell.text.clone(),
                })
                .collect();
            out.push_str(&format!("  | {} |\n", cells.join(" | ")));
        }
    }
    out
}

fn number_with_original<'a>(document: &Document, report: &'a Report, text: &str) -> &'a Number {
    match report.numbers.iter().find(|found| original(document, found.number.span) == text) {
        Some(found) => &found.number,
        None => panic!("no mention written as {text:?}:\n{}", render_numbers(document, report)),
    }
}

#[test]
fn ocr_markdown_snapshot() {
    let document = document(OCR_MARKDOWN);
    let report = parse(&document);
    insta::assert_snapshot!("ocr_markdown_sections", render_sections(&document, &report));
    insta::assert_snapshot!("ocr_markdown_numbers", render_numbers(&document, &report));
    insta::assert_snapshot!("ocr_markdown_tables", render_tables(&report));
}

#[test]
fn word_export_snapshot() {
    let document = document(WORD_EXPORT);
    let report = parse(&document);
    insta::assert_snapshot!("word_export_flow", &report.flow);
    insta::assert_snapshot!("word_export_numbers", render_numbers(&document, &report));
    insta::assert_snapshot!("word_export_tables", render_tables(&report));
}

#[test]
fn a_page_break_inside_a_unit_is_joined() {
    let document = document(OCR_MARKDOWN);
    let report = parse(&document);
    let number = number_with_original(&document, &report, "0 万\n\n元");
    assert_eq!(describe(number), "0/0 WanYuan");
    // The sentence broken before `98.79%` is one paragraph too.
    assert!(report.flow.contains("资金执行率98.79%,占总支出的24.06%"));
}

#[test]
fn bold_figures_keep_their_unit() {
    let document = document(OCR_MARKDOWN);
    let report = parse(&document);
    assert_eq!(describe(number_with_original(&document, &report, "412.60**万元")), "412.60/2 WanYuan");
}

#[test]
fn latex_relations_become_symbols() {
    let document = document(OCR_MARKDOWN);
    let report = parse(&document);
    assert_eq!(describe(number_with_original(&document, &report, r"\geq 90\%")), "Ge 90/0 Percent");
    assert!(report.flow.contains("80≤得分<90分为良"));
}

#[test]
fn full_width_digits_are_figures() {
    let document = document(OCR_MARKDOWN);
    let report = parse(&document);
    assert_eq!(describe(number_with_original(&document, &report, "９６．５％")), "96.5/1 Percent");
    assert_eq!(describe(number_with_original(&document, &report, "＞ 100%")), "Gt 100/0 Percent");
}

#[test]
fn a_long_numbered_line_is_a_paragraph_not_a_section() {
    let document = document(OCR_MARKDOWN);
    let report = parse(&document);
    let Some(paragraph) =
        report.paragraphs.iter().find(|paragraph| report.flow[paragraph.flow.clone()].starts_with("1. 2023"))
    else {
        panic!("numbered paragraph missing:\n{}", report.flow)
    };
    assert!(!paragraph.is_heading);
    let numbers = report.numbers_in(paragraph.flow.clone());
    assert_eq!(describe(&numbers[0].number), "2023/0 年");
}

#[test]
fn lookups() {
    let document = document(OCR_MARKDOWN);
    let report = parse(&document);
    let Some(at) = report.flow.find("98.79%") else { panic!("flow: {}", report.flow) };
    let Some(section) = report.section_at(at) else { panic!("no section at {at}") };
    let titles: Vec<&str> =
        report.section_path(section).into_iter().map(|index| report.sections[index].title.as_str()).collect();
    assert_eq!(titles, ["部门单位整体支出管理及使用情况", "项目专项支出投入和使用情况"]);
    assert_eq!(report.number_at(at).map(describe).as_deref(), Some("98.79/2 Percent"));
    // A capture may start at the relation or at the digits.
    let Some(relation) = report.flow.find("≥12场") else { panic!("flow: {}", report.flow) };
    assert_eq!(report.number_at(relation).map(describe).as_deref(), Some("Ge 12/0 场"));
    assert_eq!(report.number_at(relation + '≥'.len_utf8()).map(describe).as_deref(), Some("Ge 12/0 场"));
    assert_eq!(report.number_at(relation + '≥'.len_utf8() + 1), None);
    assert_eq!(original(&document, report.original_span(at..at + "98.79%".len())), "98.79%");
    assert_eq!(report.section_at(0), None);
}

#[test]
fn one_cell_a_line_tables_and_crlf() {
    let lf = document(WORD_EXPORT);
    let crlf = document(&WORD_EXPORT.replace('\n', "\r\n"));
    let (lf_report, crlf_report) = (parse(&lf), parse(&crlf));
    assert_eq!(lf_report.flow, crlf_report.flow);
    assert_eq!(render_tables(&lf_report), render_tables(&crlf_report));
    assert_eq!(
        crlf_report.numbers.iter().map(|found| describe(&found.number)).collect::<Vec<_>>(),
        lf_report.numbers.iter().map(|found| describe(&found.number)).collect::<Vec<_>>()
    );
    super::robustness_tests::assert_spans_inside(&crlf, &crlf_report);
}

#[test]
fn gb18030_bytes_parse_like_utf8() {
    let (bytes, _, had_errors) = encoding_rs::GB18030.encode(WORD_EXPORT);
    assert!(!had_errors);
    let decoded = match source::decode("gbk.txt", &bytes, Format::Text) {
        Ok(document) => document,
        Err(error) => panic!("{error}"),
    };
    let utf8 = document(WORD_EXPORT);
    assert_eq!(decoded.text, utf8.text);
    assert_eq!(decoded.blocks, utf8.blocks);
    let (left, right) = (parse(&decoded), parse(&utf8));
    assert_eq!(left.flow, right.flow);
    assert_eq!(left.numbers, right.numbers);
}
