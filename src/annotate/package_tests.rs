#![allow(clippy::unwrap_used, reason = "tests may panic by design")]

use std::io::Write;

use super::*;

fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn parts_are_found_in_any_case_and_read_within_the_budget() {
    let big = "x".repeat(3000);
    let bytes = zip(&[("XL/Workbook.xml", "<workbook/>"), ("xl/big.xml", &big)]);
    let mut package = Package::open(&bytes).unwrap();
    assert_eq!(package.entry("xl/workbook.xml").as_deref(), Some("XL/Workbook.xml"));
    assert_eq!(package.read("xl/workbook.xml").unwrap().as_deref(), Some("<workbook/>"));
    assert_eq!(package.read("xl/none.xml").unwrap(), None);
    package.limit = 2048;
    let error = package.read("xl/big.xml").unwrap_err();
    assert!(matches!(error, AnnotateError::Package { .. }), "{error}");
}

#[test]
fn the_copy_keeps_untouched_entries_and_adds_new_ones_last() {
    let bytes = zip(&[("a.xml", "<a/>"), ("b.xml", "<b/>")]);
    let changed = BTreeMap::from([("b.xml".to_string(), "<b>new</b>".to_string())]);
    let added = [("c.xml".to_string(), "<c/>".to_string())];
    let copy = Package::open(&bytes).unwrap().write(&changed, &added).unwrap();
    let mut package = Package::open(&copy).unwrap();
    let names: Vec<String> = package.archive.file_names().map(|name| name.unwrap().into_owned()).collect();
    assert_eq!(names, ["a.xml", "b.xml", "c.xml"]);
    assert_eq!(package.read("b.xml").unwrap().as_deref(), Some("<b>new</b>"));
    assert!(Package::open(b"PK\x03\x04 not really").is_err());
}
