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
//! Unlabelled rows are items ([`items`]). A flattened block of labelled rows
//! whose header names fewer columns than one of its rows has figures is
//! not read at all (its rows are then declined: [`super::unplaced`]).
//!

use std::ops::Range;

use super::align::{Placement, Slot, Tail, align};
use super::header::{self, Header};
use super::items::{self, GroupReading, ItemReading};
use super::tokens::Token;
use crate::rules::form::{Block, ColumnKind, ColumnOrder, Form, LabelledRow};
use crate::rules::label::Label;

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
        let body = body(form, definition, tokens, header.tokens.end, joins);
        at = body.end.max(header.tokens.end);
        readings.extend(read_block(block, definition, header, tokens, &body, joins));
    }
    if readings.is_empty() && joins {
        readings.extend(headerless(form, tokens));
    }
    readings
}

/// A fragment of a flattened list that lost its header (`产出指标数量指标足额
/// 保障率=100% 22.5 … 合计100`): read with the form's own columns, from its
/// first group label, and kept only when the evidence is strong — two rows
/// read whole and a total row.
fn headerless(form: &Form, tokens: &[Token]) -> Option<BlockReading> {
    const MIN_ROWS: usize = 2;
    let (index, block) =
        form.blocks.iter().enumerate().find(|(_, block)| block.order == ColumnOrder::Form && block.items.is_some())?;
    let items = block.items.as_ref()?;
    let outer = items.groups.first().map(|(_, labels)| labels.as_slice()).unwrap_or_default();
    let start = tokens.iter().position(|token| outer.iter().any(|label| label.key == token.key))?;
    let header = Header {
        tokens: start..start,
        columns: (0..block.columns.len()).map(|column| (column, None)).collect(),
        names: vec![start..start; block.columns.len()],
        unit: block.unit.clone(),
    };
    let body = body(form, block, tokens, start, true);
    let reading = read_block(index, block, header, tokens, &body, true)?;
    (reading.items.len() >= MIN_ROWS && !reading.rows.is_empty()).then_some(reading)
}

/// The earliest header of any block of `form` at or after `from`.
fn next_header(form: &Form, tokens: &[Token], from: usize, joins: bool) -> Option<(usize, Header)> {
    form.blocks
        .iter()
        .enumerate()
        .filter_map(|(index, block)| header::find(tokens, block, from, joins).map(|header| (index, header)))
        .min_by_key(|(index, header)| (header.tokens.start, *index))
}

/// Where a block's body lies: up to the next header of the form or the
/// table's end, with the labels that close it (`ends:`) inside.
struct Body {
    start: usize,
    end: usize,
    /// Tokens holding a label that ends the block.
    stops: Vec<usize>,
    complete: bool,
}

fn body(form: &Form, block: &Block, tokens: &[Token], start: usize, joins: bool) -> Body {
    let next = next_header(form, tokens, start, joins).map(|(_, header)| header.tokens.start);
    let end = next.unwrap_or(tokens.len());
    let stops: Vec<usize> = (start..end)
        .filter(|&index| {
            tokens.get(index).is_some_and(|token| block.ends.iter().any(|label| ends_with_label(token, label)))
        })
        .collect();
    let grid = tokens.first().is_some_and(|token| token.grid.is_some());
    Body { start, end, complete: next.is_some() || !stops.is_empty() || grid, stops }
}

/// A closing label, alone in its cell or starting it before a colon
/// (`评价结论：本项目按计划完成……`).
fn ends_with_label(token: &Token, label: &Label) -> bool {
    token.key == label.key
        || token.text.strip_prefix(label.key.as_str()).is_some_and(|rest| rest.starts_with([':', '(']))
}

/// The block read from its header and body; `None` for a block of
/// labelled rows only whose header is [`short`]: it places nothing.
fn read_block(
    index: usize,
    block: &Block,
    header: Header,
    tokens: &[Token],
    body: &Body,
    joins: bool,
) -> Option<BlockReading> {
    // A block of labelled rows ends at its closing label; a list of items
    // may have its total row after one (`其他需要说明事项`, then `总分`).
    let rows_end = match block.items {
        Some(_) => body.end,
        None => body.stops.first().copied().unwrap_or(body.end),
    };
    let mut reading = BlockReading {
        block: index,
        tokens: header.tokens.start..rows_end,
        header,
        complete: body.complete,
        rows: Vec::new(),
        items: Vec::new(),
        groups: Vec::new(),
        items_complete: false,
        groups_complete: false,
        notes: Vec::new(),
    };
    let labels = row_labels(block, tokens, body.start..rows_end, joins);
    let values = |position: usize, at: usize, length: usize| {
        let next_label = labels.get(position.saturating_add(1)).map_or(rows_end, |(next, _, _)| *next);
        let next_stop = body.stops.iter().copied().find(|stop| *stop > at).unwrap_or(rows_end);
        at.saturating_add(length)..next_label.min(next_stop)
    };
    if block.items.is_none() {
        let rows = labels.iter().enumerate().map(|(position, (at, _, length))| values(position, *at, *length));
        if short(&reading.header, tokens, rows) {
            return None;
        }
    }
    if let Some(definition) = &block.items {
        // Items stand between the header and the first labelled row (合计
        // closes the indicator list) or closing label.
        let items_end = labels.first().map(|(at, _, _)| *at).into_iter().chain(body.stops.first().copied()).min();
        let ended = items_end.is_some() || body.complete;
        let items_end = items_end.unwrap_or(rows_end);
        let found = items::read(block, definition, &reading.header, tokens, body.start..items_end, ended);
        reading.items = found.items;
        reading.groups = found.groups;
        reading.items_complete = ended;
        reading.groups_complete = found.groups_complete;
        reading.notes.extend(found.notes);
    }
    for (position, (at, row, length)) in labels.iter().enumerate() {
        let Some(definition) = block.rows.get(*row) else { continue };
        let label = tokens.get(*at).map(|token| token.text.clone()).unwrap_or_default();
        match read_row(block, definition, &reading.header, tokens, *at, values(position, *at, *length)) {
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
    Some(reading)
}

/// Whether a flattening's header names fewer columns than a row of its
/// block has figures in a run after its label. A flattening drops cells,
/// never adds them, so such a header lacks some columns' names (a label it
/// does not know, or a wrapped one cut apart and out of order): which
/// figure stands under which name cannot be told by it for any row, and a
/// row as long as it is would be read in the wrong columns.
fn short(header: &Header, tokens: &[Token], mut rows: impl Iterator<Item = Range<usize>>) -> bool {
    let flattened = tokens.first().is_some_and(|token| token.grid.is_none());
    flattened
        && rows.any(|values| {
            // The cells right after the label: a last row's range may run
            // on into what follows the block.
            let cells =
                tokens.get(values).unwrap_or_default().iter().take_while(|token| token.blank || token.number.is_some());
            cells.filter(|token| token.number.is_some()).count() > header.columns.len()
        })
}

/// Labelled rows in the body: (token, row index, tokens the label takes).
pub fn row_labels(block: &Block, tokens: &[Token], body: Range<usize>, joins: bool) -> Vec<(usize, usize, usize)> {
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
    let named =
        |key: &str| block.rows.iter().position(|row: &LabelledRow| row.labels.iter().any(|label| label.key == key));
    let first = tokens.get(at)?;
    if first.key.is_empty() || first.number.is_some() {
        return None;
    }
    if let Some(row) = named(&first.key) {
        return Some((row, 1));
    }
    let next = tokens.get(at.saturating_add(1)).filter(|next| joins && next.is_text())?;
    // Every text token of every table is tried: join only where a label
    // begins with it, not for every pair.
    let begins = |row: &LabelledRow| row.labels.iter().any(|label| label.key.starts_with(first.key.as_str()));
    if !block.rows.iter().any(begins) {
        return None;
    }
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
    let Placement { values: placed, unread } = align(&row_tokens, &slots, Tail::Text)?;
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
        .map(|column| format!("“{}”", column.labels.first().map_or(column.field.as_str(), |label| label.text.as_str())))
        .collect();
    names.join("、")
}
