//! Reading .docx reports (issue 4), end to end.
//!
//! Input: packages written by the test itself ([`writer`]): paragraphs and
//! runs, tabs, merged table cells, tracked changes, headers and footers, and
//! hostile files (a zip bomb, a DTD with an external entity, deep nesting,
//! truncated bytes). Output: the document text, its blocks and their exact
//! spans, or the error. The acceptance test rebuilds each seed report as a
//! Word document and checks that it lints to the same findings as its text.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

#[path = "docx/writer.rs"]
mod writer;

use std::path::{Path, PathBuf};

use reportlint::lint::{FileOutcome, Linter};
use reportlint::rules;
use reportlint::source::docx::{self, Limits};
use reportlint::source::{self, Block, Document, Format, SourceError};
use reportlint::span::Span;
use writer::{Body, bomb, bomb_size, package};

fn read(bytes: &[u8]) -> Document {
    docx::read("报告.docx", bytes).unwrap()
}

fn slice(document: &Document, span: Span) -> &str {
    &document.text[span.start..span.end]
}

/// Paragraph blocks as their text; a table as `[a|b]` rows.
fn blocks(document: &Document) -> Vec<String> {
    document
        .blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(span) => slice(document, *span).to_string(),
            Block::Table(table) => table
                .rows
                .iter()
                .map(|row| {
                    let cells: Vec<&str> = row.cells.iter().map(|cell| slice(document, cell.span)).collect();
                    format!("[{}]", cells.join("|"))
                })
                .collect(),
        })
        .collect()
}

#[test]
fn paragraphs_are_lines_and_split_runs_are_joined() {
    let document = read(
        &Body::new().paragraph("一、部门基本情况").paragraph("").runs(&["年初预算数为", "775.", "45", "万元。"]).docx(),
    );
    assert_eq!(document.format, Format::Docx);
    assert_eq!(document.text, "一、部门基本情况\n\n年初预算数为775.45万元。");
    assert_eq!(blocks(&document), ["一、部门基本情况", "年初预算数为775.45万元。"]);
}

#[test]
fn a_tab_stays_inside_its_paragraph() {
    let document = read(&Body::new().paragraph("项目名称\t办公设备购置").docx());
    assert_eq!(document.text, "项目名称\t办公设备购置");
    assert_eq!(document.blocks, [Block::Paragraph(Span::new(0, document.text.len()))]);
}

#[test]
fn a_table_with_merged_cells_keeps_its_columns() {
    let cell = |properties: &str, text: &str| {
        format!("<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{}</w:p></w:tc>", writer::run(text))
    };
    let table = format!(
        "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        cell("", "一级指标"),
        cell("", "分值"),
        cell("", "得分"),
        cell(r#"<w:vMerge w:val="restart"/>"#, "产出指标"),
        cell(r#"<w:gridSpan w:val="2"/>"#, "共 50 分"),
        cell("<w:vMerge/>", ""),
        cell("", "30"),
        cell("", "28.5"),
    );
    let document = read(&Body::new().paragraph("表1").raw(&table).paragraph("说明。").docx());
    assert_eq!(document.text, "表1\n一级指标\t分值\t得分\n产出指标\t共 50 分\t\n\t30\t28.5\n说明。");
    assert_eq!(blocks(&document), ["表1", "[一级指标|分值|得分][产出指标|共 50 分|][|30|28.5]", "说明。"]);
    let Block::Table(table) = &document.blocks[1] else { panic!("{:?}", document.blocks) };
    assert_eq!(slice(&document, table.span), "一级指标\t分值\t得分\n产出指标\t共 50 分\t\n\t30\t28.5");
    assert_eq!(slice(&document, table.rows[2].span), "\t30\t28.5");
}

#[test]
fn tracked_changes_read_as_accepted() {
    let body = Body::new().raw(concat!(
        "<w:p><w:r><w:t>资金执行率为</w:t></w:r>",
        r#"<w:del w:id="1" w:author="复核"><w:r><w:delText>100%</w:delText></w:r></w:del>"#,
        r#"<w:ins w:id="2" w:author="复核"><w:r><w:t>84.99%</w:t></w:r></w:ins>"#,
        "<w:r><w:t>。</w:t></w:r></w:p>",
    ));
    assert_eq!(read(&body.docx()).text, "资金执行率为84.99%。");
}

#[test]
fn headers_and_footers_are_not_report_text() {
    let body = Body::new().paragraph("正文第一段。");
    let document = read(&package(&body.document_xml(), Some("第 1 页 共 9 页")));
    assert_eq!(document.text, "正文第一段。");
}

#[test]
fn a_zip_bomb_is_refused() {
    // 1 GiB of spaces in 6.5 MB.
    let matches = 4_200_000;
    let size = u32::try_from(bomb_size(matches)).unwrap();
    let honest = bomb(matches, size);
    assert!(honest.len() < 8 << 20);
    let error = docx::read("炸弹.docx", &honest).unwrap_err();
    assert!(matches!(error, SourceError::TooLarge { limit } if limit == 64 << 20), "{error:?}");
    // A header that claims a small part: inflating stops where it claims to end.
    let lying = bomb(matches, 4096);
    let error = docx::read("炸弹.docx", &lying).unwrap_err();
    assert!(matches!(&error, SourceError::Docx { detail } if detail.contains("损坏")), "{error:?}");
    // Under a lower limit, a smaller bomb counts the same way.
    let limits = Limits { max_decompressed_bytes: 1 << 20, ..Limits::default() };
    let error = docx::read_with_limits("炸弹.docx", &bomb(10_000, 2_580_001), &limits).unwrap_err();
    assert!(matches!(error, SourceError::TooLarge { limit } if limit == 1 << 20), "{error:?}");
}

#[test]
fn entities_of_a_doctype_are_never_resolved() {
    let secret = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx-entity-secret.txt");
    std::fs::write(&secret, "外部文件的内容").unwrap();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE w:document [
  <!ENTITY secret SYSTEM "file://{}">
  <!ENTITY laugh "哈哈哈哈哈哈哈哈">
  <!ENTITY laughs "&laugh;&laugh;&laugh;&laugh;&laugh;&laugh;&laugh;&laugh;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>开头&secret;&laughs;结尾</w:t></w:r></w:p>
</w:body></w:document>"#,
        secret.display()
    );
    let document = read(&package(&xml, None));
    assert_eq!(document.text, "开头结尾");
}

#[test]
fn deep_nesting_is_an_error() {
    let xml = Body::new().raw(&format!("{}{}", "<w:sdt>".repeat(100_000), "</w:sdt>".repeat(100_000))).document_xml();
    let error = docx::read("深.docx", &package(&xml, None)).unwrap_err();
    assert!(matches!(&error, SourceError::Docx { detail } if detail.contains("256")), "{error:?}");
}

#[test]
fn truncated_or_damaged_files_are_errors_not_panics() {
    let bytes =
        Body::new().paragraph("一、绩效目标完成情况。").table(&[vec!["指标", "分值"], vec!["数量", "10"]]).docx();
    for length in 0..bytes.len() {
        let result = docx::read("残缺.docx", &bytes[..length]);
        assert!(result.is_err(), "{length} of {} bytes read as a document", bytes.len());
    }
    for at in (0..bytes.len()).step_by(7) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x5a;
        // Either outcome is fine (a flipped date still opens); a panic is not.
        let _ = docx::read("损坏.docx", &damaged);
    }
    assert!(matches!(docx::read("空.docx", b""), Err(SourceError::Empty)));
    assert!(matches!(docx::read("文本.docx", "一、概况".as_bytes()), Err(SourceError::Docx { .. })));
}

#[test]
fn load_reads_a_docx_path() {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx-load.docx");
    std::fs::write(&path, Body::new().paragraph("二、绩效目标。").docx()).unwrap();
    let document = source::load(&path).unwrap();
    assert_eq!((document.format, document.text.as_str()), (Format::Docx, "二、绩效目标。"));
}

// ── acceptance over the seeds ──────────────────────────────────────────────

/// Each seed, rebuilt as a Word document (its paragraph lines as paragraphs,
/// its tables as Word tables), lints to the findings of its text: the same
/// rules, severities, expected and reported values. Lines may differ.
#[test]
fn seeds_as_docx_lint_like_their_text() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !folder.is_dir() {
        eprintln!("note: {} not found; docx seed acceptance skipped", folder.display());
        return;
    }
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", folder.display());
    let linter = Linter::new(rules::load_embedded().unwrap());
    for seed in seeds {
        let stem = seed.file_stem().unwrap().to_string_lossy().to_string();
        let text = lint(&linter, &seed);
        let word = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{stem}.docx"));
        std::fs::write(&word, as_docx(&source::load(&seed).unwrap()).docx()).unwrap();
        let docx = lint(&linter, &word);
        assert_eq!(docx.0, text.0, "{stem}: pack");
        assert!(
            docx.1 == text.1,
            "{stem}: findings differ\n── text ──\n{}\n── docx ──\n{}",
            text.1.join("\n"),
            docx.1.join("\n")
        );
    }
}

/// The pack and the sorted findings as `rule severity expected actual`.
fn lint(linter: &Linter, path: &Path) -> (String, Vec<String>) {
    let FileOutcome::Linted(file) = linter.lint_path(path) else { panic!("{} could not be read", path.display()) };
    let mut findings: Vec<String> = file
        .findings
        .iter()
        .map(|finding| {
            let expected = finding.expected.as_deref().unwrap_or("—");
            let actual = finding.actual.as_deref().unwrap_or("—");
            format!("{} {} {expected} {actual}", finding.rule, finding.severity.as_str())
        })
        .collect();
    findings.sort();
    (file.pack, findings)
}

/// A text document's blocks as Word would hold them; blank lines between
/// blocks become empty paragraphs, so paragraph lines keep their numbers.
fn as_docx(document: &Document) -> Body {
    let text = &document.text;
    let mut body = Body::new();
    let mut previous_end = 0;
    for block in &document.blocks {
        let start = match block {
            Block::Paragraph(span) => span.start,
            Block::Table(table) => table.span.start,
        };
        // The line breaks before the block, less the one ending the previous.
        let breaks = text[previous_end..start].matches('\n').count();
        for _ in usize::from(previous_end > 0)..breaks {
            body = body.paragraph("");
        }
        match block {
            Block::Paragraph(span) => {
                body = body.paragraph(&text[span.start..span.end]);
                previous_end = span.end;
            }
            Block::Table(table) => {
                let rows: Vec<Vec<&str>> = table
                    .rows
                    .iter()
                    .map(|row| row.cells.iter().map(|cell| &text[cell.span.start..cell.span.end]).collect())
                    .collect();
                body = body.table(&rows);
                previous_end = table.span.end;
            }
        }
    }
    body
}
