#![allow(
    clippy::arithmetic_side_effects,
    clippy::string_slice,
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests may panic by design"
)]

//! End to end: a workbook with wrong figures is linted, commented, and the
//! copy read back as a reader and as Excel's parts.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use zip::ZipArchive;
use zip::write::SimpleFileOptions;

use super::*;
use crate::finding::Severity;
use crate::lint::{FileOutcome, LintedFile, Linter};
use crate::source::{Format, decode};

pub(super) const SHEET_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/// A cell: a reference and its text or number.
pub(super) type Cells = [(&'static str, &'static str)];

/// A workbook of one sheet, `Sheet1`, whose cells are numbers when they
/// parse as one and shared strings otherwise; `note` adds an author's note
/// (`张会计`) as Excel writes it, with its drawing.
pub(super) fn workbook(cells: &Cells, note: Option<(&str, &str)>) -> Vec<u8> {
    let mut strings = Vec::new();
    let mut rows: BTreeMap<u32, String> = BTreeMap::new();
    for (reference, value) in cells {
        let row = super::cells::Cell::parse(reference).unwrap().row + 1;
        let cell = if value.parse::<f64>().is_ok() {
            format!(r#"<c r="{reference}"><v>{value}</v></c>"#)
        } else {
            strings.push(*value);
            format!(r#"<c r="{reference}" t="s"><v>{}</v></c>"#, strings.len() - 1)
        };
        rows.entry(row).or_default().push_str(&cell);
    }
    let data: String = rows.iter().map(|(row, cells)| format!(r#"<row r="{row}">{cells}</row>"#)).collect();
    let items: String = strings.iter().map(|text| format!("<si><t>{text}</t></si>")).collect();
    let legacy = if note.is_some() { r#"<legacyDrawing r:id="rId2"/>"# } else { "" };
    let mut parts = vec![
        ("[Content_Types].xml".to_string(), format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{}<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>{}</Types>"#,
            if note.is_some() { r#"<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>"# } else { "" },
            if note.is_some() { r#"<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>"# } else { "" })),
        ("_rels/.rels".to_string(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml".to_string(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels".to_string(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml".to_string(), format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>{data}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>{legacy}<tableParts count="0"/></worksheet>"#)),
        ("xl/sharedStrings.xml".to_string(), format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{items}</sst>"#, strings.len())),
    ];
    if let Some((reference, text)) = note {
        let cell = super::cells::Cell::parse(reference).unwrap();
        parts.push(("xl/worksheets/_rels/sheet1.xml.rels".to_string(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>"#.to_string()));
        parts.push(("xl/comments1.xml".to_string(), format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>张会计</author></authors><commentList><comment ref="{reference}" authorId="0"><text><r><rPr><b/><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t>张会计:</t></r><r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">
{text}</t></r></text></comment></commentList></comments>"#)));
        parts.push((
            "xl/drawings/vmlDrawing1.vml".to_string(),
            format!(
                r##"<xml xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
 <o:shapelayout v:ext="edit">
  <o:idmap v:ext="edit" data="1"/>
 </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
  path="m,l,21600r21600,l21600,xe">
  <v:stroke joinstyle="miter"/>
  <v:path gradientshapeok="t" o:connecttype="rect"/>
 </v:shapetype><v:shape id="_x0000_s1025" type="#_x0000_t202" style='position:absolute;
  margin-left:107.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;
  visibility:hidden' fillcolor="infoBackground [80]" o:insetmode="auto">
  <v:fill color2="infoBackground [80]"/>
  <v:shadow color="none [81]" obscured="t"/>
  <v:path o:connecttype="none"/>
  <v:textbox style='mso-direction-alt:auto'>
   <div style='text-align:left'></div>
  </v:textbox>
  <x:ClientData ObjectType="Note">
   <x:MoveWithCells/>
   <x:SizeWithCells/>
   <x:AutoFill>False</x:AutoFill>
   <x:Row>{}</x:Row>
   <x:Column>{}</x:Column>
  </x:ClientData>
 </v:shape></xml>"##,
                cell.row, cell.column
            ),
        ));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The Karamay 自评表's funding row and indicators: the weights add up to
/// 95 (F4 with E9..E12), and 惠企政策知晓率 scores 21 of 20 (G11).
pub(super) const SCORE_TABLE: &Cells = &[
    ("A1", "部门整体支出绩效自评表"),
    ("A3", "部门资金(万元)"),
    ("B3", "资金来源"),
    ("C3", "年初预算数"),
    ("D3", "全年预算数"),
    ("E3", "全年执行数"),
    ("F3", "分值权重"),
    ("G3", "执行率"),
    ("H3", "得分"),
    ("B4", "年度总资金"),
    ("C4", "412.36"),
    ("D4", "486.52"),
    ("E4", "471.92"),
    ("F4", "10"),
    ("G4", "97.00%"),
    ("H4", "9.7"),
    ("A8", "一级指标"),
    ("B8", "二级指标"),
    ("C8", "三级指标"),
    ("D8", "指标值"),
    ("E8", "分值权重"),
    ("F8", "实际完成值"),
    ("G8", "得分"),
    ("A9", "产出指标"),
    ("B9", "数量指标"),
    ("C9", "业务培训场次"),
    ("D9", "≥12次"),
    ("E9", "30"),
    ("F9", "14次"),
    ("G9", "30"),
    ("B10", "质量指标"),
    ("C10", "培训考核合格率"),
    ("D10", "≥95%"),
    ("E10", "20"),
    ("F10", "97%"),
    ("G10", "20"),
    ("A11", "效益指标"),
    ("B11", "社会效益指标"),
    ("C11", "惠企政策知晓率"),
    ("D11", "≥85%"),
    ("E11", "20"),
    ("F11", "80%"),
    ("G11", "21"),
    ("A12", "满意度指标"),
    ("B12", "服务对象满意度"),
    ("C12", "参训人员满意度"),
    ("D12", "≥90%"),
    ("E12", "15"),
    ("F12", "96%"),
    ("G12", "15"),
];

pub(super) fn lint(bytes: &[u8]) -> LintedFile {
    let linter = Linter::new(crate::rules::load_embedded().unwrap()).with_pack("xinjiang-karamay").unwrap();
    match linter.lint_bytes("自评表.xlsx", bytes, Format::Xlsx) {
        FileOutcome::Linted(file) => file,
        FileOutcome::Failed(failed) => panic!("{}", failed.error),
    }
}

/// Lints and comments `bytes`: the copy, its comment count and the file.
pub(super) fn review(bytes: &[u8]) -> (Vec<u8>, usize, LintedFile) {
    let file = lint(bytes);
    let findings: Vec<&Finding> = file.findings.iter().filter(|finding| finding.severity != Severity::Info).collect();
    let (copy, count) = annotate(bytes, &file.document, &findings).unwrap();
    (copy, count, file)
}

/// Every entry of a package: its name and its stored (compressed) bytes.
pub(super) fn stored(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index_raw(index).unwrap();
            let mut raw = Vec::new();
            entry.read_to_end(&mut raw).unwrap();
            (entry.name().unwrap().into_owned(), raw)
        })
        .collect()
}

pub(super) fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The comments of a comments part: (ref, author, text of all runs).
pub(super) fn comments(text: &str) -> Vec<(String, String, String)> {
    let found = xml::elements("comments", text, usize::MAX, true).unwrap();
    let authors: Vec<&str> = found.iter().filter(|e| e.local == "author").map(|e| e.text.as_str()).collect();
    let comments: Vec<&xml::Element> = found.iter().filter(|e| e.local == "comment").collect();
    comments
        .iter()
        .map(|comment| {
            let text: String = found
                .iter()
                .filter(|e| e.local == "t" && e.start > comment.start && e.end < comment.end)
                .map(|e| e.text.as_str())
                .collect();
            let author = authors[comment.attribute("authorId").unwrap().parse::<usize>().unwrap()];
            (comment.attribute("ref").unwrap().to_string(), author.to_string(), text)
        })
        .collect()
}

fn expected_text(file: &LintedFile, cell: &str) -> String {
    let paragraphs: Vec<String> = file
        .findings
        .iter()
        .filter(|finding| finding.severity != Severity::Info)
        .filter(|finding| {
            let anchor = finding.primary.as_ref().and_then(|label| file.document.anchor_at(label.span.start));
            anchor.map(|anchor| anchor.name.as_str()) == Some(&format!("Sheet1!{cell}"))
        })
        .map(|finding| crate::annotate::note::paragraphs(finding, &file.document).join("\n"))
        .collect();
    format!("reportlint：\n{}", paragraphs.join("\n\n"))
}

#[test]
fn each_finding_cell_gets_one_note_with_the_words_of_its_findings() {
    let original = workbook(SCORE_TABLE, None);
    let (copy, count, file) = review(&original);
    let rules: Vec<(&str, Severity)> = file.findings.iter().map(|f| (f.rule.as_str(), f.severity)).collect();
    assert!(rules.contains(&("scorecard-weights-total", Severity::Error)), "{rules:?}");
    let comments = comments(&part(&copy, "xl/comments1.xml"));
    let cells: Vec<&str> = comments.iter().map(|(cell, _, _)| cell.as_str()).collect();
    assert_eq!(cells, ["F4", "G11"], "{rules:?}");
    assert_eq!(count, 2);
    for (cell, author, text) in &comments {
        assert_eq!(author, "reportlint");
        assert_eq!(text, &expected_text(&file, cell));
    }
    assert!(comments[0].2.contains("检查：scorecard-weights-total"), "{}", comments[0].2);

    // The reader reads the copy as the original.
    let again = decode("自评表.xlsx", &copy, Format::Xlsx).unwrap();
    assert_eq!(again.text, file.document.text);
    assert_eq!(again.anchors, file.document.anchors);

    // Untouched parts are stored as they were; the changed ones only gain.
    let (before, after) = (stored(&original), stored(&copy));
    let changed = ["[Content_Types].xml", "xl/worksheets/sheet1.xml"];
    for (name, raw) in &before {
        if !changed.contains(&name.as_str()) {
            assert_eq!(after.get(name), Some(raw), "{name}");
        }
    }
    let mut added: Vec<&str> = after.keys().filter(|name| !before.contains_key(*name)).map(String::as_str).collect();
    added.sort_unstable();
    assert_eq!(added, ["xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", "xl/worksheets/_rels/sheet1.xml.rels"]);
    let sheet = part(&copy, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><legacyDrawing r:id="rId2"/><tableParts"#), "{sheet}");
    assert_eq!(sheet.replace(r#"<legacyDrawing r:id="rId2"/>"#, ""), part(&original, "xl/worksheets/sheet1.xml"));
    let types = part(&copy, "[Content_Types].xml");
    assert!(types.contains(r#"<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>"#), "{types}");
    let rels = part(&copy, "xl/worksheets/_rels/sheet1.xml.rels");
    assert!(rels.contains(r#"Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml""#), "{rels}");
    assert!(rels.contains(r#"Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml""#), "{rels}");
    let drawing = part(&copy, "xl/drawings/vmlDrawing1.vml");
    let rows: Vec<&str> = drawing.match_indices("<x:Row>").map(|(at, _)| &drawing[at + 7..at + 9]).collect();
    assert_eq!(rows, ["3<", "10"]);
}

#[test]
fn the_authors_note_is_kept_and_a_second_run_replaces_ours() {
    let original = workbook(SCORE_TABLE, Some(("C9", "场次请附签到表")));
    let (copy, count, file) = review(&original);
    assert_eq!(count, 2);
    let comments = comments(&part(&copy, "xl/comments1.xml"));
    let summary: Vec<(&str, &str)> =
        comments.iter().map(|(cell, author, _)| (cell.as_str(), author.as_str())).collect();
    assert_eq!(summary, [("C9", "张会计"), ("F4", "reportlint"), ("G11", "reportlint")]);
    assert_eq!(comments[0].2, "张会计:\n场次请附签到表");
    assert_eq!(comments[2].2, expected_text(&file, "G11"));
    let drawing = part(&copy, "xl/drawings/vmlDrawing1.vml");
    assert!(drawing.starts_with(&part(&original, "xl/drawings/vmlDrawing1.vml").replace("</xml>", "")));
    assert_eq!(drawing.matches("<v:shape ").count(), 3);
    assert!(drawing.contains(r#"id="_x0000_s1026""#) && drawing.contains(r#"id="_x0000_s1027""#));
    // The sheet already had its drawing and relationships: only the
    // comments, the drawing and nothing else changed.
    let (before, after) = (stored(&original), stored(&copy));
    let changed: Vec<&String> = before.keys().filter(|name| after.get(*name) != before.get(*name)).collect();
    assert_eq!(changed, ["xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"]);
    assert_eq!(after.len(), before.len());

    let (second, _, _) = review(&copy);
    assert_eq!(stored(&second), stored(&copy));
}

#[test]
fn a_note_on_the_authors_cell_joins_it_and_is_cut_back_on_the_next_run() {
    let original = workbook(SCORE_TABLE, Some(("G11", "得分待复核")));
    let (copy, count, file) = review(&original);
    assert_eq!(count, 2);
    let comments = comments(&part(&copy, "xl/comments1.xml"));
    let summary: Vec<(&str, &str)> =
        comments.iter().map(|(cell, author, _)| (cell.as_str(), author.as_str())).collect();
    assert_eq!(summary, [("G11", "张会计"), ("F4", "reportlint")]);
    let ours = expected_text(&file, "G11");
    assert_eq!(comments[0].2, format!("张会计:\n得分待复核\n\n{ours}"));
    // One shape per note: the author's for G11, ours for F4.
    assert_eq!(part(&copy, "xl/drawings/vmlDrawing1.vml").matches("<v:shape ").count(), 2);
    let (second, _, _) = review(&copy);
    assert_eq!(stored(&second), stored(&copy));
}

#[test]
fn a_finding_without_a_cell_goes_on_the_first_cell_read() {
    let original = workbook(SCORE_TABLE, None);
    let file = lint(&original);
    let mut finding = file.findings[0].clone();
    finding.primary = None;
    let (copy, count) = annotate(&original, &file.document, &[&finding]).unwrap();
    assert_eq!(count, 1);
    let comments = comments(&part(&copy, "xl/comments1.xml"));
    assert_eq!(comments[0].0, "A1");
}

#[test]
fn packages_that_cannot_be_rewritten_are_errors() {
    let original = workbook(SCORE_TABLE, None);
    let file = lint(&original);
    let findings: Vec<&Finding> = file.findings.iter().collect();
    let error = annotate(b"not a zip", &file.document, &findings).unwrap_err();
    assert!(matches!(error, AnnotateError::Package { .. }), "{error}");
    let mut broken = original.clone();
    let text = part(&original, "xl/worksheets/sheet1.xml").replace("</sheetData>", "</sheetDat>");
    broken = replace_part(&broken, "xl/worksheets/sheet1.xml", &text);
    let error = annotate(&broken, &file.document, &findings).unwrap_err();
    assert!(error.to_string().contains("xl/worksheets/sheet1.xml"), "{error}");
}

/// `bytes` with part `name` holding `text`.
pub(super) fn replace_part(bytes: &[u8], name: &str, text: &str) -> Vec<u8> {
    with_parts(bytes, &[(name, text)])
}

/// `bytes` with each part of `parts` holding its text, replaced in place
/// or added at the end.
pub(super) fn with_parts(bytes: &[u8], parts: &[(&str, &str)]) -> Vec<u8> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut written = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).unwrap();
        let name = entry.name().unwrap().into_owned();
        match parts.iter().find(|(part, _)| *part == name) {
            Some((part, text)) => {
                drop(entry);
                zip.start_file(*part, SimpleFileOptions::default()).unwrap();
                zip.write_all(text.as_bytes()).unwrap();
                written.push(name);
            }
            None => zip.raw_copy_file(entry).unwrap(),
        }
    }
    for (part, text) in parts.iter().filter(|(part, _)| !written.iter().any(|name| name == part)) {
        zip.start_file(*part, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn each_sheet_gets_its_own_comments_and_drawing_found_by_its_quoted_name() {
    let original = workbook(SCORE_TABLE, None);
    let workbook_xml = part(&original, "xl/workbook.xml")
        .replace("</sheets>", r#"<sheet name="年度 自评" sheetId="2" r:id="rId9"/></sheets>"#);
    let relationships = part(&original, "xl/_rels/workbook.xml.rels").replace(
        "</Relationships>",
        r#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/second.xml"/></Relationships>"#,
    );
    let types = part(&original, "[Content_Types].xml").replace(
        "</Types>",
        &format!(r#"<Override PartName="/xl/worksheets/second.xml" ContentType="{SHEET_TYPE}"/></Types>"#),
    );
    let second = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="B2"><v>353.21</v></c></row></sheetData></worksheet>"#;
    let original = with_parts(
        &original,
        &[
            ("xl/workbook.xml", &workbook_xml),
            ("xl/_rels/workbook.xml.rels", &relationships),
            ("[Content_Types].xml", &types),
            ("xl/worksheets/second.xml", second),
        ],
    );
    let file = lint(&original);
    let figure = file.document.text.find("353.21").unwrap();
    assert_eq!(file.document.anchor_at(figure).unwrap().name, "'年度 自评'!B2");
    let mut moved = file.findings[0].clone();
    moved.primary.as_mut().unwrap().span = crate::span::Span::new(figure, figure + 6);
    let findings: Vec<&Finding> = file.findings.iter().chain([&moved]).collect();
    let (copy, count) = annotate(&original, &file.document, &findings).unwrap();
    let first = comments(&part(&copy, "xl/comments1.xml"));
    let second = comments(&part(&copy, "xl/comments2.xml"));
    assert!(!first.is_empty());
    assert_eq!(count, first.len() + second.len());
    assert_eq!(second.iter().map(|(cell, _, _)| cell.as_str()).collect::<Vec<_>>(), ["B2"]);
    let sheet = part(&copy, "xl/worksheets/second.xml");
    assert!(sheet.contains(r#"</sheetData><legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId2"/></worksheet>"#), "{sheet}");
    let rels = part(&copy, "xl/worksheets/_rels/second.xml.rels");
    assert!(
        rels.contains(r#"Target="../comments2.xml""#) && rels.contains(r#"Target="../drawings/vmlDrawing2.vml""#),
        "{rels}"
    );
    assert!(part(&copy, "xl/drawings/vmlDrawing2.vml").contains(r#"data="2""#));
    let types = part(&copy, "[Content_Types].xml");
    assert_eq!(types.matches(r#"Extension="vml""#).count(), 1);
    assert!(types.contains(r#"PartName="/xl/comments2.xml""#), "{types}");
    assert_eq!(decode("x.xlsx", &copy, Format::Xlsx).unwrap().text, file.document.text);
}
