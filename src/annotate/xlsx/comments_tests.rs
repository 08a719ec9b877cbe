#![allow(clippy::unwrap_used, reason = "tests may panic by design")]

use super::*;

fn note(reference: &str, words: &str) -> Note {
    Note { cell: Cell::parse(reference).unwrap(), findings: vec![vec![words.to_string()]] }
}

#[test]
fn a_new_part_holds_our_notes_with_several_findings_in_turn() {
    let two = Note {
        cell: Cell::A1,
        findings: vec![vec!["一".to_string(), "二 <&>".to_string()], vec!["三".to_string()]],
    };
    let merged = merge("c", None, &[two]).unwrap();
    assert!(merged.text.contains(r#"<comment ref="A1" authorId="0"><text><r><rPr><b/>"#), "{}", merged.text);
    assert!(merged.text.contains("<t xml:space=\"preserve\">\n一\n二 &lt;&amp;&gt;\n\n三</t>"), "{}", merged.text);
    assert_eq!(merged.added, BTreeSet::from([Cell::A1]));
}

#[test]
fn ours_are_replaced_and_the_authors_kept_in_a_prefixed_part() {
    let text = r#"<x:comments xmlns:x="m"><x:authors><x:author>reportlint</x:author><x:author>李</x:author></x:authors><x:commentList><x:comment ref="B2" authorId="0"><x:text><x:t>旧</x:t></x:text></x:comment><x:comment ref="C3" authorId="1"><x:text><x:t>李的批注</x:t></x:text></x:comment></x:commentList></x:comments>"#;
    let merged = merge("c", Some(text), &[note("D4", "新")]).unwrap();
    assert!(!merged.text.contains("旧"));
    assert!(merged.text.contains(r#"<x:comment ref="C3" authorId="1"><x:text><x:t>李的批注</x:t></x:text></x:comment><x:comment ref="D4" authorId="0">"#), "{}", merged.text);
    assert_eq!(merged.removed, BTreeSet::from([Cell::parse("B2").unwrap(), Cell::parse("D4").unwrap()]));
    // An author list without us gains us at its end.
    let without = r#"<comments xmlns="m"><authors><author>李</author></authors><commentList/></comments>"#;
    let merged = merge("c", Some(without), &[note("A1", "新")]).unwrap();
    assert!(merged.text.starts_with(r#"<comments xmlns="m"><authors><author>李</author><author>reportlint</author></authors><commentList><comment ref="A1" authorId="1">"#), "{}", merged.text);
}

#[test]
fn a_part_that_is_not_comments_is_an_error() {
    assert!(merge("c", Some("<worksheet/>"), &[note("A1", "新")]).is_err());
    assert!(merge("c", Some("<comments><authors>"), &[note("A1", "新")]).is_err());
}
