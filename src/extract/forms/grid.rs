//! A copy of a form as the engine rebuilt it: each block's columns and
//! rows, each cell the text that stands there. What `reportlint tables` and
//! the reviewer's page draw, so that a pack author sees which cell of a
//! flattened table went under which header.

use serde::Serialize;

use super::block::{BlockReading, CellReading};
use super::tokens::Token;
use crate::rules::form::Block;
use crate::span::Span;

/// One block of a form copy, as a grid.
#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    pub title: String,
    /// The header's columns, in the table's order, as the form names them.
    pub columns: Vec<String>,
    /// One per column: the header cell as it stands in the table (a label
    /// split over cells is joined), `None` for a list read without its
    /// header.
    pub header: Vec<Option<GridCell>>,
    pub rows: Vec<GridRow>,
    /// The block ended where the form says, not where the text broke off.
    pub complete: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GridRow {
    /// The row's label (年度资金总额), or an item's name.
    pub label: GridCell,
    /// One per column: what stands there (an item's name stands in its
    /// name column as well as in `label`), `None` when it is empty or was
    /// not read.
    pub cells: Vec<Option<GridCell>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridCell {
    pub span: Span,
    pub text: String,
}

pub fn grid(block: &Block, reading: &BlockReading, tokens: &[Token]) -> Grid {
    let columns: Vec<usize> = reading.header.columns.iter().map(|(column, _)| *column).collect();
    let cell = |index: usize| tokens.get(index).map(|token| GridCell { span: token.span, text: token.text.clone() });
    let row = |label: GridCell, cells: &[CellReading], groups: &[(usize, Option<GridCell>)]| GridRow {
        label,
        cells: columns
            .iter()
            .map(|column| {
                groups
                    .iter()
                    .find(|(group, _)| group == column)
                    .and_then(|(_, label)| label.clone())
                    .or_else(|| cells.iter().find(|cell| cell.column == *column)?.token.and_then(cell))
            })
            .collect(),
    };
    let name_column = block.column("name");
    let mut rows: Vec<GridRow> = Vec::new();
    for item in &reading.items {
        let Some(label) = cell(item.name) else { continue };
        let mut groups: Vec<(usize, Option<GridCell>)> = block
            .items
            .iter()
            .flat_map(|items| items.groups.iter().map(|(column, _)| *column))
            .zip(&item.groups)
            .map(|(column, group)| {
                let label = group
                    .as_ref()
                    .and_then(|(at, text)| Some(GridCell { span: tokens.get(*at)?.span, text: text.clone() }));
                (column, label)
            })
            .collect();
        groups.extend(name_column.map(|column| (column, Some(label.clone()))));
        rows.push(row(label, &item.cells, &groups));
    }
    for labelled in &reading.rows {
        let Some(label) = cell(labelled.label) else { continue };
        rows.push(row(label, &labelled.cells, &[]));
    }
    rows.sort_by_key(|row| row.label.span);
    let names = columns
        .iter()
        .filter_map(|column| block.columns.get(*column))
        .map(|column| column.labels.first().map_or_else(|| column.field.clone(), |label| label.text.clone()))
        .collect();
    let header = reading.header.names.iter().map(|range| joined(tokens.get(range.clone())?)).collect();
    Grid { title: block.title.clone(), columns: names, header, rows, complete: reading.complete }
}

/// Tokens that together name one column, as one cell: `None` for none.
fn joined(tokens: &[Token]) -> Option<GridCell> {
    let first = tokens.first()?;
    let span = tokens.iter().fold(first.span, |span, token| span.join(token.span));
    Some(GridCell { span, text: tokens.iter().map(|token| token.text.as_str()).collect() })
}
