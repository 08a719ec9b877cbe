#![allow(
    clippy::arithmetic_side_effects,
    clippy::string_slice,
    clippy::indexing_slicing,
    clippy::unwrap_used,
    reason = "tests may panic by design"
)]

use super::*;

#[test]
fn elements_carry_their_tag_ranges_attributes_and_own_text() {
    let text = r#"<x:a xmlns:x="u"><x:b r:id="rId&amp;1">one<c/>two &#x41;</x:b><d/></x:a>"#;
    let found = elements("p", text, 1, true).unwrap();
    let names: Vec<(&str, &str, usize)> = found.iter().map(|e| (e.name.as_str(), e.local.as_str(), e.depth)).collect();
    assert_eq!(names, [("x:a", "a", 0), ("x:b", "b", 1), ("d", "d", 1)]);
    let b = &found[1];
    assert_eq!(&text[b.start..b.open_end], r#"<x:b r:id="rId&amp;1">"#);
    assert_eq!(&text[b.close_start..b.end], "</x:b>");
    assert_eq!(b.attribute("id"), Some("rId&1"));
    assert_eq!(b.text, "onetwo A");
    assert_eq!(found[0].prefix(), "x:");
    assert!(found[2].is_empty() && !b.is_empty());
}

#[test]
fn malformed_xml_is_an_error_naming_the_part() {
    for text in ["<a><b></a>", "<a>", "</a>", "<a b=></a>"] {
        let error = elements("xl/comments1.xml", text, 9, true).unwrap_err();
        assert!(error.to_string().contains("xl/comments1.xml"), "{text}: {error}");
    }
    // A drawing is read leniently: end names are not checked.
    assert!(elements("d.vml", "<xml><b></c></xml>", 9, false).is_ok());
}

#[test]
fn escape_keeps_text_as_written_in_excel() {
    assert_eq!(escape("a<b & \"c\"\r\n_x0041_ _x12"), "a&lt;b &amp; &quot;c&quot;\n\n_x005F_x0041_ _x12");
    assert_eq!(escape("bell\u{7}"), "bell ");
}

#[test]
fn splice_applies_edits_in_place_order_and_refuses_overlaps() {
    let mut splice = Splice::default();
    splice.insert(3, "X".to_string());
    splice.replace(0, 1, "z".to_string());
    splice.insert(3, "Y".to_string());
    assert_eq!(splice.apply("p", "abcdef").unwrap(), "zbcXYdef");
    let mut overlapping = Splice::default();
    overlapping.replace(0, 4, String::new());
    overlapping.replace(2, 3, String::new());
    assert!(overlapping.apply("p", "abcdef").is_err());
    let mut outside = Splice::default();
    outside.insert(9, String::new());
    assert!(outside.apply("p", "abc").is_err());
}
