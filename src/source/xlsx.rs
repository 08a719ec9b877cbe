//! .xlsx bytes → [`Document`]: every visible worksheet as one table.
//!
//! Per sheet with content, the text has a line with the sheet name (a
//! [`Block::Paragraph`], so findings can show it) and then one line per row
//! that has a non-empty cell, cells separated by tabs. The rows form one
//! [`Block::Table`] whose columns start at the sheet's first used column, so
//! a column of the table is a column of the sheet; trailing empty cells of a
//! row are left out. Sheets are separated by a blank line. Each non-empty
//! cell gets an [`Anchor`] named like `Sheet1!F12` (`'年度 自评'!B3` when the
//! sheet name needs quotes); anchors are in text order and never overlap.
//!
//! Cells are read one by one as the sheet stores them, never as a dense
//! grid, so a stray cell at `XFD1048576` costs nothing; a workbook whose
//! rows would still span more than [`Limits::max_cells`] positions is
//! refused. A merged range
//! shows its value in its top-left cell only, as calamine reports it; in the
//! table that cell is as wide and tall as the range, and the range's other
//! positions keep their place in the text (empty, tab-separated) but are no
//! cells ([`merges`]). Hidden sheets and chart sheets are not part of the
//! report a reader sees, and are skipped.
//!
//! Hostile files fail with a [`SourceError`] naming the limit they break,
//! never a panic or an allocation the file dictates: the package is checked
//! against [`Limits`] before calamine opens it ([`package`]), and the text
//! is measured cell by cell as it is read, before it is stored.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Dimensions, Reader, SheetType, SheetVisible, Xlsx, XlsxError};

use super::size::MAX_TEXT_BYTES;
use super::{Anchor, Block, Cell, Document, Format, Layout as TableLayout, Row, SourceError, Table};
use crate::span::Span;

#[path = "xlsx_cell.rs"]
mod cell;
#[path = "xlsx_merges.rs"]
mod merges;
#[path = "xlsx_package.rs"]
mod package;

use cell::cell_text;
use merges::{Merges, Place};

/// Bounds on what an .xlsx may cost to read, for the whole workbook. Each
/// is far beyond any 自评表 (a 50,000-cell workbook is 3 MiB of XML) and
/// keeps a hostile file under a few hundred MB and a few seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Limits {
    /// Bytes inflated from the XML parts, all together (64 MiB).
    pub max_inflated_bytes: u64,
    /// Elements open at once in one part (256; Excel writes fewer than 10).
    pub max_depth: usize,
    /// Elements in all parts (8,000,000).
    pub max_elements: u64,
    /// Cells stored in all sheets (`<c>`, 1,000,000), and positions laid
    /// out in the text, empty ones between values included (as many).
    pub max_cells: u64,
    /// Shared strings, as stored and as declared (1,000,000).
    pub max_shared_strings: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_inflated_bytes: 64 << 20,
            max_depth: 256,
            max_elements: 8_000_000,
            max_cells: 1_000_000,
            max_shared_strings: 1_000_000,
        }
    }
}

/// Reads a workbook. Fails on a corrupt or password-protected file, on one
/// over the [`Limits`] or whose text would pass [`MAX_TEXT_BYTES`], and on a
/// workbook without any visible non-empty cell.
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, SourceError> {
    read_with_limits(name, bytes, &Limits::default())
}

fn read_with_limits(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, SourceError> {
    let scan = package::scan(bytes, limits)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(spreadsheet_error)?;
    let sheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet && sheet.visible == SheetVisible::Visible)
        .map(|sheet| sheet.name.clone())
        .collect();
    let mut layout = Layout::new(limits);
    for sheet in sheets {
        let cells = read_cells(&mut workbook, &sheet, &mut layout.budget)?;
        // A range calamine cannot read leaves the sheet without merges: its
        // values are read all the same, only their extent is lost.
        let merged = workbook.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
        layout.push_sheet(&sheet, &cells, &merged)?;
    }
    if layout.anchors.is_empty() && scan.formulas_without_values > 0 {
        let detail = format!(
            "{} 个单元格只有公式，没有保存计算结果（由程序生成、未经计算的工作簿？）；请在 Excel 或 WPS 中打开并保存后再检查",
            scan.formulas_without_values
        );
        return Err(SourceError::Spreadsheet { detail });
    }
    if layout.anchors.is_empty() {
        return Err(SourceError::Empty);
    }
    let mut document = Document::new(name, layout.text, Format::Xlsx, layout.blocks);
    document.anchors = layout.anchors;
    Ok(document)
}

/// The non-empty cells of one sheet as text, by (row, column). `budget` is
/// the text bytes the workbook may still hold: a cell's text is counted
/// before it is stored (a long shared string in many cells is many texts).
fn read_cells(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    budget: &mut TextBudget,
) -> Result<BTreeMap<(u32, u32), String>, SourceError> {
    let mut reader = workbook.worksheet_cells_reader(sheet).map_err(spreadsheet_error)?;
    let mut cells = BTreeMap::new();
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(spreadsheet_error)? {
        let format = reader.styles().get(style).and_then(|style| style.number_format.as_ref());
        let value = Data::from(cell.get_value().clone());
        let text = cell_text(&value, format.map(|format| format.format_code.as_str()));
        if !text.is_empty() {
            budget.spend(text.len())?;
            // A repeated position (a malformed sheet) keeps its first value.
            cells.entry(cell.get_position()).or_insert(text);
        }
    }
    Ok(cells)
}

/// The bytes of text the cells of the workbook have taken so far, a
/// separator each included.
#[derive(Debug, Default)]
struct TextBudget {
    spent: u64,
}

impl TextBudget {
    fn spend(&mut self, bytes: usize) -> Result<(), SourceError> {
        let bytes = u64::try_from(bytes).unwrap_or(u64::MAX).saturating_add(1);
        self.spent = self.spent.saturating_add(bytes);
        if self.spent > MAX_TEXT_BYTES {
            return Err(SourceError::TextTooLarge { size: self.spent, limit: MAX_TEXT_BYTES });
        }
        Ok(())
    }
}

/// The text under construction, with its blocks and anchors.
struct Layout {
    text: String,
    blocks: Vec<Block>,
    anchors: Vec<Anchor>,
    /// The text the cells read so far take.
    budget: TextBudget,
    /// Positions the sheets laid out so far take, and may take.
    positions: u64,
    max_cells: u64,
}

impl Layout {
    fn new(limits: &Limits) -> Layout {
        Layout {
            text: String::new(),
            blocks: Vec::new(),
            anchors: Vec::new(),
            budget: TextBudget::default(),
            positions: 0,
            max_cells: limits.max_cells,
        }
    }

    fn push_sheet(
        &mut self,
        sheet: &str,
        cells: &BTreeMap<(u32, u32), String>,
        merged: &[Dimensions],
    ) -> Result<(), SourceError> {
        let Some(first_column) = cells.keys().map(|&(_, column)| column).min() else { return Ok(()) };
        // The last (widest) column of each row: rows are padded up to it.
        let mut row_ends = BTreeMap::new();
        for &(row, column) in cells.keys() {
            row_ends.insert(row, column);
        }
        let padded: u64 =
            row_ends.values().map(|&column| u64::from(column.saturating_sub(first_column)).saturating_add(1)).sum();
        self.positions = self.positions.saturating_add(padded);
        if self.positions > self.max_cells {
            let detail =
                format!("工作表“{sheet}”的 {} 行共占 {padded} 个单元格，超过上限 {}", row_ends.len(), self.max_cells);
            return Err(SourceError::Spreadsheet { detail });
        }
        if !self.text.is_empty() {
            // A blank line between sheets.
            self.text.push('\n');
        }
        let sheet_title = sheet.trim();
        if !sheet_title.is_empty() {
            let start = self.text.len();
            self.text.push_str(sheet_title);
            self.blocks.push(Block::Paragraph(Span::new(start, self.text.len())));
            self.text.push('\n');
        }
        let reference_prefix = reference_prefix(sheet);
        let mut merges = Merges::new(merged, row_ends.keys().copied().collect());
        // The cell starting at a position, unless a merged cell covers it.
        let cell = |merges: &Merges, (row, column): (u32, u32), span: Span| match merges.place(row, column) {
            Place::Cell { width, height } => Some(Cell {
                span,
                column: column.saturating_sub(first_column) as usize,
                width,
                height,
                wrapped: Vec::new(),
            }),
            Place::Covered => None,
        };
        let mut table_rows = Vec::new();
        let mut cells = cells.iter().peekable();
        while let Some(&(&(row, _), _)) = cells.peek() {
            merges.enter(row);
            let row_start = self.text.len();
            let mut spans = Vec::new();
            let mut next_column = first_column;
            while let Some(((_, column), text)) = cells.next_if(|((cell_row, _), _)| *cell_row == row) {
                for skipped in next_column..*column {
                    let empty = Span::new(self.text.len(), self.text.len());
                    spans.extend(cell(&merges, (row, skipped), empty));
                    self.text.push('\t');
                }
                let start = self.text.len();
                self.text.push_str(text);
                let span = Span::new(start, self.text.len());
                spans.extend(cell(&merges, (row, *column), span));
                self.anchors.push(Anchor { span, name: format!("{reference_prefix}{}", cell_reference(row, *column)) });
                next_column = column.saturating_add(1);
                self.text.push('\t');
            }
            // The loop put a tab after every cell; the row ends without one.
            self.text.pop();
            table_rows.push(Row { span: Span::new(row_start, self.text.len()), cells: spans });
            self.text.push('\n');
        }
        if let (Some(first), Some(last)) = (table_rows.first(), table_rows.last()) {
            let span = Span::new(first.span.start, last.span.end);
            self.blocks.push(Block::Table(Table { span, layout: TableLayout::Grid, rows: table_rows, prose: false }));
        }
        Ok(())
    }
}

/// `Sheet1!`, or `'年度 自评'!` when the name needs quoting as in Excel.
fn reference_prefix(sheet: &str) -> String {
    let plain = sheet.chars().all(|character| character.is_alphanumeric() || character == '_');
    if plain && !sheet.starts_with(|character: char| character.is_ascii_digit()) {
        format!("{sheet}!")
    } else {
        format!("'{}'!", sheet.replace('\'', "''"))
    }
}

/// `F12` for zero-based row 11, column 5.
fn cell_reference(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut remaining = u64::from(column).saturating_add(1);
    // Bijective base 26: `remaining - 1` picks the letter, A = 0.
    while let Some(less) = remaining.checked_sub(1) {
        let digit = u8::try_from(less % 26).unwrap_or(0);
        letters.push(char::from(b'A'.saturating_add(digit)));
        remaining = less / 26;
    }
    let letters: String = letters.iter().rev().collect();
    format!("{letters}{}", u64::from(row).saturating_add(1))
}

fn spreadsheet_error(error: XlsxError) -> SourceError {
    match error {
        XlsxError::Password => SourceError::Encrypted,
        XlsxError::Zip(_) => SourceError::Spreadsheet {
            detail: "文件已损坏或不是 zip 格式（.xlsx 文件是一个 zip 压缩包）".to_owned(),
        },
        XlsxError::FileNotFound(part) => SourceError::Spreadsheet {
            detail: format!("缺少工作簿的组成部分 {part}（文件已损坏？）"),
        },
        _ => SourceError::Spreadsheet { detail: "文件已损坏或不是 .xlsx 工作簿".to_owned() },
    }
}

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
