//! Lines that are probably a table: flattenings that left no table syntax.
//!
//! - One cell a line with a blank line after each cell, an empty cell
//!   written as a space (a Word export read as text: `43.2` / blank / `37.24`
//!   / blank / ` `).
//! - One cell a line with nothing between cells, an empty cell written as an
//!   empty line (LibreOffice's text export).
//! - Several cells a line aligned by runs of spaces, blank lines between rows
//!   (pandoc's plain text, `pdftotext -layout`).
//! - A whole table run together on one line, its cells apart by single
//!   spaces (a web page copied as text).
//!
//! None of these can be told from prose with certainty: a run of short
//! paragraphs looks the same. So the run becomes a [`Layout::Flat`] table
//! with `prose` set, and its lines stay paragraphs too; a form is read from
//! the table only where the form's own header is found in it. Cells
//! aligned by spaces whose columns and rows [`aligned`] can rebuild (a page
//! laid out by `pdftotext -layout`, wrapped cells and all) become a
//! [`Layout::Grid`] table instead, still with `prose` set.

use std::ops::Range;

use super::aligned;
use super::blocks::numbered;
use super::cells::{is_figure, space_cells, trim};
use super::lines::{Line, LineKind};
use super::{Cell, Layout, Row, Table};
use crate::span::Span;

/// Fewest cells, bare figures among them, and share of short cells (in
/// tenths) a run needs to count as a table.
const MIN_CELLS: usize = 12;
const MIN_FIGURES: usize = 3;
const MIN_SHORT_TENTHS: usize = 6;
/// A cell this short is a label or a figure; a longer single-cell line is
/// prose (or a long cell: one is allowed, two in a row end the run).
const SHORT_CHARACTERS: usize = 20;
const LONG_CHARACTERS: usize = 40;
/// Leading spaces that put a line's one cell in a column of a laid-out
/// page rather than indent a paragraph.
const INDENT_SPACES: usize = 4;

/// A run of probable table lines starting at `start`, the index after it,
/// and the tables it holds: the grids [`aligned`] rebuilds, or else one
/// flattening.
pub(super) fn cell_run(text: &str, lines: &[Line], start: usize) -> Option<(usize, Vec<Table>)> {
    let end = run_end(text, lines, start);
    let run = lines.get(start..end)?;
    let content = |line: &Line| matches!(line.kind, LineKind::Text | LineKind::Space);
    let contents = run.iter().filter(|line| content(line)).count();
    // Mode A: a blank line after (nearly) every cell separates cells.
    let separated = run
        .windows(2)
        .filter(|pair| matches!(pair, [first, second] if content(first) && second.kind == LineKind::Blank))
        .count();
    // Mode C: several cells a line, aligned by spaces: a blank line is only
    // a gap between rows.
    let multi = run
        .iter()
        .filter(|line| line.kind == LineKind::Text && aligned_cells(text, line.range.clone()).len() > 1)
        .count();
    let aligned = multi.saturating_mul(2) >= contents;
    // A page laid out by spaces (`pdftotext -layout`) also has lines of one
    // cell pushed to its column by leading spaces: a wrapped cell's other
    // lines, a label centred between rows.
    let indented =
        run.iter().filter(|line| line.kind == LineKind::Text && is_indented(text, line.range.clone())).count();
    let laid_out = aligned || multi.saturating_add(indented).saturating_mul(2) >= contents;
    let blank_separated = !aligned && separated.saturating_mul(10) >= contents.saturating_sub(1).saturating_mul(9);
    let mut rows: Vec<Row> = Vec::new();
    let mut blanks = 0usize;
    for line in run {
        if line.kind == LineKind::Blank {
            blanks = blanks.saturating_add(1);
            continue;
        }
        let extra = match (blank_separated, aligned) {
            (true, _) => blanks.saturating_sub(1) / 2,
            (false, true) => 0,
            (false, false) => blanks,
        };
        for _ in 0..extra {
            let at = line.range.start;
            rows.push(Row { span: Span::new(at, at), cells: vec![Cell::at(0, Span::new(at, at))] });
        }
        blanks = 0;
        let cells = if blank_separated {
            vec![trim(text, line.range.start, line.range.end)]
        } else {
            aligned_cells(text, line.range.clone())
        };
        rows.push(Row { span: trim(text, line.range.start, line.range.end), cells: numbered(cells) });
    }
    let pieces: Vec<&str> = rows
        .iter()
        .flat_map(|row| &row.cells)
        .map(|cell| text.get(cell.span.start..cell.span.end).unwrap_or_default())
        .collect();
    let figures = pieces.iter().filter(|piece| is_figure(piece)).count();
    let short = pieces.iter().filter(|piece| piece.chars().count() <= SHORT_CHARACTERS).count();
    let enough = pieces.len() >= MIN_CELLS
        && figures >= MIN_FIGURES
        && short.saturating_mul(10) >= pieces.len().saturating_mul(MIN_SHORT_TENTHS);
    if !enough {
        return None;
    }
    // Cells aligned by spaces may be laid out as on the page they came from
    // (`pdftotext -layout`): rebuilt, the table is a grid.
    if laid_out {
        let grids = aligned::tables(text, run);
        if !grids.is_empty() {
            return Some((end, grids));
        }
    }
    let span = Span::new(rows.first()?.span.start, rows.last()?.span.end);
    Some((end, vec![Table { span, layout: Layout::Flat, rows, prose: true }]))
}

/// Where a run of probable table lines ends: at a heading, at a line of
/// another shape (tab, pipe, one-cell Word lines), or before the second of
/// two long prose lines in a row; trailing blank and long lines are left out.
fn run_end(text: &str, lines: &[Line], start: usize) -> usize {
    let mut end = start;
    let mut long_before = false;
    for (index, line) in lines.iter().enumerate().skip(start) {
        let content = text.get(line.range.clone()).unwrap_or_default();
        let long = match line.kind {
            LineKind::Blank | LineKind::Space => false,
            LineKind::Text if starts_with_heading(content.trim_start()) => break,
            LineKind::Text => is_long(text, line.range.clone()),
            _ => break,
        };
        if long && long_before {
            break;
        }
        long_before = long;
        end = index.saturating_add(1);
    }
    while end > start
        && lines.get(end.saturating_sub(1)).is_some_and(|line| {
            line.kind == LineKind::Blank || (line.kind == LineKind::Text && is_long(text, line.range.clone()))
        })
    {
        end = end.saturating_sub(1);
    }
    end
}

/// A line of prose: long, and one cell (not cells aligned by spaces).
fn is_long(text: &str, line: Range<usize>) -> bool {
    let content = text.get(line.clone()).unwrap_or_default().trim();
    content.chars().count() > LONG_CHARACTERS && aligned_cells(text, line).len() < 2
}

/// A line of one cell standing in a column to the right: it starts after
/// [`INDENT_SPACES`] or more spaces (a paragraph's indent is shorter, or
/// written with U+3000).
fn is_indented(text: &str, line: Range<usize>) -> bool {
    let content = text.get(line).unwrap_or_default();
    content.chars().take_while(|c| *c == ' ').count() >= INDENT_SPACES && !content.trim().is_empty()
}

/// Cells of a line aligned by spaces: split at tabs and runs of two or more
/// spaces (U+3000 counts as two); single spaces stay inside a cell.
fn aligned_cells(text: &str, line: Range<usize>) -> Vec<Span> {
    let piece = text.get(line.clone()).unwrap_or_default();
    let mut cells = Vec::new();
    let mut cell_start: Option<usize> = None;
    let mut gap_start: Option<usize> = None;
    let mut gap_width = 0usize;
    for (at, character) in piece.char_indices() {
        let at = line.start.saturating_add(at);
        let width = match character {
            '\t' | '\u{3000}' => 2,
            character if character.is_whitespace() => 1,
            _ => 0,
        };
        if width > 0 {
            gap_start.get_or_insert(at);
            gap_width = gap_width.saturating_add(width);
            continue;
        }
        if let (Some(gap), Some(start)) = (gap_start, cell_start) {
            if gap_width >= 2 {
                cells.push(trim(text, start, gap));
                cell_start = None;
            }
        }
        gap_start = None;
        gap_width = 0;
        cell_start.get_or_insert(at);
    }
    if let Some(start) = cell_start {
        cells.push(trim(text, start, line.end));
    }
    cells
}

/// A line of many space-separated pieces, several of them bare figures:
/// a table run together on one line (see [`is_spaced_row`]).
pub(super) fn spaced_row(text: &str, range: Range<usize>) -> Option<Table> {
    let cells = space_cells(text, range.clone());
    if !is_spaced_row(text, &cells) {
        return None;
    }
    let row = Row { span: trim(text, range.start, range.end), cells: numbered(cells) };
    Some(Table { span: row.span, layout: Layout::Flat, rows: vec![row], prose: true })
}

/// Pieces that make a line a table run together: at least eight, three of
/// them bare figures, and most figures not followed by a piece that starts
/// with a unit — `年初预算 267.65 万元，全年` is prose with spaced figures.
fn is_spaced_row(text: &str, cells: &[Span]) -> bool {
    const MIN_PIECES: usize = 8;
    let pieces: Vec<&str> = cells.iter().map(|span| text.get(span.start..span.end).unwrap_or_default()).collect();
    if pieces.len() < MIN_PIECES {
        return false;
    }
    let figures = pieces.iter().filter(|piece| is_figure(piece)).count();
    let spaced_units = pieces
        .windows(2)
        .filter(|pair| matches!(pair, [figure, next] if is_figure(figure) && next.starts_with(UNIT_STARTS)))
        .count();
    // In prose nearly every spaced figure is followed by its unit; a table
    // may hold a sentence or two like that.
    figures >= MIN_FIGURES && spaced_units.saturating_mul(3) < figures
}

/// First characters of the units a spaced-out figure is followed by in prose.
const UNIT_STARTS: [char; 14] = ['万', '亿', '元', '%', '％', '年', '月', '日', '个', '次', '人', '项', '分', '户'];

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

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn texts(text: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|span| text[span.start..span.end].to_string()).collect()
    }

    #[test]
    fn cells_aligned_by_runs_of_spaces() {
        let text = "  年度资金总额     250.00   260.00  239.98 万元  10\t95%";
        assert_eq!(
            texts(text, &aligned_cells(text, 0..text.len())),
            ["年度资金总额", "250.00", "260.00", "239.98 万元", "10", "95%"]
        );
    }
}
