//! A sheet's merged ranges (`<mergeCell ref="A9:A11"/>`) → for each
//! position the text lays out, whether a cell starts there and how far it
//! reaches, or whether a merged cell covers it.
//!
//! The top-left position of a range is its cell: as wide as the range and as
//! tall as the rows of the table inside it (rows without any value are left
//! out of the text, so they are not counted). Every other position inside a
//! range is covered: no cell, whatever it holds (Excel shows only the
//! top-left value). A range of one cell means nothing. Ranges that overlap
//! one another, which Excel never writes, are hostile: a range that overlaps
//! one taken before it (in reading order of their top-left corners) is
//! ignored.
//!
//! Cost: the rows are swept once from top to bottom with the ranges that
//! reach the current row in an ordered map, so a range is never expanded
//! into its positions; whatever extent a range claims (`A1:XFD1048576`),
//! the work is a few ordered-map operations per range and per position.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use calamine::Dimensions;

/// What a position of the laid-out sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// A cell starts here, covering this many columns and table rows.
    Cell { width: usize, height: usize },
    /// Inside a merged range, not at its top-left.
    Covered,
}

/// A merged range, corners in order: zero-based rows and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Range {
    top: u32,
    left: u32,
    bottom: u32,
    right: u32,
}

/// The sweep over one sheet's rows.
#[derive(Debug, Default)]
pub(super) struct Merges {
    /// Ranges not yet reached, sorted by top-left corner; `next` is the first.
    ranges: Vec<Range>,
    next: usize,
    /// Ranges reaching the current row, by left column; they never overlap.
    active: BTreeMap<u32, Range>,
    /// When each active range ends: (bottom, left).
    ends: BinaryHeap<Reverse<(u32, u32)>>,
    /// The rows the table has, ascending.
    rows: Vec<u32>,
}

impl Merges {
    /// `rows` are the sheet rows the table lays out, ascending.
    pub fn new(dimensions: &[Dimensions], rows: Vec<u32>) -> Merges {
        let mut ranges: Vec<Range> = dimensions
            .iter()
            .map(|dimensions| {
                let (first, last) = (dimensions.start, dimensions.end);
                Range {
                    top: first.0.min(last.0),
                    left: first.1.min(last.1),
                    bottom: first.0.max(last.0),
                    right: first.1.max(last.1),
                }
            })
            .filter(|range| (range.top, range.left) != (range.bottom, range.right))
            .collect();
        ranges.sort_unstable();
        Merges { ranges, rows, ..Merges::default() }
    }

    /// Moves the sweep to `row`; rows must come in ascending order.
    pub fn enter(&mut self, row: u32) {
        while let Some(&range) = self.ranges.get(self.next).filter(|range| range.top <= row) {
            self.next = self.next.saturating_add(1);
            self.end_before(range.top);
            if !self.overlaps(&range) {
                self.active.insert(range.left, range);
                self.ends.push(Reverse((range.bottom, range.left)));
            }
        }
        self.end_before(row);
    }

    /// What position (`row`, `column`) of the row entered last is.
    pub fn place(&self, row: u32, column: u32) -> Place {
        match self.covering(column) {
            Some(range) if (range.top, range.left) == (row, column) => {
                let width = usize::try_from(range.right.saturating_sub(range.left)).unwrap_or(usize::MAX);
                let first = self.rows.partition_point(|&laid_out| laid_out < range.top);
                let past = self.rows.partition_point(|&laid_out| laid_out <= range.bottom);
                Place::Cell { width: width.saturating_add(1), height: past.saturating_sub(first).max(1) }
            }
            Some(_) => Place::Covered,
            None => Place::Cell { width: 1, height: 1 },
        }
    }

    /// The active range whose columns hold `column`.
    fn covering(&self, column: u32) -> Option<&Range> {
        let (_, range) = self.active.range(..=column).next_back()?;
        (range.right >= column).then_some(range)
    }

    /// Whether `range` shares a column with an active range (which reaches
    /// its top row, so they share a position).
    fn overlaps(&self, range: &Range) -> bool {
        self.active.range(..=range.right).next_back().is_some_and(|(_, active)| active.right >= range.left)
    }

    /// Drops the active ranges that end above `row`.
    fn end_before(&mut self, row: u32) {
        while let Some(&Reverse((bottom, left))) = self.ends.peek().filter(|Reverse((bottom, _))| *bottom < row) {
            self.ends.pop();
            if self.active.get(&left).is_some_and(|range| range.bottom == bottom) {
                self.active.remove(&left);
            }
        }
    }
}

#[cfg(test)]
#[path = "xlsx_merges_tests.rs"]
mod tests;
