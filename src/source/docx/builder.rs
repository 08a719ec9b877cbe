//! Body events (paragraph, table, row and cell boundaries; text, tabs,
//! breaks; merge and deletion marks) → [`Item`]s: body paragraphs and tables
//! of cells, each cell a list of paragraphs.
//!
//! Only the outermost structure is kept. A table nested in a cell, and a text
//! box's paragraphs inside a paragraph, are flattened into the text that
//! holds them, their pieces separated by a space. Invariants: a body
//! paragraph holds no `\r`; a cell paragraph holds no `\t`, `\n` or `\r`, so
//! a table row fits on one line with tabs between its cells.

use std::mem;

/// Word allows 63 columns; a larger `w:gridSpan` is hostile, not a table.
const MAX_COLUMNS: usize = 64;
/// Empty cells added for merged or skipped columns, in the whole document.
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
}

/// What an open `w:p`, `w:tbl`, `w:tr` or `w:tc` is to the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    BodyParagraph,
    Table,
    Row,
    Cell,
    CellParagraph,
    /// Anything inside a cell paragraph, a cell's nested table or a body
    /// paragraph: flattened into the text of the frame below it.
    Nested,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<Cell>,
    deleted: bool,
}

#[derive(Debug, Default)]
struct OpenCell {
    cell: Cell,
    /// `w:gridSpan`: grid columns the cell covers (1 when absent).
    span: usize,
    /// `w:vMerge` continuing the cell above: shown empty.
    continues_merge: bool,
}

#[derive(Debug, Default)]
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
}

pub(super) enum Boundary {
    Paragraph,
    Table,
    Row,
    Cell,
}

impl Builder {
    pub fn open(&mut self, boundary: Boundary) {
        let frame = match (boundary, self.frames.last()) {
            (Boundary::Paragraph, None) => Frame::BodyParagraph,
            (Boundary::Paragraph, Some(Frame::Cell)) => Frame::CellParagraph,
            (Boundary::Table, None) => Frame::Table,
            (Boundary::Row, Some(Frame::Table)) => Frame::Row,
            (Boundary::Cell, Some(Frame::Row)) => Frame::Cell,
            _ => Frame::Nested,
        };
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
            Frame::Nested if self.frames.last() == Some(&Frame::Cell) => {
                // A table nested straight in a cell: one cell paragraph.
                self.cell.cell.paragraphs.push(String::new());
            }
            Frame::Nested => {}
        }
        self.pending_space = frame == Frame::Nested;
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
                let cell = if open.continues_merge { Cell::default() } else { open.cell };
                self.row.cells.push(cell);
                self.pad(open.span.clamp(1, MAX_COLUMNS).saturating_sub(1));
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
        if self.frames.last() == Some(&Frame::Row) {
            self.row.deleted = true;
        }
    }

    pub fn grid_span(&mut self, columns: usize) {
        if self.frames.last() == Some(&Frame::Cell) {
            self.cell.span = columns;
        }
    }

    pub fn continue_merge(&mut self) {
        if self.frames.last() == Some(&Frame::Cell) {
            self.cell.continues_merge = true;
        }
    }

    /// `w:gridBefore`: empty cells for the grid columns a row skips, so its
    /// cells stay under their headers.
    pub fn grid_before(&mut self, columns: usize) {
        if self.frames.last() == Some(&Frame::Row) {
            self.pad(columns.min(MAX_COLUMNS));
        }
    }

    /// Appends empty cells to the open row, within the document's budget.
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
        match self.frames.iter().rev().find(|frame| **frame != Frame::Nested)? {
            Frame::BodyParagraph => Some(&mut self.paragraph),
            Frame::Cell | Frame::CellParagraph => self.cell.cell.paragraphs.last_mut(),
            Frame::Table | Frame::Row | Frame::Nested => None,
        }
    }
}
