//! human: the tables view → text for a pack author at a terminal.
//!
//! Each table as a grid with row and column numbers (the row's line in the
//! report beside its number); a merged cell's text stands in its first
//! position, the positions it covers show `←` (from the left) or `↑` (from
//! above). Then each form read from it: which form, each block's grid as
//! the engine rebuilt it (`·` where nothing was read), which cell became
//! which fact, and what was not read; last, the rows of a form seen but
//! not read. Columns are padded by terminal width
//! and long cells cut with `…` (`cli::width`).

use std::fmt::Write as _;

use reportlint::report::Layout;

use super::view::{GridView, Lines, Placed, ReadingView, TableView, View};
use reportlint::terminal::width::{fit, one_line, pad, pad_left, width};

/// The widest a table cell is drawn, in terminal columns; a table of few
/// columns shares [`LINE`] among them instead.
const CELL: usize = 16;
const LINE: usize = 64;
/// The widest a row label of a form's grid is drawn.
const LABEL: usize = 20;
/// The most columns of a table drawn; a wider one says how many are left out.
const MAX_COLUMNS: usize = 40;

pub fn human(view: &View) -> String {
    let mut out = format!("规则包 {}\n", view.pack);
    if view.tables.is_empty() {
        out.push_str("\n没有表格。\n");
    }
    for table in &view.tables {
        out.push('\n');
        table_text(table, &mut out);
        if table.readings.is_empty() {
            out.push_str("\n  未匹配任何表式。\n");
        }
        for reading in &table.readings {
            reading_text(reading, &mut out);
        }
        for declined in &table.declined {
            let _ = write!(
                out,
                "\n  未读取：{}（{}），{}\n    {}\n",
                declined.title,
                declined.form,
                line_range(declined.lines),
                declined.note
            );
        }
    }
    out
}

fn line_range(lines: Lines) -> String {
    if lines.first == lines.last {
        format!("第 {} 行", lines.first)
    } else {
        format!("第 {}–{} 行", lines.first, lines.last)
    }
}

fn table_text(table: &TableView, out: &mut String) {
    let columns = table
        .rows
        .iter()
        .flat_map(|row| &row.cells)
        .map(|cell| cell.column.saturating_add(cell.width.max(1)).saturating_sub(1))
        .max()
        .unwrap_or(0);
    let layout = match table.layout {
        Layout::Grid => "网格",
        Layout::Flat => "展平",
    };
    let _ = writeln!(
        out,
        "表格 {}（{layout}，{}，{} 行 × {columns} 列）",
        table.number,
        line_range(table.lines),
        table.rows.len()
    );
    let shown = columns.min(MAX_COLUMNS);
    let cell_width = LINE.checked_div(shown).unwrap_or(LINE).max(CELL);
    // Text of every position: a cell's own, or what covers it.
    let mut grid: Vec<Vec<String>> = vec![vec![String::new(); shown]; table.rows.len()];
    for (index, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            let first = cell.column.saturating_sub(1);
            for down in 0..cell.height.max(1) {
                for across in 0..cell.width.max(1) {
                    let text = match (down, across) {
                        (0, 0) => fit(&one_line(&cell.text), cell_width),
                        (0, _) => "←".to_string(),
                        _ => "↑".to_string(),
                    };
                    let position = grid
                        .get_mut(index.saturating_add(down))
                        .and_then(|row| row.get_mut(first.saturating_add(across)));
                    if let Some(position) = position {
                        *position = text;
                    }
                }
            }
        }
    }
    let widths: Vec<usize> = (0..shown)
        .map(|column| {
            let number = width(&column.saturating_add(1).to_string());
            grid.iter().filter_map(|row| row.get(column)).map(|text| width(text)).fold(number, usize::max)
        })
        .collect();
    let rows = table.rows.len().to_string().len().max(width("行"));
    let lines = table.lines.last.to_string().len().max(width("行号"));
    let numbers: Vec<String> = (1..=shown).map(|column| column.to_string()).collect();
    let gutter = format!("{} {}", pad_left("行", rows), pad_left("行号", lines));
    row_line(out, &gutter, &numbers, &widths);
    for (row, texts) in table.rows.iter().zip(&grid) {
        let gutter = format!("{} {}", pad_left(&row.row.to_string(), rows), pad_left(&row.at.line.to_string(), lines));
        row_line(out, &gutter, texts, &widths);
    }
    if columns > shown {
        let _ = writeln!(out, "（另有 {} 列未显示）", columns.saturating_sub(shown));
    }
}

/// `gutter │ a │ b`, each text padded to its column's width, without
/// trailing white space.
fn row_line(out: &mut String, gutter: &str, texts: &[String], widths: &[usize]) {
    let cells: Vec<String> = texts.iter().zip(widths).map(|(text, columns)| pad(text, *columns)).collect();
    let line = format!("  {gutter} │ {}", cells.join(" │ "));
    let _ = writeln!(out, "{}", line.trim_end());
}

fn reading_text(reading: &ReadingView, out: &mut String) {
    let _ = writeln!(out, "\n  匹配表式：{}（{}），{}", reading.title, reading.form, line_range(reading.lines));
    for grid in &reading.grids {
        grid_text(grid, out);
    }
    out.push_str("\n  单元格 → 事实\n");
    if reading.cells.is_empty() {
        out.push_str("    （无）\n");
    }
    let places: Vec<String> = reading.cells.iter().map(|cell| format!("{}:{}", cell.at.line, cell.at.column)).collect();
    let texts: Vec<String> = reading.cells.iter().map(|cell| quoted(&cell.text)).collect();
    let place_width = places.iter().map(|place| width(place)).max().unwrap_or(0);
    let text_width = texts.iter().map(|text| width(text)).max().unwrap_or(0);
    for ((cell, place), text) in reading.cells.iter().zip(&places).zip(&texts) {
        let _ = writeln!(out, "    {} {} → {}", pad(place, place_width), pad(text, text_width), cell.target);
    }
    out.push_str("\n  未读取\n");
    if reading.notes.is_empty() {
        out.push_str("    （无）\n");
    }
    for note in &reading.notes {
        let _ = writeln!(out, "    {note}");
    }
}

/// `「58.50」`, or `（空）` for an empty cell.
fn quoted(text: &str) -> String {
    if text.trim().is_empty() { "（空）".to_string() } else { format!("「{}」", fit(&one_line(text), CELL)) }
}

fn grid_text(grid: &GridView, out: &mut String) {
    let cut = if grid.complete { "" } else { "（读到表格末尾，可能不全）" };
    let _ = writeln!(out, "\n  {}{cut}", grid.title);
    let cell =
        |cell: &Option<Placed>| cell.as_ref().map_or_else(|| "·".to_string(), |cell| fit(&one_line(&cell.text), CELL));
    let labels: Vec<String> = grid.rows.iter().map(|row| fit(&one_line(&row.label.text), LABEL)).collect();
    let rows: Vec<Vec<String>> = grid.rows.iter().map(|row| row.cells.iter().map(cell).collect()).collect();
    let header: Vec<String> = grid.columns.iter().map(|name| fit(name, CELL)).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            let name = header.get(column).map_or(0, |name| width(name));
            rows.iter().filter_map(|row| row.get(column)).map(|text| width(text)).fold(name, usize::max)
        })
        .collect();
    let label_width = labels.iter().map(|label| width(label)).max().unwrap_or(0);
    row_line(out, &pad("", label_width), &header, &widths);
    for (label, cells) in labels.iter().zip(&rows) {
        row_line(out, &pad(label, label_width), cells, &widths);
    }
}
