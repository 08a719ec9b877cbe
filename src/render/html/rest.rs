//! rest: the text a drawn table's cells took → what they did not take, as
//! lines beside the table, so that the page hides nothing.
//!
//! [`Claims`] records the spans drawn as cells (in page order: the first
//! cell to draw a text claims it). [`pieces`] gives the rest of a table's
//! lines, one piece a line, trimmed of white space and cell bars. A piece
//! that is only separators (`|`, tabs, a `|---|` row) is dropped, unless a
//! finding points into it and no cell holds that place: a highlight never
//! goes missing.

use std::collections::{BTreeMap, BTreeSet};

use crate::span::Span;

use super::body::Page;

/// The spans drawn as cells: non-empty ones disjoint, empty ones as places.
#[derive(Debug, Default)]
pub(super) struct Claims {
    /// Start → end.
    spans: BTreeMap<usize, usize>,
    places: BTreeSet<usize>,
}

impl Claims {
    /// Claims `span` for a cell; false when part of it is drawn already.
    pub fn claim(&mut self, span: Span) -> bool {
        if span.is_empty() {
            self.places.insert(span.start);
            return true;
        }
        let overlaps = self.spans.range(..span.end).next_back().is_some_and(|(_, &end)| end > span.start);
        if !overlaps {
            self.spans.insert(span.start, span.end);
        }
        !overlaps
    }

    /// Whether a cell holds place `at` (its start, inside or its end).
    fn holds(&self, at: usize) -> bool {
        self.places.contains(&at) || self.spans.range(..=at).next_back().is_some_and(|(_, &end)| end >= at)
    }

    /// What of `within` no claimed span covers, in order.
    fn gaps(&self, within: Span) -> Vec<Span> {
        let mut gaps = Vec::new();
        let mut cursor = within.start;
        for (&start, &end) in self.spans.range(..within.end) {
            if end <= cursor {
                continue;
            }
            if start > cursor {
                gaps.push(Span::new(cursor, start.min(within.end)));
            }
            cursor = end;
        }
        if cursor < within.end {
            gaps.push(Span::new(cursor, within.end));
        }
        gaps
    }
}

/// The text of `lines` that no cell took, a piece a line; `spans` are what
/// the findings' highlights must find on the page.
pub(super) fn pieces(text: &str, lines: Span, claims: &Claims, spans: &[Span]) -> Vec<Span> {
    let mut pieces = Vec::new();
    for gap in claims.gaps(lines) {
        let mut start = gap.start;
        for line in text.get(gap.start..gap.end).unwrap_or_default().split('\n') {
            let piece = Span::new(start, start.saturating_add(line.len()));
            start = piece.end.saturating_add(1);
            let pointed = spans.iter().any(|span| match span.is_empty() {
                true => piece.start <= span.start && span.start <= piece.end && !claims.holds(span.start),
                false => span.start < piece.end && span.end > piece.start,
            });
            let trimmed = trim(line);
            if pointed {
                pieces.push(piece);
            } else if !trimmed.is_empty() && !is_separator_row(trimmed) {
                let offset = line.len().saturating_sub(line.trim_start_matches(is_bar_or_space).len());
                let start = piece.start.saturating_add(offset);
                pieces.push(Span::new(start, start.saturating_add(trimmed.len())));
            }
        }
    }
    pieces
}

fn is_bar_or_space(character: char) -> bool {
    character.is_whitespace() || matches!(character, '|' | '｜')
}

fn trim(line: &str) -> &str {
    line.trim_matches(is_bar_or_space)
}

/// `---|:---:` between a Markdown table's header and body.
fn is_separator_row(text: &str) -> bool {
    text.chars().all(|character| matches!(character, '-' | ':' | '+' | '|' | '｜') || character.is_whitespace())
        && text.matches('-').count() >= 3
}

/// The pieces as lines, each with its line number; pieces of one line stand
/// on one line. A line is a block of its own, so that a long one wraps
/// under its text rather than under its number.
pub(super) fn draw(page: &mut Page, pieces: &[Span]) {
    if pieces.is_empty() {
        return;
    }
    page.html(r#"<div class="rest"><p class="rest-title">表中其余文字</p>"#);
    let mut line = None;
    for piece in pieces {
        let at = page.lines.position(page.text, piece.start).line;
        match line {
            Some(previous) if previous == at => page.html("　"),
            Some(_) => page.html(&format!(r#"</div><div class="line"><span class="ln" data-n="{at}"></span>"#)),
            None => page.html(&format!(r#"<div class="line"><span class="ln" data-n="{at}"></span>"#)),
        }
        line = Some(at);
        let attributes = page.at(piece.start);
        page.html(&format!("<span{attributes}>"));
        page.region(*piece, false);
        page.html("</span>");
    }
    page.html("</div></div>");
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn texts<'t>(text: &'t str, spans: &[Span]) -> Vec<&'t str> {
        spans.iter().map(|span| &text[span.start..span.end]).collect()
    }

    #[test]
    fn what_no_cell_took_a_line_at_a_time_without_separators() {
        let text = "表一 |\n| 年初 | 全年 |\n|---|---|\n| 10 | 12 |\n备注：无 |";
        let mut claims = Claims::default();
        for cell in ["年初", "全年", "10", "12"] {
            let start = text.find(cell).unwrap();
            assert!(claims.claim(Span::new(start, start + cell.len())));
        }
        assert!(!claims.claim(Span::new(text.find("全年").unwrap(), text.find("全年").unwrap() + 3)));
        let pieces = pieces(text, Span::new(0, text.len()), &claims, &[]);
        assert_eq!(texts(text, &pieces), ["表一", "备注：无"]);
    }

    #[test]
    fn a_separator_a_finding_points_at_is_kept_whole() {
        let text = "| 10 |   |\n";
        let mut claims = Claims::default();
        assert!(claims.claim(Span::new(2, 4)));
        let empty = Span::new(7, 7);
        let pieces = pieces(text, Span::new(0, text.len() - 1), &claims, &[empty, Span::new(2, 2)]);
        assert_eq!(texts(text, &pieces), [" |   |"], "the place at 2 is the cell's start: not kept for it");
    }
}
