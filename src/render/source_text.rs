//! source_text: a report's text → the [`Excerpt`]s miette draws its
//! findings from.
//!
//! Holds the text's [`LineIndex`], built once per file, so that each
//! finding's excerpt finds its lines without scanning the text again. The
//! excerpt counts the column of miette's `[file:line:column]` header in
//! characters (miette by itself counts bytes, so a figure after seven
//! Chinese characters would show column 23 instead of 9), and never hands
//! miette a line wider than the labels on it need.

use crate::span::{LineIndex, Span};
use crate::terminal::Excerpt;

#[derive(Debug)]
pub(crate) struct ReportSource<'a> {
    name: &'a str,
    text: &'a str,
    lines: LineIndex,
}

impl<'a> ReportSource<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        ReportSource { name, text, lines: LineIndex::new(text) }
    }

    /// The 1-based line a byte offset is on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.position(self.text, offset).line
    }

    /// The lines `spans` lie on, ready for miette; its spans are `spans` in
    /// order. A span past the end (a bug upstream) is cut to the text.
    pub fn excerpt(&self, spans: &[Span]) -> Excerpt {
        Excerpt::new(self.name, self.text, &self.lines, spans)
    }
}

#[cfg(test)]
mod tests {
    use miette::{MietteError, SourceCode};

    use super::*;

    #[test]
    fn header_column_counts_characters() -> Result<(), MietteError> {
        let text = "第一行\n全年预算总投入 326.40 万元";
        let source = ReportSource::new("报告.txt", text);
        let at = text.find("326.40").unwrap_or_default();
        let excerpt = source.excerpt(&[Span::new(at, at + "326.40".len())]);
        let contents = excerpt.read_span(&excerpt.span(0), 0, 0)?;
        assert_eq!((contents.line(), contents.column()), (1, 8));
        assert_eq!(contents.name(), Some("报告.txt"));
        // miette by itself counts bytes: 7 Chinese characters and a space.
        let bytes = text.read_span(&Span::new(at, at + 6).into(), 0, 0)?;
        assert_eq!(bytes.column(), 22);
        Ok(())
    }

    #[test]
    fn spans_past_the_end_are_cut_to_the_text() {
        let source = ReportSource::new("报告.txt", "资金执行率 100%");
        let excerpt = source.excerpt(&[Span::new(30, 90)]);
        let span = excerpt.span(0);
        assert_eq!((span.offset(), span.len()), ("资金执行率 100%".len(), 0));
        assert!(excerpt.read_span(&span, 1, 1).is_ok());
    }
}
