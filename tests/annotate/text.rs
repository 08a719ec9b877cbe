//! Text, Markdown, CSV and PDF reports → a new Word document of their text.

use reportlint::source::Format;
use reportlint::source::docx;

use super::support::{assert_complete, assert_well_formed, commented, marks, part, parts, ranged_texts};

const REPORT: &str = "某县2024年度农田建设项目支出绩效自评报告\n\n一、项目基本情况\n年初预算数 120.00 万元，全年预算数 150.00 万元，全年执行数 135.00 万元，预算执行率 95%。\n项目\t全年预算数\t备注\n农田 & 水利\t150.00\t<无>\n";

#[test]
fn the_document_reads_back_as_the_same_lines_with_a_comment_on_the_figure() {
    let (file, annotated) = commented("报告.txt", REPORT.as_bytes(), false);
    assert_eq!(annotated.file_name, "报告-审核.docx");
    for (name, xml) in parts(&annotated.bytes) {
        assert_well_formed(&name, std::str::from_utf8(&xml).unwrap());
    }
    let read_back = docx::read("报告-审核.docx", &annotated.bytes).unwrap();
    assert_eq!(read_back.text.lines().collect::<Vec<_>>(), file.document.text.lines().collect::<Vec<_>>());
    let document_xml = part(&annotated.bytes, "word/document.xml");
    let marks = marks(&document_xml, &part(&annotated.bytes, "word/comments.xml"));
    assert_complete(&marks);
    assert_eq!(marks.len(), annotated.comments);
    assert_eq!(ranged_texts(&document_xml)["0"], "95%");
    assert_eq!(read_back.format, Format::Docx);
}
