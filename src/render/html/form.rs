//! form: the blocks a form was read into from a flattened table → one
//! [`Plan`] a block, drawn as the form's grid.
//!
//! The header row holds each column's header cell as it stands in the table
//! (the form's name for the column as its tooltip), or the form's name when
//! the block was read without its header. A row's label stands in its own
//! first column (年度资金总额); an item's name already stands in its name
//! column, and the label of a row whose first cells are empty (总分) spans
//! them, as on the printed form, so a block without labels of the first
//! kind needs no label column. A cell equal to the one above it (a group
//! label the flattening wrote once for several rows) spans those rows.
//! Empty and unread cells are empty.

use crate::extract::forms::{Grid, GridCell, GridRow, Reading};

use super::table::{Content, Plan, Slot};

/// A plan for every block of every reading, in reading order.
pub(super) fn plans(readings: &[&Reading]) -> Vec<Plan> {
    readings.iter().flat_map(|reading| &reading.grids).map(plan).collect()
}

fn plan(grid: &Grid) -> Plan {
    let label_column = grid.rows.iter().any(|row| !names_itself(row) && leading_blanks(row) == 0);
    let mut head = Vec::new();
    if label_column {
        head.push(Slot { header: true, ..Slot::new(Content::Empty) });
    }
    for (index, name) in grid.columns.iter().enumerate() {
        let content = match grid.header.get(index).and_then(Option::as_ref) {
            Some(cell) => Content::Text(cell.span),
            None => Content::Name(name.clone()),
        };
        head.push(Slot { header: true, title: Some(format!("表式栏目：{name}")), ..Slot::new(content) });
    }
    let mut matrix: Vec<Vec<Option<Slot>>> = grid.rows.iter().map(|row| slots(row, label_column)).collect();
    merge_down(&mut matrix);
    let title = if grid.complete {
        grid.title.clone()
    } else {
        format!("{}（读到表格末尾，可能不全）", grid.title)
    };
    Plan { title: Some(title), head, rows: matrix.into_iter().map(|row| row.into_iter().flatten().collect()).collect() }
}

/// The row's label is one of its cells: an item's name.
fn names_itself(row: &GridRow) -> bool {
    row.cells.iter().flatten().any(|cell| cell.span == row.label.span)
}

fn leading_blanks(row: &GridRow) -> usize {
    row.cells.iter().take_while(|cell| cell.is_none()).count()
}

/// A row's slots, one a column (and one for the label column): `None` where
/// the label spans over an empty cell.
fn slots(row: &GridRow, label_column: bool) -> Vec<Option<Slot>> {
    let label = Slot { header: true, ..Slot::new(Content::Text(row.label.span)) };
    let cells = row.cells.iter().map(|cell| Some(cell_slot(cell.as_ref())));
    if label_column {
        let label = if names_itself(row) { Slot { header: true, ..Slot::new(Content::Empty) } } else { label };
        return std::iter::once(Some(label)).chain(cells).collect();
    }
    if names_itself(row) {
        return cells.collect();
    }
    let lead = leading_blanks(row).max(1);
    std::iter::once(Some(Slot { columns: lead, ..label }))
        .chain(std::iter::repeat_n(None, lead.saturating_sub(1)))
        .chain(cells.skip(lead))
        .collect()
}

fn cell_slot(cell: Option<&GridCell>) -> Slot {
    Slot::new(cell.map_or(Content::Empty, |cell| Content::Text(cell.span)))
}

/// A text cell equal to the one above it joins that one, which spans one
/// row more.
fn merge_down(matrix: &mut [Vec<Option<Slot>>]) {
    let columns = matrix.iter().map(Vec::len).max().unwrap_or(0);
    for column in 0..columns {
        let mut owner: Option<usize> = None;
        for row in 0..matrix.len() {
            let here = matrix.get(row).and_then(|slots| slots.get(column)).cloned().flatten();
            let above = owner.and_then(|owner| matrix.get(owner)?.get(column)?.as_ref());
            let joins = match (&here, above) {
                (Some(here), Some(above)) => {
                    matches!(here.content, Content::Text(_))
                        && here.content == above.content
                        && here.columns == 1
                        && above.columns == 1
                }
                _ => false,
            };
            if joins {
                if let Some(above) = owner.and_then(|owner| matrix.get_mut(owner)?.get_mut(column)?.as_mut()) {
                    above.rows = above.rows.saturating_add(1);
                }
                if let Some(slot) = matrix.get_mut(row).and_then(|slots| slots.get_mut(column)) {
                    *slot = None;
                }
            } else {
                owner = here.is_some().then_some(row);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use crate::span::Span;

    fn cell(start: usize) -> GridCell {
        GridCell { span: Span::new(start, start + 1), text: String::new() }
    }

    fn shape(plan: &Plan) -> Vec<Vec<(usize, usize)>> {
        plan.rows.iter().map(|row| row.iter().map(|slot| (slot.columns, slot.rows)).collect()).collect()
    }

    #[test]
    fn group_labels_span_their_rows_and_a_total_spans_the_empty_cells() {
        let item = |group: usize, name: usize| GridRow {
            label: cell(name),
            cells: vec![Some(cell(group)), Some(cell(name)), Some(cell(name + 1))],
        };
        let total = GridRow { label: cell(90), cells: vec![None, None, Some(cell(91))] };
        let grid = Grid {
            title: "绩效指标".into(),
            columns: vec!["一级指标".into(), "三级指标".into(), "分值".into()],
            header: vec![Some(cell(0)), Some(cell(2)), None],
            rows: vec![item(10, 11), item(10, 21), item(30, 31), total],
            complete: true,
        };
        let plan = plan(&grid);
        assert_eq!(
            shape(&plan),
            [vec![(1, 2), (1, 1), (1, 1)], vec![(1, 1), (1, 1)], vec![(1, 1); 3], vec![(2, 1), (1, 1)]]
        );
        assert_eq!(plan.head.len(), 3, "no label column");
        assert_eq!(plan.head.get(2).map(|slot| &slot.content), Some(&Content::Name("分值".into())));
    }

    #[test]
    fn labels_that_are_not_cells_get_a_column() {
        let row = GridRow { label: cell(0), cells: vec![Some(cell(1)), None] };
        let grid = Grid {
            title: "预算执行情况".into(),
            columns: vec!["年初预算数".into(), "得分".into()],
            header: vec![None, None],
            rows: vec![row],
            complete: false,
        };
        let plan = plan(&grid);
        assert_eq!(shape(&plan), [vec![(1, 1); 3]]);
        assert_eq!(plan.head.len(), 3);
        assert_eq!(plan.title.as_deref(), Some("预算执行情况（读到表格末尾，可能不全）"));
    }
}
