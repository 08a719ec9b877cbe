//! An XML part's text → its elements down to a depth, each with the byte
//! ranges of its tags, its attributes and its own text, so that a part can
//! be changed by splicing bytes at known places and left as it was
//! everywhere else.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::annotate::AnnotateError;
use crate::annotate::markup::xml_can_hold;

/// One element of a part, with byte offsets into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Element {
    /// The name as written (`x:comment`).
    pub name: String,
    /// The name without its prefix (`comment`).
    pub local: String,
    /// 0 for the root.
    pub depth: usize,
    /// Where the start tag begins.
    pub start: usize,
    /// Where the start tag ends (the whole element for `<a/>`).
    pub open_end: usize,
    /// Where the end tag begins (`open_end` for `<a/>`).
    pub close_start: usize,
    /// Where the element ends.
    pub end: usize,
    /// Attributes as written (`r:id`), values with entities resolved.
    pub attributes: Vec<(String, String)>,
    /// The element's own text, its children's left out.
    pub text: String,
}

impl Element {
    /// The value of the attribute whose name, prefix left out, is `local`.
    pub fn attribute(&self, local: &str) -> Option<&str> {
        self.attributes.iter().find(|(name, _)| name.rsplit(':').next() == Some(local)).map(|(_, value)| value.as_str())
    }

    /// The prefix of the element's name with its colon (`x:`), or nothing.
    pub fn prefix(&self) -> &str {
        self.name.rsplit_once(':').map_or("", |(prefix, _)| self.name.get(..=prefix.len()).unwrap_or(""))
    }

    pub fn is_empty(&self) -> bool {
        self.open_end == self.end
    }
}

/// The elements of `text` at depth `max_depth` or less, in document order.
/// `strict` checks that every end tag closes the element it should (the
/// parts Excel writes as XML); a VML drawing is read leniently, as Office
/// writes it loosely. Fails on text that is not XML, or ends with an element
/// still open; `part` names the part in the error.
pub(super) fn elements(part: &str, text: &str, max_depth: usize, strict: bool) -> Result<Vec<Element>, AnnotateError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = strict;
    let mut found: Vec<Element> = Vec::new();
    // For each open element, its index in `found` if it was kept.
    let mut open: Vec<Option<usize>> = Vec::new();
    loop {
        let before = offset(reader.buffer_position());
        let event = reader.read_event().map_err(|error| malformed(part, &error.to_string()))?;
        let after = offset(reader.buffer_position());
        let depth = open.len();
        match event {
            Event::Start(tag) => {
                let kept = keep(&mut found, depth <= max_depth, || element(part, &tag, depth, before, after))?;
                open.push(kept);
            }
            Event::Empty(tag) => {
                keep(&mut found, depth <= max_depth, || element(part, &tag, depth, before, after))?;
            }
            Event::End(_) => match open.pop() {
                Some(Some(index)) => {
                    if let Some(element) = found.get_mut(index) {
                        element.close_start = before;
                        element.end = after;
                    }
                }
                Some(None) => {}
                None => return Err(malformed(part, "结束标记多于开始标记")),
            },
            Event::Text(text) => push_text(&mut found, &open, || text.xml10_content().into_owned()),
            Event::CData(data) => push_text(&mut found, &open, || data.to_string()),
            Event::GeneralRef(reference) => push_text(&mut found, &open, || match reference.resolve_char_ref() {
                Ok(Some(character)) => character.to_string(),
                _ => resolve_predefined_entity(&reference).unwrap_or_default().to_string(),
            }),
            Event::Eof if open.is_empty() => return Ok(found),
            Event::Eof => return Err(malformed(part, "内容不完整，有元素没有结束")),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
}

/// Pushes the element `make` builds when `wanted`, and says where it went.
fn keep(
    found: &mut Vec<Element>,
    wanted: bool,
    make: impl FnOnce() -> Result<Element, AnnotateError>,
) -> Result<Option<usize>, AnnotateError> {
    if !wanted {
        return Ok(None);
    }
    found.push(make()?);
    Ok(found.len().checked_sub(1))
}

/// Adds text to the innermost open element, if it is kept (the text is
/// only made then: a sheet's cell values are never copied).
fn push_text(found: &mut [Element], open: &[Option<usize>], text: impl FnOnce() -> String) {
    if let Some(Some(index)) = open.last()
        && let Some(element) = found.get_mut(*index)
    {
        element.text.push_str(&text());
    }
}

fn element(part: &str, tag: &BytesStart, depth: usize, start: usize, end: usize) -> Result<Element, AnnotateError> {
    let name = tag.name().as_ref().to_string();
    let local = tag.local_name().as_ref().to_string();
    let mut attributes = Vec::new();
    for attribute in tag.attributes() {
        let attribute = attribute.map_err(|error| malformed(part, &error.to_string()))?;
        let key = attribute.key.as_ref().to_string();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|error| malformed(part, &error.to_string()))?
            .into_owned();
        attributes.push((key, value));
    }
    Ok(Element { name, local, depth, start, open_end: end, close_start: end, end, attributes, text: String::new() })
}

fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

pub(super) fn malformed(part: &str, detail: &str) -> AnnotateError {
    AnnotateError::Part { part: part.to_string(), detail: format!("XML 格式有误（{detail}）") }
}

/// `text` as the content of an element or attribute: markup escaped,
/// characters XML 1.0 cannot hold as spaces, and text Excel would read as
/// an escaped character (`_x0041_`) kept as written.
pub(super) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(character) = rest.chars().next() {
        let tail = rest.get(character.len_utf8()..).unwrap_or("");
        match character {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '_' if is_excel_escape(tail) => escaped.push_str("_x005F_"),
            '\t' | '\n' => escaped.push(character),
            '\r' => escaped.push('\n'),
            _ if !xml_can_hold(character) => escaped.push(' '),
            _ => escaped.push(character),
        }
        rest = tail;
    }
    escaped
}

/// Whether `tail` (what follows an underscore) reads as `x0041_`.
fn is_excel_escape(tail: &str) -> bool {
    let bytes = tail.as_bytes();
    matches!(bytes.first(), Some(b'x'))
        && bytes.get(1..5).is_some_and(|digits| digits.iter().all(u8::is_ascii_hexdigit))
        && bytes.get(5) == Some(&b'_')
}

/// Edits at byte ranges of a text, applied in one pass.
#[derive(Debug, Default)]
pub(super) struct Splice {
    /// (start, end, replacement): the bytes start..end become the replacement.
    edits: Vec<(usize, usize, String)>,
}

impl Splice {
    pub fn insert(&mut self, at: usize, text: String) {
        self.edits.push((at, at, text));
    }

    pub fn replace(&mut self, start: usize, end: usize, text: String) {
        self.edits.push((start, end, text));
    }

    /// The text with every edit made. Edits that overlap, or fall outside
    /// the text or inside a character, are an error of `part`.
    pub fn apply(mut self, part: &str, text: &str) -> Result<String, AnnotateError> {
        // Insertions at one place stay in the order they were made.
        self.edits.sort_by_key(|&(start, end, _)| (start, end));
        let mut result = String::with_capacity(text.len());
        let mut done = 0;
        for (start, end, replacement) in self.edits {
            let kept = text.get(done..start).ok_or_else(|| malformed(part, "改动的位置重叠"))?;
            result.push_str(kept);
            result.push_str(&replacement);
            done = end.max(start);
        }
        result.push_str(text.get(done..).ok_or_else(|| malformed(part, "改动的位置越界"))?);
        Ok(result)
    }
}

#[cfg(test)]
#[path = "xml_tests.rs"]
mod tests;
