//! A span of the document text → the bytes of `word/document.xml` its
//! characters came from.
//!
//! The reader, asked to trace, lists the pieces of XML it took text from
//! ([`Origin`]s), in the order of the text. Every character of the text
//! that is not white space comes from one piece, in that order (white
//! space is what the layout adds, trims or turns a tab or break into), so
//! one walk pairing the text's non-blank characters with the pieces'
//! places each of them in the XML. A span is then placed from the start of
//! its first non-blank character to the end of its last.

use std::ops::Range;

use crate::source::docx::Origin;
use crate::span::Span;

#[derive(Debug)]
pub(super) struct Placement {
    /// Per non-blank character of the text, in order: its byte offset in
    /// the text and its bytes in the XML.
    characters: Vec<(usize, Range<usize>)>,
}

impl Placement {
    /// Pairs the non-blank characters of `text` with those of `origins`;
    /// a character the pieces do not account for is left unplaced.
    pub(super) fn new(xml: &str, text: &str, origins: &[Origin]) -> Placement {
        let mut sources = origins
            .iter()
            .flat_map(|origin| characters(xml, origin))
            .filter(|(character, _)| !character.is_whitespace() && !character.is_control());
        let mut characters = Vec::new();
        let mut pending = sources.next();
        for (offset, character) in text.char_indices().filter(|(_, character)| !character.is_whitespace()) {
            // A piece the text does not show is skipped until the character
            // turns up; if it never does, the rest stays unplaced.
            let mut lookahead = pending.clone();
            while let Some((source, _)) = &lookahead
                && *source != character
            {
                lookahead = sources.next();
            }
            match lookahead {
                Some((_, bytes)) => {
                    characters.push((offset, bytes));
                    pending = sources.next();
                }
                None => break,
            }
        }
        Placement { characters }
    }

    /// The XML bytes from the first non-blank character of `span` to the
    /// end of its last; `None` when it has none placed.
    pub(super) fn place(&self, span: Span) -> Option<Range<usize>> {
        let from = self.characters.partition_point(|(offset, _)| *offset < span.start);
        let to = self.characters.partition_point(|(offset, _)| *offset < span.end);
        let inside = self.characters.get(from..to)?;
        let (_, first) = inside.first()?;
        let (_, last) = inside.last()?;
        (first.start <= last.end).then_some(first.start..last.end)
    }
}

/// The characters of a piece with their bytes in the XML. Character data
/// maps one to one (a `\r\n` the parser read as `\n` is both bytes); a
/// reference or an element is one unit, all its characters its bytes.
fn characters<'a>(xml: &'a str, origin: &'a Origin) -> Box<dyn Iterator<Item = (char, Range<usize>)> + 'a> {
    let raw = xml.get(origin.xml.clone()).unwrap_or_default();
    let atomic = raw.starts_with(['&', '<']) || raw.is_empty();
    if atomic {
        let bytes = origin.xml.clone();
        return Box::new(origin.text.chars().map(move |character| (character, bytes.clone())));
    }
    let start = origin.xml.start;
    let mut raw_characters = raw.char_indices().peekable();
    let iterator = std::iter::from_fn(move || {
        let (at, character) = raw_characters.next()?;
        let mut end = at.saturating_add(character.len_utf8());
        let character = if character == '\r' {
            if raw_characters.next_if(|(_, next)| *next == '\n').is_some() {
                end = end.saturating_add(1);
            }
            '\n'
        } else {
            character
        };
        Some((character, start.saturating_add(at)..start.saturating_add(end)))
    });
    Box::new(iterator)
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design"
)]
mod tests {
    use super::*;
    use crate::source::docx::{Limits, trace};

    const NAMESPACE: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn placed(body: &str, figure: &str) -> String {
        let xml = format!("<w:document {NAMESPACE}><w:body>{body}</w:body></w:document>");
        let traced = trace(&xml, &Limits::default()).unwrap();
        let start = traced.text.find(figure).unwrap();
        let placement = Placement::new(&xml, &traced.text, &traced.origins);
        xml[placement.place(Span::new(start, start + figure.len())).unwrap()].to_string()
    }

    #[test]
    fn a_figure_is_placed_on_its_own_characters() {
        let body = "<w:p><w:r><w:t>执行率 90%，</w:t></w:r></w:p>";
        assert_eq!(placed(body, "90%"), "90%");
    }

    #[test]
    fn a_figure_over_two_runs_spans_the_markup_between_them() {
        let body = "<w:p><w:r><w:t>共 1</w:t></w:r><w:r><w:t>2.5 万元</w:t></w:r></w:p>";
        assert_eq!(placed(body, "12.5"), "1</w:t></w:r><w:r><w:t>2.5");
    }

    #[test]
    fn references_are_whole_and_deleted_text_is_not_the_figure() {
        let body = "<w:p><w:r><w:t>A&amp;B 7</w:t></w:r></w:p><w:p><w:del><w:r><w:delText>100</w:delText></w:r></w:del><w:r><w:t>10&#x25;</w:t></w:r></w:p>";
        assert_eq!(placed(body, "&B"), "&amp;B");
        assert_eq!(placed(body, "10%"), "10&#x25;");
    }

    #[test]
    fn a_cell_figure_is_placed_in_its_cell_not_in_a_merged_continuation() {
        let cell = |text: &str, merge: &str| {
            format!("<w:tc><w:tcPr>{merge}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
        };
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("项目", r#"<w:vMerge w:val="restart"/>"#),
            cell("5", ""),
            cell("5", "<w:vMerge/>"),
            cell("6", "")
        );
        let xml = format!("<w:document {NAMESPACE}><w:body>{body}</w:body></w:document>");
        let traced = trace(&xml, &Limits::default()).unwrap();
        let placement = Placement::new(&xml, &traced.text, &traced.origins);
        let six = traced.text.find('6').unwrap();
        let range = placement.place(Span::new(six, six + 1)).unwrap();
        assert_eq!(range.start, xml.find(">6<").unwrap() + 1);
    }
}
