//! .xlsx 自评表 end to end: a workbook written here, part by part, read by
//! `source::load` and linted with the Karamay pack; findings name the cell.
//!
//! calamine only reads, so [`Workbook`] writes the few SpreadsheetML parts
//! Excel needs with the `zip` crate: content types, relationships, the
//! workbook, shared strings, a style sheet with a percent and a two-decimal
//! format, and one part per sheet, with its merged ranges.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

use std::io::Write;
use std::path::{Path, PathBuf};

use reportlint::finding::Severity;
use reportlint::lint::{FileOutcome, LintedFile, Linter};
use reportlint::render::{self, HumanOptions};
use reportlint::rules;
use reportlint::source::{self, Block, Format, SourceError};
use zip::write::SimpleFileOptions;

/// A cell value: text, or a number with a style (`s` index of the style sheet).
enum Value {
    Text(&'static str),
    Number(f64, Style),
}

#[derive(Clone, Copy)]
enum Style {
    General = 0,
    Percent = 1,
    TwoDecimals = 2,
}

use Style::{General, Percent, TwoDecimals};
use Value::{Number, Text};

/// Sheets of `(reference, value)` cells, written as an .xlsx.
#[derive(Default)]
struct Workbook {
    sheets: Vec<(&'static str, Vec<(&'static str, Value)>)>,
    /// Merged ranges (`A9:A10`) of each sheet, by its index.
    merged: Vec<(usize, &'static str)>,
}

impl Workbook {
    fn sheet(mut self, name: &'static str, cells: Vec<(&'static str, Value)>) -> Self {
        self.sheets.push((name, cells));
        self
    }

    /// Merges `ranges` in the last sheet added.
    fn merged(mut self, ranges: &[&'static str]) -> Self {
        let sheet = self.sheets.len() - 1;
        self.merged.extend(ranges.iter().map(|range| (sheet, *range)));
        self
    }

    fn bytes(&self) -> Vec<u8> {
        let mut strings: Vec<&str> = Vec::new();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default();
        let mut part = |name: &str, text: &str| {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        let sheet_overrides: String = (1..=self.sheets.len()).map(|index| format!(r#"<Override PartName="/xl/worksheets/sheet{index}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#)).collect();
        part(
            "[Content_Types].xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>{sheet_overrides}</Types>"#
            ),
        );
        part(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        );
        let sheet_entries: String = self
            .sheets
            .iter()
            .enumerate()
            .map(|(index, (name, _))| {
                format!(r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"/>"#, index + 1, index + 1)
            })
            .collect();
        part(
            "xl/workbook.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheet_entries}</sheets></workbook>"#
            ),
        );
        let count = self.sheets.len();
        let sheet_relations: String = (1..=count).map(|index| format!(r#"<Relationship Id="rId{index}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{index}.xml"/>"#)).collect();
        part(
            "xl/_rels/workbook.xml.rels",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{sheet_relations}<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
                count + 1,
                count + 2
            ),
        );
        part(
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#,
        );
        for (index, (_, cells)) in self.sheets.iter().enumerate() {
            let mut rows: Vec<(u32, String)> = Vec::new();
            for (reference, value) in cells {
                let row: u32 = reference.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse().unwrap();
                let cell = match value {
                    Text(text) => {
                        strings.push(text);
                        format!(r#"<c r="{reference}" t="s"><v>{}</v></c>"#, strings.len() - 1)
                    }
                    Number(number, style) => format!(r#"<c r="{reference}" s="{}"><v>{number}</v></c>"#, *style as u8),
                };
                match rows.last_mut() {
                    Some((last, xml)) if *last == row => xml.push_str(&cell),
                    _ => rows.push((row, cell)),
                }
            }
            let data: String = rows.iter().map(|(row, cells)| format!(r#"<row r="{row}">{cells}</row>"#)).collect();
            let ranges: Vec<String> = self
                .merged
                .iter()
                .filter(|(sheet, _)| *sheet == index)
                .map(|(_, range)| format!(r#"<mergeCell ref="{range}"/>"#))
                .collect();
            // The count a file states is not to be trusted: this one lies.
            let merges = if ranges.is_empty() {
                String::new()
            } else {
                format!(r#"<mergeCells count="4294967295">{}</mergeCells>"#, ranges.concat())
            };
            part(
                &format!("xl/worksheets/sheet{}.xml", index + 1),
                &format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData>{merges}</worksheet>"#
                ),
            );
        }
        let items: String = strings.iter().map(|text| format!("<si><t>{text}</t></si>")).collect();
        part(
            "xl/sharedStrings.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{items}</sst>"#,
                strings.len()
            ),
        );
        zip.finish().unwrap().into_inner()
    }

    /// Writes the workbook into a fresh temporary folder.
    fn save(&self, file_name: &str) -> PathBuf {
        let folder = std::env::temp_dir().join(format!("reportlint-xlsx-{}-{file_name}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join(file_name);
        std::fs::write(&path, self.bytes()).unwrap();
        path
    }
}

/// A 自评表 in the Karamay layout: the funding block (执行率 in a percent
/// cell, 471.92 ÷ 486.52), then the indicators. Two mistakes: the weights add
/// up to 95 instead of 100 (F4 + E9..E12), and 惠企政策知晓率 scores 21 of a
/// weight of 20 (G11). Merged as Excel users merge it: the title and the
/// unit's name across the sheet, 部门资金 down the funding rows, 产出指标
/// down its two indicators.
fn score_table() -> Workbook {
    Workbook::default()
        .sheet(
            "Sheet1",
            vec![
                ("A1", Text("部门整体支出绩效自评表")),
                ("A2", Text("部门(单位)名称")),
                ("B2", Text("克拉玛依区示例服务中心")),
                ("A3", Text("部门资金(万元)")),
                ("B3", Text("资金来源")),
                ("C3", Text("年初预算数")),
                ("D3", Text("全年预算数")),
                ("E3", Text("全年执行数")),
                ("F3", Text("分值权重")),
                ("G3", Text("执行率")),
                ("H3", Text("得分")),
                ("B4", Text("年度总资金")),
                ("C4", Number(412.36, TwoDecimals)),
                ("D4", Number(486.52, TwoDecimals)),
                ("E4", Number(471.92, TwoDecimals)),
                ("F4", Number(10.0, General)),
                ("G4", Number(471.92 / 486.52, Percent)),
                ("H4", Number(9.7, General)),
                ("B5", Text("其中：上级安排")),
                ("C5", Number(0.0, TwoDecimals)),
                ("D5", Number(50.0, TwoDecimals)),
                ("E5", Number(48.5, TwoDecimals)),
                ("F5", Text("—")),
                ("G5", Text("—")),
                ("H5", Text("—")),
                ("B6", Text("本级安排")),
                ("C6", Number(412.36, TwoDecimals)),
                ("D6", Number(436.52, TwoDecimals)),
                ("E6", Number(423.42, TwoDecimals)),
                ("F6", Text("—")),
                ("G6", Text("—")),
                ("H6", Text("—")),
                ("B7", Text("其他资金")),
                ("C7", Number(0.0, TwoDecimals)),
                ("D7", Number(0.0, TwoDecimals)),
                ("E7", Number(0.0, TwoDecimals)),
                ("F7", Text("—")),
                ("G7", Text("—")),
                ("H7", Text("—")),
                ("A8", Text("一级指标")),
                ("B8", Text("二级指标")),
                ("C8", Text("三级指标")),
                ("D8", Text("指标值")),
                ("E8", Text("分值权重")),
                ("F8", Text("实际完成值")),
                ("G8", Text("得分")),
                ("A9", Text("产出指标")),
                ("B9", Text("数量指标")),
                ("C9", Text("业务培训场次")),
                ("D9", Text("≥12次")),
                ("E9", Number(30.0, General)),
                ("F9", Text("14次")),
                ("G9", Number(30.0, General)),
                ("B10", Text("质量指标")),
                ("C10", Text("培训考核合格率")),
                ("D10", Text("≥95%")),
                ("E10", Number(20.0, General)),
                ("F10", Number(0.97, Percent)),
                ("G10", Number(20.0, General)),
                ("A11", Text("效益指标")),
                ("B11", Text("社会效益指标")),
                ("C11", Text("惠企政策知晓率")),
                ("D11", Text("≥85%")),
                ("E11", Number(20.0, General)),
                ("F11", Text("80%")),
                ("G11", Number(21.0, General)),
                ("A12", Text("满意度指标")),
                ("B12", Text("服务对象满意度")),
                ("C12", Text("参训人员满意度")),
                ("D12", Text("≥90%")),
                ("E12", Number(15.0, General)),
                ("F12", Text("96%")),
                ("G12", Number(15.0, General)),
            ],
        )
        .merged(&["A1:H1", "B2:H2", "A3:A7", "A9:A10"])
}

fn lint(path: &Path) -> LintedFile {
    let linter = Linter::new(rules::load_embedded().unwrap()).with_pack("xinjiang-karamay").unwrap();
    match linter.lint_path(path) {
        FileOutcome::Linted(file) => file,
        FileOutcome::Failed(failed) => panic!("{}: {}", failed.path, failed.error),
    }
}

#[test]
fn score_table_reads_as_the_cells_show() {
    let path = score_table().save("自评表.xlsx");
    let document = source::load(&path).unwrap();
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    assert_eq!(document.format, Format::Xlsx);
    let lines: Vec<&str> = document.text.lines().collect();
    assert_eq!(lines[0], "Sheet1");
    assert_eq!(lines[4], "\t年度总资金\t412.36\t486.52\t471.92\t10\t97.00%\t9.7");
    assert_eq!(lines[10], "\t质量指标\t培训考核合格率\t≥95%\t20\t97.00%\t20");
    assert!(matches!(document.blocks[0], Block::Paragraph(_)));
    let Block::Table(table) = &document.blocks[1] else { panic!("{:?}", document.blocks[1]) };
    assert_eq!(table.rows.len(), 12);
    let rate = document.text.find("97.00%").unwrap();
    assert_eq!(document.anchor_at(rate + 2).map(|anchor| anchor.name.as_str()), Some("Sheet1!G4"));
    assert!(document.anchor_at(document.text.find("\t年度").unwrap()).is_none(), "A4 is empty");
    // Merged ranges: the top-left cell covers the range; the rest are no cells.
    let extent = |row: usize, column: usize| {
        let cell = table.rows[row].cells.iter().find(|cell| cell.column == column)?;
        Some((&document.text[cell.span.start..cell.span.end], cell.width, cell.height))
    };
    assert_eq!(extent(0, 0), Some(("部门整体支出绩效自评表", 8, 1)));
    assert_eq!(table.rows[0].cells.len(), 1);
    assert_eq!(extent(1, 1), Some(("克拉玛依区示例服务中心", 7, 1)));
    assert_eq!(extent(2, 0), Some(("部门资金(万元)", 1, 5)));
    assert_eq!(extent(8, 0), Some(("产出指标", 1, 2)));
    for row in [3, 4, 5, 6, 9] {
        assert!(table.rows[row].cell_at(0).is_none(), "row {row}: A is covered from above");
        assert_eq!(extent(row, 1).map(|(_, width, height)| (width, height)), Some((1, 1)));
    }
    assert_eq!(extent(10, 0), Some(("效益指标", 1, 1)));
}

#[test]
fn score_table_findings_name_their_cell() {
    let path = score_table().save("克拉玛依区自评表.xlsx");
    let file = lint(&path);
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    let errors: Vec<(&str, &str)> = file
        .findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(|finding| {
            let span = finding.primary.as_ref().map(|label| label.span.start).unwrap();
            (finding.rule.as_str(), file.document.anchor_at(span).map_or("—", |anchor| anchor.name.as_str()))
        })
        .collect();
    assert_eq!(errors, [("scorecard-weights-total", "Sheet1!F4"), ("scorecard-score-cap", "Sheet1!G11")]);

    let outcomes = [FileOutcome::Linted(file)];
    let json: serde_json::Value =
        serde_json::from_str(&render::json(&outcomes, &render::JsonOptions::default())).unwrap();
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let weights = findings.iter().find(|finding| finding["rule"] == "scorecard-weights-total").unwrap();
    assert_eq!(weights["location"], "Sheet1!F4");
    assert_eq!(weights["actual"], "95");
    let related: Vec<&str> =
        weights["related"].as_array().unwrap().iter().map(|entry| entry["location"].as_str().unwrap()).collect();
    assert_eq!(related, ["Sheet1!E9", "Sheet1!E10", "Sheet1!E11", "Sheet1!E12"]);
    // A spreadsheet holds the score table only: outline checks do not apply.
    assert!(findings.iter().all(|finding| finding["rule"] != "required-sections"), "{findings:?}");

    let human = render::human(&outcomes, &HumanOptions { color: false, width: 120, verbose: false, hidden: 0 });
    assert!(human.contains("（Sheet1!G11）"), "{human}");
}

#[test]
fn sheets_follow_one_another_with_their_own_anchors() {
    let workbook = Workbook::default()
        .sheet("Sheet1", vec![("B2", Text("资金来源")), ("D2", Number(0.6848, Percent))])
        .sheet("2023年 说明", vec![("A1", Text("填表说明")), ("C3", Number(353.21, General))]);
    let document = source::decode("两表.xlsx", &workbook.bytes(), Format::Xlsx).unwrap();
    assert_eq!(document.text, "Sheet1\n资金来源\t\t68.48%\n\n2023年 说明\n填表说明\n\t\t353.21\n");
    let names: Vec<&str> = document.anchors.iter().map(|anchor| anchor.name.as_str()).collect();
    assert_eq!(names, ["Sheet1!B2", "Sheet1!D2", "'2023年 说明'!A1", "'2023年 说明'!C3"]);
    let tables = document.blocks.iter().filter(|block| matches!(block, Block::Table(_))).count();
    assert_eq!(tables, 2);
}

#[test]
fn corrupt_workbook_is_a_source_error() {
    let mut bytes = score_table().bytes();
    bytes.truncate(bytes.len() / 2);
    let error = source::decode("坏表.xlsx", &bytes, Format::Xlsx).unwrap_err();
    assert!(matches!(error, SourceError::Spreadsheet { .. }), "{error:?}");
    assert!(error.to_string().starts_with("无法读取 Excel 表格"), "{error}");
    let not_zip = source::decode("假表.xlsx", "部门整体支出绩效自评表".as_bytes(), Format::Xlsx);
    assert!(matches!(not_zip, Err(SourceError::Spreadsheet { .. })));
    let empty = Workbook::default().sheet("Sheet1", Vec::new()).bytes();
    assert!(matches!(source::decode("空表.xlsx", &empty, Format::Xlsx), Err(SourceError::Empty)));
}

#[test]
fn merged_ranges_keep_the_text_and_hostile_ones_stay_bounded() {
    let cells = || {
        vec![("A1", Text("一级指标")), ("B1", Text("指标值")), ("A2", Text("产出指标")), ("C3", Number(20.0, General))]
    };
    let plain = source::decode("表.xlsx", &Workbook::default().sheet("Sheet1", cells()).bytes(), Format::Xlsx).unwrap();
    // The whole sheet as one range, then ranges that overlap it, which Excel never writes.
    let hostile = Workbook::default().sheet("Sheet1", cells()).merged(&["A1:XFD1048576", "B1:C1", "A2:A3"]);
    let document = source::decode("表.xlsx", &hostile.bytes(), Format::Xlsx).unwrap();
    assert_eq!(document.text, plain.text);
    assert_eq!(document.anchors, plain.anchors);
    let Block::Table(table) = &document.blocks[1] else { panic!("{:?}", document.blocks) };
    let cells: Vec<(usize, usize, usize, usize)> = table
        .rows
        .iter()
        .enumerate()
        .flat_map(|(row, cells)| cells.cells.iter().map(move |cell| (row, cell.column, cell.width, cell.height)))
        .collect();
    assert_eq!(cells, [(0, 0, 16_384, 3)]);
}
