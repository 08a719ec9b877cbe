//! Classified lines → [`Block`]s: paragraphs and tables.
//!
//! - a text line is a paragraph (span trimmed of surrounding white space);
//! - consecutive tab rows form a table, one row a line;
//! - consecutive pipe rows form a table (separator rows are not rows); a
//!   [`Layout::Grid`] when every row has the same two or more cells, else a
//!   [`Layout::Flat`] flattening: web conversions drop empty cells, wrap a
//!   row onto the next line, or put one cell on each line (`项目名称 |`);
//! - Word's one-cell-a-line form — tab-led lines, a blank line between
//!   rows — forms a table whose rows are the blank-separated groups. A run of
//!   tab-led lines where every group is a single line is indented prose, not
//!   a table: those lines become paragraphs;
//! - one cell a line without tabs, a blank line after each cell and an empty
//!   cell written as a space (`43.2` / blank / `37.24` / blank / ` `), forms a
//!   flat table when the run is long and holds bare figures (see [`cell_run`]);
//! - a line of many space-separated pieces, several of them bare figures
//!   (a whole table run together on one line), is a flat table of one row.
//!
//! In a grid, rows whose cells are all empty are dropped (stray tabs between
//! tables), and so is a table left without rows. In a flattening an empty
//! cell is kept: it may be the only trace of a column. A lone tab row with
//! fewer than two non-empty cells is a paragraph with a stray tab, not a
//! table.

use std::ops::Range;

use super::cells::{cell, is_figure, pipe_cells, space_cells, tab_cells, trim};
use super::lines::{self, Line, LineKind};
use super::{Block, Cell, Layout, Row, Table};
use crate::span::Span;

pub(super) fn split(text: &str) -> Vec<Block> {
    let lines = lines::classify(text);
    let mut blocks = Vec::new();
    let mut index = 0;
    let run = |start: usize, end: usize| lines.get(start..end).unwrap_or_default();
    while let Some(line) = lines.get(index) {
        let run_end = match line.kind {
            LineKind::Blank | LineKind::Space => index.saturating_add(1),
            LineKind::Text => {
                if let Some((end, table)) = cell_run(text, &lines, index) {
                    blocks.push(Block::Table(table));
                    end
                } else {
                    push_text_line(text, line.range.clone(), &mut blocks);
                    index.saturating_add(1)
                }
            }
            LineKind::TabRow => {
                let end = run_end(&lines, index, |kind| kind == LineKind::TabRow);
                push_tab_table(text, run(index, end), &mut blocks);
                end
            }
            LineKind::PipeRow | LineKind::PipeSeparator => {
                let end = run_end(&lines, index, |kind| matches!(kind, LineKind::PipeRow | LineKind::PipeSeparator));
                push_pipe_table(text, run(index, end), &mut blocks);
                end
            }
            LineKind::CellLine => {
                let mut end = run_end(&lines, index, |kind| matches!(kind, LineKind::CellLine | LineKind::Blank));
                // Blank lines after the last cell line belong to no one.
                while end > index && lines.get(end.saturating_sub(1)).is_some_and(|line| line.kind == LineKind::Blank) {
                    end = end.saturating_sub(1);
                }
                push_cell_line_table(text, run(index, end), &mut blocks);
                end
            }
        };
        index = run_end;
    }
    blocks
}

fn run_end(lines: &[Line], start: usize, belongs: impl Fn(LineKind) -> bool) -> usize {
    let rest = lines.get(start..).unwrap_or_default();
    rest.iter().position(|line| !belongs(line.kind)).map_or(lines.len(), |offset| start.saturating_add(offset))
}

/// A text line: a table run together on one line, or a paragraph.
fn push_text_line(text: &str, range: Range<usize>, blocks: &mut Vec<Block>) {
    let cells = space_cells(text, range.clone());
    if is_spaced_row(text, &cells) {
        let row = Row { span: trim(text, range.start, range.end), cells: numbered(cells) };
        blocks.push(Block::Table(Table { span: row.span, layout: Layout::Flat, rows: vec![row] }));
    } else {
        push_paragraph(text, range, blocks);
    }
}

/// Pieces that make a line a table run together: at least eight, three of
/// them bare figures, and no figure followed by a piece that starts with a
/// unit — `年初预算 267.65 万元，全年` is prose with spaced figures.
fn is_spaced_row(text: &str, cells: &[Span]) -> bool {
    const MIN_PIECES: usize = 8;
    const MIN_FIGURES: usize = 3;
    let pieces: Vec<&str> = cells.iter().map(|span| text.get(span.start..span.end).unwrap_or_default()).collect();
    if pieces.len() < MIN_PIECES {
        return false;
    }
    let figures = pieces.iter().filter(|piece| is_figure(piece)).count();
    let spaced_units = pieces.windows(2).any(|pair| match pair {
        [figure, next] => is_figure(figure) && next.starts_with(UNIT_STARTS),
        _ => false,
    });
    figures >= MIN_FIGURES && !spaced_units
}

/// First characters of the units a spaced-out figure is followed by in prose.
const UNIT_STARTS: [char; 14] = ['万', '亿', '元', '%', '％', '年', '月', '日', '个', '次', '人', '项', '分', '户'];

fn push_paragraph(text: &str, range: Range<usize>, blocks: &mut Vec<Block>) {
    let span = trim(text, range.start, range.end);
    if !span.is_empty() {
        blocks.push(Block::Paragraph(span));
    }
}

fn push_tab_table(text: &str, lines: &[Line], blocks: &mut Vec<Block>) {
    let rows: Vec<Row> = lines
        .iter()
        .map(|line| Row {
            span: Span::new(line.range.start, line.range.end),
            cells: numbered(tab_cells(text, line.range.clone())),
        })
        .collect();
    if let [row] = rows.as_slice() {
        if row.cells.iter().filter(|cell| !cell.span.is_empty()).count() < 2 {
            push_paragraph(text, row.span.start..row.span.end, blocks);
            return;
        }
    }
    push_table(rows, Layout::Grid, blocks);
}

fn push_pipe_table(text: &str, lines: &[Line], blocks: &mut Vec<Block>) {
    let rows: Vec<Row> = lines
        .iter()
        .filter(|line| line.kind == LineKind::PipeRow)
        .map(|line| Row {
            span: trim(text, line.range.start, line.range.end),
            cells: numbered(pipe_cells(text, line.range.clone())),
        })
        .collect();
    let separated = lines.iter().any(|line| line.kind == LineKind::PipeSeparator);
    let width = rows.first().map_or(0, |row| row.cells.len());
    let regular = width >= 2 && rows.iter().all(|row| row.cells.len() == width) && (separated || rows.len() >= 2);
    push_table(rows, if regular { Layout::Grid } else { Layout::Flat }, blocks);
}

fn push_cell_line_table(text: &str, lines: &[Line], blocks: &mut Vec<Block>) {
    let groups: Vec<&[Line]> =
        lines.split(|line| line.kind == LineKind::Blank).filter(|group| !group.is_empty()).collect();
    if groups.iter().all(|group| group.len() < 2) {
        for group in groups {
            for line in group {
                push_paragraph(text, line.range.clone(), blocks);
            }
        }
        return;
    }
    let rows = groups
        .into_iter()
        .filter_map(|group| {
            let first = group.first()?;
            let last = group.last()?;
            Some(Row {
                span: Span::new(first.range.start, last.range.end),
                // Each line is a tab and one cell.
                cells: numbered(
                    group.iter().map(|line| cell(text, line.range.start.saturating_add(1), line.range.end)).collect(),
                ),
            })
        })
        .collect();
    push_table(rows, Layout::Grid, blocks);
}

/// A one-cell-a-line run starting at `start`: content lines (text, or a
/// white-space line for an empty cell), each followed by one or more blank
/// lines. A table only when it is long (`MIN_CELLS`), holds bare figures
/// (`MIN_FIGURES`) and mostly short cells; a heading (`一、`, `（一）`) ends
/// it. Extra blank lines between two cells stand for empty cells in
/// between, one for every two. Returns the index after the run.
fn cell_run(text: &str, lines: &[Line], start: usize) -> Option<(usize, Table)> {
    const MIN_CELLS: usize = 12;
    const MIN_FIGURES: usize = 3;
    const SHORT_CHARACTERS: usize = 20;
    let mut cells: Vec<Span> = Vec::new();
    let mut index = start;
    let mut end = start;
    while let Some(line) = lines.get(index) {
        let content = text.get(line.range.clone()).unwrap_or_default();
        let is_cell = match line.kind {
            LineKind::Space => true,
            LineKind::Text => !starts_with_heading(content.trim_start()),
            _ => false,
        };
        if !is_cell {
            break;
        }
        let blanks = lines
            .get(index.saturating_add(1)..)
            .unwrap_or_default()
            .iter()
            .take_while(|line| line.kind == LineKind::Blank)
            .count();
        let after = index.saturating_add(1).saturating_add(blanks);
        if blanks == 0 && after < lines.len() {
            // Two content lines touch: prose, or the end of the run.
            break;
        }
        cells.push(trim(text, line.range.start, line.range.end));
        let at = line.range.end;
        for _ in 0..blanks.saturating_sub(1) / 2 {
            cells.push(Span::new(at, at));
        }
        end = after;
        index = after;
    }
    let pieces: Vec<&str> = cells.iter().map(|span| text.get(span.start..span.end).unwrap_or_default()).collect();
    let figures = pieces.iter().filter(|piece| is_figure(piece)).count();
    let short = pieces.iter().filter(|piece| piece.chars().count() <= SHORT_CHARACTERS).count();
    if cells.len() < MIN_CELLS || figures < MIN_FIGURES || short.saturating_mul(10) < cells.len().saturating_mul(7) {
        return None;
    }
    let rows: Vec<Row> = cells.into_iter().map(|span| Row { span, cells: vec![Cell::at(0, span)] }).collect();
    let span = Span::new(rows.first()?.span.start, rows.last()?.span.end);
    Some((end, Table { span, layout: Layout::Flat, rows }))
}

/// `一、` or `（一）`/`(一)` at the start of a line: a heading, not a cell.
fn starts_with_heading(line: &str) -> bool {
    const DIGITS: &str = "一二三四五六七八九十";
    let numeral = |text: &str| {
        let length: usize = text.chars().take_while(|c| DIGITS.contains(*c)).map(char::len_utf8).sum();
        (length > 0).then_some(length)
    };
    if let Some(length) = numeral(line) {
        return line.get(length..).is_some_and(|rest| rest.starts_with('、'));
    }
    let inner = line.strip_prefix('（').or_else(|| line.strip_prefix('('));
    inner.is_some_and(|inner| {
        numeral(inner).and_then(|length| inner.get(length..)).is_some_and(|rest| rest.starts_with(['）', ')']))
    })
}

/// Spans in order as cells of one row, each covering one column.
fn numbered(spans: Vec<Span>) -> Vec<Cell> {
    spans.into_iter().enumerate().map(|(column, span)| Cell::at(column, span)).collect()
}

fn push_table(mut rows: Vec<Row>, layout: Layout, blocks: &mut Vec<Block>) {
    if layout == Layout::Grid {
        rows.retain(|row| row.cells.iter().any(|cell| !cell.span.is_empty()));
    }
    if !rows.iter().any(|row| row.cells.iter().any(|cell| !cell.span.is_empty())) {
        return;
    }
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        let span = Span::new(first.span.start, last.span.end);
        blocks.push(Block::Table(Table { span, layout, rows }));
    }
}

#[cfg(test)]
#[path = "blocks_tests.rs"]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests;
