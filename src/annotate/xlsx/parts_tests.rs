#![allow(clippy::unwrap_used, reason = "tests may panic by design")]

use super::*;

#[test]
fn targets_resolve_from_the_source_folder_or_the_root() {
    assert_eq!(relationships_path("xl/worksheets/sheet1.xml"), "xl/worksheets/_rels/sheet1.xml.rels");
    assert_eq!(relationships_path(""), "_rels/.rels");
    let sheet = "xl/worksheets/sheet1.xml";
    assert_eq!(resolve(sheet, "../comments1.xml").as_deref(), Some("xl/comments1.xml"));
    assert_eq!(resolve(sheet, "/xl/comments/comment1.xml").as_deref(), Some("xl/comments/comment1.xml"));
    assert_eq!(resolve("", "xl/workbook.xml").as_deref(), Some("xl/workbook.xml"));
    assert_eq!(resolve(sheet, "../../../x"), None);
    assert_eq!(relative(sheet, "xl/drawings/vmlDrawing1.vml"), "../drawings/vmlDrawing1.vml");
    assert_eq!(relative(sheet, "xl/worksheets/x.xml"), "x.xml");
}

#[test]
fn a_relationship_gets_an_unused_id() {
    let text = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="t" Target="a.xml"/><Relationship Id="rId3" Type="e" Target="http://x" TargetMode="External"/></Relationships>"#;
    let mut relationships = Relationships::read("xl/worksheets/sheet1.xml", Some(text.to_string())).unwrap();
    assert_eq!(relationships.by_id("rId3").unwrap().target, None);
    assert_eq!(relationships.find("t").unwrap().target.as_deref(), Some("xl/worksheets/a.xml"));
    assert_eq!(relationships.add("xl/worksheets/sheet1.xml", COMMENTS_TYPE, "xl/comments1.xml"), "rId4");
    let (path, written, new) = relationships.written().unwrap().unwrap();
    assert_eq!(path, "xl/worksheets/_rels/sheet1.xml.rels");
    assert!(!new);
    assert!(written.ends_with(&format!(r#"TargetMode="External"/><Relationship Id="rId4" Type="{COMMENTS_TYPE}" Target="../comments1.xml"/></Relationships>"#)), "{written}");
    let untouched = Relationships::read("xl/worksheets/sheet1.xml", Some(text.to_string())).unwrap();
    assert!(untouched.written().unwrap().is_none());
}

#[test]
fn content_types_gain_only_what_is_missing() {
    let text = r#"<Types xmlns="x"><Default Extension="VML" ContentType="v"/><Override PartName="/xl/comments1.xml" ContentType="c"/></Types>"#;
    let comments = ["xl/comments1.xml".to_string()];
    let drawings = ["xl/drawings/vmlDrawing1.vml".to_string()];
    assert_eq!(content_types(text, &comments, &drawings).unwrap(), None);
    let bare = r#"<Types xmlns="x"></Types>"#;
    let more = ["xl/comments2.xml".to_string()];
    assert_eq!(
        content_types(bare, &more, &drawings).unwrap().unwrap(),
        format!(
            r#"<Types xmlns="x"><Default Extension="vml" ContentType="{VML_CONTENT}"/><Override PartName="/xl/comments2.xml" ContentType="{COMMENTS_CONTENT}"/></Types>"#
        )
    );
    assert!(content_types("<Types/>", &more, &drawings).is_err());
}
