//! Finding a block's header among a table's tokens.
//!
//! A header is a run of cells naming the block's columns, at least
//! `header_min` different ones and one of `header_needs`, with no more than
//! two other cells between two of them. In a flattening a label may be
//! split over neighbouring cells (`年初` / `预算数`), so up to three short
//! cells are also tried joined. The unit of bare amounts comes from a
//! header cell (`项目资金（万元）`) or the cells just before the header.

use std::ops::Range;

use super::labels;
use super::tokens::Token;
use crate::report::Unit;
use crate::rules::form::{Block, ColumnOrder};

/// Unrelated cells allowed between two header cells.
const MAX_GAP: usize = 2;
/// Cells before a header searched for its unit.
const LOOK_BEHIND: usize = 3;
/// A cell this short may be the first or second part of a split label.
const SPLIT_PART_CHARACTERS: usize = 6;

#[derive(Debug, Clone)]
pub struct Header {
    /// Tokens of the header.
    pub tokens: Range<usize>,
    /// The block's columns (indices) in the table's order, with the grid
    /// columns each covers in a grid table.
    pub columns: Vec<(usize, Option<Range<usize>>)>,
    /// The tokens that name each of `columns` (empty for a list fragment
    /// read without its header), for showing the header as it stands.
    pub names: Vec<Range<usize>>,
    pub unit: Option<Unit>,
}

/// The first header of `block` at or after token `from`.
pub fn find(tokens: &[Token], block: &Block, from: usize, joins: bool) -> Option<Header> {
    let mut start = from;
    while start < tokens.len() {
        if let Some(header) = header_at(tokens, block, start, joins) {
            return Some(header);
        }
        start = start.saturating_add(1);
    }
    None
}

fn header_at(tokens: &[Token], block: &Block, start: usize, joins: bool) -> Option<Header> {
    let (first, length) = column_at(tokens, block, start, joins)?;
    let mut found: Vec<(usize, Range<usize>)> = vec![(first, start..start.saturating_add(length))];
    let mut at = start.saturating_add(length);
    let mut gap = 0;
    while at < tokens.len() && gap <= MAX_GAP {
        match column_at(tokens, block, at, joins) {
            Some((column, length)) => {
                let repeated = found.iter().any(|(seen, _)| *seen == column);
                if repeated && block.order == ColumnOrder::Header {
                    break;
                }
                if !repeated {
                    found.push((column, at..at.saturating_add(length)));
                }
                at = at.saturating_add(length);
                gap = 0;
            }
            None => {
                at = at.saturating_add(1);
                gap = gap.saturating_add(1);
            }
        }
    }
    let needs = block.header_needs.is_empty() || found.iter().any(|(column, _)| block.header_needs.contains(column));
    if found.len() < block.header_min || !needs {
        return None;
    }
    let end = found.iter().map(|(_, range)| range.end).max()?;
    if block.order == ColumnOrder::Form {
        found.sort_by_key(|(column, _)| *column);
    }
    let columns = found
        .iter()
        .map(|(column, range)| {
            let grid = tokens.get(range.start).and_then(|token| token.grid).map(|place| {
                let last = range.clone().filter_map(|index| tokens.get(index)?.grid).next_back().unwrap_or(place);
                place.column..last.column.saturating_add(last.width)
            });
            (*column, grid)
        })
        .collect();
    let names = found.iter().map(|(_, range)| range.clone()).collect();
    let before = start.saturating_sub(LOOK_BEHIND)..start;
    let unit = before.chain(start..end).find_map(|index| labels::unit_in(&tokens.get(index)?.text));
    Some(Header { tokens: start..end, columns, names, unit })
}

/// The column whose label stands at token `at`, and how many tokens it takes.
fn column_at(tokens: &[Token], block: &Block, at: usize, joins: bool) -> Option<(usize, usize)> {
    let first = tokens.get(at)?;
    if let Some(column) = column_named(block, &first.key) {
        return Some((column, 1));
    }
    if !joins || first.key.chars().count() > SPLIT_PART_CHARACTERS {
        return None;
    }
    let mut joined = first.key.clone();
    for length in 2..=3 {
        let next = tokens.get(at.saturating_add(length).saturating_sub(1))?;
        if next.blank || next.number.is_some() {
            return None;
        }
        joined.push_str(&next.key);
        if let Some(column) = column_named(block, &joined) {
            return Some((column, length));
        }
        if next.key.chars().count() > SPLIT_PART_CHARACTERS {
            return None;
        }
    }
    None
}

fn column_named(block: &Block, key: &str) -> Option<usize> {
    if key.is_empty() {
        return None;
    }
    block.columns.iter().position(|column| column.labels.iter().any(|label| label.key == key))
}
