//! view: a report's tables and the forms read from them → the data
//! `reportlint tables` prints, as people read it (`--format human`) and as
//! JSON (`--format json`, this structure as it stands).
//!
//! Rows and columns are numbered from 1, as the human output shows them;
//! `span` is the byte range in the report's text and `at` its line and
//! character column (from [`LineIndex`], the one place spans become
//! positions). A table's cells carry their normalised text, what the engine
//! matched labels against; a cell a form read carries the report's own text.
//! Rows of a form seen in a table but not read are listed with the table
//! (`declined`, absent when there are none).

use serde::Serialize;

use reportlint::extract::forms::{Declined, Grid, GridCell, Reading};
use reportlint::report::{self, Layout, Report};
use reportlint::span::{LineIndex, Position, Span};

#[derive(Debug, Serialize)]
pub struct View {
    pub path: String,
    pub pack: String,
    pub tables: Vec<TableView>,
}

#[derive(Debug, Serialize)]
pub struct TableView {
    /// From 1, in document order.
    pub number: usize,
    pub layout: Layout,
    pub span: Span,
    /// The first and last line it stands on.
    pub lines: Lines,
    pub rows: Vec<RowView>,
    /// Every copy of a form read from it.
    pub readings: Vec<ReadingView>,
    /// Rows of a form seen in it but not read, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub declined: Vec<DeclinedView>,
}

#[derive(Debug, Serialize)]
pub struct DeclinedView {
    /// The form's id and title.
    pub form: String,
    pub title: String,
    pub span: Span,
    pub lines: Lines,
    pub note: String,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Lines {
    pub first: usize,
    pub last: usize,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    pub row: usize,
    pub at: Position,
    pub cells: Vec<CellView>,
}

#[derive(Debug, Serialize)]
pub struct CellView {
    /// The first column it covers; `width` columns and `height` rows.
    pub column: usize,
    pub width: usize,
    pub height: usize,
    pub text: String,
    pub span: Span,
    pub at: Position,
}

#[derive(Debug, Serialize)]
pub struct ReadingView {
    /// The form's id and title.
    pub form: String,
    pub title: String,
    pub span: Span,
    pub lines: Lines,
    pub grids: Vec<GridView>,
    /// Which cell became which fact or field, in the order of the text.
    pub cells: Vec<UseView>,
    /// What was seen but not read, and why.
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct GridView {
    pub title: String,
    /// The form's names of the columns.
    pub columns: Vec<String>,
    /// The header cell of each column as it stands in the table, if seen.
    pub header: Vec<Option<Placed>>,
    pub rows: Vec<GridRowView>,
    /// The block ended where the form says, not where the table did.
    pub complete: bool,
}

#[derive(Debug, Serialize)]
pub struct GridRowView {
    pub label: Placed,
    /// One per column; `null` where nothing was read.
    pub cells: Vec<Option<Placed>>,
}

/// A piece of the table with where it stands.
#[derive(Debug, Serialize)]
pub struct Placed {
    pub text: String,
    pub span: Span,
    pub at: Position,
}

#[derive(Debug, Serialize)]
pub struct UseView {
    /// The fact (`budget.adjusted`) or field (`indicators[3].weight`).
    pub target: String,
    pub text: String,
    pub span: Span,
    pub at: Position,
}

/// The view of every table of `report` (whose text is `text`), with the
/// readings of `forms` and the rows `declined`.
pub fn view(path: &str, pack: &str, text: &str, report: &Report, forms: &[Reading], declined: &[Declined]) -> View {
    let index = LineIndex::new(text);
    let place = Place { text, index: &index };
    let tables = report
        .tables
        .iter()
        .enumerate()
        .map(|(number, table)| TableView {
            number: number.saturating_add(1),
            layout: table.layout,
            span: table.span,
            lines: place.lines(table.span),
            rows: table.rows.iter().enumerate().map(|(row, cells)| place.row(row, cells)).collect(),
            readings: forms
                .iter()
                .filter(|reading| reading.table == number)
                .map(|reading| place.reading(reading))
                .collect(),
            declined: declined
                .iter()
                .filter(|declined| declined.table == number)
                .map(|declined| DeclinedView {
                    form: declined.form.clone(),
                    title: declined.title.clone(),
                    span: declined.span,
                    lines: place.lines(declined.span),
                    note: declined.note.clone(),
                })
                .collect(),
        })
        .collect();
    View { path: path.to_string(), pack: pack.to_string(), tables }
}

/// Spans to positions in one text.
struct Place<'a> {
    text: &'a str,
    index: &'a LineIndex,
}

impl Place<'_> {
    fn at(&self, offset: usize) -> Position {
        self.index.position(self.text, offset)
    }

    fn lines(&self, span: Span) -> Lines {
        Lines { first: self.at(span.start).line, last: self.at(span.end).line }
    }

    fn row(&self, row: usize, cells: &report::TableRow) -> RowView {
        RowView {
            row: row.saturating_add(1),
            at: self.at(cells.span.start),
            cells: cells
                .cells
                .iter()
                .map(|cell| CellView {
                    column: cell.column.saturating_add(1),
                    width: cell.width,
                    height: cell.height,
                    text: cell.text.clone(),
                    span: cell.span,
                    at: self.at(cell.span.start),
                })
                .collect(),
        }
    }

    fn placed(&self, cell: &GridCell) -> Placed {
        Placed { text: cell.text.clone(), span: cell.span, at: self.at(cell.span.start) }
    }

    fn grid(&self, grid: &Grid) -> GridView {
        GridView {
            title: grid.title.clone(),
            columns: grid.columns.clone(),
            header: grid.header.iter().map(|cell| cell.as_ref().map(|cell| self.placed(cell))).collect(),
            rows: grid
                .rows
                .iter()
                .map(|row| GridRowView {
                    label: self.placed(&row.label),
                    cells: row.cells.iter().map(|cell| cell.as_ref().map(|cell| self.placed(cell))).collect(),
                })
                .collect(),
            complete: grid.complete,
        }
    }

    fn reading(&self, reading: &Reading) -> ReadingView {
        let mut cells: Vec<UseView> = reading
            .cells
            .iter()
            .map(|cell| UseView {
                target: cell.target.clone(),
                text: self.text.get(cell.span.start..cell.span.end).unwrap_or_default().to_string(),
                span: cell.span,
                at: self.at(cell.span.start),
            })
            .collect();
        cells.sort_by(|a, b| (a.span, &a.target).cmp(&(b.span, &b.target)));
        ReadingView {
            form: reading.form.clone(),
            title: reading.title.clone(),
            span: reading.span,
            lines: self.lines(reading.span),
            grids: reading.grids.iter().map(|grid| self.grid(grid)).collect(),
            cells,
            notes: reading.notes.clone(),
        }
    }
}
