//! highlight: a report's text and its numbered findings → the text as HTML,
//! each primary span in a `<mark>`, each related span underlined, each line
//! opened by an empty line-number marker.
//!
//! Invariants the page's self-check relies on:
//!
//! - The text content of the output is the report's text, character for
//!   character (markers carry their number in an attribute, shown by CSS).
//! - Spans may nest or overlap, so a highlight is split into pieces where
//!   needed (at another span's edge or a line start). The first piece of a
//!   finding's mark has `id="f-N"` and the data attributes; every piece has
//!   `data-finding="N"`; the pieces' texts, joined, are `data-text`.
//! - `data-line`/`data-column` are the primary span's start from
//!   [`LineIndex`]. An empty primary span is an empty mark, which CSS gives
//!   a width.
//!
//! Spans are clamped to the text and widened to character boundaries, so a
//! bad span from the engine cannot make the renderer fail.

use crate::finding::Finding;
use crate::span::{LineIndex, Span};

use super::escape::escape;

/// A finding and its number on the page (`f-N`, `note-N`).
pub(super) type Numbered<'a> = (usize, &'a Finding);

/// One highlighted span: a finding's primary (`related: None`) or its
/// `related[k]` (`Some(k)`).
struct Highlight<'a> {
    span: Span,
    number: usize,
    finding: &'a Finding,
    related: Option<usize>,
}

impl Highlight<'_> {
    /// Outer spans before inner ones; a primary before a related span.
    fn order(&self) -> (usize, std::cmp::Reverse<usize>, bool, usize, Option<usize>) {
        (self.span.start, std::cmp::Reverse(self.span.end), self.related.is_some(), self.number, self.related)
    }
}

pub(super) fn highlight(text: &str, findings: &[Numbered]) -> String {
    let highlights = collect(text, findings);
    let lines = LineIndex::new(text);
    let mut boundaries: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at.saturating_add(1)))
        .chain(highlights.iter().flat_map(|highlight| [highlight.span.start, highlight.span.end]))
        .chain(std::iter::once(text.len()))
        .collect();
    boundaries.sort_unstable();
    boundaries.dedup();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at.saturating_add(1)))
        .filter(|&at| at < text.len())
        .collect();

    let mut out = String::with_capacity(text.len().saturating_mul(2));
    let mut open: Vec<usize> = Vec::new();
    let mut opened = vec![false; highlights.len()];
    for (at, &position) in boundaries.iter().enumerate() {
        let active: Vec<usize> = highlights
            .iter()
            .enumerate()
            .filter(|(_, highlight)| highlight.span.start <= position && position < highlight.span.end)
            .map(|(index, _)| index)
            .collect();
        let line_start = line_starts.binary_search(&position).ok();
        let keep = match line_start {
            Some(_) => 0,
            None => open.iter().zip(&active).take_while(|(open, active)| open == active).count(),
        };
        while open.len() > keep {
            if let Some(highlight) = open.pop().and_then(|index| highlights.get(index)) {
                close(highlight, &mut out);
            }
        }
        if let Some(line) = line_start {
            out.push_str(&format!(r#"<span class="ln" data-n="{}"></span>"#, line.saturating_add(1)));
        }
        for &index in active.get(keep..).unwrap_or_default() {
            let (Some(highlight), Some(was_opened)) = (highlights.get(index), opened.get_mut(index)) else {
                continue;
            };
            start(highlight, !*was_opened, text, &lines, &mut out);
            *was_opened = true;
            open.push(index);
        }
        for highlight in
            highlights.iter().filter(|highlight| highlight.span.is_empty() && highlight.span.start == position)
        {
            start(highlight, true, text, &lines, &mut out);
            close(highlight, &mut out);
        }
        let next = boundaries.get(at.saturating_add(1)).copied().unwrap_or(text.len());
        out.push_str(&escape(text.get(position..next).unwrap_or_default()));
    }
    for highlight in open.into_iter().rev().filter_map(|index| highlights.get(index)) {
        close(highlight, &mut out);
    }
    out
}

/// Every primary and related span, clamped, in nesting order. Empty related
/// spans show nothing and are left out.
fn collect<'a>(text: &str, findings: &[Numbered<'a>]) -> Vec<Highlight<'a>> {
    let mut highlights = Vec::new();
    for &(number, finding) in findings {
        if let Some(label) = &finding.primary {
            highlights.push(Highlight { span: clamp(text, label.span), number, finding, related: None });
        }
        for (index, label) in finding.related.iter().enumerate() {
            let span = clamp(text, label.span);
            if !span.is_empty() {
                highlights.push(Highlight { span, number, finding, related: Some(index) });
            }
        }
    }
    highlights.sort_by_key(Highlight::order);
    highlights
}

fn clamp(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    // Both loops stop: offset 0 and `text.len()` are boundaries.
    while !text.is_char_boundary(start) {
        start = start.saturating_sub(1);
    }
    while !text.is_char_boundary(end) {
        end = end.saturating_add(1);
    }
    Span::new(start, end)
}

fn start(highlight: &Highlight, first: bool, text: &str, lines: &LineIndex, out: &mut String) {
    let number = highlight.number;
    let finding = highlight.finding;
    let severity = finding.severity.as_str();
    match (highlight.related, first) {
        (None, true) => {
            let position = lines.position(text, highlight.span.start);
            let figure = text.get(highlight.span.start..highlight.span.end).unwrap_or_default();
            let empty = if highlight.span.is_empty() { " empty" } else { "" };
            out.push_str(&format!(
                r#"<mark id="f-{number}" class="{severity}{empty}" data-finding="{number}" data-rule="{}" data-line="{}" data-column="{}" data-text="{}" title="{}">"#,
                escape(&finding.rule),
                position.line,
                position.column,
                escape(figure),
                escape(&finding.message),
            ));
        }
        (None, false) => out.push_str(&format!(
            r#"<mark class="{severity} cont" data-finding="{number}" title="{}">"#,
            escape(&finding.message)
        )),
        (Some(index), first) => {
            let id = if first { format!(r#" id="r-{number}-{}""#, index.saturating_add(1)) } else { String::new() };
            let label = finding.related.get(index).map_or("", |label| label.text.as_str());
            out.push_str(&format!(r#"<span{id} class="related" data-finding="{number}" title="{}">"#, escape(label)));
        }
    }
}

fn close(highlight: &Highlight, out: &mut String) {
    out.push_str(if highlight.related.is_none() { "</mark>" } else { "</span>" });
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use crate::finding::{Label, Severity};

    const TEXT: &str = "预算 326.40 万元，执行率 100%。\n第二行 <b>";

    fn label(needle: &str) -> Label {
        let start = TEXT.find(needle).unwrap_or_default();
        Label { span: Span::new(start, start + needle.len()), text: format!("“{needle}”") }
    }

    fn finding(rule: &str, primary: Option<Label>, related: Vec<Label>) -> Finding {
        Finding {
            rule: rule.to_string(),
            severity: Severity::Error,
            message: format!("{rule} 的说明"),
            primary,
            related,
            help: None,
            expected: None,
            actual: None,
            fingerprint: rule.to_string(),
        }
    }

    /// The text content of `html`: tags dropped, references resolved.
    fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for character in html.chars() {
            match character {
                '<' => in_tag = true,
                '>' => in_tag = false,
                other if !in_tag => text.push(other),
                _ => {}
            }
        }
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&#13;", "\r").replace("&amp;", "&")
    }

    #[test]
    fn nested_overlapping_multiline_and_empty_spans() {
        let empty = TEXT.find("第二").map(|at| Label { span: Span::new(at, at), text: String::new() });
        let findings = [
            finding("rate", Some(label("100%")), vec![label("326.40 万元")]),
            finding("inner", Some(label("326.40")), Vec::new()),
            finding("overlap", Some(label("万元，执行率")), Vec::new()),
            finding("lines", Some(label("100%。\n第二")), Vec::new()),
            finding("point", empty, Vec::new()),
        ];
        let numbered: Vec<Numbered> = findings.iter().enumerate().map(|(at, finding)| (at + 1, finding)).collect();
        let html = highlight(TEXT, &numbered);
        assert_eq!(text_of(&html), TEXT);
        insta::assert_snapshot!(html.replace("><", ">\n<"));
    }

    #[test]
    fn spans_outside_the_text_or_inside_a_character_are_clamped() {
        let inside = Label { span: Span::new(1, 4), text: String::new() };
        let past = Label { span: Span::new(TEXT.len() - 1, TEXT.len() + 9), text: String::new() };
        let findings = [finding("inside", Some(inside), Vec::new()), finding("past", Some(past), Vec::new())];
        let numbered: Vec<Numbered> = findings.iter().enumerate().map(|(at, finding)| (at + 1, finding)).collect();
        let html = highlight(TEXT, &numbered);
        assert_eq!(text_of(&html), TEXT);
        assert!(html.contains(r#"data-line="1" data-column="1" data-text="预算""#), "{html}");
        assert!(html.contains(r#"data-text="&gt;""#) && html.ends_with("&gt;</mark>"), "{html}");
    }
}
