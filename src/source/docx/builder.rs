//! Body events (paragraph, table, row and cell boundaries; text, tabs,
//! breaks; merge and deletion marks) → [`Item`]s: body paragraphs and tables
//! of cells, each cell a list of paragraphs.
//!
//! A table nested in a cell, and a text box's paragraphs inside a
//! paragraph, are flattened into the text that holds them, their pieces
//! separated by a space. A table nested in a body table's cell is also
//! recorded beside that text ([`super::nested`]), with its cells' places.
//!
//! Every text position of a body table row is a [`Cell`]: a cell as the XML
//! writes it (with its [`Place`] in the grid), or padding, an empty position
//! with no place that keeps the columns aligned in the text: the columns a
//! `w:gridSpan` covers after its cell, and those `w:gridBefore` skips. A
//! `w:vMerge` continuation keeps its place but shows empty, as Word shows it.
//!
//! Invariants: a body paragraph holds no `\r`; a cell paragraph holds no
//! `\t`, `\n` or `\r`, so a table row fits on one line with tabs between its
//! cells.

use std::mem;

use super::grid::{Columns, MAX_COLUMNS, Place, VerticalMerge, clamp_width};
use super::nested::{MAX_NESTED_PARTS, NestedTable, Nesting};

/// Padding added for merged or skipped columns, in the whole document.
/// A report has a few hundred; the bound keeps a few bytes of hostile XML
/// (`<w:gridSpan w:val="64"/>` over and over) from becoming gigabytes.
const MAX_PADDING_CELLS: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Item {
    Paragraph(String),
    Table(Vec<Vec<Cell>>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Cell {
    pub paragraphs: Vec<String>,
    /// Where the cell stands in the grid; `None` for padding.
    pub place: Option<Place>,
    /// Tables nested in the cell, in the order they open.
    pub nested: Vec<NestedTable>,
}

/// What an open `w:p`, `w:tbl`, `w:tr` or `w:tc` is to the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    BodyParagraph,
    Table,
    Row,
    Cell,
    CellParagraph,
    /// A table nested in a body table's cell (at any depth), its rows and
    /// cells: flattened like [`Frame::Nested`], and recorded.
    NestedTable,
    NestedRow,
    NestedCell,
    /// Anything else inside a cell paragraph, a nested table or a body
    /// paragraph: flattened into the text of the frame below it.
    Nested,
}

impl Frame {
    /// Whether its text is flattened into the frame below it.
    fn is_flattened(self) -> bool {
        matches!(self, Frame::NestedTable | Frame::NestedRow | Frame::NestedCell | Frame::Nested)
    }
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<Cell>,
    columns: Columns,
    deleted: bool,
}

#[derive(Debug, Default)]
struct OpenCell {
    cell: Cell,
    /// `w:gridSpan`: grid columns the cell covers (1 when absent).
    span: usize,
    merge: VerticalMerge,
    nesting: Nesting,
}

#[derive(Debug)]
pub(super) struct Builder {
    items: Vec<Item>,
    frames: Vec<Frame>,
    paragraph: String,
    /// The open body paragraph's mark is a tracked deletion: accepting it
    /// joins this paragraph with the next one.
    mark_deleted: bool,
    carried: Option<String>,
    rows: Vec<Vec<Cell>>,
    row: Row,
    cell: OpenCell,
    /// Text written next goes after a space (a flattened boundary, or a tab
    /// or break where the target cannot hold one).
    pending_space: bool,
    padding_cells: usize,
    /// What is left of [`MAX_NESTED_PARTS`].
    nested_budget: usize,
}

pub(super) enum Boundary {
    Paragraph,
    Table,
    Row,
    Cell,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            items: Vec::new(),
            frames: Vec::new(),
            paragraph: String::new(),
            mark_deleted: false,
            carried: None,
            rows: Vec::new(),
            row: Row::default(),
            cell: OpenCell::default(),
            pending_space: false,
            padding_cells: 0,
            nested_budget: MAX_NESTED_PARTS,
        }
    }
}

impl Builder {
    pub fn open(&mut self, boundary: Boundary) {
        let in_body_cell = self.frames.contains(&Frame::Cell);
        let frame = match (boundary, self.frames.last()) {
            (Boundary::Paragraph, None) => Frame::BodyParagraph,
            (Boundary::Paragraph, Some(Frame::Cell)) => Frame::CellParagraph,
            (Boundary::Table, None) => Frame::Table,
            (Boundary::Row, Some(Frame::Table)) => Frame::Row,
            (Boundary::Cell, Some(Frame::Row)) => Frame::Cell,
            (Boundary::Table, Some(_)) if in_body_cell => Frame::NestedTable,
            (Boundary::Row, Some(Frame::NestedTable)) => Frame::NestedRow,
            (Boundary::Cell, Some(Frame::NestedRow)) => Frame::NestedCell,
            _ => Frame::Nested,
        };
        if frame.is_flattened() && self.frames.last() == Some(&Frame::Cell) {
            // Flattened content straight in a cell (a nested table): one
            // cell paragraph of its own.
            self.cell.cell.paragraphs.push(String::new());
        }
        match frame {
            Frame::BodyParagraph => {
                self.paragraph = self.carried.take().unwrap_or_default();
                self.mark_deleted = false;
            }
            Frame::Table => {
                self.flush_carried();
                self.rows.clear();
            }
            Frame::Row => self.row = Row::default(),
            Frame::Cell => self.cell = OpenCell { span: 1, ..OpenCell::default() },
            Frame::CellParagraph => self.cell.cell.paragraphs.push(String::new()),
            Frame::NestedTable => {
                let paragraph = self.cell.cell.paragraphs.len().saturating_sub(1);
                self.cell.nesting.open_table(paragraph, &mut self.nested_budget);
            }
            Frame::NestedRow => self.cell.nesting.open_row(&mut self.nested_budget),
            Frame::NestedCell => {
                let start = self.cell.cell.paragraphs.last().map_or(0, String::len);
                self.cell.nesting.open_cell(start, &mut self.nested_budget);
            }
            Frame::Nested => {}
        }
        self.pending_space = frame.is_flattened();
        self.frames.push(frame);
    }

    pub fn close(&mut self) {
        match self.frames.pop() {
            Some(Frame::BodyParagraph) => {
                let paragraph = mem::take(&mut self.paragraph);
                if self.mark_deleted {
                    self.carried = Some(paragraph);
                } else {
                    self.items.push(Item::Paragraph(paragraph));
                }
            }
            Some(Frame::Table) => self.items.push(Item::Table(mem::take(&mut self.rows))),
            Some(Frame::Row) => {
                let row = mem::take(&mut self.row);
                if !row.deleted {
                    self.rows.push(row.cells);
                }
            }
            Some(Frame::Cell) => {
                let open = mem::take(&mut self.cell);
                let place = self.row.columns.place(open.span, open.merge);
                // A continuation shows empty, whatever it holds.
                let cell = match open.merge {
                    VerticalMerge::Continue => Cell { place: Some(place), ..Cell::default() },
                    VerticalMerge::None | VerticalMerge::Restart => {
                        Cell { place: Some(place), nested: open.nesting.finish(), ..open.cell }
                    }
                };
                self.row.cells.push(cell);
                self.pad(clamp_width(open.span).saturating_sub(1));
            }
            Some(Frame::NestedTable) => {
                self.cell.nesting.close_table();
                self.pending_space = true;
            }
            Some(Frame::NestedRow) => {
                self.cell.nesting.close_row();
                self.pending_space = true;
            }
            Some(Frame::NestedCell) => {
                let paragraph = self.cell.cell.paragraphs.last().map_or("", String::as_str);
                self.cell.nesting.close_cell(paragraph);
                self.pending_space = true;
            }
            Some(Frame::Nested) => self.pending_space = true,
            Some(Frame::CellParagraph) | None => {}
        }
    }

    pub fn text(&mut self, text: &str) {
        let in_body_paragraph = self.frames.last() == Some(&Frame::BodyParagraph);
        for character in text.chars() {
            match character {
                '\t' if in_body_paragraph => self.push('\t'),
                '\t' | '\n' | '\r' => self.pending_space = true,
                character if character.is_control() => {}
                character => self.push(character),
            }
        }
    }

    /// Whether text given now reaches the document text: not between rows,
    /// in a deleted row or in a cell that continues a vertical merge.
    pub fn keeps_text(&self) -> bool {
        match self.frames.iter().rev().find(|frame| !frame.is_flattened()) {
            Some(Frame::BodyParagraph) => true,
            Some(Frame::Cell | Frame::CellParagraph) => !self.row.deleted && self.cell.merge != VerticalMerge::Continue,
            _ => false,
        }
    }

    /// `w:tab`: a tab in a body paragraph, a space elsewhere.
    pub fn tab(&mut self) {
        self.text("\t");
    }

    /// `w:br`/`w:cr`: a new line of the same body paragraph (the report
    /// stage reads it as white space), a space elsewhere.
    pub fn line_break(&mut self) {
        if self.frames.last() == Some(&Frame::BodyParagraph) {
            self.push('\n');
        } else {
            self.pending_space = true;
        }
    }

    pub fn delete_paragraph_mark(&mut self) {
        if self.frames.last() == Some(&Frame::BodyParagraph) {
            self.mark_deleted = true;
        }
    }

    pub fn delete_row(&mut self) {
        match self.frames.last() {
            Some(Frame::Row) => self.row.deleted = true,
            Some(Frame::NestedRow) => self.cell.nesting.delete_row(),
            _ => {}
        }
    }

    pub fn grid_span(&mut self, columns: usize) {
        match self.frames.last() {
            Some(Frame::Cell) => self.cell.span = columns,
            Some(Frame::NestedCell) => self.cell.nesting.grid_span(columns),
            _ => {}
        }
    }

    pub fn vertical_merge(&mut self, merge: VerticalMerge) {
        match self.frames.last() {
            Some(Frame::Cell) => self.cell.merge = merge,
            Some(Frame::NestedCell) => self.cell.nesting.vertical_merge(merge),
            _ => {}
        }
    }

    /// `w:gridBefore`: padding for the grid columns a row skips, so its
    /// cells stay under their headers.
    pub fn grid_before(&mut self, columns: usize) {
        match self.frames.last() {
            Some(Frame::Row) => {
                self.row.columns.skip(columns);
                self.pad(columns.min(MAX_COLUMNS));
            }
            Some(Frame::NestedRow) => self.cell.nesting.grid_before(columns),
            _ => {}
        }
    }

    /// Appends padding to the open row, within the document's budget.
    fn pad(&mut self, columns: usize) {
        let columns = columns.min(MAX_PADDING_CELLS.saturating_sub(self.padding_cells));
        self.padding_cells = self.padding_cells.saturating_add(columns);
        self.row.cells.extend(std::iter::repeat_with(Cell::default).take(columns));
    }

    pub fn finish(mut self) -> Vec<Item> {
        self.flush_carried();
        self.items
    }

    fn flush_carried(&mut self) {
        if let Some(paragraph) = self.carried.take() {
            self.items.push(Item::Paragraph(paragraph));
        }
    }

    fn push(&mut self, character: char) {
        let pending_space = mem::take(&mut self.pending_space);
        let Some(target) = self.target() else {
            return;
        };
        if pending_space && target.chars().next_back().is_some_and(|last| !last.is_whitespace()) {
            target.push(' ');
        }
        target.push(character);
    }

    /// The text that content goes to: the innermost body paragraph or cell
    /// paragraph. None between rows or cells, where Word puts no text.
    fn target(&mut self) -> Option<&mut String> {
        match self.frames.iter().rev().find(|frame| !frame.is_flattened())? {
            Frame::BodyParagraph => Some(&mut self.paragraph),
            Frame::Cell | Frame::CellParagraph => self.cell.cell.paragraphs.last_mut(),
            Frame::Table | Frame::Row | Frame::NestedTable | Frame::NestedRow | Frame::NestedCell | Frame::Nested => {
                None
            }
        }
    }
}
