//! excerpt: a text and the spans of one diagnostic → the lines miette
//! draws, each escaped and clipped, with the spans moved into them.
//!
//! The excerpt holds the lines from [`CONTEXT_LINES`] before the first span
//! to as many after the last (miette's own context), joined by `\n`. A line
//! of at most [`WHOLE_LINE_CHARS`] characters is kept whole; a longer one
//! keeps [`MARGIN_CHARS`] characters either side of each span's start and
//! end, and `…` stands for what is left out. Every character
//! [`super::is_unsafe`] is written escaped. So no line miette sees is much
//! wider than the spans on it need, whatever the text holds.
//!
//! The name (a file's) is escaped to one line for the header. Line
//! numbers and the header's column stay those of the original text:
//! the excerpt reports its first line's number, and the column each span
//! start had, counted in characters by [`LineIndex`].

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::{escape_line, push_escaped};
use crate::span::{LineIndex, Span};

/// Lines shown before and after the spans: miette's default context.
pub const CONTEXT_LINES: usize = 1;

/// A line up to this long is shown whole (a long paragraph of a report).
pub const WHOLE_LINE_CHARS: usize = 300;

/// Characters kept either side of a span's edge on a longer line.
pub const MARGIN_CHARS: usize = 60;

const ELLIPSIS: char = '…';

/// A few lines of a text, safe for miette, with a diagnostic's spans.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: String,
    text: String,
    /// The 0-based line of the original text the excerpt starts on.
    first_line: usize,
    /// The spans given to [`Excerpt::new`], moved into `text`.
    spans: Vec<SourceSpan>,
    /// Where each span edge lies in `text`, and its 0-based column in
    /// characters in the original line.
    columns: Vec<(usize, usize)>,
}

impl Excerpt {
    /// The lines of `text` (indexed by `lines`) that `spans` lie on, with
    /// context. A span past the end of the text is cut to it; a span edge
    /// inside a character moves to the character's edge.
    pub fn new(name: &str, text: &str, lines: &LineIndex, spans: &[Span]) -> Excerpt {
        let spans: Vec<Span> = spans.iter().map(|span| snap(text, *span)).collect();
        let mut points: Vec<usize> = spans.iter().flat_map(|span| [span.start, span.end]).collect();
        points.sort_unstable();
        points.dedup();
        let line_of = |offset: usize| lines.position(text, offset).line;
        let first = points.first().map_or(1, |&point| line_of(point)).saturating_sub(CONTEXT_LINES).max(1);
        let last =
            points.last().map_or(1, |&point| line_of(point)).saturating_add(CONTEXT_LINES).min(lines.line_count());
        let mut out = String::new();
        let mut moved: Vec<(usize, usize)> = Vec::with_capacity(points.len());
        let mut pending = points.as_slice();
        for line in first..=last {
            let Some(range) = lines.line_span(text, line) else { break };
            // Points up to the next line's start belong here; one inside
            // the line ending stands at the line's end.
            let next = lines.line_span(text, line.saturating_add(1)).map_or(usize::MAX, |next| next.start);
            let split = pending.partition_point(|&point| point < next);
            let (here, rest) = pending.split_at(split);
            pending = rest;
            let here: Vec<(usize, usize)> =
                here.iter().map(|&point| (point, point.clamp(range.start, range.end))).collect();
            write_line(text, range, &here, &mut out, &mut moved);
            // A line that ends with a line ending keeps one: miette shows
            // an empty last line only when it is ended.
            if range.end < text.len() {
                out.push('\n');
            }
        }
        let at = |offset: usize| moved.iter().find(|(point, _)| *point == offset).map_or(0, |(_, at)| *at);
        let columns =
            points.iter().map(|&point| (at(point), lines.position(text, point).column.saturating_sub(1))).collect();
        let spans = spans
            .iter()
            .map(|span| {
                let (start, end) = (at(span.start), at(span.end));
                SourceSpan::new(start.into(), end.saturating_sub(start))
            })
            .collect();
        Excerpt { name: escape_line(name).into_owned(), text: out, first_line: first.saturating_sub(1), spans, columns }
    }

    /// The `index`th span given to [`Excerpt::new`], in the excerpt.
    pub fn span(&self, index: usize) -> SourceSpan {
        self.spans.get(index).copied().unwrap_or_else(|| SourceSpan::new(0.into(), 0))
    }

    /// The excerpt's text, as miette reads it.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// `span` cut to the text, its edges on character boundaries.
fn snap(text: &str, span: Span) -> Span {
    let end = span.end.min(text.len());
    let mut start = span.start.min(end);
    while !text.is_char_boundary(start) {
        start = start.saturating_sub(1);
    }
    let mut end = end;
    while !text.is_char_boundary(end) {
        end = end.saturating_add(1);
    }
    Span::new(start, end)
}

/// Appends the line `range` of `text`, clipped around `points` (sorted
/// pairs of a point and where it stands on the line), and records where
/// each point lands in `out`.
fn write_line(text: &str, range: Span, points: &[(usize, usize)], out: &mut String, moved: &mut Vec<(usize, usize)>) {
    let line = text.get(range.start..range.end).unwrap_or_default();
    let segments = if line.chars().nth(WHOLE_LINE_CHARS).is_none() {
        vec![range]
    } else {
        let places: Vec<usize> = points.iter().map(|(_, place)| *place).collect();
        keep(text, range, &places)
    };
    let mut waiting = points;
    // Every point up to `offset` lands at `out`'s end.
    let mut land = |offset: usize, out: &String| {
        let reached = waiting.partition_point(|(_, place)| *place <= offset);
        let (landed, rest) = waiting.split_at(reached);
        moved.extend(landed.iter().map(|(point, _)| (*point, out.len())));
        waiting = rest;
    };
    for (index, segment) in segments.iter().enumerate() {
        if segment.start > range.start || index > 0 {
            out.push(ELLIPSIS);
        }
        let kept = text.get(segment.start..segment.end).unwrap_or_default();
        for (offset, character) in kept.char_indices() {
            land(segment.start.saturating_add(offset), out);
            push_escaped(out, character);
        }
        land(segment.end, out);
    }
    if segments.last().is_some_and(|segment| segment.end < range.end) {
        out.push(ELLIPSIS);
    }
}

/// The parts of a long line to show: [`MARGIN_CHARS`] around each point,
/// overlapping parts joined; the line's start when it has no point.
fn keep(text: &str, range: Span, points: &[usize]) -> Vec<Span> {
    let line = text.get(range.start..range.end).unwrap_or_default();
    if points.is_empty() {
        let end = line.char_indices().nth(MARGIN_CHARS.saturating_mul(2)).map_or(line.len(), |(at, _)| at);
        return vec![Span::new(range.start, range.start.saturating_add(end))];
    }
    let mut segments: Vec<Span> = Vec::new();
    for &point in points {
        let before = text.get(range.start..point).unwrap_or_default();
        let after = text.get(point..range.end).unwrap_or_default();
        let start = before
            .char_indices()
            .rev()
            .nth(MARGIN_CHARS.saturating_sub(1))
            .map_or(range.start, |(at, _)| range.start.saturating_add(at));
        let end = after.char_indices().nth(MARGIN_CHARS).map_or(range.end, |(at, _)| point.saturating_add(at));
        match segments.last_mut() {
            // Joined when the gap between them is no wider than the `…`
            // that would stand for it.
            Some(last) if start <= last.end.saturating_add(ELLIPSIS.len_utf8()) => last.end = last.end.max(end),
            _ => segments.push(Span::new(start, end)),
        }
    }
    segments
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self.text.as_str().read_span(span, context_lines_before, context_lines_after)?;
        let offset = contents.span().offset();
        let column = self.columns.iter().find(|(at, _)| *at == offset).map_or(contents.column(), |(_, column)| *column);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line().saturating_add(self.first_line),
            column,
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
#[allow(clippy::string_slice, clippy::arithmetic_side_effects, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn excerpt(text: &str, needles: &[&str]) -> Excerpt {
        let spans: Vec<Span> = needles
            .iter()
            .map(|needle| {
                let at = text.find(needle).unwrap_or_else(|| panic!("no {needle}"));
                Span::new(at, at + needle.len())
            })
            .collect();
        Excerpt::new("报告.txt", text, &LineIndex::new(text), &spans)
    }

    fn shown(excerpt: &Excerpt, index: usize) -> &str {
        let span = excerpt.span(index);
        &excerpt.text()[span.offset()..span.offset() + span.len()]
    }

    #[test]
    fn short_lines_are_kept_whole_with_one_line_of_context() {
        let text = "第一行\n第二行\n预算 100.00 万元\n第四行\n第五行";
        let excerpt = excerpt(text, &["100.00"]);
        assert_eq!(excerpt.text(), "第二行\n预算 100.00 万元\n第四行\n");
        assert_eq!(shown(&excerpt, 0), "100.00");
        let contents = excerpt.read_span(&excerpt.span(0), 0, 0).unwrap();
        assert_eq!((contents.line(), contents.column()), (2, 3));
    }

    #[test]
    fn a_long_line_is_clipped_around_the_span() {
        let text = format!("一、概况\n{}预算数为 240.00 万元{}\n完", "哈".repeat(33_000), "呀".repeat(500));
        let excerpt = excerpt(&text, &["240.00 万元"]);
        let line = excerpt.text().lines().nth(1).unwrap();
        assert_eq!(line, format!("…{}预算数为 240.00 万元{}…", "哈".repeat(55), "呀".repeat(60)));
        assert_eq!(shown(&excerpt, 0), "240.00 万元");
        let contents = excerpt.read_span(&excerpt.span(0), 0, 0).unwrap();
        // Line 2, column 33,006 of the original (0-based 1 and 33,005).
        assert_eq!((contents.line(), contents.column()), (1, 33_005));
    }

    #[test]
    fn far_spans_on_one_line_keep_their_own_windows() {
        let text = format!("{}甲 1 元{}乙 2 元{}", "哈".repeat(400), "哈".repeat(400), "哈".repeat(400));
        let excerpt = excerpt(&text, &["1 元", "2 元"]);
        assert_eq!(excerpt.text().matches('…').count(), 3);
        assert_eq!((shown(&excerpt, 0), shown(&excerpt, 1)), ("1 元", "2 元"));
    }

    #[test]
    fn a_long_span_keeps_its_ends() {
        let text = format!("起{}止", "哈".repeat(1000));
        let excerpt = excerpt(&text, &[text.as_str()]);
        let span = shown(&excerpt, 0);
        assert!(span.starts_with('起') && span.ends_with('止') && span.contains('…'), "{span}");
        assert!(excerpt.text().chars().count() < 2 * MARGIN_CHARS + 4);
    }

    #[test]
    fn control_characters_are_escaped_and_spans_follow() {
        let text = "标题\u{1b}]0;x\u{7} 预算 5 元\u{1b}[2J";
        let excerpt = excerpt(text, &["5 元"]);
        assert_eq!(excerpt.text(), "标题\\x1b]0;x\\x07 预算 5 元\\x1b[2J");
        assert_eq!(shown(&excerpt, 0), "5 元");
        let contents = excerpt.read_span(&excerpt.span(0), 0, 0).unwrap();
        assert_eq!(contents.column(), 12);
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_are_cut() {
        let text = "资金执行率 100%";
        let lines = LineIndex::new(text);
        let excerpt = Excerpt::new("报告.txt", text, &lines, &[Span::new(30, 90), Span::new(1, 2)]);
        assert_eq!(excerpt.text(), text);
        assert_eq!((excerpt.span(0).offset(), excerpt.span(0).len()), (text.len(), 0));
        assert_eq!((excerpt.span(1).offset(), excerpt.span(1).len()), (0, 3));
        assert!(excerpt.read_span(&excerpt.span(0), 1, 1).is_ok());
    }

    #[test]
    fn a_span_over_a_line_ending_ends_on_its_line() {
        let text = "一行\r\n二行";
        let lines = LineIndex::new(text);
        let excerpt = Excerpt::new("报告.txt", text, &lines, &[Span::new(0, 7)]);
        assert_eq!(excerpt.text(), "一行\n二行");
        assert_eq!(shown(&excerpt, 0), "一行");
    }

    #[test]
    fn an_ended_empty_line_after_the_span_is_kept() {
        let text = "甲 1 元\n\n乙";
        let excerpt = excerpt(text, &["1 元"]);
        assert_eq!(excerpt.text(), "甲 1 元\n\n");
        assert_eq!(shown(&excerpt, 0), "1 元");
    }
}
