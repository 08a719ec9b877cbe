//! `word/document.xml` as text → [`Item`]s, through quick-xml's pull parser.
//!
//! What is read: `w:t` text of runs anywhere in the body (hyperlinks, fields'
//! results, content controls, inserted text); `w:tab`, `w:br`/`w:cr`. What
//! is dropped: tracked deletions (`w:del`, `w:moveFrom`) with their
//! `w:delText`, field instructions, hidden runs (`w:vanish`), the second
//! copy of drawings in `mc:Fallback`. Deleted table rows are dropped; a
//! deleted paragraph mark joins the paragraph with the next one.
//!
//! Safety: no entity is ever expanded. A `<!DOCTYPE>` is skipped unread,
//! and a reference to an entity it declares (internal or external) is
//! dropped; only the five predefined entities and character references
//! become text. Nesting deeper than the limit is an error, so a hostile
//! document cannot make the element stack grow without bound.

use quick_xml::NsReader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;

use super::builder::{Boundary, Builder, Item};
use super::elements::{Element, classify};
use super::grid::VerticalMerge;
use super::origin::Origin;
use crate::source::SourceError;

/// The body's paragraphs and tables, in document order.
pub(super) fn read(xml: &str, max_depth: usize) -> Result<Vec<Item>, SourceError> {
    walk(xml, max_depth, None).map(|(items, _)| items)
}

/// [`read`], and where each piece of text it gave the builder came from.
pub(super) fn read_traced(xml: &str, max_depth: usize) -> Result<(Vec<Item>, Vec<Origin>), SourceError> {
    walk(xml, max_depth, Some(Vec::new())).map(|(items, origins)| (items, origins.unwrap_or_default()))
}

fn walk(
    xml: &str,
    max_depth: usize,
    origins: Option<Vec<Origin>>,
) -> Result<(Vec<Item>, Option<Vec<Origin>>), SourceError> {
    let mut reader = NsReader::from_str(xml);
    let mut walk = Walk { origins, ..Walk::default() };
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|_| super::docx_error(format!("正文 XML 有误（第 {} 字节）", reader.error_position())))?;
        // Only read when tracing: the byte range the event was read from.
        walk.at = (before, reader.buffer_position());
        match event {
            Event::Start(_) | Event::Empty(_) if walk.open.len() >= max_depth => {
                return Err(super::docx_error(format!("正文 XML 嵌套超过 {max_depth} 层")));
            }
            Event::Start(start) => walk.start(element(&reader, &start), &start),
            Event::Empty(start) => {
                walk.start(element(&reader, &start), &start);
                walk.end();
            }
            Event::End(_) => walk.end(),
            Event::Text(text) => walk.text(&text.xml10_content()),
            Event::CData(data) => walk.text(&data.xml10_content()),
            Event::GeneralRef(reference) => walk.text(&resolve(&reference)),
            Event::Eof if walk.open.is_empty() => return Ok((walk.builder.finish(), walk.origins)),
            Event::Eof => return Err(super::docx_error("正文 XML 不完整：元素未闭合".to_string())),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
}

#[derive(Default)]
struct Walk {
    builder: Builder,
    /// Every open element, so that an end tag knows what it closes.
    open: Vec<Element>,
    /// `open.len()` when a subtree whose content is dropped began.
    skipped_from: Option<usize>,
    /// One entry per open run: whether its properties hide it.
    hidden_runs: Vec<bool>,
    /// Where text given to the builder came from, when asked for.
    origins: Option<Vec<Origin>>,
    /// The byte range of the event being read.
    at: (u64, u64),
}

impl Walk {
    fn start(&mut self, element: Element, start: &BytesStart) {
        // Inside properties nothing is content: a paragraph, row or run
        // there (no producer writes one; a damaged file may) is read as
        // nothing, so that the properties a commented copy repeats on each
        // piece of a cut run cannot change the text.
        let element = if element.is_content() && self.open.iter().any(|open| open.is_properties()) {
            Element::Other
        } else {
            element
        };
        let parent = self.open.last().copied();
        if self.skipped_from.is_none() {
            self.enter(element, parent, start);
        }
        self.open.push(element);
    }

    fn enter(&mut self, element: Element, parent: Option<Element>, start: &BytesStart) {
        let grandparent = self.open.len().checked_sub(2).and_then(|index| self.open.get(index)).copied();
        match element {
            Element::Paragraph => self.builder.open(Boundary::Paragraph),
            Element::Table => self.builder.open(Boundary::Table),
            Element::Row => self.builder.open(Boundary::Row),
            Element::Cell => self.builder.open(Boundary::Cell),
            Element::Run => self.hidden_runs.push(false),
            // Only in a run: `w:tabs/w:tab` in paragraph properties is a tab stop.
            Element::Tab if parent == Some(Element::Run) && !self.hidden() => self.builder.tab(),
            Element::Break if parent == Some(Element::Run) && !self.hidden() => self.builder.line_break(),
            Element::Hyphen if parent == Some(Element::Run) && !self.hidden() => self.give("-"),
            Element::Deleted => match (parent, grandparent) {
                (Some(Element::RunProperties), Some(Element::ParagraphProperties)) => {
                    self.builder.delete_paragraph_mark();
                }
                (Some(Element::RowProperties), _) => self.builder.delete_row(),
                _ => self.skipped_from = Some(self.open.len()),
            },
            Element::Fallback => self.skipped_from = Some(self.open.len()),
            Element::GridSpan if parent == Some(Element::CellProperties) => {
                if let Some(columns) = value(start).and_then(|value| value.trim().parse().ok()) {
                    self.builder.grid_span(columns);
                }
            }
            Element::VerticalMerge if parent == Some(Element::CellProperties) => {
                if let Some(merge) = VerticalMerge::from_value(value(start).as_deref()) {
                    self.builder.vertical_merge(merge);
                }
            }
            Element::GridBefore if parent == Some(Element::RowProperties) => {
                if let Some(columns) = value(start).and_then(|value| value.trim().parse().ok()) {
                    self.builder.grid_before(columns);
                }
            }
            Element::Vanish if parent == Some(Element::RunProperties) && grandparent == Some(Element::Run) => {
                let shown = value(start).is_some_and(|value| matches!(value.as_str(), "0" | "false" | "off"));
                if let Some(hidden) = self.hidden_runs.last_mut() {
                    *hidden = !shown;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self) {
        let Some(element) = self.open.pop() else {
            return;
        };
        if self.skipped_from == Some(self.open.len()) {
            self.skipped_from = None;
            return;
        }
        if self.skipped_from.is_some() {
            return;
        }
        match element {
            Element::Paragraph | Element::Table | Element::Row | Element::Cell => self.builder.close(),
            Element::Run => {
                self.hidden_runs.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipped_from.is_none() && self.open.last() == Some(&Element::Text) && !self.hidden() {
            self.give(text);
        }
    }

    /// Text for the builder, recorded with its source when tracing.
    fn give(&mut self, text: &str) {
        if let Some(origins) = self.origins.as_mut()
            && self.builder.keeps_text()
            && let Some(origin) = Origin::new(self.at, text)
        {
            origins.push(origin);
        }
        self.builder.text(text);
    }

    fn hidden(&self) -> bool {
        self.hidden_runs.last().copied().unwrap_or(false)
    }
}

fn element(reader: &NsReader<&[u8]>, start: &BytesStart) -> Element {
    let (namespace, local_name) = reader.resolver().resolve_element(start.name());
    let namespace = match namespace {
        ResolveResult::Bound(namespace) => Some(namespace.0),
        ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
    };
    classify(namespace, local_name.as_ref())
}

/// `w:val`, whatever its prefix.
fn value(start: &BytesStart) -> Option<String> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == "val")
        .map(|attribute| attribute.value.into_owned())
}

/// A character reference or one of the five predefined entities; any other
/// entity is dropped, never looked up in a DTD.
fn resolve(reference: &BytesRef) -> String {
    match reference.resolve_char_ref() {
        Ok(Some(character)) => character.to_string(),
        Ok(None) => resolve_predefined_entity(reference).unwrap_or_default().to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
#[path = "body_tests.rs"]
mod tests;
