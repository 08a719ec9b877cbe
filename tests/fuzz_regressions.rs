//! Inputs the fuzz targets (`fuzz/fuzz_targets/`) found or were seeded
//! with, replayed through the same code paths in plain `cargo test`.
//!
//! Input: every file under `tests/fuzz_regressions/<target>/`, named after
//! what it exercises. Each target has a small function here doing what its
//! fuzz target does (nothing is shared with the fuzz crate, which is
//! outside this workspace), and the same first-byte conventions: for
//! `pattern_compile` the first byte picks the capture kinds and the
//! section, for `report_parse` an odd first byte means Markdown, for
//! `docx_read` (and `docx_annotate`, whose check is shared like
//! `human_render`'s) an even first byte wraps the rest into a stored zip as
//! `word/document.xml`, for `pdf_read` an even first byte makes the rest
//! the content stream of a one-page PDF, for `xlsx_read` an even first
//! byte wraps the rest into a one-sheet workbook (shared strings before the
//! first NUL byte, the sheet after). A crash the fuzzer found stays
//! fixed when its file passes here. `human_render` is the exception: its
//! check is one file, `tests/support/human_render.rs`, included by the
//! target and here.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use reportlint::expr;
use reportlint::report::{self, Report};
use reportlint::rules::{Capture, Literals, compile_pattern};
use reportlint::source::docx::read_with_limits;
use reportlint::source::{self, Format};
use reportlint::span::Span;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

#[path = "support/pdf_page.rs"]
mod pdf_page;
use pdf_page::pdf_page;
#[path = "support/docx_annotate.rs"]
mod docx_annotate;
#[path = "support/stored_docx.rs"]
mod stored_docx;
use stored_docx::{FUZZ_LIMITS, fuzzed_docx};
#[path = "support/human_render.rs"]
mod human_render;

/// The files of one target's folder, sorted, with their bytes.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions").join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    assert!(!paths.is_empty(), "no inputs in {}", folder.display());
    paths.into_iter().map(|path| (path.clone(), std::fs::read(&path).unwrap())).collect()
}

fn assert_span_inside(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && text.get(span.start..span.end).is_some(),
        "{what} span {span:?} not on character boundaries of a {}-byte text",
        text.len()
    );
}

/// Parses; on success the printed source parses back to the same tree.
fn expr_parse(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else { return };
    match expr::parse(source) {
        Ok(tree) => {
            let printed = tree.to_source();
            let again = expr::parse(&printed).unwrap_or_else(|error| panic!("{printed:?}: {}", error.message));
            assert_eq!(again.to_string(), tree.to_string(), "{source:?} printed as {printed:?}");
        }
        Err(error) => assert_span_inside(source, error.span, "error"),
    }
}

const FLOW: &str = "一、基本情况\n年初批复预算数480.50万元,年中调减数为20万元,预算执行率:96.64%\n\
    评价结果为“良”。(三)产出指标≥10次,得分9.5分②完成率100%\n";

/// Compiles; on success runs the regex over a small flow.
fn pattern_compile(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else { return };
    let Ok(template) = std::str::from_utf8(rest) else { return };
    let within = (choice & 2 != 0).then_some("基本");
    let capture = |name: &str| {
        if choice & 1 != 0 && name.len() % 2 == 0 { Capture::Text } else { Capture::Figure }
    };
    match compile_pattern(template, within, capture) {
        Ok(pattern) => {
            // Translation bounds the regex's size, so building it never fails;
            // `find_all` is the search the extractor runs (only around the
            // lines that hold the pattern's literals).
            let regex = pattern.regex.get().unwrap_or_else(|| panic!("{template:?} did not build"));
            let literals = Literals::new(pattern.literals.clone());
            let whole: Vec<_> = regex.find_iter(FLOW).map(|found| found.range()).collect();
            assert_eq!(pattern.find_all(FLOW, &literals.find(FLOW)), whole, "{template:?}");
            for captures in regex.captures_iter(FLOW) {
                for index in 0..pattern.placeholders.len() {
                    let _ = captures.name(&format!("p{index}"));
                }
            }
        }
        Err(error) => assert_span_inside(template, Span::new(error.start, error.end), "error"),
    }
}

/// Every span of the report lies on character boundaries of the text, and
/// every flow range on those of the flow.
fn assert_report_spans(text: &str, parsed: &Report) {
    let flow_range = |range: &std::ops::Range<usize>, what: &str| {
        assert!(parsed.flow.get(range.clone()).is_some(), "{what} flow range {range:?}");
        assert_span_inside(text, parsed.original_span(range.clone()), what);
    };
    for paragraph in &parsed.paragraphs {
        assert_span_inside(text, paragraph.span, "paragraph");
        flow_range(&paragraph.flow, "paragraph");
        if let Some(numbering) = &paragraph.numbering {
            assert_span_inside(text, numbering.span, "numbering");
        }
    }
    for section in &parsed.sections {
        assert_span_inside(text, section.heading, "heading");
        assert_span_inside(text, section.numbering.span, "section numbering");
        flow_range(&section.flow, "section");
    }
    for mention in &parsed.numbers {
        assert_span_inside(text, mention.number.span, "figure");
        flow_range(&mention.flow, "figure");
    }
    for table in &parsed.tables {
        assert_span_inside(text, table.span, "table");
        for row in &table.rows {
            assert_span_inside(text, row.span, "row");
            for cell in &row.cells {
                assert_span_inside(text, cell.span, "cell");
                if let Some(number) = &cell.number {
                    assert_span_inside(text, number.span, "cell figure");
                }
            }
        }
    }
}

fn report_parse(data: &[u8]) {
    let Some((&choice, bytes)) = data.split_first() else { return };
    let format = if choice & 1 == 1 { Format::Markdown } else { Format::Text };
    let Ok(document) = source::decode("fuzz.txt", bytes, format) else { return };
    assert_report_spans(&document.text, &report::parse(&document));
}

fn docx_read(data: &[u8]) {
    let Some(bytes) = fuzzed_docx(data) else { return };
    let Ok(document) = read_with_limits("fuzz.docx", &bytes, &FUZZ_LIMITS) else { return };
    assert_report_spans(&document.text, &report::parse(&document));
}

fn pdf_read(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else { return };
    let bytes = if choice & 1 == 0 { pdf_page(rest) } else { rest.to_vec() };
    let Ok(document) = source::decode("fuzz.pdf", &bytes, Format::Pdf) else { return };
    assert_report_spans(&document.text, &report::parse(&document));
}

/// A stored workbook around `strings` and `sheet`, as the fuzz target builds it.
fn stored_workbook(strings: &[u8], sheet: &[u8]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 5] = [
        (
            "_rels/.rels",
            br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/sharedStrings.xml", strings),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    for (name, bytes) in parts {
        writer.start_file(name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn xlsx_read(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else { return };
    let bytes = if choice & 1 == 0 {
        let mut pieces = rest.splitn(2, |&byte| byte == 0);
        match (pieces.next(), pieces.next()) {
            (Some(strings), Some(sheet)) => stored_workbook(strings, sheet),
            _ => stored_workbook(b"", rest),
        }
    } else {
        rest.to_vec()
    };
    let Ok(document) = source::decode("fuzz.xlsx", &bytes, Format::Xlsx) else { return };
    for anchor in &document.anchors {
        assert_span_inside(&document.text, anchor.span, "anchor");
    }
    assert_report_spans(&document.text, &report::parse(&document));
}

/// Runs `check` on every input of `target`, naming the file that fails.
fn replay(target: &str, check: fn(&[u8])) {
    for (path, data) in inputs(target) {
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails", path.display());
    }
}

#[test]
fn expr_parse_inputs() {
    replay("expr_parse", expr_parse);
}

#[test]
fn pattern_compile_inputs() {
    replay("pattern_compile", pattern_compile);
}

#[test]
fn report_parse_inputs() {
    replay("report_parse", report_parse);
}

#[test]
fn docx_read_inputs() {
    replay("docx_read", docx_read);
}

#[test]
fn docx_annotate_inputs() {
    replay("docx_annotate", docx_annotate::check);
}

#[test]
fn human_render_inputs() {
    replay("human_render", human_render::check);
}

#[test]
fn pdf_read_inputs() {
    replay("pdf_read", pdf_read);
}

#[test]
fn xlsx_read_inputs() {
    replay("xlsx_read", xlsx_read);
}
