//! Items read from a table written one cell a line whose rows carry no
//! group label → not read.
//!
//! `pdftotext` without `-layout` writes a form one cell a line, but in the
//! order of the text blocks it finds on the page, not the cells' order: a
//! wrapped name's pieces end up far apart, a 偏差原因 between a name and
//! its figures, and the group labels (一级指标, 二级指标) away from their
//! rows. Figures that still follow one another then read as a row under a
//! name that is not its own (`里已纳入 2025 | 8 | 7.2`). A flattening in
//! order writes each group label before its rows, so where the header
//! names group columns and not one row carries a label, the order is not
//! the form's and the rows are dropped, with a note: silence over a wrong
//! name. Rows of tables with several cells a line (pipes, tabs) keep their
//! order and are left alone.

use super::block::BlockReading;
use crate::report::{Layout, Table};
use crate::rules::form::Form;

/// Whether `table` is written one cell a line (a run of loose lines).
pub fn one_cell_a_line(table: &Table) -> bool {
    table.layout == Layout::Flat && table.prose && table.rows.iter().all(|row| row.cells.len() <= 1)
}

/// Drops the items of `reading` when none carries a group label though its
/// header names group columns.
pub fn drop_ungrouped(form: &Form, reading: &mut BlockReading) {
    let Some(items) = form.blocks.get(reading.block).and_then(|block| block.items.as_ref()) else { return };
    let grouped =
        items.groups.iter().any(|(group, _)| reading.header.columns.iter().any(|(column, _)| column == group));
    let unplaced = reading.items.iter().all(|item| item.groups.iter().all(Option::is_none));
    if grouped && unplaced && !reading.items.is_empty() {
        reading.items.clear();
        reading.groups.clear();
        reading.notes.push("各指标行都没有读到所属的一级、二级指标，单元格次序不可靠，未读取".to_owned());
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use crate::report::{Cell, TableRow};
    use crate::span::Span;

    fn cell() -> Cell {
        Cell {
            span: Span::default(),
            column: 0,
            width: 1,
            height: 1,
            text: "甲".to_owned(),
            number: None,
            figures: Vec::new(),
        }
    }

    fn table(cells_per_row: &[usize], layout: Layout, prose: bool) -> Table {
        let rows =
            cells_per_row.iter().map(|count| TableRow { span: Span::default(), cells: vec![cell(); *count] }).collect();
        Table { span: Span::default(), layout, rows, prose }
    }

    #[test]
    fn only_loose_lines_of_one_cell_are_one_cell_a_line() {
        assert!(one_cell_a_line(&table(&[1, 1, 0, 1], Layout::Flat, true)));
        assert!(!one_cell_a_line(&table(&[1, 2, 1], Layout::Flat, true)));
        assert!(!one_cell_a_line(&table(&[1, 1], Layout::Flat, false)));
        assert!(!one_cell_a_line(&table(&[1, 1], Layout::Grid, true)));
    }
}
