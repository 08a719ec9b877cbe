//! Tables nested in a body table's cell → their rows and cells, as byte
//! ranges of the cell paragraph their text is flattened into.
//!
//! The builder flattens a nested table into one paragraph of the outer cell
//! (its pieces separated by spaces), so that the outer row stays on one
//! line; [`Nesting`] records, beside that text, where each nested cell's
//! text lies in the paragraph and its [`Place`] in the nested grid. Tables
//! nested deeper are flattened into the same paragraph and recorded the same
//! way, in the order they open. Deleted rows (`w:del` in `w:trPr`) are left
//! out of the record, although the flattened text still holds them.
//!
//! Invariants: a cell's range lies inside its paragraph's text at the time
//! it closed, on character boundaries, without surrounding white space;
//! text is only ever appended to that paragraph, so the range stays valid.
//! Tables, rows and cells recorded in a whole document share one budget
//! ([`MAX_NESTED_PARTS`]); past it, nesting is flattened text only.

use std::ops::Range;

use super::grid::{Columns, Place, VerticalMerge};

/// Tables, rows and cells of nested tables recorded in the whole document.
/// A report has a handful; the bound keeps a few bytes of hostile XML
/// (`<w:tc/>` over and over, which adds no text) from costing memory
/// without bound.
pub(super) const MAX_NESTED_PARTS: usize = 100_000;

/// A table nested in a cell, as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NestedTable {
    /// Which paragraph of the outer cell holds its text.
    pub paragraph: usize,
    pub rows: Vec<Vec<NestedCell>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NestedCell {
    /// Its text in the paragraph, trimmed.
    pub range: Range<usize>,
    pub place: Place,
}

/// The nested tables of one open outer cell.
#[derive(Debug, Default)]
pub(super) struct Nesting {
    /// Every table opened so far, in the order they opened; an open table's
    /// rows are filled in when it closes.
    tables: Vec<NestedTable>,
    /// The open ones, innermost last.
    open: Vec<OpenTable>,
}

#[derive(Debug)]
struct OpenTable {
    /// Its index in `tables`; `None` when the budget had run out.
    slot: Option<usize>,
    rows: Vec<Vec<NestedCell>>,
    row: Option<OpenRow>,
}

#[derive(Debug, Default)]
struct OpenRow {
    cells: Vec<NestedCell>,
    columns: Columns,
    deleted: bool,
    cell: Option<OpenCell>,
}

#[derive(Debug)]
struct OpenCell {
    /// Length of the paragraph when the cell opened.
    start: usize,
    span: usize,
    merge: VerticalMerge,
}

/// Takes one part from the budget; false when none is left.
fn take(budget: &mut usize) -> bool {
    budget.checked_sub(1).map(|left| *budget = left).is_some()
}

impl Nesting {
    /// A table opens; its text goes to the outer cell's `paragraph`.
    pub fn open_table(&mut self, paragraph: usize, budget: &mut usize) {
        let slot = take(budget).then(|| {
            self.tables.push(NestedTable { paragraph, rows: Vec::new() });
            self.tables.len().saturating_sub(1)
        });
        self.open.push(OpenTable { slot, rows: Vec::new(), row: None });
    }

    pub fn close_table(&mut self) {
        let Some(open) = self.open.pop() else { return };
        if let Some(table) = open.slot.and_then(|slot| self.tables.get_mut(slot)) {
            table.rows = open.rows;
        }
    }

    pub fn open_row(&mut self, budget: &mut usize) {
        if let Some(table) = self.open.last_mut() {
            let recorded = table.slot.is_some() && take(budget);
            table.row = recorded.then(OpenRow::default);
        }
    }

    pub fn close_row(&mut self) {
        let Some(table) = self.open.last_mut() else { return };
        if let Some(row) = table.row.take().filter(|row| !row.deleted) {
            table.rows.push(row.cells);
        }
    }

    /// A cell opens where the paragraph is `start` bytes long.
    pub fn open_cell(&mut self, start: usize, budget: &mut usize) {
        if let Some(row) = self.row() {
            let recorded = take(budget);
            row.cell = recorded.then_some(OpenCell { start, span: 1, merge: VerticalMerge::None });
        }
    }

    /// The open cell closes; `paragraph` is the text it was written into.
    pub fn close_cell(&mut self, paragraph: &str) {
        let Some(row) = self.row() else { return };
        let Some(cell) = row.cell.take() else { return };
        let range = trimmed(paragraph, cell.start..paragraph.len());
        let place = row.columns.place(cell.span, cell.merge);
        row.cells.push(NestedCell { range, place });
    }

    pub fn grid_span(&mut self, columns: usize) {
        if let Some(cell) = self.row().and_then(|row| row.cell.as_mut()) {
            cell.span = columns;
        }
    }

    pub fn vertical_merge(&mut self, merge: VerticalMerge) {
        if let Some(cell) = self.row().and_then(|row| row.cell.as_mut()) {
            cell.merge = merge;
        }
    }

    pub fn grid_before(&mut self, columns: usize) {
        if let Some(row) = self.row() {
            row.columns.skip(columns);
        }
    }

    pub fn delete_row(&mut self) {
        if let Some(row) = self.row() {
            row.deleted = true;
        }
    }

    /// The recorded tables, in the order they opened.
    pub fn finish(self) -> Vec<NestedTable> {
        self.tables
    }

    fn row(&mut self) -> Option<&mut OpenRow> {
        self.open.last_mut()?.row.as_mut()
    }
}

/// `range` of `text` without the white space around it.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = text.get(range.clone()).unwrap_or_default();
    let without_leading = piece.trim_start();
    let start = range.start.saturating_add(piece.len().saturating_sub(without_leading.len()));
    start..start.saturating_add(without_leading.trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_trimmed_ranges_and_deleted_rows_are_left_out() {
        let mut budget = 100;
        let mut nesting = Nesting::default();
        let mut paragraph = String::from("说明");
        nesting.open_table(0, &mut budget);
        nesting.open_row(&mut budget);
        nesting.open_cell(paragraph.len(), &mut budget);
        paragraph.push_str(" 甲");
        nesting.grid_span(2);
        nesting.close_cell(&paragraph);
        nesting.open_cell(paragraph.len(), &mut budget);
        nesting.close_cell(&paragraph);
        nesting.close_row();
        nesting.open_row(&mut budget);
        nesting.delete_row();
        nesting.open_cell(paragraph.len(), &mut budget);
        paragraph.push_str(" 删");
        nesting.close_cell(&paragraph);
        nesting.close_row();
        nesting.close_table();
        let tables = nesting.finish();
        let place = |column, width| Place { column, width, merge: VerticalMerge::None };
        assert_eq!(
            tables,
            [NestedTable {
                paragraph: 0,
                rows: vec![vec![
                    NestedCell { range: 7..10, place: place(0, 2) },
                    NestedCell { range: 10..10, place: place(2, 1) },
                ]],
            }]
        );
        assert_eq!(budget, 100 - 6);
    }

    #[test]
    fn tables_are_listed_in_the_order_they_open() {
        let mut budget = 100;
        let mut nesting = Nesting::default();
        nesting.open_table(1, &mut budget);
        nesting.open_row(&mut budget);
        nesting.open_cell(0, &mut budget);
        nesting.open_table(1, &mut budget);
        nesting.close_table();
        nesting.close_cell("");
        nesting.close_row();
        nesting.close_table();
        let tables = nesting.finish();
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].rows.len(), 1);
        assert!(tables[1].rows.is_empty());
    }

    #[test]
    fn past_the_budget_nothing_more_is_recorded() {
        let mut budget = 3;
        let mut nesting = Nesting::default();
        nesting.open_table(0, &mut budget);
        for _ in 0..3 {
            nesting.open_row(&mut budget);
            nesting.open_cell(0, &mut budget);
            nesting.close_cell("");
            nesting.close_row();
        }
        nesting.open_table(0, &mut budget);
        nesting.close_table();
        nesting.close_table();
        let tables = nesting.finish();
        assert_eq!(budget, 0);
        assert_eq!(tables.len(), 1);
        assert_eq!(
            tables[0].rows,
            [vec![NestedCell { range: 0..0, place: Place { column: 0, width: 1, merge: VerticalMerge::None } }]]
        );
    }
}
