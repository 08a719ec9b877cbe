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
use reportlint::source::{self, Block, Document, Format, SourceError, Table};
use reportlint::span::Span;
use writer::{Body, bomb, bomb_size, cell, cell_with, package};

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

/// Each row of a table as its cells, `column:text`, with `(width×height)`
/// for a merged cell.
fn grid(document: &Document, table: &Table) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|cell| {
                    let extent = if (cell.width, cell.height) == (1, 1) {
                        String::new()
                    } else {
                        format!("({}×{})", cell.width, cell.height)
                    };
                    format!("{}:{}{extent}", cell.column, slice(document, cell.span))
                })
                .collect();
            cells.join(" ")
        })
        .collect()
}

fn tables(document: &Document) -> Vec<&Table> {
    document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            Block::Paragraph(_) => None,
        })
        .collect()
}

#[test]
fn a_table_with_merged_cells_keeps_its_columns() {
    let table = writer::table(&[
        [cell("", "一级指标"), cell("", "分值"), cell("", "得分")].concat(),
        [cell(r#"<w:vMerge w:val="restart"/>"#, "产出指标"), cell(r#"<w:gridSpan w:val="2"/>"#, "共 50 分")].concat(),
        [cell("<w:vMerge/>", ""), cell("", "30"), cell("", "28.5")].concat(),
    ]);
    let document = read(&Body::new().paragraph("表1").raw(&table).paragraph("说明。").docx());
    assert_eq!(document.text, "表1\n一级指标\t分值\t得分\n产出指标\t共 50 分\t\n\t30\t28.5\n说明。");
    assert_eq!(blocks(&document), ["表1", "[一级指标|分值|得分][产出指标|共 50 分][30|28.5]", "说明。"]);
    let Block::Table(table) = &document.blocks[1] else { panic!("{:?}", document.blocks) };
    assert_eq!(slice(&document, table.span), "一级指标\t分值\t得分\n产出指标\t共 50 分\t\n\t30\t28.5");
    assert_eq!(slice(&document, table.rows[2].span), "\t30\t28.5");
    assert_eq!(grid(&document, table), ["0:一级指标 1:分值 2:得分", "0:产出指标(1×2) 1:共 50 分(2×1)", "1:30 2:28.5"]);
}

/// The indicator block of a 项目支出绩效自评表 as Word draws it: 指标值 over
/// two columns, 一级指标 merged down over its indicators, a total row.
#[test]
fn a_score_table_reads_with_its_merged_cells() {
    let span = |columns: usize| format!(r#"<w:gridSpan w:val="{columns}"/>"#);
    let restart = r#"<w:vMerge w:val="restart"/>"#;
    let table = writer::table(&[
        [cell("", "一级指标"), cell("", "二级指标"), cell("", "三级指标"), cell(&span(2), "指标值")]
            .into_iter()
            .chain([cell("", "分值"), cell("", "得分")])
            .collect(),
        [cell("", ""), cell("", ""), cell("", ""), cell("", "年度目标"), cell("", "实际完成")]
            .into_iter()
            .chain([cell("", ""), cell("", "")])
            .collect(),
        [cell(restart, "产出指标"), cell("", "数量指标"), cell("", "培训场次"), cell("", "≥12次"), cell("", "14次")]
            .into_iter()
            .chain([cell("", "20"), cell("", "20")])
            .collect(),
        [cell("<w:vMerge/>", ""), cell("", "质量指标"), cell("", "考核合格率"), cell("", "≥95%"), cell("", "97%")]
            .into_iter()
            .chain([cell("", "20"), cell("", "20")])
            .collect(),
        [cell(r#"<w:vMerge w:val="continue"/>"#, ""), cell("", "时效指标"), cell("", "按期完成率")]
            .into_iter()
            .chain([cell("", "100%"), cell("", "100%"), cell("", "10"), cell("", "10")])
            .collect(),
        [cell("", "效益指标"), cell("", "社会效益指标"), cell("", "政策知晓率"), cell("", "≥85%"), cell("", "88%")]
            .into_iter()
            .chain([cell("", "50"), cell("", "48")])
            .collect(),
        [cell(&span(5), "总分"), cell("", "100"), cell("", "98")].concat(),
    ]);
    let document = read(&Body::new().paragraph("项目支出绩效自评表").raw(&table).docx());
    let lines: Vec<&str> = document.text.lines().collect();
    assert_eq!(lines[1], "一级指标\t二级指标\t三级指标\t指标值\t\t分值\t得分");
    assert_eq!(lines[4], "\t质量指标\t考核合格率\t≥95%\t97%\t20\t20");
    assert_eq!(lines[7], "总分\t\t\t\t\t100\t98");
    let tables = tables(&document);
    let [table] = tables.as_slice() else { panic!("{:?}", document.blocks) };
    assert_eq!(
        grid(&document, table),
        [
            "0:一级指标 1:二级指标 2:三级指标 3:指标值(2×1) 5:分值 6:得分",
            "0: 1: 2: 3:年度目标 4:实际完成 5: 6:",
            "0:产出指标(1×3) 1:数量指标 2:培训场次 3:≥12次 4:14次 5:20 6:20",
            "1:质量指标 2:考核合格率 3:≥95% 4:97% 5:20 6:20",
            "1:时效指标 2:按期完成率 3:100% 4:100% 5:10 6:10",
            "0:效益指标 1:社会效益指标 2:政策知晓率 3:≥85% 4:88% 5:50 6:48",
            "0:总分(5×1) 5:100 6:98",
        ]
    );
    // Covered from the left: no cell of its own, the origin covers it.
    let text_at = |row: usize, column: usize| table.rows[row].cell_at(column).map(|cell| slice(&document, cell.span));
    assert_eq!(text_at(0, 4), Some("指标值"));
    assert_eq!(text_at(6, 3), Some("总分"));
    // Covered from above: nothing starts in the row.
    assert_eq!((text_at(3, 0), text_at(4, 0)), (None, None));
    for (row, column) in [(0, 4), (3, 0), (4, 0), (6, 1), (6, 4)] {
        assert!(table.rows[row].cells.iter().all(|cell| cell.column != column), "row {row} column {column}");
    }
}

#[test]
fn a_nested_table_is_a_table_block_after_its_own() {
    let inner = writer::table(&[
        [cell("", "资金来源"), cell("", "金额")].concat(),
        [
            cell("", "财政拨款"),
            cell_with(
                "",
                &format!(
                    "<w:p>{}</w:p>{}",
                    writer::run("80.00"),
                    writer::table(&[[cell("", "其中"), cell("", "本级")].concat()])
                ),
            ),
        ]
        .concat(),
        [cell(r#"<w:gridSpan w:val="2"/>"#, "合计 80.00")].concat(),
    ]);
    let outer = writer::table(&[
        [cell("", "项目名称"), cell("", "培训项目")].concat(),
        [cell("", "资金情况"), cell_with("", &format!("<w:p>{}</w:p>{inner}", writer::run("单位：万元")))].concat(),
    ]);
    let document = read(&Body::new().raw(&outer).paragraph("二、绩效目标。").docx());
    assert_eq!(
        document.text,
        "项目名称\t培训项目\n资金情况\t单位：万元 资金来源 金额 财政拨款 80.00 其中 本级 合计 80.00\n二、绩效目标。"
    );
    let tables = tables(&document);
    let [outer, nested, deepest] = tables.as_slice() else { panic!("{:?}", document.blocks) };
    assert_eq!(
        grid(&document, outer),
        ["0:项目名称 1:培训项目", "0:资金情况 1:单位：万元 资金来源 金额 财政拨款 80.00 其中 本级 合计 80.00"]
    );
    assert_eq!(grid(&document, nested), ["0:资金来源 1:金额", "0:财政拨款 1:80.00 其中 本级", "0:合计 80.00(2×1)"]);
    assert_eq!(grid(&document, deepest), ["0:其中 1:本级"]);
    assert_eq!(slice(&document, nested.rows[1].span), "财政拨款 80.00 其中 本级");
    assert_eq!(slice(&document, nested.span), "资金来源 金额 财政拨款 80.00 其中 本级 合计 80.00");
    // Blocks: the outer table, its nested tables in the order they open, then the paragraph.
    assert!(matches!(document.blocks.last(), Some(Block::Paragraph(_))));
    assert_eq!(document.blocks.len(), 4);
    let line = document.text.lines().nth(1).unwrap();
    assert!(line.contains("合计 80.00"), "the outer row stays on one line");
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
            // A probable table whose lines are paragraphs too: those follow.
            Block::Table(table) if table.prose => continue,
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
