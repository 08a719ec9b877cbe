//! A table → its cells in reading order, as tokens a form can be matched
//! against.
//!
//! In a grid a token knows its row and column. In a flattening it knows only
//! its place in the order, and a cell where a label and a figure ran
//! together (`合计100`, `科目调整次数≤10次`) is split into the two, as is a
//! cell that starts with group labels the form knows (`产出指标数量指标足额保障率`):
//! a flattening loses the separator between cells, never the order of what
//! they said.

use super::labels;
use crate::report::{Cell, Layout, Number, Table};
use crate::span::Span;

#[derive(Debug, Clone)]
pub struct Token {
    /// Normalised text.
    pub text: String,
    /// The text as labels are compared ([`labels::key`]).
    pub key: String,
    pub span: Span,
    /// The token is one figure.
    pub number: Option<Number>,
    /// Not filled in: empty, `—`, `/`.
    pub blank: bool,
    /// Grid tables: the row and the first column, and the columns covered.
    pub grid: Option<Place>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub row: usize,
    pub column: usize,
    pub width: usize,
}

impl Token {
    /// Text that is not a figure, a blank, a relation or a unit word: what a
    /// name or a label can be.
    pub fn is_text(&self) -> bool {
        !self.blank
            && self.number.is_none()
            && labels::relation(&self.text).is_none()
            && labels::unit_word(&self.text).is_none()
    }
}

/// The table's tokens; `prefixes` are labels that split off the start of a
/// flattened cell, `labels` labels a bare figure splits off the end of
/// (`合计100`; `指标2` stays whole).
pub fn tokens(table: &Table, prefixes: &[String], labels: &[String]) -> Vec<Token> {
    let mut tokens = Vec::new();
    for (row_index, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            let grid = (table.layout == Layout::Grid).then_some(Place {
                row: row_index,
                column: cell.column,
                width: cell.width.max(1),
            });
            if table.layout == Layout::Grid {
                tokens.push(token(&cell.text, cell.span, cell.number.clone(), grid));
                continue;
            }
            let (text, figure) = match split(cell, labels) {
                Some((label, figure)) => (label, Some(figure)),
                None => (cell.text.as_str(), None),
            };
            let text_end = figure.map_or(cell.span.end, |figure| figure.span.start);
            let mut offset = 0;
            while let Some(prefix) = text.get(offset..).and_then(|rest| {
                prefixes.iter().find(|prefix| {
                    let after = rest.strip_prefix(prefix.as_str()).unwrap_or_default();
                    // `服务对象满意度指标等` is one label, not a label and a name;
                    // `产出指标(50分)` is one label with its share.
                    after.chars().count() >= 2 && !after.starts_with(['等', '类', '('])
                })
            }) {
                tokens.push(token(prefix, part_span(cell, offset, prefix.len()), None, None));
                offset = offset.saturating_add(prefix.len());
            }
            let rest = text.get(offset..).unwrap_or_default();
            if !rest.is_empty() || figure.is_none() {
                let number = if figure.is_none() && offset == 0 { cell.number.clone() } else { None };
                let start = if offset == 0 { cell.span.start } else { part_span(cell, offset, 0).start };
                tokens.push(token(rest, Span::new(start.min(text_end), text_end), number, None));
            }
            if let Some(figure) = figure {
                let figure_text = cell.text.get(text.len()..).unwrap_or_default();
                tokens.push(token(figure_text, figure.span, Some(figure.clone()), None));
            }
        }
    }
    tokens
}

/// The original span of `length` bytes at byte `offset` of the cell's text:
/// exact when the original text is the normalised text (nothing was folded
/// or dropped), else the whole cell.
fn part_span(cell: &Cell, offset: usize, length: usize) -> Span {
    if cell.span.len() != cell.text.len() {
        return cell.span;
    }
    let start = cell.span.start.saturating_add(offset);
    Span::new(start, start.saturating_add(length))
}

fn token(text: &str, span: Span, number: Option<Number>, grid: Option<Place>) -> Token {
    Token {
        text: text.to_string(),
        key: labels::key(text),
        span,
        blank: crate::report::is_placeholder(text),
        number,
        grid,
    }
}

/// A cell that is text ending in one figure: the text and the figure. The
/// figure must say what it is (`≤10次`, `=100%`), or follow a label the form
/// knows (`合计100`): `指标2` is a name. Never when the text ends in a digit
/// or a point (`64.864.8` ran together: read nothing).
fn split<'c>(cell: &'c Cell, labels: &[String]) -> Option<(&'c str, &'c Number)> {
    let last = cell.figures.last()?;
    if last.at.end != cell.text.len() || last.at.start == 0 {
        return None;
    }
    let label = cell.text.get(..last.at.start)?;
    let ends_in_digit = label.chars().next_back().is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',');
    let marked = last.number.relation.is_some() || last.number.unit != crate::report::Unit::None;
    let key = super::labels::key(label);
    let known = labels.contains(&key);
    (!ends_in_digit && (marked || known)).then_some((label, &last.number))
}
