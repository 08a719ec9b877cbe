//! body: a report's document, the forms read from its tables and its
//! numbered findings → the report's text as HTML, with its tables drawn as
//! tables.
//!
//! The text runs in `<pre>` blocks with numbered lines, as written. A table
//! takes the place of the lines it stands on when it can be drawn as one:
//!
//! - a grid (Word, Excel, tab and regular pipe rows): its rows and cells,
//!   merged cells spanning their columns and rows (`html::table`);
//! - a flattening a form was read from: each block as the form's grid the
//!   engine rebuilt (`html::form`);
//! - a flattening no form was read from stays lines of text: nothing says
//!   which cell is under which header.
//!
//! Nothing of the text is hidden: what a drawn table's cells do not show
//! (titles, unread cells, text beside the table on its lines) is listed
//! with its line numbers next to the table (`html::rest`); only separators
//! (`|`, tabs, `|---|` rows) are dropped, and never one a finding points at.
//!
//! Every piece of text drawn with highlights is a region (`html::highlight`)
//! carrying `data-at-line`/`data-at-column`, where it starts in the report,
//! so that the page's self-check can place each highlight. A text drawn
//! twice (a group label that stands for rows apart, pieces of a cell that
//! kept the whole cell's span) is a region only the first time, and muted
//! after.

use crate::extract::forms::Reading;
use crate::source::{Block, Document, Layout, Table};
use crate::span::{LineIndex, Span};

use super::highlight::{Highlighter, Numbered, Region};

/// The report's text with its tables, as the inside of `<div class="doc">`.
pub(super) fn body(document: &Document, forms: &[Reading], findings: &[Numbered]) -> String {
    let text = &document.text;
    let mut page = Page::new(text, findings);
    let mut cursor = 0;
    let tables = document.blocks.iter().filter_map(|block| match block {
        Block::Table(table) => Some(table),
        Block::Paragraph(_) => None,
    });
    for (index, table) in tables.enumerate() {
        let readings: Vec<&Reading> = forms.iter().filter(|reading| reading.table == index).collect();
        if table.layout == Layout::Flat && readings.is_empty() {
            continue;
        }
        let lines = lines_of(text, table.span);
        // A table nested in a cell of a table already drawn shows there.
        if lines.start < cursor {
            continue;
        }
        page.run(Span::new(cursor, lines.start), false);
        let caption = caption(&page.lines, text, index, table, lines, &readings);
        let plans = match table.layout {
            Layout::Grid => vec![super::table::plan(table)],
            Layout::Flat => super::form::plans(&readings),
        };
        super::table::draw(&plans, lines, &caption, &mut page);
        cursor = lines.end.saturating_add(1).min(text.len());
    }
    page.run(Span::new(cursor, text.len()), true);
    page.finish()
}

/// The lines `span` stands on, from the first one's start to the last one's
/// end (without its line break).
fn lines_of(text: &str, span: Span) -> Span {
    let start = text.get(..span.start).and_then(|before| before.rfind('\n')).map_or(0, |at| at.saturating_add(1));
    let end =
        text.get(span.end..).and_then(|after| after.find('\n')).map_or(text.len(), |at| span.end.saturating_add(at));
    Span::new(start.min(span.start), end.max(span.end))
}

/// `表格 2（展平，第 6–120 行）：按“项目支出绩效自评表”重排`.
fn caption(lines: &LineIndex, text: &str, index: usize, table: &Table, span: Span, readings: &[&Reading]) -> String {
    let first = lines.position(text, span.start).line;
    let last = lines.position(text, span.end).line;
    let range = if first == last { format!("第 {first} 行") } else { format!("第 {first}–{last} 行") };
    let layout = match table.layout {
        Layout::Grid => "网格",
        Layout::Flat => "展平",
    };
    let mut titles: Vec<&str> = readings.iter().map(|reading| reading.title.as_str()).collect();
    titles.dedup();
    let forms = titles.iter().map(|title| format!("“{title}”")).collect::<Vec<_>>().join("、");
    let read = match (table.layout, forms.is_empty()) {
        (_, true) => String::new(),
        (Layout::Grid, false) => format!("：已按表式{forms}读取"),
        (Layout::Flat, false) => format!("：按表式{forms}重排"),
    };
    format!("表格 {}（{layout}，{range}）{read}", index.saturating_add(1))
}

/// The HTML of one report's text as it is built: literal markup and
/// regions, highlighted once every region is known.
pub(super) struct Page<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    findings: &'a [Numbered<'a>],
    /// Every primary span: the text beside a table keeps what they point
    /// at, so that no finding's highlight goes missing. (A related span
    /// that runs over a cell bar is underlined in the cells, not on the bar.)
    pub spans: Vec<Span>,
    parts: Vec<Part>,
    regions: Vec<Region>,
}

enum Part {
    Html(String),
    Region(usize),
}

impl<'a> Page<'a> {
    fn new(text: &'a str, findings: &'a [Numbered<'a>]) -> Self {
        let spans =
            findings.iter().filter_map(|(_, finding)| finding.primary.as_ref().map(|label| label.span)).collect();
        Page { text, lines: LineIndex::new(text), findings, spans, parts: Vec::new(), regions: Vec::new() }
    }

    /// Appends markup.
    pub fn html(&mut self, html: &str) {
        match self.parts.last_mut() {
            Some(Part::Html(last)) => last.push_str(html),
            _ => self.parts.push(Part::Html(html.to_string())),
        }
    }

    /// Appends `span` of the text, highlighted.
    pub fn region(&mut self, span: Span, numbered: bool) {
        self.parts.push(Part::Region(self.regions.len()));
        self.regions.push(Region { span, numbered });
    }

    /// ` data-at-line="L" data-at-column="C"`: where `at` is in the report.
    pub fn at(&self, at: usize) -> String {
        let position = self.lines.position(self.text, at);
        format!(r#" data-at-line="{}" data-at-column="{}""#, position.line, position.column)
    }

    /// A run of lines in a `<pre>`. Before a table, its last line break is
    /// left out, so no blank line stands between the two.
    fn run(&mut self, span: Span, last: bool) {
        let mut span = span;
        if !last && self.text.get(span.start..span.end).is_some_and(|run| run.ends_with('\n')) {
            span.end = span.end.saturating_sub(1);
        }
        if span.is_empty() {
            return;
        }
        let at = self.at(span.start);
        self.html(&format!(r#"<pre class="text"{at}>"#));
        self.region(span, true);
        self.html("</pre>");
    }

    fn finish(self) -> String {
        let mut highlighter = Highlighter::new(self.text, self.findings, self.regions);
        let mut out = String::with_capacity(self.text.len().saturating_mul(2));
        for part in &self.parts {
            match part {
                Part::Html(html) => out.push_str(html),
                Part::Region(index) => out.push_str(&highlighter.render(*index)),
            }
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use crate::finding::{Finding, Label, Severity};
    use crate::source::{Format, decode};

    const REPORT: &str =
        "一、预算执行\n| 项目 | 全年预算数 | 执行率 |\n|---|---|---|\n| 总额 | 80.00 | 90% |\n结语。\n";

    fn finding(primary: &str, related: &[&str]) -> Finding {
        let label = |needle: &str| {
            let start = REPORT.find(needle).unwrap();
            Label { span: Span::new(start, start + needle.len()), text: needle.to_string() }
        };
        Finding {
            rule: "rate".into(),
            title: "执行率 = 支出 ÷ 预算".into(),
            severity: Severity::Error,
            message: "执行率不符".into(),
            primary: Some(label(primary)),
            related: related.iter().map(|needle| label(needle)).collect(),
            help: None,
            expected: None,
            actual: None,
            fingerprint: "rate".into(),
        }
    }

    #[test]
    fn a_grid_table_is_drawn_with_each_highlight_in_its_cell() {
        let document = decode("表.md", REPORT.as_bytes(), Format::Markdown).unwrap();
        // The related span runs from one cell over the bar into the next.
        let findings = [finding("90%", &["80.00 | 90"])];
        let numbered: Vec<Numbered> = findings.iter().enumerate().map(|(at, finding)| (at + 1, finding)).collect();
        let html = body(&document, &[], &numbered);
        assert!(html.starts_with(r#"<pre class="text" data-at-line="1" data-at-column="1"><span class="ln" data-n="1"></span>一、预算执行</pre>"#), "{html}");
        assert!(html.contains("<figcaption>表格 1（网格，第 2–4 行）</figcaption>"), "{html}");
        assert!(html.contains(r#"<td class="num" data-at-line="4" data-at-column="16"><span class="related" data-finding="1" title="80.00 | 90"><mark id="f-1" class="error" data-finding="1" data-rule="rate" data-line="4" data-column="16" data-text="90%""#), "{html}");
        // The related span's pieces: one in each cell, the bar between them not drawn.
        assert!(
            html.contains(r#"<span id="r-1-1" class="related" data-finding="1" title="80.00 | 90">80.00</span>"#),
            "{html}"
        );
        assert!(!html.contains("---") && !html.contains("rest"), "separators are not text of the table: {html}");
        assert!(
            html.ends_with(
                r#"<pre class="text" data-at-line="5" data-at-column="1"><span class="ln" data-n="5"></span>结语。
</pre>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn text_without_tables_is_one_run() {
        let text = "一、概况\n执行率 90%。\n";
        let document = decode("无表.txt", text.as_bytes(), Format::Text).unwrap();
        let html = body(&document, &[], &[]);
        assert_eq!(
            html,
            r#"<pre class="text" data-at-line="1" data-at-column="1"><span class="ln" data-n="1"></span>一、概况
<span class="ln" data-n="2"></span>执行率 90%。
</pre>"#
        );
    }
}
