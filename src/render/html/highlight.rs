//! highlight: a report's text, its numbered findings and the regions of
//! the text the page draws → each region as HTML, each primary span in a
//! `<mark>`, each related span underlined, each line of a region drawn with
//! line numbers opened by an empty line-number marker.
//!
//! A region is a piece of the report's text drawn in one place on the page:
//! a run of lines in a `<pre>`, a table cell, a line of a table's text that
//! no grid took (`html::body`). Regions are given in page order and
//! rendered in that order; non-empty regions never overlap.
//!
//! Invariants the page's self-check relies on:
//!
//! - The text content of a rendered region is the region's text, character
//!   for character (markers carry their number in an attribute, shown by CSS).
//! - Spans may nest or overlap, or run over several regions, so a highlight
//!   is split into pieces where needed (at another span's edge, a line start
//!   or a region's edge). The first piece in page order has `id="f-N"` and
//!   the data attributes; every piece has `data-finding="N"`; the pieces'
//!   texts, joined, are `data-text`.
//! - `data-line`/`data-column` are where the first piece starts, from
//!   [`LineIndex`]: the primary span's start, unless the page does not draw
//!   the span's first characters (a table's separators). An empty primary
//!   span is an empty mark, in the first region that holds its place, which
//!   CSS gives a width.
//! - A span no region reaches is not drawn; `html::body` and `html::rest`
//!   keep a region wherever a primary span points.
//!
//! Spans are clamped to the text and widened to character boundaries, so a
//! bad span from the engine cannot make the renderer fail.

use crate::finding::Finding;
use crate::span::{LineIndex, Span};

use super::escape::escape;

/// A finding and its number on the page (`f-N`, `note-N`).
pub(super) type Numbered<'a> = (usize, &'a Finding);

/// A piece of the text drawn in one place, and whether its lines are
/// numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Region {
    pub span: Span,
    pub numbered: bool,
}

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

/// Where a highlight shows on the page.
#[derive(Debug, Clone, Default)]
struct Shown {
    /// The region of its first piece, if any region reaches it.
    home: Option<usize>,
    /// Where its first piece starts.
    start: usize,
    /// Its pieces' texts, in page order.
    text: String,
}

/// Renders regions of one text with the findings' highlights.
pub(super) struct Highlighter<'a> {
    text: &'a str,
    lines: LineIndex,
    regions: Vec<Region>,
    highlights: Vec<Highlight<'a>>,
    shown: Vec<Shown>,
    /// Whether a highlight's first piece was written.
    opened: Vec<bool>,
}

impl<'a> Highlighter<'a> {
    /// `regions` in page order; each is clamped to the text.
    pub(super) fn new(text: &'a str, findings: &[Numbered<'a>], regions: Vec<Region>) -> Self {
        let regions: Vec<Region> =
            regions.into_iter().map(|region| Region { span: clamp(text, region.span), ..region }).collect();
        let highlights = collect(text, findings);
        let shown = highlights.iter().map(|highlight| shown(text, &regions, highlight.span)).collect();
        let opened = vec![false; highlights.len()];
        Highlighter { text, lines: LineIndex::new(text), regions, highlights, shown, opened }
    }

    /// Region `index` as HTML. Call it for each region in page order, so
    /// that the first piece of each highlight is the one with its id.
    pub(super) fn render(&mut self, index: usize) -> String {
        let Some(&Region { span: region, numbered }) = self.regions.get(index) else { return String::new() };
        let text = self.text;
        let inside = |at: usize| region.start <= at && at <= region.end;
        let line_starts: Vec<usize> = if numbered {
            let starts_a_line =
                region.start == 0 || text.get(..region.start).is_some_and(|before| before.ends_with('\n'));
            let after_breaks = text
                .get(region.start..region.end)
                .unwrap_or_default()
                .match_indices('\n')
                .map(|(at, _)| region.start.saturating_add(at).saturating_add(1));
            starts_a_line
                .then_some(region.start)
                .into_iter()
                .chain(after_breaks)
                .filter(|&at| at < region.end)
                .collect()
        } else {
            Vec::new()
        };
        let mut boundaries: Vec<usize> = [region.start, region.end]
            .into_iter()
            .chain(line_starts.iter().copied())
            .chain(self.highlights.iter().flat_map(|highlight| [highlight.span.start, highlight.span.end]))
            .filter(|&at| inside(at))
            .collect();
        boundaries.sort_unstable();
        boundaries.dedup();

        let mut out = String::with_capacity(region.len().saturating_mul(2));
        let mut open: Vec<usize> = Vec::new();
        for (at, &position) in boundaries.iter().enumerate() {
            let active: Vec<usize> = (0..self.highlights.len())
                .filter(|&highlight| {
                    self.highlights.get(highlight).is_some_and(|highlight| {
                        highlight.span.start <= position && position < highlight.span.end && position < region.end
                    })
                })
                .collect();
            let line_start = line_starts.binary_search(&position).ok();
            let keep = match line_start {
                Some(_) => 0,
                None => open.iter().zip(&active).take_while(|(open, active)| open == active).count(),
            };
            while open.len() > keep {
                if let Some(highlight) = open.pop().and_then(|highlight| self.highlights.get(highlight)) {
                    close(highlight, &mut out);
                }
            }
            if line_start.is_some() {
                let line = self.lines.position(text, position).line;
                out.push_str(&format!(r#"<span class="ln" data-n="{line}"></span>"#));
            }
            for &highlight in active.get(keep..).unwrap_or_default() {
                self.start(highlight, &mut out);
                open.push(highlight);
            }
            let empties: Vec<usize> = (0..self.highlights.len())
                .filter(|&highlight| {
                    let here = self
                        .highlights
                        .get(highlight)
                        .is_some_and(|highlight| highlight.span.is_empty() && highlight.span.start == position);
                    here && self.shown.get(highlight).is_some_and(|shown| shown.home == Some(index))
                })
                .collect();
            for highlight in empties {
                self.start(highlight, &mut out);
                if let Some(highlight) = self.highlights.get(highlight) {
                    close(highlight, &mut out);
                }
            }
            let next = boundaries.get(at.saturating_add(1)).copied().unwrap_or(region.end);
            out.push_str(&escape(text.get(position..next).unwrap_or_default()));
        }
        for highlight in open.into_iter().rev().filter_map(|highlight| self.highlights.get(highlight)) {
            close(highlight, &mut out);
        }
        out
    }

    /// Opens a piece of highlight `index`: the first one with its id and
    /// data attributes.
    fn start(&mut self, index: usize, out: &mut String) {
        let (Some(highlight), Some(shown), Some(opened)) =
            (self.highlights.get(index), self.shown.get(index), self.opened.get_mut(index))
        else {
            return;
        };
        let first = !*opened;
        *opened = true;
        let number = highlight.number;
        let finding = highlight.finding;
        let severity = finding.severity.as_str();
        match (highlight.related, first) {
            (None, true) => {
                let position = self.lines.position(self.text, shown.start);
                let empty = if highlight.span.is_empty() { " empty" } else { "" };
                out.push_str(&format!(
                    r#"<mark id="f-{number}" class="{severity}{empty}" data-finding="{number}" data-rule="{}" data-line="{}" data-column="{}" data-text="{}" title="{}">"#,
                    escape(&finding.rule),
                    position.line,
                    position.column,
                    escape(&shown.text),
                    escape(&finding.message),
                ));
            }
            (None, false) => out.push_str(&format!(
                r#"<mark class="{severity} cont" data-finding="{number}" title="{}">"#,
                escape(&finding.message)
            )),
            (Some(related), first) => {
                let id =
                    if first { format!(r#" id="r-{number}-{}""#, related.saturating_add(1)) } else { String::new() };
                let label = finding.related.get(related).map_or("", |label| label.text.as_str());
                out.push_str(&format!(
                    r#"<span{id} class="related" data-finding="{number}" title="{}">"#,
                    escape(label)
                ));
            }
        }
    }
}

/// Where a highlight with `span` shows among `regions` (in page order): the
/// region of its first piece, where that piece starts, and the text of all
/// its pieces.
///
/// Linear in the regions; a page has a region per table cell and a few
/// dozen highlights, and the regions are scanned once per highlight.
fn shown(text: &str, regions: &[Region], span: Span) -> Shown {
    let mut shown = Shown::default();
    for (index, region) in regions.iter().enumerate() {
        let region = region.span;
        if span.is_empty() {
            if region.start <= span.start && span.start <= region.end {
                return Shown { home: Some(index), start: span.start, text: String::new() };
            }
            continue;
        }
        let start = span.start.max(region.start);
        let end = span.end.min(region.end);
        if start >= end {
            continue;
        }
        if shown.home.is_none() {
            shown.home = Some(index);
            shown.start = start;
        }
        shown.text.push_str(text.get(start..end).unwrap_or_default());
    }
    shown
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

fn close(highlight: &Highlight, out: &mut String) {
    out.push_str(if highlight.related.is_none() { "</mark>" } else { "</span>" });
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use crate::finding::{Label, Severity};

    const TEXT: &str = "预算 326.40 万元，执行率 100%。\n第二行 <b>";

    /// The whole text as one region with numbered lines.
    fn highlight(text: &str, findings: &[Numbered]) -> String {
        Highlighter::new(text, findings, vec![Region { span: Span::new(0, text.len()), numbered: true }]).render(0)
    }

    fn label(needle: &str) -> Label {
        let start = TEXT.find(needle).unwrap_or_default();
        Label { span: Span::new(start, start + needle.len()), text: format!("“{needle}”") }
    }

    fn finding(rule: &str, primary: Option<Label>, related: Vec<Label>) -> Finding {
        Finding {
            rule: rule.to_string(),
            title: format!("{rule} 的标题"),
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
