//! One block of a form, found by its header → what its rows say.
//!
//! The block's body runs from its header to the first of: the header of a
//! block of the same form, a label that ends the block (`ends:`), the end of
//! the table. A body ended by the table's end is complete only in a grid: a
//! flattening that stops there may be a document cut short, and a total over
//! rows that may be missing is never checked.
//!
//! Labelled rows (年度资金总额, 合计) are found by their label; their values are
//! the cells after the label up to the next label, placed by [`align`].
//! Unlabelled rows are items ([`items`]).

use std::ops::Range;

use super::align::{Placement, Slot, align};
use super::header::{self, Header};
use super::items::{self, GroupReading, ItemReading};
use super::labels;
use super::tokens::Token;
use crate::rules::form::{Block, ColumnKind, Form, LabelledRow};

#[derive(Debug, Clone)]
pub struct BlockReading {
    /// Index of the block in its form.
    pub block: usize,
    pub header: Header,
    /// Tokens from the header's first to the body's last.
    pub tokens: Range<usize>,
    /// The body ended where the form says it ends, not where the text did.
    pub complete: bool,
    pub rows: Vec<RowReading>,
    pub items: Vec<ItemReading>,
    pub groups: Vec<GroupReading>,
    /// The list of items ended where the form says (a total row follows,
    /// or the body is complete).
    pub items_complete: bool,
    /// Every group the form knows was seen, or the list of items ended.
    pub groups_complete: bool,
    /// What was seen but not read, and why (for `-v` and `tables`).
    pub notes: Vec<String>,
}

/// A labelled row: which token holds the value of which column.
#[derive(Debug, Clone)]
pub struct RowReading {
    /// Index of the row in the block.
    pub row: usize,
    /// The token holding the row's label.
    pub label: usize,
    pub cells: Vec<CellReading>,
}

/// One column of a row: the value's token, or empty (a blank cell, or a
/// cell a flattening dropped). Columns left unread are not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellReading {
    pub column: usize,
    pub token: Option<usize>,
}

/// Every reading of `form`'s blocks in `tokens`, in order.
pub fn read(form: &Form, tokens: &[Token], joins: bool) -> Vec<BlockReading> {
    let mut readings = Vec::new();
    let mut at = 0;
    while let Some((block, header)) = next_header(form, tokens, at, joins) {
        let Some(definition) = form.blocks.get(block) else { break };
        let body_start = header.tokens.end;
        let (body_end, complete) = body_end(form, definition, tokens, body_start, joins);
        let reading = read_block(block, definition, header, tokens, body_start..body_end, complete, joins);
        at = body_end.max(body_start);
        readings.push(reading);
    }
    readings
}

/// The earliest header of any block of `form` at or after `from`.
fn next_header(form: &Form, tokens: &[Token], from: usize, joins: bool) -> Option<(usize, Header)> {
    form.blocks
        .iter()
        .enumerate()
        .filter_map(|(index, block)| header::find(tokens, block, from, joins).map(|header| (index, header)))
        .min_by_key(|(index, header)| (header.tokens.start, *index))
}

fn body_end(form: &Form, block: &Block, tokens: &[Token], start: usize, joins: bool) -> (usize, bool) {
    let next = next_header(form, tokens, start, joins).map(|(_, header)| header.tokens.start);
    let ends = tokens
        .get(start..)
        .unwrap_or_default()
        .iter()
        .position(|token| block.ends.iter().any(|label| labels::key(label) == token.key))
        .map(|offset| start.saturating_add(offset));
    match (next, ends) {
        (Some(next), Some(ends)) => (next.min(ends), true),
        (Some(end), None) | (None, Some(end)) => (end, true),
        (None, None) => (tokens.len(), tokens.first().is_some_and(|token| token.grid.is_some())),
    }
}

fn read_block(
    index: usize,
    block: &Block,
    header: Header,
    tokens: &[Token],
    body: Range<usize>,
    complete: bool,
    joins: bool,
) -> BlockReading {
    let mut reading = BlockReading {
        block: index,
        tokens: header.tokens.start..body.end,
        header,
        complete,
        rows: Vec::new(),
        items: Vec::new(),
        groups: Vec::new(),
        items_complete: false,
        groups_complete: false,
        notes: Vec::new(),
    };
    let labels = row_labels(block, tokens, body.clone(), joins);
    // Items stand between the header and the first labelled row of a block
    // that has items (合计 closes the indicator list).
    let items_end = labels.first().map_or(body.end, |(at, _, _)| *at);
    if let Some(definition) = &block.items {
        let ended = complete || !labels.is_empty();
        let found = items::read(block, definition, &reading.header, tokens, body.start..items_end, ended);
        reading.items = found.items;
        reading.groups = found.groups;
        reading.items_complete = ended;
        reading.groups_complete = found.groups_complete;
        reading.notes.extend(found.notes);
    }
    for (position, (at, row, length)) in labels.iter().enumerate() {
        let Some(definition) = block.rows.get(*row) else { continue };
        let values_start = at.saturating_add(*length);
        let values_end = labels.get(position.saturating_add(1)).map_or(body.end, |(next, _, _)| *next);
        let label = tokens.get(*at).map(|token| token.text.clone()).unwrap_or_default();
        match read_row(block, definition, &reading.header, tokens, *at, values_start..values_end) {
            Some((cells, unread)) => {
                if !unread.is_empty() {
                    reading.notes.push(format!(
                        "“{label}”一行的数字少于栏目，{} 可能在不同栏目中，未读取",
                        column_names(block, &unread)
                    ));
                }
                reading.rows.push(RowReading { row: *row, label: *at, cells });
            }
            None => reading.notes.push(format!("“{label}”一行的数字与栏目对不上，未读取")),
        }
    }
    reading
}

/// Labelled rows in the body: (token, row index, tokens the label takes).
fn row_labels(block: &Block, tokens: &[Token], body: Range<usize>, joins: bool) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    let mut at = body.start;
    while at < body.end {
        match row_label_at(block, tokens, at, joins) {
            Some((row, length)) => {
                found.push((at, row, length));
                at = at.saturating_add(length);
            }
            None => at = at.saturating_add(1),
        }
    }
    found
}

fn row_label_at(block: &Block, tokens: &[Token], at: usize, joins: bool) -> Option<(usize, usize)> {
    let named = |key: &str| {
        block.rows.iter().position(|row: &LabelledRow| row.labels.iter().any(|label| labels::key(label) == key))
    };
    let first = tokens.get(at)?;
    if first.key.is_empty() || first.number.is_some() {
        return None;
    }
    if let Some(row) = named(&first.key) {
        return Some((row, 1));
    }
    let next = tokens.get(at.saturating_add(1)).filter(|next| joins && next.is_text())?;
    named(&format!("{}{}", first.key, next.key)).map(|row| (row, 2))
}

/// The slots a row's values may stand in: the header's columns in order.
pub fn slots(block: &Block, header: &Header, fills: &[usize], required: &[usize]) -> Vec<Slot> {
    header
        .columns
        .iter()
        .filter_map(|(column, _)| {
            let definition = block.columns.get(*column)?;
            Some(Slot {
                kind: definition.kind,
                fills: fills.contains(column),
                required: required.contains(column),
                relations: relations(block, *column),
            })
        })
        .collect()
}

/// Whether a column's figures may carry a comparison: the first column that
/// takes any figure after a 指标性质 column or the name, i.e. the target.
pub fn relations(block: &Block, column: usize) -> bool {
    let target = block.columns.iter().position(|column| column.kind == ColumnKind::Value(crate::rules::Kind::Number));
    target == Some(column)
}

/// Reads a labelled row's values; `None` when they fit no placement. Also
/// returns the columns left unread.
fn read_row(
    block: &Block,
    row: &LabelledRow,
    header: &Header,
    tokens: &[Token],
    label: usize,
    values: Range<usize>,
) -> Option<(Vec<CellReading>, Vec<usize>)> {
    if let Some(place) = tokens.get(label).and_then(|token| token.grid) {
        return Some((grid_cells(row, header, tokens, place.row, values), Vec::new()));
    }
    let row_tokens: Vec<&Token> = tokens.get(values.clone())?.iter().collect();
    let slots = slots(block, header, &row.fills, &row.required);
    let Placement { values: placed, unread } = align(&row_tokens, &slots)?;
    let columns: Vec<usize> = header.columns.iter().map(|(column, _)| *column).collect();
    let cells = placed
        .iter()
        .zip(&columns)
        .enumerate()
        .filter(|(slot, (_, column))| row.fills.contains(column) && !unread.contains(slot))
        .map(|(_, (token, column))| CellReading {
            column: *column,
            token: token.map(|token| values.start.saturating_add(token)),
        })
        .collect();
    let unread = unread.iter().filter_map(|slot| columns.get(*slot).copied()).collect();
    Some((cells, unread))
}

/// A grid row: each column the row fills, from the cell under its header.
fn grid_cells(
    row: &LabelledRow,
    header: &Header,
    tokens: &[Token],
    grid_row: usize,
    values: Range<usize>,
) -> Vec<CellReading> {
    let mut cells = Vec::new();
    for (column, range) in &header.columns {
        if !row.fills.contains(column) {
            continue;
        }
        let Some(range) = range else { continue };
        let token = values.clone().find(|&index| {
            tokens
                .get(index)
                .and_then(|token| token.grid)
                .is_some_and(|place| place.row == grid_row && range.contains(&place.column))
        });
        let filled = token.filter(|&index| tokens.get(index).is_some_and(|token| !token.blank));
        cells.push(CellReading { column: *column, token: filled });
    }
    cells
}

pub fn column_names(block: &Block, columns: &[usize]) -> String {
    let names: Vec<String> = columns
        .iter()
        .filter_map(|column| block.columns.get(*column))
        .map(|column| format!("“{}”", column.labels.first().map_or(column.field.as_str(), String::as_str)))
        .collect();
    names.join("、")
}
