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
//! - a run of short lines holding bare figures (one cell a line, with or
//!   without blank lines, or cells aligned by spaces), and a line of many
//!   space-separated pieces (a whole table run together on one line), are
//!   probably tables: they become flat tables *and* stay paragraphs
//!   ([`loose`]).
//!
//! In a grid, rows whose cells are all empty are dropped (stray tabs between
//! tables), and so is a table left without rows. In a flattening an empty
//! cell is kept: it may be the only trace of a column. A lone tab row with
//! fewer than two non-empty cells is a paragraph with a stray tab, not a
//! table.

use std::ops::Range;

use super::cells::{cell, pipe_cells, tab_cells, trim};
use super::lines::{self, Line, LineKind};
use super::loose;
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
            LineKind::Text => match loose::cell_run(text, &lines, index) {
                Some((end, tables)) => {
                    blocks.extend(tables.into_iter().map(Block::Table));
                    // Probably a table, but its lines are read as prose too.
                    for line in run(index, end) {
                        push_paragraph(text, line.range.clone(), &mut blocks);
                    }
                    end
                }
                None => {
                    push_text_line(text, line.range.clone(), &mut blocks);
                    index.saturating_add(1)
                }
            },
            LineKind::TabRow => {
                let end = tab_run_end(text, &lines, index);
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

/// The end of a run of tab rows. A short line between two tab rows is a
/// row of one cell — a row merged across the table (`按支出性质分`), which
/// Word writes without a tab — not a paragraph that splits the table.
fn tab_run_end(text: &str, lines: &[Line], start: usize) -> usize {
    /// A merged row's label, not a sentence.
    const MERGED_ROW_CHARACTERS: usize = 12;
    let merged_row = |line: &Line| {
        let content = text.get(line.range.clone()).unwrap_or_default().trim();
        line.kind == LineKind::Text
            && content.chars().count() <= MERGED_ROW_CHARACTERS
            && !content.contains(['。', '；', ';', '，', ','])
    };
    let mut end = start;
    while let Some(line) = lines.get(end) {
        let between_rows = merged_row(line)
            && end > start
            && lines.get(end.saturating_add(1)).is_some_and(|next| next.kind == LineKind::TabRow);
        if line.kind != LineKind::TabRow && !between_rows {
            break;
        }
        end = end.saturating_add(1);
    }
    end
}

/// A text line: a table run together on one line (kept as a paragraph
/// too), or a paragraph.
fn push_text_line(text: &str, range: Range<usize>, blocks: &mut Vec<Block>) {
    if let Some(table) = loose::spaced_row(text, range.clone()) {
        blocks.push(Block::Table(table));
    }
    push_paragraph(text, range, blocks);
}

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

/// Spans in order as cells of one row, each covering one column.
pub(super) fn numbered(spans: Vec<Span>) -> Vec<Cell> {
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
        blocks.push(Block::Table(Table { span, layout, rows, prose: false }));
    }
}

#[cfg(test)]
#[path = "blocks_tests.rs"]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests;
