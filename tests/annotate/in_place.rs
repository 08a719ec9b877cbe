//! A .docx commented in place.

use reportlint::annotate::{self, Options};
use reportlint::source::Format;

use super::support::{
    assert_complete, assert_well_formed, commented, lint, marks, part, parts, ranged_texts, rejoined, without_marks,
};
use super::writer::{Body, cell, package, table};

const SENTENCE: [&str; 3] =
    ["年初预算数 120.00 万元，全年预算数 150.00 万元，全年执行数 135.00 万元，", "预算执行率 ", "95%。"];

/// A report whose execution rate is wrong, written as `body` says.
fn report(body: Body) -> Vec<u8> {
    body.docx()
}

fn title() -> Body {
    Body::new().paragraph("某县2024年度农田建设项目支出绩效自评报告").paragraph("一、项目基本情况")
}

/// Comments the report and checks what every commented copy must be:
/// the marks undone give the original XML, the other parts are as they
/// were, each comment is complete and on its figure.
fn check(name: &str, original: &[u8]) -> (String, String) {
    let (file, annotated) = commented(name, original, false);
    let shown: Vec<_> =
        file.findings.iter().filter(|finding| finding.severity != reportlint::finding::Severity::Info).collect();
    assert!(!shown.is_empty(), "{name}: no finding to comment");
    assert_eq!(annotated.comments, shown.len());
    assert_eq!(annotated.file_name, format!("{}-审核.docx", name.trim_end_matches(".docx")));
    let before = parts(original);
    let after = parts(&annotated.bytes);
    for (name, xml) in &after {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            assert_well_formed(name, std::str::from_utf8(xml).unwrap());
        }
    }
    for (part, bytes) in &before {
        if !["word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"].contains(&part.as_str()) {
            assert_eq!(after.get(part), Some(bytes), "{name}: {part} changed");
        }
    }
    let document_xml = part(&annotated.bytes, "word/document.xml");
    let comments_xml = part(&annotated.bytes, "word/comments.xml");
    let marks = marks(&document_xml, &comments_xml);
    assert_complete(&marks);
    assert_eq!(marks.len(), shown.len());
    let ids: Vec<String> = marks.keys().cloned().collect();
    let original_xml = part(original, "word/document.xml");
    assert_eq!(rejoined(&without_marks(&document_xml, &ids), &original_xml), original_xml);
    // Each range holds the figure, in the order of the findings.
    let texts = ranged_texts(&document_xml);
    for (finding, id) in shown.iter().zip(&ids) {
        let figure = finding.primary.as_ref().map(|primary| &file.document.text[primary.span.start..primary.span.end]);
        if let Some(figure) = figure {
            assert_eq!(texts[id].trim(), figure.trim(), "{name}: comment {id}");
        }
    }
    (document_xml, comments_xml)
}

#[test]
fn a_figure_inside_a_run_is_cut_out_of_it() {
    let body = title().paragraph(&SENTENCE.concat());
    let (document_xml, comments_xml) = check("报告.docx", &report(body));
    assert!(document_xml.contains(r#"<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">95%</w:t></w:r><w:commentRangeEnd w:id="0"/>"#), "{document_xml}");
    assert!(comments_xml.contains("预算执行率应为 90.00%（135.00 ÷ 150.00），报告为 95%"), "{comments_xml}");
    assert!(comments_xml.contains(r#"w:author="reportlint" w:initials="RL""#));
}

#[test]
fn a_figure_over_two_runs_is_ranged_from_the_first_to_the_last() {
    let body = title().runs(&[SENTENCE[0], SENTENCE[1], "9", "5%。"]);
    let (document_xml, _) = check("两段.docx", &report(body));
    assert!(document_xml.contains(r#"<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">9</w:t></w:r><w:r><w:t xml:space="preserve">5%</w:t></w:r><w:commentRangeEnd w:id="0"/>"#), "{document_xml}");
}

#[test]
fn a_figure_in_a_table_cell_is_anchored_in_that_cell() {
    // A table whose rows have one cell of text each: the reader takes it
    // as a frame around prose, its sentence checked as a paragraph.
    let row = |cells: &[&str]| cells.iter().map(|text| cell("", text)).collect::<String>();
    let body = title().raw(&table(&[row(&["执行情况", ""]), row(&[&SENTENCE.concat(), ""])]));
    let (document_xml, _) = check("表格.docx", &report(body));
    let mark = document_xml.find("<w:commentRangeStart").unwrap();
    let cell_start = document_xml[..mark].rfind("<w:tc>").unwrap();
    let cell_end = mark + document_xml[mark..].find("</w:tc>").unwrap();
    let cell = &document_xml[cell_start..cell_end];
    assert!(!cell.contains("</w:tc>") && cell.contains("<w:commentReference"), "{cell}");
    assert!(cell.contains("95%"), "{cell}");
}

#[test]
fn a_hyperlink_and_an_entity_beside_the_figure_stay_whole() {
    let link = concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">年初预算数 120.00 万元，全年预算数 150.00 万元，全年执行数 135.00 万元，R&amp;D 预算执行率 </w:t></w:r>"#,
        r#"<w:hyperlink w:anchor="x"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>&#57;5%&amp;</w:t></w:r></w:hyperlink></w:p>"#,
    );
    let (document_xml, _) = check("链接.docx", &report(title().raw(link)));
    assert!(document_xml.contains(r#"<w:hyperlink w:anchor="x"><w:commentRangeStart w:id="0"/><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>&#57;5%</w:t></w:r>"#), "{document_xml}");
}

#[test]
fn a_report_level_finding_is_anchored_on_the_title() {
    let original = report(title().paragraph(&SENTENCE.concat()));
    let (file, annotated) = commented("通用.docx", &original, true);
    let report_level = file.findings.iter().position(|finding| finding.primary.is_none()).expect("a report-level info");
    let document_xml = part(&annotated.bytes, "word/document.xml");
    let texts = ranged_texts(&document_xml);
    assert_eq!(texts[&report_level.to_string()], "某县2024年度农田建设项目支出绩效自评报告");
    assert_eq!(annotated.comments, file.findings.len());
}

#[test]
fn a_new_comments_part_is_declared_once_and_nothing_else_changes() {
    let original = report(title().paragraph(&SENTENCE.concat()));
    let (_, annotated) = commented("声明.docx", &original, false);
    let types_before = part(&original, "[Content_Types].xml");
    let types_after = part(&annotated.bytes, "[Content_Types].xml");
    let override_ = r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#;
    assert_eq!(types_after.replacen(override_, "", 1), types_before);
    let relationships_before = part(&original, "word/_rels/document.xml.rels");
    let relationships_after = part(&annotated.bytes, "word/_rels/document.xml.rels");
    let relationship = r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#;
    assert_eq!(relationships_after.replacen(relationship, "", 1), relationships_before);
    // The parts not rewritten are the very bytes stored, not recompressed.
    let raw = |bytes: &[u8], name: &str| {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let file = archive.by_name(name).unwrap();
        (file.compressed_size(), file.crc32(), file.data_start())
    };
    assert_eq!(raw(&original, "_rels/.rels").0, raw(&annotated.bytes, "_rels/.rels").0);
    assert_eq!(raw(&original, "_rels/.rels").1, raw(&annotated.bytes, "_rels/.rels").1);
}

/// A package with an author's comment on the title, in a comments part
/// of its own.
fn with_authors_comment() -> Vec<u8> {
    let body = concat!(
        r#"<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>某县2024年度农田建设项目支出绩效自评报告</w:t></w:r><w:commentRangeEnd w:id="7"/>"#,
        r#"<w:r><w:commentReference w:id="7"/></w:r></w:p>"#,
    );
    let document_xml = Body::new().raw(body).paragraph("一、项目基本情况").paragraph(&SENTENCE.concat()).document_xml();
    let plain = package(&document_xml, None);
    // Add the comments part, its relationship and its content type.
    let mut parts = parts(&plain);
    parts.insert(
        "word/comments.xml".to_string(),
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:comment w:id="7" w:author="张会计" w:date="2025-03-01T09:00:00Z" w:initials="张"><w:p><w:r><w:t>标题再核对一下</w:t></w:r></w:p></w:comment></w:comments>"#,
        )
        .as_bytes()
        .to_vec(),
    );
    let relationships = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
    parts.insert("word/_rels/document.xml.rels".to_string(), relationships.as_bytes().to_vec());
    let types = String::from_utf8(parts["[Content_Types].xml"].clone()).unwrap().replace(
        "</Types>",
        r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#,
    );
    parts.insert("[Content_Types].xml".to_string(), types.into_bytes());
    zipped(parts)
}

fn zipped(parts: std::collections::BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        writer.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut writer, &data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn the_authors_comments_stay_and_a_second_run_replaces_ours() {
    let original = with_authors_comment();
    let (_, first) = commented("批注.docx", &original, false);
    let document_xml = part(&first.bytes, "word/document.xml");
    let comments_xml = part(&first.bytes, "word/comments.xml");
    let marks = marks(&document_xml, &comments_xml);
    assert_complete(&marks);
    assert_eq!(marks.len(), 2, "{marks:?}\n{document_xml}");
    assert_eq!(marks["7"].author, "张会计");
    assert_eq!(marks["8"].author, "reportlint", "new ids follow the author's");
    assert_eq!(marks.len(), 2);
    assert_eq!(
        rejoined(&without_marks(&document_xml, &["8".to_string()]), &part(&original, "word/document.xml")),
        part(&original, "word/document.xml")
    );
    // The comments do not change what the reader sees.
    let relinted = lint("批注.docx", &first.bytes, Format::Docx);
    assert_eq!(relinted.document.text, lint("批注.docx", &original, Format::Docx).document.text);
    // Commenting the commented copy gives the same copy.
    let second = annotate::annotate(&first.bytes, &relinted, &Options::default()).unwrap();
    assert_eq!(second.comments, 1);
    assert_eq!(part(&second.bytes, "word/comments.xml"), comments_xml);
    assert_eq!(part(&second.bytes, "word/document.xml"), document_xml);
}

#[test]
fn a_workbook_comes_back_as_a_workbook_with_one_note_on_each_cell_a_finding_points_at() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/national-form/errors.xlsx");
    let original = std::fs::read(path).unwrap();
    let file = lint("errors.xlsx", &original, Format::Xlsx);
    let annotated = annotate::annotate(&original, &file, &Options::default()).unwrap();
    assert_eq!(annotated.file_name, "errors-审核.xlsx");
    assert_eq!(annotated.media_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // Excel holds one note a cell: findings on the same cell share it.
    let cells: std::collections::BTreeSet<&str> = file
        .findings
        .iter()
        .filter(|finding| finding.severity != reportlint::finding::Severity::Info)
        .map(|finding| {
            let primary = finding.primary.as_ref().expect("every finding of the form points at a figure");
            let anchor = file.document.anchor_at(primary.span.start).expect("a figure of a sheet has its cell");
            anchor.name.rsplit_once('!').unwrap().1
        })
        .collect();
    assert!(cells.len() >= 8, "the fixture's errors stand in many cells: {cells:?}");
    assert_eq!(annotated.comments, cells.len());
    let notes = part(&annotated.bytes, "xl/comments1.xml");
    for cell in &cells {
        assert!(notes.contains(&format!(r#"ref="{cell}""#)), "no note on {cell}: {notes}");
    }
    // The copy reads as the original and gives the same findings.
    let relinted = lint("errors.xlsx", &annotated.bytes, Format::Xlsx);
    assert_eq!(relinted.document.text, file.document.text);
    assert_eq!(relinted.findings, file.findings);
}

#[test]
fn the_docx_example_is_commented_on_its_table_cell_and_its_sentence() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/青禾县-农田水利维护-项目自评报告.docx");
    let original = std::fs::read(path).unwrap();
    let file = lint("青禾县-农田水利维护-项目自评报告.docx", &original, Format::Docx);
    let errors: Vec<_> = file
        .findings
        .iter()
        .filter(|finding| finding.severity == reportlint::finding::Severity::Error)
        .map(|finding| (finding.rule.as_str(), finding.expected.as_deref(), finding.actual.as_deref()))
        .collect();
    assert_eq!(
        errors,
        [
            ("budget-execution-rate", Some("90.00%"), Some("92.00%")),
            ("budget-execution-rate", Some("90.00%"), Some("95.00%")),
        ]
    );
    let (document_xml, _) = check("青禾县-农田水利维护-项目自评报告.docx", &original);
    let texts = ranged_texts(&document_xml);
    assert_eq!(texts.values().map(String::as_str).collect::<Vec<_>>(), ["92.00%", "95.00%"]);
    // The second is the rate in the table's total row, commented in its cell.
    let mark = document_xml.find(r#"<w:commentRangeStart w:id="1"/>"#).unwrap();
    let cell_start = document_xml[..mark].rfind("<w:tc>").unwrap();
    let cell_end = mark + document_xml[mark..].find("</w:tc>").unwrap();
    assert!(!document_xml[cell_start..mark].contains("</w:tc>"));
    assert!(document_xml[mark..cell_end].contains(r#"<w:commentReference w:id="1"/>"#));
}

/// What Word does to a commented copy when it saves it: every comment
/// paragraph gets a `w14:paraId`, and three parts refer to it.
fn saved_by_word(bytes: &[u8]) -> Vec<u8> {
    let mut parts = parts(bytes);
    let comments = String::from_utf8(parts["word/comments.xml"].clone()).unwrap();
    let comments = comments
        .replace("<w:comments ", r#"<w:comments xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#)
        .replacen("<w:p>", r#"<w:p w14:paraId="0000AAAA">"#, 1);
    let mut numbered = String::new();
    for (index, piece) in comments.split("<w:p>").enumerate() {
        if index > 0 {
            numbered.push_str(&format!(r#"<w:p w14:paraId="0000BB{index:02}">"#));
        }
        numbered.push_str(piece);
    }
    parts.insert("word/comments.xml".to_string(), numbered.into_bytes());
    let ours: Vec<String> = (1..=4).map(|index| format!("0000BB{index:02}")).collect();
    let extended: String = std::iter::once("0000AAAA".to_string())
        .chain(ours.iter().cloned())
        .map(|id| format!(r#"<w15:commentEx w15:paraId="{id}" w15:done="0"/>"#))
        .collect();
    let ids: String = std::iter::once("0000AAAA".to_string())
        .chain(ours.iter().cloned())
        .enumerate()
        .map(|(index, id)| format!(r#"<w16cid:commentId w16cid:paraId="{id}" w16cid:durableId="7{index}"/>"#))
        .collect();
    let extensible: String = (0..=ours.len())
        .map(|index| {
            format!(r#"<w16cex:commentExtensible w16cex:durableId="7{index}" w16cex:dateUtc="2025-03-02T00:00:00Z"/>"#)
        })
        .collect();
    parts.insert(
        "word/commentsExtended.xml".to_string(),
        format!(r#"<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">{extended}</w15:commentsEx>"#).into_bytes(),
    );
    parts.insert(
        "word/commentsIds.xml".to_string(),
        format!(r#"<w16cid:commentsIds xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid">{ids}</w16cid:commentsIds>"#).into_bytes(),
    );
    parts.insert(
        "word/commentsExtensible.xml".to_string(),
        format!(r#"<w16cex:commentsExtensible xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex">{extensible}</w16cex:commentsExtensible>"#).into_bytes(),
    );
    let relationships = String::from_utf8(parts["word/_rels/document.xml.rels"].clone()).unwrap().replace(
        "</Relationships>",
        concat!(
            r#"<Relationship Id="rId8" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>"#,
            r#"<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2016/09/relationships/commentsIds" Target="commentsIds.xml"/>"#,
            r#"<Relationship Id="rId10" Type="http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible" Target="commentsExtensible.xml"/>"#,
            "</Relationships>"
        ),
    );
    parts.insert("word/_rels/document.xml.rels".to_string(), relationships.into_bytes());
    zipped(parts)
}

#[test]
fn after_word_saved_the_copy_the_entries_word_added_for_our_comments_go_with_them() {
    let (_, first) = commented("批注.docx", &with_authors_comment(), false);
    let saved = saved_by_word(&first.bytes);
    let relinted = lint("批注.docx", &saved, Format::Docx);
    let second = annotate::annotate(&saved, &relinted, &Options::default()).unwrap();
    for name in ["word/commentsExtended.xml", "word/commentsIds.xml", "word/commentsExtensible.xml"] {
        assert_well_formed(name, &part(&second.bytes, name));
    }
    assert_eq!(
        part(&second.bytes, "word/commentsExtended.xml"),
        r#"<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:commentEx w15:paraId="0000AAAA" w15:done="0"/></w15:commentsEx>"#
    );
    assert_eq!(
        part(&second.bytes, "word/commentsIds.xml"),
        r#"<w16cid:commentsIds xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid"><w16cid:commentId w16cid:paraId="0000AAAA" w16cid:durableId="70"/></w16cid:commentsIds>"#
    );
    assert_eq!(
        part(&second.bytes, "word/commentsExtensible.xml"),
        r#"<w16cex:commentsExtensible xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex"><w16cex:commentExtensible w16cex:durableId="70" w16cex:dateUtc="2025-03-02T00:00:00Z"/></w16cex:commentsExtensible>"#
    );
    let marks = marks(&part(&second.bytes, "word/document.xml"), &part(&second.bytes, "word/comments.xml"));
    assert_complete(&marks);
    assert_eq!(marks.len(), 2);
}
