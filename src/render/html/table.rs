//! table: a drawn table's grids → `<table>`s, the text their cells did not
//! take beside them (`html::rest`).
//!
//! A [`Plan`] is one `<table>` as data: an optional header row and rows of
//! slots, each slot a cell with the columns and rows it spans. [`plan`]
//! makes one from a document's grid table (merged cells span, a position
//! no cell starts in or covers is an empty filler); `html::form` makes one
//! from each block a form was read into. [`draw`] writes the plans of one
//! table in the order of their text, with the text no cell took placed
//! before, between or after them by where it stands.

use crate::source::{Cell, Table};
use crate::span::Span;

use super::body::Page;
use super::escape::escape;
use super::rest::{self, Claims};

/// HTML's largest `colspan`.
const MAX_COLUMNS: usize = 1000;
/// HTML's largest `rowspan`.
const MAX_ROWS: usize = 65534;

/// One `<table>`.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Its `<caption>`.
    pub title: Option<String>,
    /// The header row; empty for none.
    pub head: Vec<Slot>,
    pub rows: Vec<Vec<Slot>>,
}

/// One cell of a plan.
#[derive(Debug, Clone)]
pub(super) struct Slot {
    pub content: Content,
    pub columns: usize,
    pub rows: usize,
    /// A header or a row's label (`<th>`).
    pub header: bool,
    /// A tooltip (the form's name for a header cell).
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Content {
    /// Text of the report.
    Text(Span),
    /// A name the form gives, not text of the report.
    Name(String),
    Empty,
}

impl Slot {
    pub fn new(content: Content) -> Slot {
        Slot { content, columns: 1, rows: 1, header: false, title: None }
    }

    fn span(&self) -> Option<Span> {
        match self.content {
            Content::Text(span) => Some(span),
            Content::Name(_) | Content::Empty => None,
        }
    }
}

impl Plan {
    fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.head.iter().chain(self.rows.iter().flatten())
    }

    /// Where its text starts: the place it takes among the text around it.
    fn start(&self) -> usize {
        self.slots().filter_map(Slot::span).map(|span| span.start).min().unwrap_or(usize::MAX)
    }
}

/// A document's grid table as a plan: its rows, merged cells spanning.
pub(super) fn plan(table: &Table) -> Plan {
    let mut rows = Vec::with_capacity(table.rows.len());
    // Cells from rows above that still cover this one: first column, end, last row.
    let mut covering: Vec<(usize, usize, usize)> = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        covering.retain(|&(_, _, last)| last >= index);
        let mut taken: Vec<(usize, usize, Option<&Cell>)> = covering
            .iter()
            .map(|&(start, end, _)| (start, end, None))
            .chain(
                row.cells.iter().map(|cell| (cell.column, cell.column.saturating_add(cell.width.max(1)), Some(cell))),
            )
            .collect();
        taken.sort_by_key(|&(start, _, cell)| (start, cell.is_some()));
        let mut slots = Vec::new();
        let mut cursor = 0;
        for (start, end, cell) in taken {
            if start > cursor {
                let filler =
                    Slot { columns: start.saturating_sub(cursor).min(MAX_COLUMNS), ..Slot::new(Content::Empty) };
                slots.push(filler);
            }
            if let Some(cell) = cell {
                slots.push(Slot {
                    columns: cell.width.clamp(1, MAX_COLUMNS),
                    rows: cell.height.clamp(1, MAX_ROWS),
                    ..Slot::new(Content::Text(cell.span))
                });
            }
            cursor = cursor.max(end);
        }
        for cell in row.cells.iter().filter(|cell| cell.height > 1) {
            let end = cell.column.saturating_add(cell.width.max(1));
            covering.push((cell.column, end, index.saturating_add(cell.height).saturating_sub(1)));
        }
        rows.push(slots);
    }
    Plan { title: None, head: Vec::new(), rows }
}

/// Writes one table: its caption, its plans and the rest of its `lines`.
pub(super) fn draw(plans: &[Plan], lines: Span, caption: &str, page: &mut Page) {
    let mut order: Vec<&Plan> = plans.iter().collect();
    order.sort_by_key(|plan| plan.start());
    // What the cells take is known only once every plan has claimed its text
    // in page order; the same order claims again while writing.
    let mut claims = Claims::default();
    for slot in order.iter().flat_map(|plan| plan.slots()) {
        if let Some(span) = slot.span() {
            claims.claim(span);
        }
    }
    let pieces = rest::pieces(page.text, lines, &claims, &page.spans);
    page.html(&format!(r#"<figure class="table"><figcaption>{}</figcaption>"#, escape(caption)));
    let mut claims = Claims::default();
    let mut pieces = pieces.as_slice();
    for plan in order {
        let start = plan.start();
        let before = pieces.iter().take_while(|piece| piece.start < start).count();
        let (now, later) = pieces.split_at(before.min(pieces.len()));
        rest::draw(page, now);
        pieces = later;
        write(plan, page, &mut claims);
    }
    rest::draw(page, pieces);
    page.html("</figure>");
}

fn write(plan: &Plan, page: &mut Page, claims: &mut Claims) {
    page.html(r#"<div class="scroll"><table class="grid">"#);
    if let Some(title) = &plan.title {
        page.html(&format!("<caption>{}</caption>", escape(title)));
    }
    if !plan.head.is_empty() {
        page.html("<thead><tr>");
        for slot in &plan.head {
            cell(slot, page, claims);
        }
        page.html("</tr></thead>");
    }
    page.html("<tbody>");
    for row in &plan.rows {
        page.html("<tr>");
        for slot in row {
            cell(slot, page, claims);
        }
        page.html("</tr>");
    }
    page.html("</tbody></table></div>");
}

/// One `<td>` or `<th>`: text drawn for the first time is a region, with
/// where it starts in the report; text drawn again is plain and muted.
fn cell(slot: &Slot, page: &mut Page, claims: &mut Claims) {
    let tag = if slot.header { "th" } else { "td" };
    let mut attributes = String::new();
    if slot.columns > 1 {
        attributes.push_str(&format!(r#" colspan="{}""#, slot.columns));
    }
    if slot.rows > 1 {
        attributes.push_str(&format!(r#" rowspan="{}""#, slot.rows));
    }
    if let Some(title) = &slot.title {
        attributes.push_str(&format!(r#" title="{}""#, escape(title)));
    }
    match &slot.content {
        Content::Text(span) => {
            let text = page.text.get(span.start..span.end).unwrap_or_default();
            let drawn = claims.claim(*span);
            let mut classes = Vec::new();
            if looks_numeric(text) {
                classes.push("num");
            }
            if !drawn {
                classes.push("again");
            }
            if !classes.is_empty() {
                attributes.push_str(&format!(r#" class="{}""#, classes.join(" ")));
            }
            if drawn {
                attributes.push_str(&page.at(span.start));
            }
            page.html(&format!("<{tag}{attributes}>"));
            if drawn {
                page.region(*span, false);
            } else {
                page.html(&escape(text));
            }
        }
        Content::Name(name) => page.html(&format!(r#"<{tag}{attributes} class="name">{}"#, escape(name))),
        Content::Empty => page.html(&format!(r#"<{tag}{attributes} class="blank">"#)),
    }
    page.html(&format!("</{tag}>"));
}

/// A figure alone in its cell (`239.98`, `≥95%`, `**10**`, `4.5万人`): drawn
/// right-aligned, as a column of numbers reads.
fn looks_numeric(text: &str) -> bool {
    let text = text.trim().trim_matches('*').trim();
    let rest =
        text.trim_start_matches(['≥', '≤', '>', '<', '=', '≧', '≦', '＞', '＜', '＝', '-', '−', '+']).trim_start();
    let digits = rest.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '０'..='９')).count();
    let unit = rest.chars().skip(digits).count();
    rest.chars().next().is_some_and(|c| c.is_ascii_digit() || matches!(c, '０'..='９')) && unit <= 3
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use crate::source::Row;

    #[test]
    fn numbers_read_as_numbers() {
        for figure in ["239.98", "≥95%", "**10**", "4.5万人", "1,200", "≤24小时"] {
            assert!(looks_numeric(figure), "{figure}");
        }
        for other in ["", "年度资金总额", "—", "第1季度完成", "2024年12月31日"] {
            assert!(!looks_numeric(other), "{other}");
        }
    }

    #[test]
    fn merged_cells_span_and_holes_are_filled() {
        let at = |column, width, height| Cell {
            span: Span::new(column, column + 1),
            column,
            width,
            height,
            wrapped: Vec::new(),
        };
        let row = |cells: Vec<Cell>| Row { span: Span::default(), cells };
        let table = Table {
            span: Span::default(),
            layout: crate::source::Layout::Grid,
            prose: false,
            // A cell two rows tall at column 0; a cell two columns wide; a hole at column 1.
            rows: vec![
                row(vec![at(0, 1, 2), at(1, 2, 1)]),
                row(vec![at(2, 1, 1)]),
                row(vec![at(0, 1, 1), at(3, 1, 1)]),
            ],
        };
        let plan = plan(&table);
        let shape: Vec<Vec<(usize, usize, bool)>> = plan
            .rows
            .iter()
            .map(|row| row.iter().map(|slot| (slot.columns, slot.rows, slot.content == Content::Empty)).collect())
            .collect();
        assert_eq!(
            shape,
            [
                vec![(1, 2, false), (2, 1, false)],
                vec![(1, 1, true), (1, 1, false)],
                vec![(1, 1, false), (2, 1, true), (1, 1, false)]
            ]
        );
    }
}
