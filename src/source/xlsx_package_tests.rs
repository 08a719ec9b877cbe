use std::io::Write;

use zip::write::SimpleFileOptions;

use super::{Scan, raw_attribute, scan};
use crate::source::SourceError;
use crate::source::xlsx::Limits;

/// A zip of `parts`, deflated.
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn detail(result: Result<Scan, SourceError>) -> String {
    match result {
        Err(SourceError::Spreadsheet { detail }) => detail,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_declared_count_over_the_limit_is_refused_before_calamine_reserves_it() {
    for count in ["1000000000000000000", "10000000000", "99999999999999999999999"] {
        let sst = format!(r#"<sst uniqueCount="{count}"><si><t>一</t></si></sst>"#);
        let bytes = package(&[("xl/sharedStrings.xml", &sst)]);
        assert!(detail(scan(&bytes, &Limits::default())).contains("共享字符串表声明了"), "{count}");
    }
    // calamine reads a count behind a malformed attribute; so does the scan.
    let sst = r#"<sst xml<sst xmlns="x" uniqueCount="0000000000893606430"><si><t>一</t></si></sst>"#;
    let bytes = package(&[("xl/sharedStrings.xml", sst)]);
    assert!(detail(scan(&bytes, &Limits::default())).contains("893606430"));
    let honest = package(&[("xl/sharedStrings.xml", r#"<sst count="2" uniqueCount="1"><si><t>一</t></si></sst>"#)]);
    assert_eq!(scan(&honest, &Limits::default()).unwrap(), Scan::default());
}

#[test]
fn each_limit_is_named() {
    let limits = Limits { max_depth: 3, max_elements: 6, max_cells: 2, max_shared_strings: 1, ..Limits::default() };
    let deep = package(&[("xl/workbook.xml", "<a><b><c><d/></c></b></a>")]);
    assert!(detail(scan(&deep, &Limits { max_depth: 2, ..limits })).contains("嵌套超过 2 层"));
    let many = package(&[("xl/styles.xml", "<a><b/><b/><b/><b/><b/><b/></a>")]);
    assert!(detail(scan(&many, &limits)).contains("元素超过 6 个"));
    let cells = package(&[("xl/worksheets/sheet1.xml", "<sheetData><c/><c/><c/></sheetData>")]);
    assert!(detail(scan(&cells, &limits)).contains("单元格超过 2 个"));
    let strings = package(&[("xl/sharedStrings.xml", "<sst><si/><si/></sst>")]);
    assert!(detail(scan(&strings, &limits)).contains("共享字符串超过 1 个"));
}

#[test]
fn inflated_bytes_are_capped_by_declared_and_by_read_size() {
    let big = format!("<a>{}</a>", " ".repeat(4096));
    let bytes = package(&[("xl/a.xml", &big), ("xl/b.xml", &big)]);
    let limits = Limits { max_inflated_bytes: 6000, ..Limits::default() };
    assert!(matches!(scan(&bytes, &limits), Err(SourceError::TooLarge { limit: 6000 })));
    assert!(scan(&bytes, &Limits { max_inflated_bytes: 9000, ..limits }).is_ok());
    // Images and other binary parts are never read.
    let image = package(&[("xl/media/image1.png", &big)]);
    assert!(scan(&image, &Limits { max_inflated_bytes: 10, ..limits }).is_ok());
}

#[test]
fn formulas_are_told_from_their_cached_values() {
    let sheet = r#"<sheetData><row><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"x"</f><v></v></c>
        <c r="C1"><f>1</f></c><c r="D1" t="inlineStr"><f>1</f><is><t>一</t></is></c><c r="E1"><v>3</v></c></row></sheetData>"#;
    let bytes = package(&[("xl/worksheets/sheet1.xml", sheet)]);
    assert_eq!(scan(&bytes, &Limits::default()).unwrap().formulas_without_values, 2);
}

#[test]
fn bytes_that_are_no_zip_are_left_to_calamine() {
    assert_eq!(scan(b"PK\x03\x04", &Limits::default()).unwrap(), Scan::default());
}

#[test]
fn references_calamine_would_overflow_on_are_refused() {
    for reference in ["XFCCCCCC76", "A99999999999", "B2:A1", "A2:A1", "A1:XFCCCCCC76"] {
        let sheet =
            format!(r#"<worksheet><sheetData/><mergeCells><mergeCell ref="{reference}"/></mergeCells></worksheet>"#);
        let bytes = package(&[("xl/worksheets/sheet1.xml", &sheet)]);
        assert!(detail(scan(&bytes, &Limits::default())).contains("单元格引用"), "{reference}");
    }
    let cell =
        package(&[("xl/worksheets/sheet1.xml", r#"<sheetData><row r="1"><c r="AAAAAAAA1"/></row></sheetData>"#)]);
    assert!(detail(scan(&cell, &Limits::default())).contains("AAAAAAAA1"));
    let sheet = r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576"/><c r="b2"/><c/></row></sheetData>
        <mergeCells><mergeCell ref="A1:C3"/><mergeCell ref="D4"/></mergeCells></worksheet>"#;
    let bytes = package(&[("xl/worksheets/sheet1.xml", sheet)]);
    assert!(scan(&bytes, &Limits::default()).is_ok());
}

#[test]
fn attributes_are_found_as_calamine_finds_them() {
    assert_eq!(raw_attribute(r#"r="A1" s='2'"#, "s"), Some("2"));
    assert_eq!(raw_attribute(r#"xml<sst xmlns="x" uniqueCount = "9""#, "uniqueCount"), Some("9"));
    assert_eq!(raw_attribute(r#"xr="A1" r="B2""#, "r"), Some("B2"));
    assert_eq!(raw_attribute(r#"junk r="B2""#, "r"), None, "all up to `=` is the key: `junk r`");
    assert_eq!(raw_attribute(r#"r=B2"#, "r"), None);
    assert_eq!(raw_attribute(r#"a="1" uniqueCount="1000000000000"#, "uniqueCount"), Some("1000000000000"));
}
