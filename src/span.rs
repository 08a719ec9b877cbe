//! Byte spans into one text, and the single place where they become
//! (line, column) positions for people.
//!
//! Every span in reportlint is a half-open byte range into the text it
//! belongs to (a report's text, a rule file, an expression). Columns shown to
//! people count characters, not bytes: Chinese text is three bytes a
//! character in UTF-8, and an editor's column is a character count.

use serde::Serialize;

/// A half-open byte range `start..end` into one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `other` lies within this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span moved right by `offset` bytes (an expression's span placed
    /// inside the rule file that holds the expression).
    pub const fn shifted(self, offset: usize) -> Span {
        Span::new(self.start.saturating_add(offset), self.end.saturating_add(offset))
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.start.into(), span.len())
    }
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Line starts of a text, for turning byte offsets into [`Position`]s.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// A line ends at `\n`, at `\r\n`, and at a lone `\r` (old Mac line
    /// endings), as editors count lines.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let breaks = memchr::memchr2_iter(b'\n', b'\r', bytes)
            .filter(|&at| bytes.get(at) == Some(&b'\n') || bytes.get(at.saturating_add(1)) != Some(&b'\n'));
        let line_starts = std::iter::once(0).chain(breaks.map(|at| at.saturating_add(1))).collect();
        LineIndex { line_starts }
    }

    /// The position of byte `offset` in `text` (the text this index was built
    /// from). An offset inside a character counts as that character; one past
    /// the end is the column after the last character.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let column = text
            .get(line_start..)
            .map(|rest| rest.char_indices().take_while(|(at, _)| line_start.saturating_add(*at) < offset).count())
            .unwrap_or(0);
        Position { line, column: column.saturating_add(1) }
    }

    /// How many lines the text has; an empty text has one.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The bytes of 1-based `line` in `text`, without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Option<Span> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let next = self.line_starts.get(line).copied().unwrap_or(text.len());
        let content = text.get(start..next)?;
        let content = content.strip_suffix('\n').unwrap_or(content);
        let content = content.strip_suffix('\r').unwrap_or(content);
        Some(Span::new(start, start.saturating_add(content.len())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "第一行\n预算数 775.45 万元";
        let index = LineIndex::new(text);
        let at = text.find("775").unwrap_or_default();
        assert_eq!(index.position(text, at), Position { line: 2, column: 5 });
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, text.len()), Position { line: 2, column: 14 });
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "一\r二\r\n三\n四";
        let index = LineIndex::new(text);
        let lines: Vec<usize> =
            ["二", "三", "四"].iter().map(|at| index.position(text, text.find(at).unwrap()).line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert_eq!(index.position(text, text.find("\r\n").unwrap() + 1), Position { line: 2, column: 3 });
    }

    #[test]
    fn lines_are_cut_without_their_endings() {
        let text = "第一行\r\n第二行\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.line_span(text, 1), Some(Span::new(0, 9)));
        assert_eq!(index.line_span(text, 2), Some(Span::new(11, 20)));
        assert_eq!(index.line_span(text, 3), Some(Span::new(21, 21)));
        assert_eq!(index.line_span(text, 0), None);
        assert_eq!(index.line_span(text, 4), None);
    }
}
