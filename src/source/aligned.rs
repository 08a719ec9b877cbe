//! Lines of a text whose cells are aligned by runs of spaces, as
//! `pdftotext -layout` writes a table → a [`Layout::Grid`] table, when
//! [`layout`] can rebuild it with confidence.
//!
//! A word is a run of characters without white space; its x is the
//! character column it starts at (pdftotext gives every character one
//! column, see [`layout::Metrics::text`]) and its y the line's place in the
//! run, blank lines counted. A cell whose text is wrapped over lines that
//! other cells stand between keeps its first piece as its span and the
//! others in [`Cell::wrapped`]. The lines stay paragraphs too (the table is
//! marked `prose`), as every probable table read from plain text does.

use super::cells::trim;
use super::layout::{self, Grid, Metrics, Word};
use super::lines::{Line, LineKind};
use super::{Cell, Layout, Row, Table};
use crate::span::Span;

/// The tables a run of aligned lines lays out, those that can be rebuilt.
pub(super) fn tables(text: &str, run: &[Line]) -> Vec<Table> {
    // Byte offsets of every word, by layout line.
    let mut offsets: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut lines: Vec<layout::Line> = Vec::new();
    for (number, line) in run.iter().enumerate() {
        if !matches!(line.kind, LineKind::Text) {
            continue;
        }
        let Some(content) = text.get(line.range.clone()) else { continue };
        let mut words = Vec::new();
        let mut spans = Vec::new();
        let mut start: Option<(usize, usize)> = None;
        for (column, (at, character)) in content.char_indices().chain([(content.len(), ' ')]).enumerate() {
            match (character.is_whitespace(), start) {
                (true, Some((from, x0))) => {
                    words.push(Word {
                        x0: x0 as f64,
                        x1: column as f64,
                        text: content.get(from..at).unwrap_or_default(),
                    });
                    spans.push((line.range.start.saturating_add(from), line.range.start.saturating_add(at)));
                    start = None;
                }
                (false, None) => start = Some((at, column)),
                _ => {}
            }
        }
        lines.push(layout::Line { y: number as f64, words });
        offsets.push(spans);
    }
    layout::rebuild(&lines, &Metrics::text(), &[]).iter().map(|grid| table_of(text, grid, &offsets)).collect()
}

/// The table of a rebuilt grid; `offsets` are the byte spans in `text` of
/// every word of every layout line. A piece's words are one span where only
/// white space stands between them in `text`, and several otherwise (a PDF
/// may draw one line of a cell in pieces, apart in its text).
pub(super) fn table_of(text: &str, grid: &Grid, offsets: &[Vec<(usize, usize)>]) -> Table {
    let spans_of = |piece: &layout::Piece| {
        let words = offsets.get(piece.line).map(Vec::as_slice).unwrap_or_default();
        let mut spans: Vec<Span> = Vec::new();
        for (start, end) in words.get(piece.first..piece.end).unwrap_or_default() {
            match spans.last_mut() {
                Some(last)
                    if last.end <= *start && text.get(last.end..*start).is_some_and(|gap| gap.trim().is_empty()) =>
                {
                    last.end = *end;
                }
                _ => spans.push(Span::new(*start, *end)),
            }
        }
        spans
    };
    let line_span = |line: usize| {
        let words = offsets.get(line).map(Vec::as_slice).unwrap_or_default();
        let start = words.first().map_or(0, |(start, _)| *start);
        let end = words.last().map_or(start, |(_, end)| *end);
        trim(text, start, end)
    };
    let rows: Vec<Row> = (0..grid.rows)
        .map(|row| {
            let cells = grid
                .cells
                .iter()
                .filter(|cell| cell.row == row)
                .map(|cell| {
                    let mut spans = cell.pieces.iter().flat_map(spans_of);
                    let span = spans.next().unwrap_or_default();
                    Cell { span, column: cell.column, width: cell.width, height: cell.height, wrapped: spans.collect() }
                })
                .collect();
            let span = grid.anchors.get(row).map_or(Span::default(), |line| line_span(*line));
            Row { span, cells }
        })
        .collect();
    let pieces = grid.cells.iter().flat_map(|cell| &cell.pieces).flat_map(spans_of);
    let (start, end) = pieces.fold((usize::MAX, 0), |(start, end), span| (start.min(span.start), end.max(span.end)));
    Table { span: Span::new(start.min(end), end), layout: Layout::Grid, rows, prose: true }
}
