//! source_text: a report's text → miette [`SourceCode`] that names the file
//! and counts columns in characters.
//!
//! miette's own `SourceCode` for `str` (and `NamedSource` around it) counts
//! the column of its `[file:line:column]` header in bytes, so a figure after
//! seven Chinese characters would show column 23 instead of 9. This wrapper
//! lets miette cut the snippet as usual and replaces only the column, taken
//! from [`LineIndex`], the one place where offsets become positions. Line
//! numbers stay miette's so that the header agrees with the gutter.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::span::{LineIndex, Span};

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

    /// `span` as miette's span, cut to the text: a span past the end (a bug
    /// upstream) must not turn the whole diagnostic into a read error.
    pub fn source_span(&self, span: Span) -> SourceSpan {
        let end = span.end.min(self.text.len());
        let start = span.start.min(end);
        Span::new(start, end).into()
    }
}

impl SourceCode for ReportSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let contents = self.text.read_span(span, context_lines_before, context_lines_after)?;
        let start = self.lines.position(self.text, contents.span().offset());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            contents.data(),
            *contents.span(),
            contents.line(),
            // miette's columns are 0-based, ours 1-based.
            start.column.saturating_sub(1),
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_column_counts_characters() -> Result<(), MietteError> {
        let text = "第一行\n全年预算总投入 326.40 万元";
        let source = ReportSource::new("报告.txt", text);
        let at = text.find("326.40").unwrap_or_default();
        let span = source.source_span(Span::new(at, at + "326.40".len()));
        let contents = source.read_span(&span, 0, 0)?;
        assert_eq!((contents.line(), contents.column()), (1, 8));
        assert_eq!(contents.name(), Some("报告.txt"));
        // miette by itself counts bytes: 7 Chinese characters and a space.
        let bytes = text.read_span(&span, 0, 0)?;
        assert_eq!(bytes.column(), 22);
        Ok(())
    }

    #[test]
    fn spans_past_the_end_are_cut_to_the_text() {
        let source = ReportSource::new("报告.txt", "资金执行率 100%");
        let span = source.source_span(Span::new(30, 90));
        assert_eq!((span.offset(), span.len()), ("资金执行率 100%".len(), 0));
        assert!(source.read_span(&span, 1, 1).is_ok());
    }
}
