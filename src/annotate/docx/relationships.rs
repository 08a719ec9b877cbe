//! The two package files that say a comments part exists: the main
//! part's relationships (`word/_rels/document.xml.rels`) and
//! `[Content_Types].xml`. Each gains one entry when the document had no
//! comments yet, with an id no other relationship has; nothing else in
//! them changes.

const COMMENTS_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";

/// The target of the main part's comments relationship, if it has one.
pub(super) fn comments_target(relationships: &str) -> Option<String> {
    target(relationships, "/comments")
}

/// The target of the relationship whose type ends in `kind` (`/comments`,
/// `/commentsExtended`).
pub(super) fn target(relationships: &str, kind: &str) -> Option<String> {
    elements(relationships, "<Relationship ")
        .find(|element| attribute(element, "Type").is_some_and(|value| value.ends_with(kind)))
        .and_then(|element| attribute(element, "Target"))
}

/// The relationships with one to `comments.xml`, or a new relationships
/// part holding only that one.
pub(super) fn with_comments(relationships: Option<&str>) -> String {
    let Some(relationships) = relationships else {
        return format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                "\r\n",
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>"#
            ),
            relationship("rId1")
        );
    };
    let ids: Vec<String> =
        elements(relationships, "<Relationship ").filter_map(|element| attribute(element, "Id")).collect();
    let mut number = ids.len().saturating_add(1);
    while ids.iter().any(|id| *id == format!("rId{number}")) {
        number = number.saturating_add(1);
    }
    insert_at_end(relationships, &relationship(&format!("rId{number}")))
}

fn relationship(id: &str) -> String {
    format!(r#"<Relationship Id="{id}" Type="{COMMENTS_TYPE}" Target="comments.xml"/>"#)
}

/// The content types with an override for `part` (`/word/comments.xml`)
/// when they have none.
pub(super) fn with_comments_type(content_types: &str, part: &str) -> String {
    let declared = elements(content_types, "<Override ")
        .any(|element| attribute(element, "PartName").is_some_and(|name| name.eq_ignore_ascii_case(part)));
    if declared {
        return content_types.to_string();
    }
    insert_at_end(content_types, &format!(r#"<Override PartName="{part}" ContentType="{COMMENTS_CONTENT_TYPE}"/>"#))
}

/// `entry` added as the root's last child.
fn insert_at_end(xml: &str, entry: &str) -> String {
    let trimmed = xml.trim_end();
    match trimmed.rfind("</") {
        Some(end) => format!("{}{entry}{}", xml.get(..end).unwrap_or_default(), xml.get(end..).unwrap_or_default()),
        None => {
            // `<Relationships …/>`: the root had no children.
            let head = trimmed.strip_suffix("/>").unwrap_or(trimmed);
            let name_end = head.rfind('<').map_or(0, |start| start.saturating_add(1));
            let name: String = head
                .get(name_end..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '>')
                .collect();
            format!("{head}>{entry}</{name}>")
        }
    }
}

/// The start tags beginning with `start` (`<Relationship `), as written.
fn elements<'a>(xml: &'a str, start: &'a str) -> impl Iterator<Item = &'a str> {
    xml.match_indices(start).filter_map(|(at, _)| {
        let rest = xml.get(at..)?;
        rest.get(..=rest.find('>')?)
    })
}

/// An attribute's value in a start tag (no entity in these values).
fn attribute(element: &str, name: &str) -> Option<String> {
    let pattern = format!(" {name}=");
    let at = element.find(&pattern)?.saturating_add(pattern.len());
    let rest = element.get(at..)?;
    let quote = rest.chars().next()?;
    let value = rest.get(1..)?;
    Some(value.get(..value.find(quote)?)?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELATIONSHIPS: &str = r#"<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="rId1" Type="a/styles" Target="styles.xml"/><Relationship Id="rId3" Type="a/settings" Target="settings.xml"/></Relationships>"#;

    #[test]
    fn a_new_relationship_takes_an_unused_id() {
        let added = with_comments(Some(RELATIONSHIPS));
        assert!(added.ends_with(&format!("{}</Relationships>", relationship("rId4"))), "{added}");
        assert_eq!(comments_target(&added).as_deref(), Some("comments.xml"));
        assert_eq!(comments_target(RELATIONSHIPS), None);
        let taken = RELATIONSHIPS
            .replace("rId1", "rId3")
            .replace(r#"Id="rId3" Type="a/settings"#, r#"Id="rId4" Type="a/settings"#);
        assert!(with_comments(Some(&taken)).contains(r#"Id="rId5""#));
        assert_eq!(insert_at_end(r#"<Types xmlns="t"/>"#, "<O/>"), r#"<Types xmlns="t"><O/></Types>"#);
    }

    #[test]
    fn the_comments_part_is_declared_once() {
        let types = r#"<Types xmlns="t"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
        let declared = with_comments_type(types, "/word/comments.xml");
        assert!(declared.contains(r#"<Override PartName="/word/comments.xml""#));
        assert_eq!(with_comments_type(&declared, "/word/comments.xml"), declared);
    }
}
