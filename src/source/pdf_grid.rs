//! A page's placed words → the tables [`layout`] rebuilds from their
//! positions, as [`Layout::Grid`] tables over the page's text.
//!
//! Words whose baselines are within [`SAME_LINE`] are one line, top to
//! bottom, each line's words left to right: the page as it is seen, not as
//! its content stream is ordered. Where the stream draws a cell's lines one
//! after another and its figures in a tab row, the text keeps that order
//! and the cells only point into it (a cell's pieces, in reading order,
//! are its span and its [`Cell::wrapped`] spans). Nothing is rebuilt unless
//! [`layout`] is confident, and then the page's tab and loose tables that
//! the grid covers give way to it (see [`merge`]).
//!
//! [`Cell::wrapped`]: crate::source::Cell::wrapped

use super::page::{PageRule, PlacedWord};
use crate::source::aligned::table_of;
use crate::source::layout::{self, Metrics, Rule, Word};
use crate::source::{Block, Table};

/// Baselines closer than this many font sizes are one line: a cell's text
/// centred beside a taller cell's may sit a point or two off the row's line,
/// yet the lines of a label centred between rows stand a third of a size
/// or more away from the rows' lines.
const SAME_LINE: f64 = 0.25;

/// The grids on one page whose text starts at byte `start` of `text`.
pub(super) fn tables(text: &str, start: usize, words: &[PlacedWord], rules: &[PageRule]) -> Vec<Table> {
    let mut words: Vec<&PlacedWord> = words.iter().filter(|word| word.size > 0.0 && word.y.is_finite()).collect();
    words.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<&PlacedWord>> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line)
                if line
                    .first()
                    .is_some_and(|first| (first.y - word.y).abs() <= first.size.max(word.size) * SAME_LINE) =>
            {
                line.push(word);
            }
            _ => lines.push(vec![word]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    let mut sizes: Vec<f64> = lines.iter().flatten().map(|word| word.size).collect();
    sizes.sort_by(f64::total_cmp);
    let Some(size) = sizes.get(sizes.len() / 2).copied() else { return Vec::new() };
    let page = text.get(start..).unwrap_or_default();
    let layout_lines: Vec<layout::Line> = lines
        .iter()
        .map(|line| layout::Line {
            // A line's place is its words' mean baseline: the words of a
            // row's cells stand a little above and below it.
            y: -line.iter().map(|word| word.y).sum::<f64>() / (line.len().max(1) as f64),
            words: line
                .iter()
                .map(|word| Word { x0: word.x0, x1: word.x1, text: page.get(word.bytes.clone()).unwrap_or_default() })
                .collect(),
        })
        .collect();
    let offsets: Vec<Vec<(usize, usize)>> = lines
        .iter()
        .map(|line| {
            line.iter()
                .map(|word| (start.saturating_add(word.bytes.start), start.saturating_add(word.bytes.end)))
                .collect()
        })
        .collect();
    let rules: Vec<Rule> = rules.iter().map(|rule| Rule { y: -rule.y, x0: rule.x0, x1: rule.x1 }).collect();
    layout::rebuild(&layout_lines, &Metrics::page(size), &rules)
        .iter()
        .map(|grid| table_of(text, grid, &offsets))
        .collect()
}

/// The blocks with `grids` in: a table of the text split that overlaps a
/// grid is dropped (its rows are the grid's cells, drawn apart), and each
/// grid stands before the first block after its start.
pub(super) fn merge(blocks: Vec<Block>, grids: Vec<Table>) -> Vec<Block> {
    if grids.is_empty() {
        return blocks;
    }
    let overlaps = |a: &Table, b: &Table| a.span.start < b.span.end && b.span.start < a.span.end;
    let mut merged: Vec<Block> = blocks
        .into_iter()
        .filter(|block| match block {
            Block::Table(table) => !grids.iter().any(|grid| overlaps(grid, table)),
            Block::Paragraph(_) => true,
        })
        .collect();
    for grid in grids {
        let at = merged.iter().position(|block| start_of(block) >= grid.span.start).unwrap_or(merged.len());
        merged.insert(at, Block::Table(grid));
    }
    merged
}

fn start_of(block: &Block) -> usize {
    match block {
        Block::Paragraph(span) => span.start,
        Block::Table(table) => table.span.start,
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use crate::source::{Cell, Layout, Row};
    use crate::span::Span;

    fn table(start: usize, end: usize, layout: Layout) -> Table {
        let row = Row { span: Span::new(start, end), cells: vec![Cell::at(0, Span::new(start, end))] };
        Table { span: Span::new(start, end), layout, rows: vec![row], prose: false }
    }

    #[test]
    fn a_grid_takes_the_place_of_the_tables_it_overlaps() {
        let blocks = vec![
            Block::Paragraph(Span::new(0, 5)),
            Block::Table(table(10, 20, Layout::Grid)),
            Block::Paragraph(Span::new(22, 30)),
            Block::Table(table(40, 50, Layout::Grid)),
        ];
        let merged = merge(blocks, vec![table(8, 35, Layout::Grid)]);
        let starts: Vec<usize> = merged.iter().map(start_of).collect();
        assert_eq!(starts, [0, 8, 22, 40]);
    }

    #[test]
    fn the_national_form_printed_to_pdf_is_one_grid_merged_cells_and_all() {
        let bytes = include_bytes!("../../tests/fixtures/national-form/clean.pdf");
        let document = super::super::read("clean.pdf", bytes).unwrap();
        let text = |span: Span| document.text.get(span.start..span.end).unwrap_or_default().to_owned();
        let grids: Vec<&Table> = document
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Table(table) if table.rows.len() > 20 => Some(table),
                _ => None,
            })
            .collect();
        assert_eq!(grids.len(), 1);
        // 满意度指标（10分）, wrapped over three lines beside its two rows, is
        // one cell two rows high (the borders say so).
        let label = grids[0].rows.iter().flat_map(|row| &row.cells).find(|cell| text(cell.span) == "满意度指").unwrap();
        let whole: String = std::iter::once(label.span).chain(label.wrapped.iter().copied()).map(text).collect();
        assert_eq!((whole.as_str(), label.height), ("满意度指标（10分）", 2));
    }
}
