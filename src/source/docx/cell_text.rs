//! A table cell's paragraphs → the one-line text the cell shows, and where
//! each paragraph's text landed in it.
//!
//! The text is the cell's non-empty paragraphs, trimmed, joined by a space.
//! [`CellText::locate`] maps a byte range of one paragraph (a nested table's
//! cell, see [`super::nested`]) to the same characters in that text, so
//! that spans of nested cells point into the document text.

use std::ops::Range;

use super::builder::Cell;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct CellText {
    pub text: String,
    /// Per paragraph: where its trimmed text starts in the paragraph and in
    /// `text`, and its length; `None` for a paragraph left out (empty).
    pieces: Vec<Option<Piece>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    in_paragraph: usize,
    in_text: usize,
    length: usize,
}

impl CellText {
    pub fn of(cell: &Cell) -> CellText {
        let mut text = String::new();
        let mut pieces = Vec::with_capacity(cell.paragraphs.len());
        for paragraph in &cell.paragraphs {
            let trimmed = paragraph.trim();
            if trimmed.is_empty() {
                pieces.push(None);
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            let in_paragraph = paragraph.len().saturating_sub(paragraph.trim_start().len());
            pieces.push(Some(Piece { in_paragraph, in_text: text.len(), length: trimmed.len() }));
            text.push_str(trimmed);
        }
        CellText { text, pieces }
    }

    /// The range of `text` holding bytes `range` of paragraph `paragraph`
    /// (white space trimmed off the paragraph is left out of it); `None`
    /// when that paragraph is not in the text.
    pub fn locate(&self, paragraph: usize, range: &Range<usize>) -> Option<Range<usize>> {
        let piece = (*self.pieces.get(paragraph)?)?;
        let inside = |offset: usize| offset.saturating_sub(piece.in_paragraph).min(piece.length);
        let start = piece.in_text.saturating_add(inside(range.start));
        let end = piece.in_text.saturating_add(inside(range.end)).max(start);
        Some(start..end)
    }
}

#[cfg(test)]
#[allow(clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn cell(paragraphs: &[&str]) -> Cell {
        Cell { paragraphs: paragraphs.iter().map(|paragraph| paragraph.to_string()).collect(), ..Cell::default() }
    }

    #[test]
    fn paragraphs_are_trimmed_and_joined_by_a_space() {
        assert_eq!(CellText::of(&cell(&["  年初", "", " ", "预算数 "])).text, "年初 预算数");
        assert_eq!(CellText::of(&cell(&[])).text, "");
    }

    #[test]
    fn ranges_of_a_paragraph_land_on_the_same_characters() {
        let paragraphs = ["说明", "", "  甲 乙 丙 "];
        let text = CellText::of(&cell(&paragraphs));
        assert_eq!(text.text, "说明 甲 乙 丙");
        let third = paragraphs[2];
        for needle in ["甲", "乙", "丙", "甲 乙"] {
            let at = third.find(needle).unwrap();
            let range = text.locate(2, &(at..at + needle.len())).unwrap();
            assert_eq!(&text.text[range], needle);
        }
        // Trimmed white space is outside the text: ranges stay inside the piece.
        assert_eq!(text.locate(2, &(0..third.len())), Some(7..text.text.len()));
        assert_eq!(text.locate(1, &(0..0)), None);
        assert_eq!(text.locate(9, &(0..0)), None);
    }
}
