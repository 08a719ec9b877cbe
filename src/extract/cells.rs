//! Facts and collection items from tables.
//!
//! A column is found by its header text: a cell equal to it if one exists,
//! else the first cell containing it (`完成情况` must not land on
//! `年度计划完成情况` when a `完成情况` column exists). A row is found by a
//! label in any of its cells: real tables put it first, second (after a
//! merged group cell) or last (a 支出项目明细 column).

use crate::report::{Report, Table, TableRow};
use crate::rules::{Collection, Kind, Pack};

use super::{Facts, Item, Mention, Value, Via, fits};

pub fn extract(pack: &Pack, report: &Report, facts: &mut Facts) {
    for fact in pack.facts.values() {
        for source in &fact.cells {
            for table in &report.tables {
                let Some((header, column)) = find_column(table, &source.column) else { continue };
                let body = table.rows.get(header.saturating_add(1)..).unwrap_or_default();
                let Some(row) = body.iter().find(|row| has_label(row, &source.row)) else {
                    continue;
                };
                let Some(number) = row.cell_at(column).and_then(|cell| cell.number.clone()) else { continue };
                let Some(number) = fits(fact.kind, number, source.unit.as_ref()) else { continue };
                let mention =
                    Mention { span: number.span, value: Value::Figure(number), via: Via::Table, exact: fact.exact };
                facts.values.entry(fact.name.clone()).or_default().push(mention);
            }
        }
    }
}

/// Words that mark a table's total row: the total is not one more item.
const TOTAL_ROWS: [&str; 6] = ["合计", "小计", "总计", "总分", "综合得分", "得分合计"];

/// Items from every table whose header row names all of the collection's
/// columns; a row becomes an item when it has at least one figure and is
/// not a total row.
pub fn items(collection: &Collection, report: &Report) -> Vec<Item> {
    let Some(source) = &collection.table else { return Vec::new() };
    let mut items = Vec::new();
    for table in &report.tables {
        let Some((header, columns)) = find_header(table, &source.columns) else { continue };
        for row in table.rows.get(header.saturating_add(1)..).unwrap_or_default() {
            if row.cells.iter().any(|cell| TOTAL_ROWS.contains(&cell.text.trim())) {
                continue;
            }
            let mut item = Item::new(row.span);
            let mut figures = 0usize;
            for (field, column) in &columns {
                let Some(cell) = row.cell_at(*column) else { continue };
                let kind = collection.fields.get(field).copied().unwrap_or(Kind::Number);
                let value = if kind == Kind::Text {
                    (!cell.text.is_empty()).then(|| Value::Text(cell.text.clone()))
                } else {
                    let unit = source.units.get(field);
                    cell.number.clone().and_then(|number| fits(kind, number, unit)).map(|number| {
                        figures = figures.saturating_add(1);
                        Value::Figure(number)
                    })
                };
                if let Some(value) = value {
                    let exact = collection.exact.contains(field);
                    item.fields.insert(field.clone(), Mention { value, span: cell.span, via: Via::Table, exact });
                }
            }
            if figures > 0 {
                items.push(item);
            }
        }
    }
    items
}

fn find_column(table: &Table, header: &str) -> Option<(usize, usize)> {
    first_cell(table, |text| text == header).or_else(|| first_cell(table, |text| text.contains(header)))
}

/// The first cell, row by row, whose text satisfies `matches`.
fn first_cell(table: &Table, matches: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
    table
        .rows
        .iter()
        .enumerate()
        .find_map(|(index, row)| row.cells.iter().find(|cell| matches(&cell.text)).map(|cell| (index, cell.column)))
}

fn find_header(table: &Table, columns: &[(String, String)]) -> Option<(usize, Vec<(String, usize)>)> {
    table.rows.iter().enumerate().find_map(|(index, row)| {
        let found: Option<Vec<(String, usize)>> = columns
            .iter()
            .map(|(field, header)| {
                let exact = row.cells.iter().find(|cell| cell.text == *header);
                exact
                    .or_else(|| row.cells.iter().find(|cell| cell.text.contains(header.as_str())))
                    .map(|cell| (field.clone(), cell.column))
            })
            .collect();
        found.map(|found| (index, found))
    })
}

fn has_label(row: &TableRow, label: &str) -> bool {
    row.cells.iter().any(|cell| cell.text.contains(label))
}
