#![allow(clippy::unwrap_used, reason = "tests may panic by design")]

use super::*;

fn with_drawing(text: &str) -> String {
    Worksheet::read("xl/worksheets/sheet1.xml", text).unwrap().with_legacy_drawing(text, "rId9").unwrap()
}

#[test]
fn legacy_drawing_goes_after_drawing_and_before_table_parts() {
    let r = r#"xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let text = format!(
        r#"<worksheet {r}><sheetData/><pageSetup/><drawing rel:id="rId1"/><tableParts count="0"/><extLst/></worksheet>"#
    );
    assert_eq!(
        with_drawing(&text),
        format!(
            r#"<worksheet {r}><sheetData/><pageSetup/><drawing rel:id="rId1"/><legacyDrawing rel:id="rId9"/><tableParts count="0"/><extLst/></worksheet>"#
        )
    );
    // Excel wraps controls in mc:AlternateContent, which follow it too.
    let controls = r#"<worksheet><sheetData/><mergeCells/><mc:AlternateContent xmlns:mc="m"/></worksheet>"#;
    assert_eq!(
        with_drawing(controls),
        format!(
            r#"<worksheet><sheetData/><mergeCells/><legacyDrawing xmlns:r="{OFFICE_RELATIONSHIPS}" r:id="rId9"/><mc:AlternateContent xmlns:mc="m"/></worksheet>"#
        )
    );
    let prefixed = r#"<x:worksheet xmlns:x="s"><x:sheetData></x:sheetData></x:worksheet>"#;
    assert!(with_drawing(prefixed).contains(r#"</x:sheetData><x:legacyDrawing xmlns:r="#));
}

#[test]
fn an_existing_legacy_drawing_is_found() {
    let text = r#"<worksheet><sheetData/><legacyDrawing r:id="rId3"/></worksheet>"#;
    assert_eq!(Worksheet::read("s", text).unwrap().legacy_drawing(), Some("rId3"));
    assert!(Worksheet::read("s", "<workbook/>").is_err());
}
