//! Findings → the cells their comments go on, per sheet, each with the
//! paragraphs of every finding on it (Excel holds one note per cell).

use std::collections::BTreeMap;
use std::fmt;

use super::workbook::Sheet;
use crate::annotate::note;
use crate::finding::Finding;
use crate::source::Document;

/// A cell by its zero-based row and column; shown as `F12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Cell {
    pub row: u32,
    pub column: u32,
}

/// Excel's last row and column (`XFD1048576`), zero-based.
const LAST_ROW: u32 = 1_048_575;
const LAST_COLUMN: u32 = 16_383;

impl Cell {
    pub const A1: Cell = Cell { row: 0, column: 0 };

    /// `F12` → row 11, column 5; `None` for anything but a cell in Excel's
    /// grid (`$F$12`, a range or a name are not what comments are written on).
    pub fn parse(reference: &str) -> Option<Cell> {
        let letters = reference.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (column, row) = reference.split_at_checked(letters)?;
        if column.is_empty() || column.len() > 3 || row.is_empty() || !row.bytes().all(|byte| byte.is_ascii_digit()) {
            return None;
        }
        let column = column.bytes().try_fold(0u32, |number, letter| {
            number.checked_mul(26)?.checked_add(u32::from(letter.to_ascii_uppercase().checked_sub(b'@')?))
        })?;
        let row: u32 = row.parse().ok()?;
        let cell = Cell { row: row.checked_sub(1)?, column: column.checked_sub(1)? };
        (cell.row <= LAST_ROW && cell.column <= LAST_COLUMN).then_some(cell)
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut letters = Vec::new();
        let mut remaining = u64::from(self.column).saturating_add(1);
        while let Some(less) = remaining.checked_sub(1) {
            letters.push(char::from(b'A'.saturating_add(u8::try_from(less % 26).unwrap_or(0))));
            remaining = less / 26;
        }
        letters.reverse();
        let letters: String = letters.into_iter().collect();
        write!(formatter, "{letters}{}", u64::from(self.row).saturating_add(1))
    }
}

/// The comment on one cell: each finding's paragraphs, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Note {
    pub cell: Cell,
    pub findings: Vec<Vec<String>>,
}

/// The notes of each sheet (by its index in `sheets`), cells in row order.
/// A finding goes on the cell of its primary figure; one without a figure,
/// or whose figure has no cell, on the first cell the reader read (the top
/// of the first visible sheet with content), or on A1 of the first sheet.
pub(super) fn notes(document: &Document, findings: &[&Finding], sheets: &[Sheet]) -> BTreeMap<usize, Vec<Note>> {
    let fallback = document.anchors.first().and_then(|anchor| place(&anchor.name, sheets)).unwrap_or((0, Cell::A1));
    let mut cells: BTreeMap<(usize, Cell), Vec<Vec<String>>> = BTreeMap::new();
    for finding in findings {
        let place = finding
            .primary
            .as_ref()
            .and_then(|primary| document.anchor_at(primary.span.start))
            .and_then(|anchor| place(&anchor.name, sheets))
            .unwrap_or(fallback);
        cells.entry(place).or_default().push(note::paragraphs(finding, document));
    }
    let mut notes: BTreeMap<usize, Vec<Note>> = BTreeMap::new();
    for ((sheet, cell), findings) in cells {
        notes.entry(sheet).or_default().push(Note { cell, findings });
    }
    notes
}

/// The sheet (by index) and cell an anchor names: `Sheet1!F12`, or
/// `'年度 自评'!B3` with a quote inside doubled, as the reader writes them.
fn place(name: &str, sheets: &[Sheet]) -> Option<(usize, Cell)> {
    let (sheet, reference) = name.rsplit_once('!')?;
    let sheet = match sheet.strip_prefix('\'').and_then(|quoted| quoted.strip_suffix('\'')) {
        Some(quoted) => quoted.replace("''", "'"),
        None => sheet.to_string(),
    };
    let index = sheets.iter().position(|candidate| candidate.name == sheet)?;
    Some((index, Cell::parse(reference)?))
}

#[cfg(test)]
#[path = "cells_tests.rs"]
mod tests;
