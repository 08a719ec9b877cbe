//! [`Item`]s → the document text and its [`Block`]s.
//!
//! Every body paragraph is one line (two or more when it holds line breaks),
//! empty ones included, so line numbers follow the paragraphs as Word counts
//! them. A table row is one line, its cells separated by tabs; a cell's
//! paragraphs are joined by a space (dropped again between Chinese
//! characters by the report stage, kept between figures). Lines are joined
//! by `\n`, with no blank line between blocks.
//!
//! Blocks follow the text reader's conventions: spans exclude surrounding
//! white space, empty paragraphs are not blocks, rows whose cells are all
//! empty are left out. A table in which no row has two non-empty cells is a
//! frame around prose, not data: its paragraphs become paragraph blocks.

use super::builder::{Cell, Item};
use crate::source::cells::trim;
use crate::source::{Block, Cell as GridCell, Layout as TableLayout, Row, Table};
use crate::span::Span;

pub(super) fn lay_out(items: &[Item]) -> (String, Vec<Block>) {
    let mut layout = Layout::default();
    for item in items {
        match item {
            Item::Paragraph(paragraph) => layout.paragraph(paragraph),
            Item::Table(rows) if is_frame(rows) => {
                for paragraph in rows.iter().flatten().flat_map(|cell| &cell.paragraphs) {
                    if !paragraph.trim().is_empty() {
                        layout.paragraph(paragraph);
                    }
                }
            }
            Item::Table(rows) => layout.table(rows),
        }
    }
    (layout.text, layout.blocks)
}

#[derive(Default)]
struct Layout {
    text: String,
    blocks: Vec<Block>,
    /// A line has been written: the next one starts after a `\n`.
    started: bool,
}

impl Layout {
    /// Starts a line; returns where it begins.
    fn line(&mut self) -> usize {
        if self.started {
            self.text.push('\n');
        }
        self.started = true;
        self.text.len()
    }

    fn paragraph(&mut self, paragraph: &str) {
        let start = self.line();
        self.text.push_str(paragraph);
        let span = trim(&self.text, start, self.text.len());
        if !span.is_empty() {
            self.blocks.push(Block::Paragraph(span));
        }
    }

    fn table(&mut self, rows: &[Vec<Cell>]) {
        let mut table_rows = Vec::new();
        for cells in rows {
            let texts: Vec<String> = cells.iter().map(cell_text).collect();
            if texts.iter().all(String::is_empty) {
                continue;
            }
            let start = self.line();
            let mut spans = Vec::with_capacity(texts.len());
            for (index, text) in texts.iter().enumerate() {
                if index > 0 {
                    self.text.push('\t');
                }
                let cell_start = self.text.len();
                self.text.push_str(text);
                spans.push(GridCell::at(index, Span::new(cell_start, self.text.len())));
            }
            table_rows.push(Row { span: Span::new(start, self.text.len()), cells: spans });
        }
        if let (Some(first), Some(last)) = (table_rows.first(), table_rows.last()) {
            let span = Span::new(first.span.start, last.span.end);
            self.blocks.push(Block::Table(Table { span, layout: TableLayout::Grid, rows: table_rows }));
        }
    }
}

/// A cell's non-empty paragraphs, trimmed, joined by a space.
fn cell_text(cell: &Cell) -> String {
    let pieces: Vec<&str> =
        cell.paragraphs.iter().map(|paragraph| paragraph.trim()).filter(|piece| !piece.is_empty()).collect();
    pieces.join(" ")
}

fn is_frame(rows: &[Vec<Cell>]) -> bool {
    rows.iter().all(|cells| cells.iter().filter(|cell| !cell_text(cell).is_empty()).count() < 2)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn cell(paragraphs: &[&str]) -> Cell {
        Cell { paragraphs: paragraphs.iter().map(|paragraph| paragraph.to_string()).collect() }
    }

    fn slices<'t>(text: &'t str, cells: &[GridCell]) -> Vec<&'t str> {
        cells.iter().map(|cell| &text[cell.span.start..cell.span.end]).collect()
    }

    #[test]
    fn paragraphs_are_lines_and_empty_ones_are_not_blocks() {
        let items = [
            Item::Paragraph("  一、基本情况".into()),
            Item::Paragraph(String::new()),
            Item::Paragraph("全年预算\n共 12 万元。".into()),
        ];
        let (text, blocks) = lay_out(&items);
        assert_eq!(text, "  一、基本情况\n\n全年预算\n共 12 万元。");
        let Block::Paragraph(first) = blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(&text[first.start..first.end], "一、基本情况");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn a_table_is_one_line_a_row_with_exact_cell_spans() {
        let items = [
            Item::Paragraph("表一".into()),
            Item::Table(vec![
                vec![cell(&["项目"]), cell(&["年初", "预算数"]), cell(&[])],
                vec![cell(&[]), cell(&[" "]), cell(&[])],
                vec![cell(&["办公费"]), cell(&["12.50"]), cell(&["备注"])],
            ]),
        ];
        let (text, blocks) = lay_out(&items);
        assert_eq!(text, "表一\n项目\t年初 预算数\t\n办公费\t12.50\t备注");
        let Block::Table(table) = &blocks[1] else { panic!("{blocks:?}") };
        assert_eq!(table.rows.len(), 2);
        assert_eq!(slices(&text, &table.rows[0].cells), ["项目", "年初 预算数", ""]);
        assert_eq!(slices(&text, &table.rows[1].cells), ["办公费", "12.50", "备注"]);
        assert_eq!(&text[table.span.start..table.span.end], "项目\t年初 预算数\t\n办公费\t12.50\t备注");
    }

    #[test]
    fn a_single_column_frame_is_prose() {
        let items = [Item::Table(vec![vec![cell(&["第一段。", "", "第二段。"]), cell(&[])]])];
        let (text, blocks) = lay_out(&items);
        assert_eq!(text, "第一段。\n第二段。");
        assert_eq!(blocks, [Block::Paragraph(Span::new(0, 12)), Block::Paragraph(Span::new(13, 25))]);
    }
}
