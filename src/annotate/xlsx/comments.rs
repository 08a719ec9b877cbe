//! A sheet's comments part (`xl/comments1.xml`, CT_Comments) with our notes
//! merged in.
//!
//! The author's comments stay as they were written. reportlint's own, from
//! an earlier run (those of author `reportlint`), are taken out and written
//! anew. Excel holds one note per cell: where the author's note already
//! sits on a cell we comment on, our words are added at its end, after a
//! bold run `reportlint：`, and a later run cuts that note back at that run.
//! Each of our notes starts with the same bold run, as Excel starts a note
//! with its author's name.

use std::collections::BTreeSet;

use super::cells::{Cell, Note};
use super::parts::root;
use super::xml::{Element, Splice, elements, escape};
use crate::annotate::AnnotateError;

pub(super) const AUTHOR: &str = "reportlint";
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/// The text of the bold run our words start with.
const MARKER: &str = "reportlint：";

/// The merged comments part.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Merged {
    pub text: String,
    /// Cells whose note was ours and is gone or written anew: their shapes
    /// in the drawing are to go.
    pub removed: BTreeSet<Cell>,
    /// Cells that got a note of their own, which needs a shape.
    pub added: BTreeSet<Cell>,
}

/// `existing` (the sheet's comments part, if it has one) with `notes`.
pub(super) fn merge(part: &str, existing: Option<&str>, notes: &[Note]) -> Result<Merged, AnnotateError> {
    let Some(text) = existing else {
        let comments: String = notes.iter().map(|note| comment("", 0, note)).collect();
        return Ok(Merged {
            text: format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<comments xmlns=\"{MAIN}\"><authors><author>{AUTHOR}</author></authors><commentList>{comments}</commentList></comments>"
            ),
            removed: BTreeSet::new(),
            added: notes.iter().map(|note| note.cell).collect(),
        });
    };
    let found = elements(part, text, usize::MAX, true)?;
    let root = root(part, &found, "comments")?;
    let prefix = root.prefix();
    let mut splice = Splice::default();
    let authors: Vec<&Element> = children(&found, root, "authors").collect();
    let author_names: Vec<&Element> =
        authors.first().map(|authors| children(&found, authors, "author").collect()).unwrap_or_default();
    let our_id = author_names.iter().position(|author| author.text == AUTHOR);
    let author_id = our_id.unwrap_or(author_names.len());
    if our_id.is_none() {
        let ours = format!("<{prefix}author>{AUTHOR}</{prefix}author>");
        match authors.first() {
            Some(authors) if authors.is_empty() => {
                splice.replace(authors.start, authors.end, format!("<{prefix}authors>{ours}</{prefix}authors>"));
            }
            Some(authors) => splice.insert(authors.close_start, ours),
            None => splice.insert(root.open_end, format!("<{prefix}authors>{ours}</{prefix}authors>")),
        }
    }
    let ours: BTreeSet<Cell> = notes.iter().map(|note| note.cell).collect();
    let mut removed = BTreeSet::new();
    let mut joined = BTreeSet::new();
    let list = children(&found, root, "commentList").next();
    for comment in list.iter().flat_map(|list| children(&found, list, "comment")) {
        let cell = comment.attribute("ref").and_then(Cell::parse);
        let by_us = our_id.is_some_and(|id| comment.attribute("authorId") == Some(id.to_string().as_str()));
        if by_us {
            splice.replace(comment.start, comment.end, String::new());
            removed.extend(cell);
            continue;
        }
        // The author's note on a cell of ours takes our words at its end.
        let Some(note) = cell.and_then(|cell| notes.iter().find(|note| note.cell == cell)) else { continue };
        let Some(body) = children(&found, comment, "text").next() else { continue };
        let runs = format!("<{prefix}r>{}</{prefix}r>", marker_run(prefix, "\n\n")) + &words(prefix, note);
        let cut = children(&found, body, "r").find(|run| is_marker(&found, run)).map(|run| run.start);
        if body.is_empty() {
            splice.replace(body.start, body.end, format!("<{prefix}text>{runs}</{prefix}text>"));
        } else {
            splice.replace(cut.unwrap_or(body.close_start), body.close_start, runs);
        }
        joined.insert(note.cell);
    }
    let added: BTreeSet<Cell> = ours.difference(&joined).copied().collect();
    let comments: String =
        notes.iter().filter(|note| added.contains(&note.cell)).map(|note| comment(prefix, author_id, note)).collect();
    match list {
        Some(list) if list.is_empty() => {
            splice.replace(list.start, list.end, format!("<{prefix}commentList>{comments}</{prefix}commentList>"));
        }
        Some(list) => splice.insert(list.close_start, comments),
        None => {
            let at = authors.first().map_or(root.open_end, |authors| authors.end);
            splice.insert(at, format!("<{prefix}commentList>{comments}</{prefix}commentList>"));
        }
    }
    // A cell whose old note of ours is written anew keeps no stale shape.
    removed.extend(added.iter().copied());
    Ok(Merged { text: splice.apply(part, text)?, removed, added })
}

/// The direct children of `parent` named `local`.
fn children<'a>(found: &'a [Element], parent: &'a Element, local: &'a str) -> impl Iterator<Item = &'a Element> {
    found.iter().filter(move |element| {
        element.depth == parent.depth.saturating_add(1)
            && element.start >= parent.open_end
            && element.end <= parent.close_start
            && element.local == local
    })
}

/// Whether `run` is the bold run our words start with.
fn is_marker(found: &[Element], run: &Element) -> bool {
    children(found, run, "t").any(|text| text.text.trim() == MARKER)
}

/// One `<comment>` of ours.
fn comment(prefix: &str, author_id: usize, note: &Note) -> String {
    format!(
        r#"<{prefix}comment ref="{}" authorId="{author_id}"><{prefix}text><{prefix}r>{}</{prefix}r>{}</{prefix}text></{prefix}comment>"#,
        note.cell,
        marker_run(prefix, ""),
        words(prefix, note)
    )
}

/// The inside of the bold run `reportlint：`, after `before`.
fn marker_run(prefix: &str, before: &str) -> String {
    format!(
        r#"<{prefix}rPr><{prefix}b/><{prefix}sz val="9"/><{prefix}rFont val="宋体"/><{prefix}charset val="134"/></{prefix}rPr><{prefix}t xml:space="preserve">{before}{MARKER}</{prefix}t>"#
    )
}

/// The run of our words: each finding's paragraphs a line each, findings
/// apart by a blank line.
fn words(prefix: &str, note: &Note) -> String {
    let text: Vec<String> = note.findings.iter().map(|paragraphs| paragraphs.join("\n")).collect();
    format!(
        r#"<{prefix}r><{prefix}rPr><{prefix}sz val="9"/><{prefix}rFont val="宋体"/><{prefix}charset val="134"/></{prefix}rPr><{prefix}t xml:space="preserve">{}</{prefix}t></{prefix}r>"#,
        escape(&format!("\n{}", text.join("\n\n")))
    )
}

#[cfg(test)]
#[path = "comments_tests.rs"]
mod tests;
