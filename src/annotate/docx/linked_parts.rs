//! The parts Word links to its comments when it saves a file: in
//! `commentsExtended.xml` a `w15:commentEx` per comment paragraph (by its
//! `w14:paraId`: replies, done state), in `commentsIds.xml` a
//! `w16cid:commentId` (paraId → durable id), in `commentsExtensible.xml`
//! a `w16cex:commentExtensible` (by durable id). reportlint writes none of
//! them; when a copy it commented was saved by Word, the entries of its
//! comments are taken out with the comments, so that none points at a
//! paragraph that is gone. The author's entries stay as they are.

use super::position;
use std::collections::BTreeSet;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::comments_part::paragraph_id;
use super::relationships;
use crate::annotate::AnnotateError;
use crate::annotate::package::Package;

/// The linked parts of the main part (its relationships are
/// `relationships`) without the entries of comment paragraphs
/// `paragraphs`, by zip name; nothing when there are none to take out.
pub(super) fn forget(
    package: &mut Package,
    relationships: &str,
    paragraphs: &BTreeSet<String>,
    in_folder: &dyn Fn(&str) -> String,
) -> Result<Vec<(String, String)>, AnnotateError> {
    let mut rewritten = Vec::new();
    if paragraphs.is_empty() {
        return Ok(rewritten);
    }
    if let Some((name, text)) = linked(package, relationships, "/commentsExtended", in_folder)? {
        let (kept, _) = remove(&name, &text, "paraId", paragraphs, None)?;
        rewritten.push((name, kept));
    }
    // commentsIds gives the durable ids commentsExtensible knows them by.
    let mut durable = BTreeSet::new();
    if let Some((name, text)) = linked(package, relationships, "/commentsIds", in_folder)? {
        let (kept, collected) = remove(&name, &text, "paraId", paragraphs, Some("durableId"))?;
        durable = collected;
        rewritten.push((name, kept));
    }
    if let Some((name, text)) = linked(package, relationships, "/commentsExtensible", in_folder)? {
        let (kept, _) = remove(&name, &text, "durableId", &durable, None)?;
        rewritten.push((name, kept));
    }
    Ok(rewritten)
}

/// The part the relationship of type `kind` names, by its zip name, with
/// its text.
fn linked(
    package: &mut Package,
    relationships: &str,
    kind: &str,
    in_folder: &dyn Fn(&str) -> String,
) -> Result<Option<(String, String)>, AnnotateError> {
    let Some(target) = relationships::target(relationships, kind) else {
        return Ok(None);
    };
    let name = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => in_folder(&target),
    };
    Ok(package.part(&name)?.map(|part| (part.name, part.text)))
}

/// `xml` without the root's children whose attribute `key` (local name)
/// is in `values`, and the values of their attribute `collect` (if any).
pub(super) fn remove(
    part: &str,
    xml: &str,
    key: &str,
    values: &BTreeSet<String>,
    collect: Option<&str>,
) -> Result<(String, BTreeSet<String>), AnnotateError> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0_usize;
    let mut removed: Vec<Range<usize>> = Vec::new();
    let mut collected = BTreeSet::new();
    let mut open: Option<usize> = None;
    loop {
        let before = position(reader.buffer_position());
        let event = reader.read_event().map_err(|error| super::part_error(part, &error))?;
        let after = position(reader.buffer_position());
        match event {
            Event::Empty(element)
                if depth == 1 && attribute(&element, key).is_some_and(|value| values.contains(&value)) =>
            {
                collected.extend(collect.and_then(|name| attribute(&element, name)));
                removed.push(before..after);
            }
            Event::Start(element) => {
                if depth == 1 && attribute(&element, key).is_some_and(|value| values.contains(&value)) {
                    collected.extend(collect.and_then(|name| attribute(&element, name)));
                    open = Some(before);
                }
                depth = depth.saturating_add(1);
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 1
                    && let Some(start) = open.take()
                {
                    removed.push(start..after);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut output = String::with_capacity(xml.len());
    let mut copied = 0;
    for range in removed {
        output.push_str(xml.get(copied..range.start).unwrap_or_default());
        copied = range.end;
    }
    output.push_str(xml.get(copied..).unwrap_or_default());
    Ok((output, collected))
}

fn attribute(element: &quick_xml::events::BytesStart, key: &str) -> Option<String> {
    if key == "paraId" {
        return paragraph_id(element);
    }
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == key)
        .map(|attribute| attribute.value.into_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may panic by design")]
mod tests {
    use super::*;

    #[test]
    fn only_the_entries_of_removed_paragraphs_go() {
        let ids = concat!(
            r#"<w16cid:commentsIds xmlns:w16cid="x"><w16cid:commentId w16cid:paraId="AA" w16cid:durableId="11"/>"#,
            r#"<w16cid:commentId w16cid:paraId="BB" w16cid:durableId="22"/></w16cid:commentsIds>"#,
        );
        let (kept, durable) =
            remove("commentsIds.xml", ids, "paraId", &BTreeSet::from(["BB".to_string()]), Some("durableId")).unwrap();
        assert_eq!(
            kept,
            r#"<w16cid:commentsIds xmlns:w16cid="x"><w16cid:commentId w16cid:paraId="AA" w16cid:durableId="11"/></w16cid:commentsIds>"#
        );
        assert_eq!(durable, BTreeSet::from(["22".to_string()]));
        let extensible = r#"<r><e durableId="22"><x/></e><e durableId="11"/></r>"#;
        let (kept, _) = remove("commentsExtensible.xml", extensible, "durableId", &durable, None).unwrap();
        assert_eq!(kept, r#"<r><e durableId="11"/></r>"#);
    }
}
