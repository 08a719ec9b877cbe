//! Document tables → report tables with normalised cells.
//!
//! A cell's text is normalised like the flow (full-width forms, emphasis,
//! LaTeX, white space); its `number` is set when that text is exactly one
//! number mention (`353.21`, `≥10次`, `<=100%`), with the original span, and
//! otherwise its `figures` list the mentions inside it (`合计100`).

use super::flow::FlowText;
use super::normalize::normalize_into;
use super::numbers::{MENTION, WHOLE_MENTION, parse_mention};
use super::{Cell, CellFigure, Table, TableRow};
use crate::source::{self, Block, Document};
use crate::span::Span;

pub(super) fn build(document: &Document) -> Vec<Table> {
    let mut scratch = FlowText::default();
    let mut tables = Vec::new();
    for block in &document.blocks {
        if let Block::Table(table) = block {
            tables.push(table_of(&document.text, table, &mut scratch));
        }
    }
    tables
}

fn table_of(text: &str, table: &source::Table, scratch: &mut FlowText) -> Table {
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut cells = Vec::with_capacity(row.cells.len());
        for cell in &row.cells {
            cells.push(cell_of(text, cell, scratch));
        }
        rows.push(TableRow { span: row.span, cells });
    }
    Table { span: table.span, layout: table.layout, rows, prose: table.prose }
}

fn cell_of(text: &str, cell: &source::Cell, scratch: &mut FlowText) -> Cell {
    scratch.clear();
    normalize_into(text, cell.span, scratch);
    // A cell wrapped over lines other cells stand between: its pieces are
    // read as one text (a line break inside a cell is white space), and the
    // cell's span runs from its first piece to its last.
    let mut end = cell.span.end;
    for part in &cell.wrapped {
        scratch.space(end, part.start);
        normalize_into(text, *part, scratch);
        end = part.end.max(end);
    }
    let span = Span::new(cell.span.start, end);
    let whole = WHOLE_MENTION.as_ref().is_some_and(|whole| !scratch.is_empty() && whole.is_match(&scratch.text));
    let number = if whole { parse_mention(&scratch.text, scratch.original_span(0..scratch.len())) } else { None };
    let figures = match (&number, MENTION.as_ref()) {
        (None, Some(mention)) => mention
            .find_iter(&scratch.text)
            .filter_map(|found| {
                let number = parse_mention(found.as_str(), scratch.original_span(found.range()))?;
                Some(CellFigure { at: found.range(), number })
            })
            .collect(),
        _ => Vec::new(),
    };
    let text = scratch.text.clone();
    Cell { span, column: cell.column, width: cell.width, height: cell.height, text, number, figures }
}
