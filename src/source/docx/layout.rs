//! [`Item`]s → the document text and its [`Block`]s.
//!
//! Every body paragraph is one line (two or more when it holds line breaks),
//! empty ones included, so line numbers follow the paragraphs as Word counts
//! them. A table row is one line, its cells separated by tabs; a cell's
//! paragraphs are joined by a space (dropped again between Chinese
//! characters by the report stage, kept between figures). Lines are joined
//! by `\n`, with no blank line between blocks.
//!
//! Blocks follow the text reader's conventions: spans exclude surrounding
//! white space, empty paragraphs are not blocks, rows whose cells are all
//! empty are left out. A table in which no row has two non-empty cells is a
//! frame around prose, not data: its paragraphs become paragraph blocks.
//!
//! The text keeps a tab-separated position for every grid column a row
//! shows, padding included, so that columns line up in the text; the table
//! model has a cell only where one starts ([`super::grid`],
//! [`super::merge`]). A table nested in a cell becomes a table block of its
//! own, right after the blocks of the table (or frame) holding it, its cells'
//! spans inside the text of that cell: the cells of a nested row share one
//! line.

use std::ops::Range;

use super::builder::{Cell, Item};
use super::cell_text::CellText;
use super::grid::VerticalMerge;
use super::merge::{self, Placed, PlacedRow};
use super::nested::NestedTable;
use crate::source::cells::trim;
use crate::source::{Block, Layout as TableLayout, Row, Table};
use crate::span::Span;

pub(super) fn lay_out(items: &[Item]) -> (String, Vec<Block>) {
    let mut layout = Layout::default();
    for item in items {
        match item {
            Item::Paragraph(paragraph) => {
                layout.paragraph(paragraph);
            }
            Item::Table(rows) if is_frame(rows) => layout.frame(rows),
            Item::Table(rows) => layout.table(rows),
        }
    }
    (layout.text, layout.blocks)
}

#[derive(Default)]
struct Layout {
    text: String,
    blocks: Vec<Block>,
    /// A line has been written: the next one starts after a `\n`.
    started: bool,
}

impl Layout {
    /// Starts a line; returns where it begins.
    fn line(&mut self) -> usize {
        if self.started {
            self.text.push('\n');
        }
        self.started = true;
        self.text.len()
    }

    /// Writes a paragraph on lines of its own; returns where it begins.
    fn paragraph(&mut self, paragraph: &str) -> usize {
        let start = self.line();
        self.text.push_str(paragraph);
        let span = trim(&self.text, start, self.text.len());
        if !span.is_empty() {
            self.blocks.push(Block::Paragraph(span));
        }
        start
    }

    /// A frame's non-empty paragraphs, then its nested tables.
    fn frame(&mut self, rows: &[Vec<Cell>]) {
        let mut nested = Vec::new();
        for cell in rows.iter().flatten() {
            let starts: Vec<Option<usize>> = cell
                .paragraphs
                .iter()
                .map(|paragraph| (!paragraph.trim().is_empty()).then(|| self.paragraph(paragraph)))
                .collect();
            let locate = |paragraph: usize, range: &Range<usize>| {
                let start = (*starts.get(paragraph)?)?;
                Some(Span::new(range.start, range.end).shifted(start))
            };
            nested.extend(cell.nested.iter().filter_map(|table| nested_table(table, locate)));
        }
        self.blocks.extend(nested.into_iter().map(Block::Table));
    }

    fn table(&mut self, rows: &[Vec<Cell>]) {
        let mut placed = Vec::with_capacity(rows.len());
        let mut nested = Vec::new();
        for cells in rows {
            let texts: Vec<CellText> = cells.iter().map(CellText::of).collect();
            let places = cells.iter().filter_map(|cell| cell.place);
            if texts.iter().all(|text| text.text.is_empty()) {
                // Not shown, but a vertical merge may run through it.
                let cells = places.map(|place| Placed { span: Span::default(), place }).collect();
                placed.push(PlacedRow { span: None, cells });
                continue;
            }
            let start = self.line();
            let mut row = Vec::with_capacity(cells.len());
            for (index, (cell, text)) in cells.iter().zip(&texts).enumerate() {
                if index > 0 {
                    self.text.push('\t');
                }
                let cell_start = self.text.len();
                self.text.push_str(&text.text);
                let span = Span::new(cell_start, self.text.len());
                if let Some(place) = cell.place {
                    row.push(Placed { span, place });
                }
                let locate = |paragraph: usize, range: &Range<usize>| {
                    let range = text.locate(paragraph, range)?;
                    Some(Span::new(range.start, range.end).shifted(cell_start))
                };
                nested.extend(cell.nested.iter().filter_map(|table| nested_table(table, locate)));
            }
            placed.push(PlacedRow { span: Some(Span::new(start, self.text.len())), cells: row });
        }
        self.blocks.extend(grid_table(merge::rows(placed)).map(Block::Table));
        self.blocks.extend(nested.into_iter().map(Block::Table));
    }
}

/// A nested table's cells placed in the document text by `locate` (from a
/// paragraph of the outer cell and a range in it); `None` when it shows
/// nothing. A row is shown when a cell other than a continuation has text.
fn nested_table(table: &NestedTable, locate: impl Fn(usize, &Range<usize>) -> Option<Span>) -> Option<Table> {
    let mut placed = Vec::with_capacity(table.rows.len());
    for cells in &table.rows {
        let mut span: Option<Span> = None;
        let mut shown = false;
        let mut row = Vec::with_capacity(cells.len());
        for cell in cells {
            // Its paragraph is not in the text only when all of it is empty.
            let cell_span = locate(table.paragraph, &cell.range)?;
            shown |= !cell_span.is_empty() && cell.place.merge != VerticalMerge::Continue;
            span = Some(span.map_or(cell_span, |span| span.join(cell_span)));
            row.push(Placed { span: cell_span, place: cell.place });
        }
        placed.push(PlacedRow { span: span.filter(|_| shown), cells: row });
    }
    grid_table(merge::rows(placed))
}

/// A grid table of `rows`, if it has any.
fn grid_table(rows: Vec<Row>) -> Option<Table> {
    let span = rows.first()?.span.join(rows.last()?.span);
    Some(Table { span, layout: TableLayout::Grid, rows, prose: false })
}

fn is_frame(rows: &[Vec<Cell>]) -> bool {
    rows.iter().all(|cells| cells.iter().filter(|cell| !CellText::of(cell).text.is_empty()).count() < 2)
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
