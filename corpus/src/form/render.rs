//! form::render: the grid of a form → text on a page, as one converter or
//! another leaves a table.
//!
//! Input: the rows of [`layout`](super::layout), a [`Rendering`], title lines
//! and a random stream for the rendering's own irregularities. Output: lines
//! on the page, each cell's [`FormPlace`] marked at the line it is written
//! on. Two renderings keep the grid (every position a cell, merges as empty
//! cells); the others write the cells Word has (a merged cell once, the
//! positions it covers not at all) as web and PDF conversions leave them:
//!
//! | rendering | a row `年度资金总额 240.00 … 9.23` and an empty cell |
//! |---|---|
//! | `tab-rows` | `\t年度资金总额\t\t240.00\t…\t9.23`, empty between tabs |
//! | `pipe-table` | `\| \| 年度资金总额 \| \| 240.00 \| … \|`, a `\|---\|` row under the first |
//! | `ragged-pipes` | `\| 年度资金总额 \| 240.00 \| … \|`, empty cells dropped, now and then ` \| \|\|` after a row or a row broken over two lines |
//! | `cell-lines` | one cell a line, a blank line after each, an empty cell a space (like shared/reports/016) |
//! | `pipe-cell-lines` | one cell a line ending in ` \|`, an empty cell `\|` (like shared/reports/006) |
//! | `one-line` | title and table on one line, cells apart by one space, empty cells dropped (like shared/reports/009) |

use serde::{Deserialize, Serialize};

use crate::page::{Page, Place};
use crate::random::Random;

use super::layout::{Cell, Row, Slot};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rendering {
    #[default]
    TabRows,
    PipeTable,
    RaggedPipes,
    CellLines,
    PipeCellLines,
    OneLine,
}

impl Rendering {
    pub const ALL: [Rendering; 6] = [
        Rendering::TabRows,
        Rendering::PipeTable,
        Rendering::RaggedPipes,
        Rendering::CellLines,
        Rendering::PipeCellLines,
        Rendering::OneLine,
    ];

    /// Whether every position of the grid is written, empty or not.
    pub fn keeps_grid(self) -> bool {
        matches!(self, Rendering::TabRows | Rendering::PipeTable)
    }

    /// Whether empty cells leave no trace.
    pub fn drops_empty_cells(self) -> bool {
        matches!(self, Rendering::RaggedPipes | Rendering::OneLine)
    }

    pub fn name(self) -> &'static str {
        match self {
            Rendering::TabRows => "tab-rows",
            Rendering::PipeTable => "pipe-table",
            Rendering::RaggedPipes => "ragged-pipes",
            Rendering::CellLines => "cell-lines",
            Rendering::PipeCellLines => "pipe-cell-lines",
            Rendering::OneLine => "one-line",
        }
    }
}

pub fn render(page: &mut Page, random: &mut Random, rendering: Rendering, title: &[String], rows: &[Row]) {
    if rendering == Rendering::OneLine {
        let cells: Vec<&Cell> = rows.iter().flat_map(word_cells).filter(|cell| !cell.text.is_empty()).collect();
        let pieces: Vec<&str> =
            title.iter().map(String::as_str).chain(cells.iter().map(|cell| cell.text.as_str())).collect();
        line(page, &cells, &pieces.join(" "));
        return;
    }
    for text in title {
        page.paragraph(text);
    }
    match rendering {
        Rendering::TabRows => {
            for row in rows {
                let cells = grid_cells(row);
                line(page, &flatten(&cells), &cells.iter().map(|cell| text_of(*cell)).collect::<Vec<_>>().join("\t"));
            }
        }
        Rendering::PipeTable => {
            for (index, row) in rows.iter().enumerate() {
                let cells = grid_cells(row);
                let texts: Vec<&str> = cells.iter().map(|cell| text_of(*cell)).collect();
                line(page, &flatten(&cells), &format!("| {} |", texts.join(" | ")));
                if index == 0 {
                    page.paragraph(&format!("|{}", "---|".repeat(cells.len())));
                }
            }
        }
        Rendering::RaggedPipes => ragged(page, random, rows),
        Rendering::CellLines | Rendering::PipeCellLines => {
            for cell in rows.iter().flat_map(word_cells) {
                let text = match (rendering, cell.text.is_empty()) {
                    (Rendering::CellLines, true) => " ".to_string(),
                    (Rendering::CellLines, false) => cell.text.clone(),
                    (_, true) => "|".to_string(),
                    (_, false) => format!("{} |", cell.text),
                };
                line(page, &[cell], &text);
                if rendering == Rendering::CellLines {
                    page.blank();
                }
            }
        }
        Rendering::OneLine => {}
    }
}

/// Pipe rows without their empty cells; some rows end in stray empty
/// cells, and one or two break over two lines.
fn ragged(page: &mut Page, random: &mut Random, rows: &[Row]) {
    let broken: Vec<usize> = (0..2).map(|_| random.index(rows.len())).collect();
    for (index, row) in rows.iter().enumerate() {
        let cells: Vec<&Cell> = word_cells(row).filter(|cell| !cell.text.is_empty()).collect();
        let stray = if random.chance(250) { " ||" } else { "" };
        let pipes = |cells: &[&Cell]| {
            format!("| {} |", cells.iter().map(|cell| cell.text.as_str()).collect::<Vec<_>>().join(" | "))
        };
        if broken.contains(&index) && cells.len() >= 3 {
            let (first, second) = cells.split_at(random.between(1, cells.len() as i64 - 1) as usize);
            line(page, first, &pipes(first));
            line(page, second, &format!("{}{stray}", pipes(second)));
        } else if !cells.is_empty() {
            line(page, &cells, &format!("{}{stray}", pipes(&cells)));
        }
    }
}

/// Marks the places of `cells` at the line `text` is written on.
fn line(page: &mut Page, cells: &[&Cell], text: &str) {
    for place in cells.iter().filter_map(|cell| cell.place) {
        page.mark(Place::Form(place));
    }
    page.paragraph(text);
}

/// Every position of the grid: `None` where a merge covers it.
fn grid_cells(row: &Row) -> Vec<Option<&Cell>> {
    row.iter()
        .map(|slot| match slot {
            Slot::Cell(cell) => Some(cell),
            Slot::Across | Slot::Below => None,
        })
        .collect()
}

fn flatten<'a>(cells: &[Option<&'a Cell>]) -> Vec<&'a Cell> {
    cells.iter().flatten().copied().collect()
}

fn text_of(cell: Option<&Cell>) -> &str {
    cell.map_or("", |cell| cell.text.as_str())
}

/// The cells Word has: positions a merge covers are not written.
fn word_cells(row: &Row) -> impl Iterator<Item = &Cell> {
    row.iter().filter_map(|slot| match slot {
        Slot::Cell(cell) => Some(cell),
        Slot::Across | Slot::Below => None,
    })
}
