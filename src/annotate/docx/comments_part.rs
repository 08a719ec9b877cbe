//! `word/comments.xml`: the comments of the document. The author's stay
//! as they are; reportlint's from an earlier run (author `reportlint`) are
//! taken out; the new ones go at the end.

use super::position;
use std::collections::BTreeSet;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::earlier::comment_id;
use crate::annotate::AnnotateError;
use crate::annotate::markup::AUTHOR;

pub(super) const PART_NAME: &str = "comments.xml";

/// The comments part as it was.
#[derive(Debug)]
pub(super) struct Comments {
    xml: String,
    /// The root's prefix for WordprocessingML (`w`).
    pub prefix: String,
    /// Where the root's end tag starts.
    end: usize,
    /// Comments written by an earlier run, to be taken out.
    earlier: Vec<Range<usize>>,
    /// Their ids.
    pub earlier_ids: BTreeSet<usize>,
    /// The `w14:paraId`s of their paragraphs, which Word gives them when it
    /// saves the file and by which its other comment parts refer to them.
    pub earlier_paragraphs: BTreeSet<String>,
    /// The highest id of the author's comments.
    pub highest: Option<usize>,
}

impl Comments {
    /// A part with no comments yet.
    pub(super) fn empty() -> Comments {
        let xml = concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\r\n",
            r#"<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"></w:comments>"#,
        );
        let end = xml.len().saturating_sub("</w:comments>".len());
        Comments {
            xml: xml.to_string(),
            prefix: "w".to_string(),
            end,
            earlier: Vec::new(),
            earlier_ids: BTreeSet::new(),
            earlier_paragraphs: BTreeSet::new(),
            highest: None,
        }
    }

    pub(super) fn read(xml: String) -> Result<Comments, AnnotateError> {
        let mut reader = Reader::from_str(&xml);
        let mut depth = 0_usize;
        let mut prefix = None;
        let mut end = None;
        let mut earlier = Vec::new();
        let mut earlier_ids = BTreeSet::new();
        let mut highest: Option<usize> = None;
        let mut open_comment: Option<(usize, Option<usize>, bool)> = None;
        let mut earlier_paragraphs = BTreeSet::new();
        loop {
            let before = position(reader.buffer_position());
            let event = reader.read_event().map_err(|error| super::part_error(PART_NAME, &error))?;
            let after = position(reader.buffer_position());
            match event {
                Event::Start(start) => {
                    if depth == 0 {
                        prefix = Some(name_prefix(start.name().as_ref()));
                    }
                    if depth == 1 && start.local_name().as_ref() == "comment" {
                        open_comment = Some((before, comment_id(&start), is_ours(&start)));
                    }
                    if let Some((_, _, true)) = open_comment
                        && let Some(paragraph) = paragraph_id(&start)
                    {
                        earlier_paragraphs.insert(paragraph);
                    }
                    depth = depth.saturating_add(1);
                }
                Event::Empty(element) if depth == 1 && element.local_name().as_ref() == "comment" => {
                    match (comment_id(&element), is_ours(&element)) {
                        (Some(id), true) => {
                            earlier.push(before..after);
                            earlier_ids.insert(id);
                        }
                        (id, _) => highest = highest.max(id),
                    }
                }
                Event::Empty(element) => {
                    if let Some((_, _, true)) = open_comment
                        && let Some(paragraph) = paragraph_id(&element)
                    {
                        earlier_paragraphs.insert(paragraph);
                    }
                }
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = Some(before);
                    }
                    if depth == 1
                        && let Some((start, id, ours)) = open_comment.take()
                    {
                        match (id, ours) {
                            (Some(id), true) => {
                                earlier.push(start..after);
                                earlier_ids.insert(id);
                            }
                            (id, _) => highest = highest.max(id),
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        let (Some(prefix), Some(end)) = (prefix, end) else {
            return Err(AnnotateError::Part { part: PART_NAME.to_string(), detail: "没有根元素".to_string() });
        };
        Ok(Comments { xml, prefix, end, earlier, earlier_ids, earlier_paragraphs, highest })
    }

    /// The part with the earlier run's comments taken out and `new` (whole
    /// `w:comment` elements) added at the end.
    pub(super) fn write(&self, new: &[String]) -> String {
        let mut output = String::with_capacity(self.xml.len().saturating_add(new.iter().map(String::len).sum()));
        let mut copied = 0;
        for range in &self.earlier {
            output.push_str(self.xml.get(copied..range.start).unwrap_or_default());
            copied = range.end;
        }
        output.push_str(self.xml.get(copied..self.end).unwrap_or_default());
        for comment in new {
            output.push_str(comment);
        }
        output.push_str(self.xml.get(self.end..).unwrap_or_default());
        output
    }
}

fn is_ours(element: &quick_xml::events::BytesStart) -> bool {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .any(|attribute| attribute.key.local_name().as_ref() == "author" && attribute.value.as_ref() == AUTHOR)
}

/// `w14:paraId`, whatever its prefix.
pub(super) fn paragraph_id(element: &quick_xml::events::BytesStart) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == "paraId")
        .map(|attribute| attribute.value.into_owned())
}

fn name_prefix(name: &str) -> String {
    name.split_once(':').map_or_else(String::new, |(prefix, _)| prefix.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may panic by design")]
mod tests {
    use super::*;

    #[test]
    fn the_authors_comments_stay_and_ours_are_replaced() {
        let xml = concat!(
            r#"<w:comments xmlns:w="x"><w:comment w:id="3" w:author="张三"><w:p/></w:comment>"#,
            r#"<w:comment w:id="5" w:author="reportlint"><w:p w14:paraId="0A1B2C3D"/></w:comment></w:comments>"#,
        );
        let comments = Comments::read(xml.to_string()).unwrap();
        assert_eq!(comments.highest, Some(3));
        assert_eq!(comments.earlier_ids, BTreeSet::from([5]));
        assert_eq!(comments.earlier_paragraphs, BTreeSet::from(["0A1B2C3D".to_string()]));
        assert_eq!(
            comments.write(&["<w:comment/>".to_string()]),
            r#"<w:comments xmlns:w="x"><w:comment w:id="3" w:author="张三"><w:p/></w:comment><w:comment/></w:comments>"#
        );
        let empty = Comments::empty();
        assert!(empty.write(&["<w:comment/>".to_string()]).ends_with("><w:comment/></w:comments>"));
    }
}
