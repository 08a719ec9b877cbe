//! Laid-out lines of text → a table's grid (stream-mode table finding).
//!
//! The input is what a page shows when nothing but the text is kept: lines
//! from top to bottom, each with the words on it and where each word starts
//! and ends across the page — points of a PDF page, or character columns of
//! `pdftotext -layout` output. The output is a [`Grid`]: rows, columns and
//! cells (with their merged extents), each cell the words it is made of; or
//! nothing when the reconstruction is not confident, so that the caller
//! keeps what it did before.
//!
//! How, in the manner of stream-mode extractors (camelot's *stream*,
//! pdfplumber's *text* strategy: columns from where text is and is not,
//! rows from where text stands vertically), with what vertically centred
//! table cells do to text added:
//!
//! 1. [`columns`]: words close together are one piece; a column boundary
//!    is an x where many lines have a gap and few pieces cross — pieces that
//!    cross an accepted boundary span columns and do not count against the
//!    next (merged cells, titles, wrapped narratives). Each piece is then
//!    placed in the columns it covers.
//! 2. [`anchors`]: a line with figures is a row's *anchor*: a cell whose
//!    text wraps has its other lines just above and below it, in its own
//!    column (a vertically centred cell), or below it only (a top-aligned
//!    one; the model that explains the lines better is used). Header rows
//!    have no figures; which text-only lines are rows is chosen so that the
//!    fewest pieces are left unexplained.
//! 3. [`stacks`]: each column's pieces, top to bottom, grouped into cells:
//!    a cell of one row is centred on (or starts at) its anchor; a group
//!    centred elsewhere is a cell merged over several rows. Where the input
//!    has the table's horizontal borders (a PDF page), [`ruling`] says
//!    which successive pieces a border separates.
//! 4. [`place`]: merged cells are given their rows. In a column of group
//!    labels (一级指标 beside its indicators) the labels tile the rows, each
//!    as many rows as puts its centre where its text is; the same fit places
//!    any other merged cell.
//!
//! Confidence: at least two rows and two columns and a row of figures; the
//! chosen vertical model clearly better than the other; no piece left over
//! inside the table; every merged cell placed within [`MAX_FIT`] of a row
//! height of its text; no two cells on one position. Work is bounded: a
//! block of more than [`MAX_LINES`] lines or [`MAX_WORDS`] words, or with
//! more than [`MAX_COLUMNS`] columns, is not read, and neither is one whose
//! row search outgrows its budget (see [`anchors`]).

mod anchors;
mod columns;
mod place;
mod ruling;
mod stacks;

pub(super) use ruling::Rule;
use ruling::Ruling;

use crate::source::cells::is_figure;

/// Blocks beyond these sizes are not read: the row search is exhaustive
/// within each run of header lines, so its work must stay bounded.
pub(super) const MAX_LINES: usize = 400;
pub(super) const MAX_WORDS: usize = 6000;
pub(super) const MAX_COLUMNS: usize = 40;

/// Largest misfit, in row heights, between a merged cell's text and the
/// middle of the rows it is given.
const MAX_FIT: f64 = 0.45;

/// One word (text without white space) and where it stands on its line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word<'t> {
    pub x0: f64,
    pub x1: f64,
    pub text: &'t str,
}

/// One line of text: its vertical position (downwards) and its words, left
/// to right.
#[derive(Debug, Clone)]
pub(super) struct Line<'t> {
    pub y: f64,
    pub words: Vec<Word<'t>>,
}

/// How far apart things are in the coordinates of the input.
#[derive(Debug, Clone, Copy)]
pub(super) struct Metrics {
    /// Words this close on a line are one piece of text (a word space).
    pub join: f64,
    /// A piece may cross a column boundary by this much and still stand in
    /// one column: ragged edges.
    pub slack: f64,
    /// The largest vertical step between two lines of one cell.
    pub step: f64,
    /// Page positions: how far a cell's middle may be from its anchor, and
    /// how unevenly the lines of one cell may be spaced. Zero for lines of a
    /// text, whose positions are exact line numbers.
    pub tolerance: f64,
    /// Page positions: two rows' anchors are at least this far apart.
    pub row_gap: f64,
    /// Lines of a text: y are line numbers, and heights are estimated from
    /// how many lines each row's cells take (see [`place`]).
    pub numbered: bool,
}

impl Metrics {
    /// `pdftotext -layout` text: x in characters, y in lines. pdftotext
    /// gives every character one column, a Chinese one as an ASCII one
    /// (poppler's `TextLine::coalesce` counts one column a Unicode
    /// character; `TextPage::coalesce` places a line at the column of the
    /// character of the lines to its left that stands at its x): columns
    /// line up by character count, not by display width, and a word of
    /// Chinese takes fewer columns than its print does.
    pub fn text() -> Metrics {
        Metrics { join: 1.0, slack: 1.0, step: 2.0, tolerance: 0.0, row_gap: 0.0, numbered: true }
    }

    /// A PDF page in points, text of `size` points.
    pub fn page(size: f64) -> Metrics {
        let size = if size.is_finite() && size > 0.0 { size } else { 10.0 };
        Metrics {
            join: 0.6 * size,
            slack: 0.5 * size,
            step: 1.6 * size,
            tolerance: 0.15 * size,
            row_gap: 1.0 * size,
            numbered: false,
        }
    }
}

/// A rebuilt table: `rows` × `columns` positions and the cells on them.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Grid {
    pub rows: usize,
    pub columns: usize,
    /// Cells by row, then column. A position covered by no cell is empty.
    pub cells: Vec<GridCell>,
    /// The input lines the table stands on, first to last.
    pub lines: std::ops::Range<usize>,
    /// Each row's anchor line.
    pub anchors: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct GridCell {
    pub row: usize,
    pub column: usize,
    pub width: usize,
    pub height: usize,
    /// Its text, in reading order: top to bottom, then left to right.
    pub pieces: Vec<Piece>,
}

/// Words `first..end` of input line `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    pub line: usize,
    pub first: usize,
    pub end: usize,
}

/// The tables the lines lay out, each rebuilt with confidence. Prose lines
/// (one long piece across most columns) separate tables; lines around a
/// table that it does not explain (a title) are not part of it.
pub(super) fn rebuild(lines: &[Line], metrics: &Metrics, rules: &[Rule]) -> Vec<Grid> {
    let words: usize = lines.iter().map(|line| line.words.len()).sum();
    if lines.len() > MAX_LINES || words > MAX_WORDS {
        return Vec::new();
    }
    let bounds = columns::boundaries(lines, metrics);
    let fragments = columns::fragments(lines, metrics, &bounds);
    let wide = bounds.len().saturating_add(1).div_ceil(2).max(3);
    let prose = |line: &Vec<columns::Fragment>| match line.as_slice() {
        [only] => {
            let characters: usize = lines
                .get(only.line)
                .and_then(|line| line.words.get(only.first..only.end))
                .map_or(0, |words| words.iter().map(|word| word.text.chars().count()).sum());
            only.last_column.saturating_sub(only.first_column) >= wide.saturating_sub(1)
                && characters >= PROSE_CHARACTERS
        }
        _ => false,
    };
    let mut grids = Vec::new();
    let mut start = 0;
    for (index, line) in fragments.iter().enumerate().chain([(fragments.len(), &Vec::new())]) {
        if index < fragments.len() && !prose(line) {
            continue;
        }
        if let Some(block) = lines.get(start..index).filter(|block| block.len() >= 3) {
            if let Some(mut grid) = rebuild_block(block, metrics, rules) {
                grid.lines = grid.lines.start.saturating_add(start)..grid.lines.end.saturating_add(start);
                for anchor in &mut grid.anchors {
                    *anchor = anchor.saturating_add(start);
                }
                for piece in grid.cells.iter_mut().flat_map(|cell| &mut cell.pieces) {
                    piece.line = piece.line.saturating_add(start);
                }
                grids.push(grid);
            }
        }
        start = index.saturating_add(1);
    }
    grids
}

/// A line of this many characters in one piece across most columns is
/// prose, not a row of the table.
const PROSE_CHARACTERS: usize = 20;

/// The table of a block of lines without prose, if it can be rebuilt.
fn rebuild_block(lines: &[Line], metrics: &Metrics, rules: &[Rule]) -> Option<Grid> {
    let bounds = columns::boundaries(lines, metrics);
    if bounds.is_empty() || bounds.len() >= MAX_COLUMNS {
        return None;
    }
    let fragments = columns::fragments(lines, metrics, &bounds);
    let columns = bounds.len().saturating_add(1);
    let ruling = Ruling::new(&fragments, lines, rules, columns);
    let rows = anchors::choose(&fragments, lines, metrics, &ruling)?;
    place::grid(&fragments, lines, &rows, columns, metrics, &ruling)
}

/// A figure or a "not filled in" mark: what a row's anchor line holds.
fn is_value(text: &str) -> bool {
    let placeholder =
        !text.is_empty() && text.chars().all(|c| matches!(c, '—' | '-' | '－' | '–' | '/' | '／' | '…' | '_'));
    placeholder || is_figure(text)
}

#[cfg(test)]
#[path = "tests.rs"]
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests;
