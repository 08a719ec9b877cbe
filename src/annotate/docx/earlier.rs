//! An earlier run's comments taken out of `word/document.xml`: the range
//! marks and reference runs of the comments reportlint wrote (their ids,
//! read from the comments part), so that commenting a commented copy
//! again gives one comment per finding, not two. The author's comment
//! marks stay, and the highest id among them is counted so that new ids
//! do not clash with them.
//!
//! The halves of runs the earlier run cut stay cut: they show the same
//! text, and the new marks fall between them without cutting again.

use super::position;
use std::collections::BTreeSet;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::annotate::AnnotateError;

/// The XML without the marks of comments `ids`, and the highest comment
/// id still marked in it.
pub(super) fn remove(xml: &str, ids: &BTreeSet<usize>) -> Result<(String, Option<usize>), AnnotateError> {
    let mut reader = Reader::from_str(xml);
    let mut removed: Vec<Range<usize>> = Vec::new();
    let mut highest: Option<usize> = None;
    // Per open run: its start, and whether all it holds so far is
    // properties and references of comments being removed.
    let mut runs: Vec<(usize, bool, Vec<Range<usize>>)> = Vec::new();
    let mut depth_in_properties = 0_usize;
    loop {
        let before = position(reader.buffer_position());
        let event = reader.read_event().map_err(|error| super::part_error("document.xml", &error))?;
        let after = position(reader.buffer_position());
        match event {
            Event::Start(start) => match start.local_name().as_ref() {
                "r" => runs.push((before, true, Vec::new())),
                "rPr" if !runs.is_empty() => depth_in_properties = depth_in_properties.saturating_add(1),
                _ if depth_in_properties == 0 => holds_more(&mut runs),
                _ => {}
            },
            Event::Empty(element) => {
                let kind = mark(&element);
                let id = kind.and_then(|_| comment_id(&element));
                match (kind, id) {
                    (Some(Mark::Range), Some(id)) if ids.contains(&id) => removed.push(before..after),
                    (Some(Mark::Reference), Some(id)) if ids.contains(&id) => match runs.last_mut() {
                        Some((_, _, references)) => references.push(before..after),
                        None => removed.push(before..after),
                    },
                    (Some(_), Some(id)) => {
                        highest = highest.max(Some(id));
                        holds_more(&mut runs);
                    }
                    _ if depth_in_properties == 0 && element.local_name().as_ref() != "rPr" => {
                        holds_more(&mut runs);
                    }
                    _ => {}
                }
            }
            Event::End(end) => match end.local_name().as_ref() {
                "rPr" if depth_in_properties > 0 => depth_in_properties = depth_in_properties.saturating_sub(1),
                "r" => {
                    if let Some((start, only, references)) = runs.pop() {
                        if references.is_empty() {
                            holds_more(&mut runs);
                        } else if only {
                            removed.push(start..after);
                        } else {
                            removed.extend(references);
                        }
                    }
                }
                _ => {}
            },
            Event::Text(text) if depth_in_properties == 0 && !AsRef::<str>::as_ref(&text).trim().is_empty() => {
                holds_more(&mut runs);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    removed.sort_by_key(|range| range.start);
    let mut output = String::with_capacity(xml.len());
    let mut copied = 0;
    for range in removed {
        if range.start < copied {
            continue;
        }
        output.push_str(xml.get(copied..range.start).unwrap_or_default());
        copied = range.end;
    }
    output.push_str(xml.get(copied..).unwrap_or_default());
    Ok((output, highest))
}

#[derive(Clone, Copy)]
enum Mark {
    Range,
    Reference,
}

fn mark(element: &BytesStart) -> Option<Mark> {
    match element.local_name().as_ref() {
        "commentRangeStart" | "commentRangeEnd" => Some(Mark::Range),
        "commentReference" => Some(Mark::Reference),
        _ => None,
    }
}

/// `w:id` as a number.
pub(super) fn comment_id(element: &BytesStart) -> Option<usize> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == "id")
        .and_then(|attribute| attribute.value.trim().parse().ok())
}

/// The innermost open run holds more than properties and references of
/// the comments being removed: only those references go, not the run.
fn holds_more(runs: &mut [(usize, bool, Vec<Range<usize>>)]) {
    if let Some((_, only_references, _)) = runs.last_mut() {
        *only_references = false;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may panic by design")]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_comments_lose_their_marks() {
        let xml = concat!(
            r#"<w:p><w:commentRangeStart w:id="1"/><w:commentRangeStart w:id="4"/><w:r><w:t>90%</w:t></w:r>"#,
            r#"<w:commentRangeEnd w:id="4"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="4"/></w:r>"#,
            r#"<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>"#,
            r#"<w:r><w:t>x</w:t><w:commentReference w:id="4"/></w:r></w:p>"#,
        );
        let (output, highest) = remove(xml, &BTreeSet::from([4])).unwrap();
        assert_eq!(
            output,
            concat!(
                r#"<w:p><w:commentRangeStart w:id="1"/><w:r><w:t>90%</w:t></w:r>"#,
                r#"<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>"#,
                r#"<w:r><w:t>x</w:t></w:r></w:p>"#,
            )
        );
        assert_eq!(highest, Some(1));
    }
}
