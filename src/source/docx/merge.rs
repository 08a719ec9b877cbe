//! Rows of placed cells → the table model's [`Row`]s, vertical merges
//! resolved.
//!
//! A `w:vMerge` continuation is covered by the cell above it when the row
//! above has a cell at the same grid column and width that starts or
//! continues a merge; the origin cell then grows one row taller and the
//! continuation is no cell of its own. Anything else (a continuation without
//! a restart above it, or under a cell of another width) is a cell like any
//! other, empty as Word shows it. A row that is not shown (all its cells
//! empty, left out of the text) still carries a merge through, but adds no
//! height: a height counts rows of the table as laid out.
//!
//! Invariant: the cells of the result never overlap. Cost: one ordered-map
//! operation per cell, whatever the file claims.

use std::collections::BTreeMap;

use super::grid::{Place, VerticalMerge};
use crate::source::{Cell, Row};
use crate::span::Span;

/// A cell's text span and its place in the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Placed {
    pub span: Span,
    pub place: Place,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PlacedRow {
    /// The row's line; `None` when the row is not shown.
    pub span: Option<Span>,
    pub cells: Vec<Placed>,
}

/// An origin cell whose merge is still open, by its place in the output.
#[derive(Debug, Clone, Copy)]
struct Open {
    row: usize,
    cell: usize,
    width: usize,
}

pub(super) fn rows(placed: Vec<PlacedRow>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    // Open merges by grid column: those the previous row started or continued.
    let mut open: BTreeMap<usize, Open> = BTreeMap::new();
    for placed_row in placed {
        let mut still_open = BTreeMap::new();
        let mut cells = Vec::new();
        for Placed { span, place } in placed_row.cells {
            if place.merge == VerticalMerge::Continue {
                let origin = open.remove(&place.column).filter(|origin| origin.width == place.width);
                if let Some(origin) = origin {
                    if placed_row.span.is_some() {
                        let cell = rows.get_mut(origin.row).and_then(|row| row.cells.get_mut(origin.cell));
                        if let Some(cell) = cell {
                            cell.height = cell.height.saturating_add(1);
                        }
                    }
                    still_open.insert(place.column, origin);
                    continue;
                }
            }
            if placed_row.span.is_none() {
                continue;
            }
            if place.merge == VerticalMerge::Restart {
                still_open.insert(place.column, Open { row: rows.len(), cell: cells.len(), width: place.width });
            }
            cells.push(Cell { span, column: place.column, width: place.width, height: 1, wrapped: Vec::new() });
        }
        open = still_open;
        if let Some(span) = placed_row.span {
            rows.push(Row { span, cells });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: VerticalMerge = VerticalMerge::None;
    const RESTART: VerticalMerge = VerticalMerge::Restart;
    const CONTINUE: VerticalMerge = VerticalMerge::Continue;

    /// A row whose cells are `(column, width, merge)`, shown unless `shown` is false.
    fn row(shown: bool, cells: &[(usize, usize, VerticalMerge)]) -> PlacedRow {
        let cells = cells
            .iter()
            .map(|&(column, width, merge)| Placed {
                span: Span::new(column, column),
                place: Place { column, width, merge },
            })
            .collect();
        PlacedRow { span: shown.then_some(Span::new(0, 0)), cells }
    }

    /// Each row as `column:width×height` cells.
    fn shape(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|row| {
                let cells: Vec<String> =
                    row.cells.iter().map(|cell| format!("{}:{}×{}", cell.column, cell.width, cell.height)).collect();
                cells.join(" ")
            })
            .collect()
    }

    #[test]
    fn a_restart_grows_with_each_continuation_below() {
        let rows = rows(vec![
            row(true, &[(0, 1, NONE), (1, 2, NONE)]),
            row(true, &[(0, 1, RESTART), (1, 1, NONE), (2, 1, NONE)]),
            row(true, &[(0, 1, CONTINUE), (1, 1, NONE), (2, 1, NONE)]),
            row(true, &[(0, 1, CONTINUE), (1, 1, NONE), (2, 1, NONE)]),
            row(true, &[(0, 1, CONTINUE), (1, 2, RESTART)]),
            row(true, &[(0, 1, NONE), (1, 2, CONTINUE)]),
        ]);
        assert_eq!(shape(&rows), ["0:1×1 1:2×1", "0:1×4 1:1×1 2:1×1", "1:1×1 2:1×1", "1:1×1 2:1×1", "1:2×2", "0:1×1"]);
    }

    #[test]
    fn a_continuation_without_its_origin_is_an_empty_cell() {
        let rows = rows(vec![
            row(true, &[(0, 1, CONTINUE), (1, 2, RESTART)]),
            // Another width, or a plain cell above: no merge.
            row(true, &[(0, 1, CONTINUE), (1, 1, CONTINUE), (2, 1, NONE)]),
            row(true, &[(0, 1, CONTINUE), (1, 1, CONTINUE), (2, 1, CONTINUE)]),
        ]);
        assert_eq!(shape(&rows), ["0:1×1 1:2×1", "0:1×1 1:1×1 2:1×1", "0:1×1 1:1×1 2:1×1"]);
    }

    #[test]
    fn a_row_that_leaves_the_column_out_ends_the_merge() {
        let rows = rows(vec![
            row(true, &[(0, 1, RESTART), (1, 1, NONE)]),
            row(true, &[(1, 1, NONE)]),
            row(true, &[(0, 1, CONTINUE), (1, 1, NONE)]),
        ]);
        assert_eq!(shape(&rows), ["0:1×1 1:1×1", "1:1×1", "0:1×1 1:1×1"]);
    }

    #[test]
    fn a_hidden_row_carries_a_merge_without_adding_height() {
        let rows = rows(vec![
            row(true, &[(0, 1, RESTART), (1, 1, NONE)]),
            row(false, &[(0, 1, CONTINUE), (1, 1, NONE)]),
            row(true, &[(0, 1, CONTINUE), (1, 1, NONE)]),
            // A restart in a hidden row is no origin: what continues it stands alone.
            row(false, &[(0, 1, RESTART)]),
            row(true, &[(0, 1, CONTINUE), (1, 1, NONE)]),
        ]);
        assert_eq!(shape(&rows), ["0:1×2 1:1×1", "1:1×1", "0:1×1 1:1×1"]);
    }
}
