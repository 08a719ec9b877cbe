//! The words of one comment: what a reviewer would write in the margin
//! beside the figure.
//!
//! A comment stands alone in the author's file, away from the terminal
//! and the page: it says how serious the finding is and what is wrong,
//! the value that would be right with its computation (the finding's
//! help: `应为 84.99%（181.18 ÷ 213.18），报告为 85%`), where each related
//! figure stands, and which check said so, so that `reportlint explain`
//! or a colleague can be asked about it.
//!
//! Places are named as the author sees the file: a cell of a drawn table
//! by its table, row and column (`第 2 个表格第 3 行第 2 列`; a flattened
//! table's figures by their line, since its rows and columns are only
//! where the flattening left them), a workbook cell by
//! its reference (`Sheet1!F12`), a paragraph of a Word file by its number
//! among the paragraphs, a line of a text file by its line; a figure in
//! the same paragraph or row as the commented one is `本段` / `本行`.

use crate::finding::{Finding, Label};
use crate::source::{Block, Document, Format, Layout};
use crate::span::{LineIndex, Span};

/// The paragraphs of the comment on `finding`, in order.
pub fn paragraphs(finding: &Finding, document: &Document) -> Vec<String> {
    let mut paragraphs = vec![format!("{}：{}", finding.severity.chinese(), finding.message)];
    match (&finding.help, &finding.expected) {
        (Some(help), _) => paragraphs.push(help.clone()),
        (None, Some(expected)) => paragraphs.push(match &finding.actual {
            Some(actual) => format!("应为 {expected}，报告为 {actual}"),
            None => format!("应为 {expected}"),
        }),
        (None, None) => {}
    }
    let places = Places::new(document);
    let home = finding.primary.as_ref().and_then(|primary| places.home(primary.span));
    let related: Vec<String> = finding.related.iter().map(|label| places.describe(label, home)).collect();
    if !related.is_empty() {
        paragraphs.push(format!("相关数字：{}", related.join("；")));
    }
    paragraphs.push(format!("检查：{}（{}）", finding.rule, finding.title));
    paragraphs
}

/// Where a span stands: the block holding it and, in a table, the cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The `index`-th paragraph (0-based among paragraph blocks).
    Paragraph { index: usize, span: Span },
    /// Row and column (0-based) of the `table`-th table.
    Cell { table: usize, row: usize, column: usize, row_span: Span },
}

impl Place {
    /// The paragraph, or the table row: what `本段` / `本行` refers to.
    fn home(self) -> Span {
        match self {
            Place::Paragraph { span, .. } => span,
            Place::Cell { row_span, .. } => row_span,
        }
    }
}

struct Places<'a> {
    document: &'a Document,
    lines: LineIndex,
}

impl<'a> Places<'a> {
    fn new(document: &'a Document) -> Self {
        Places { document, lines: LineIndex::new(&document.text) }
    }

    /// The span `本段` / `本行` means for a figure at `span`.
    /// Its paragraph or table row; a figure of a flattened table, its line.
    fn home(&self, span: Span) -> Option<Span> {
        self.place(span).map(Place::home).or_else(|| self.line_of(span))
    }

    fn line_of(&self, span: Span) -> Option<Span> {
        let text = &self.document.text;
        self.lines.line_span(text, self.lines.position(text, span.start).line)
    }

    fn describe(&self, label: &Label, home: Option<Span>) -> String {
        format!("{}（{}）", label.text, self.name(label.span, home))
    }

    /// The place of `span` in the words of the file's own format.
    fn name(&self, span: Span, home: Option<Span>) -> String {
        if let Some(anchor) = self.document.anchor_at(span.start) {
            return anchor.name.clone();
        }
        let place = self.place(span);
        if let (Some(place), Some(home)) = (place, home)
            && place.home() == home
        {
            return match place {
                Place::Paragraph { .. } => "本段".to_string(),
                Place::Cell { column, .. } => format!("本行第 {} 列", column.saturating_add(1)),
            };
        }
        if place.is_none() && home.is_some() && self.line_of(span) == home {
            return "本行".to_string();
        }
        match (place, self.document.format) {
            (Some(Place::Cell { table, row, column, .. }), _) => format!(
                "第 {} 个表格第 {} 行第 {} 列",
                table.saturating_add(1),
                row.saturating_add(1),
                column.saturating_add(1)
            ),
            (Some(Place::Paragraph { index, .. }), Format::Docx) => format!("第 {} 段", index.saturating_add(1)),
            _ => format!("第 {} 行", self.lines.position(&self.document.text, span.start).line),
        }
    }

    fn place(&self, span: Span) -> Option<Place> {
        let mut paragraphs = 0_usize;
        let mut tables = 0_usize;
        for block in &self.document.blocks {
            match block {
                Block::Paragraph(paragraph) => {
                    if paragraph.contains(span) {
                        return Some(Place::Paragraph { index: paragraphs, span: *paragraph });
                    }
                    paragraphs = paragraphs.saturating_add(1);
                }
                // A flattened table's rows and columns are only where the
                // flattening left its cells: its figures are named by line.
                Block::Table(table) if table.layout == Layout::Flat => tables = tables.saturating_add(1),
                Block::Table(table) if table.span.contains(span) => {
                    for (row_index, row) in table.rows.iter().enumerate() {
                        let cell = row.cells.iter().find(|cell| {
                            cell.span.contains(span) || cell.wrapped.iter().any(|piece| piece.contains(span))
                        });
                        if let Some(cell) = cell {
                            return Some(Place::Cell {
                                table: tables,
                                row: row_index,
                                column: cell.column,
                                row_span: row.span,
                            });
                        }
                    }
                    tables = tables.saturating_add(1);
                }
                Block::Table(_) => tables = tables.saturating_add(1),
            }
        }
        None
    }
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design"
)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::source::{Format, decode};

    fn label(document: &Document, figure: &str, text: &str) -> Label {
        let start = document.text.find(figure).unwrap();
        Label { span: Span::new(start, start + figure.len()), text: text.to_string() }
    }

    fn finding(document: &Document) -> Finding {
        Finding {
            rule: "budget-execution-rate".to_string(),
            title: "预算执行率 = 全年执行数 ÷ 全年预算数".to_string(),
            severity: Severity::Error,
            message: "预算执行率与执行数、预算数不符".to_string(),
            primary: Some(label(document, "90%", "预算执行率 90%")),
            related: vec![
                label(document, "150.00", "全年执行数 150.00万元"),
                label(document, "200.00", "全年预算数 200.00万元"),
            ],
            help: Some("预算执行率应为 75.00%（150.00 ÷ 200.00），报告为 90%".to_string()),
            expected: Some("75.00%".to_string()),
            actual: Some("90%".to_string()),
            fingerprint: "0".to_string(),
        }
    }

    #[test]
    fn a_comment_says_what_is_wrong_what_is_right_where_the_operands_stand_and_which_check() {
        let text = "一、基本情况\n全年预算数 200.00 万元。\n全年执行数 150.00 万元，预算执行率 90%。\n";
        let document = decode("草稿.txt", text.as_bytes(), Format::Text).unwrap();
        assert_eq!(
            paragraphs(&finding(&document), &document),
            [
                "错误：预算执行率与执行数、预算数不符",
                "预算执行率应为 75.00%（150.00 ÷ 200.00），报告为 90%",
                "相关数字：全年执行数 150.00万元（本段）；全年预算数 200.00万元（第 2 行）",
                "检查：budget-execution-rate（预算执行率 = 全年执行数 ÷ 全年预算数）",
            ]
        );
    }

    #[test]
    fn a_figure_in_a_table_is_placed_by_table_row_and_column() {
        let text = "说明\n项目\t全年预算数\t全年执行数\t执行率\n合计\t200.00\t150.00\t90%\n";
        let document = decode("表.txt", text.as_bytes(), Format::Text).unwrap();
        let places = Places::new(&document);
        let figure = label(&document, "200.00", "全年预算数");
        assert_eq!(places.name(figure.span, None), "第 1 个表格第 2 行第 2 列");
        let home = places.home(label(&document, "90%", "执行率").span);
        assert_eq!(places.name(figure.span, home), "本行第 2 列");
    }

    #[test]
    fn a_figure_in_a_flattened_table_is_placed_by_its_line() {
        use crate::source::{Cell, Row, Table};
        // One cell a line: each line a row of one cell, as a flattening leaves it.
        let text = "说明\n全年执行数\n150.00\n执行率\n90%\n".to_string();
        let lines: Vec<Span> = text
            .split_inclusive('\n')
            .scan(0, |start, line| {
                let span = Span::new(*start, *start + line.len() - 1);
                *start += line.len();
                Some(span)
            })
            .collect();
        let rows = lines[1..].iter().map(|&span| Row { span, cells: vec![Cell::at(0, span)] }).collect();
        let table = Table { span: lines[1].join(lines[4]), layout: Layout::Flat, rows, prose: false };
        let document =
            Document::new("表.txt", text, Format::Text, vec![Block::Paragraph(lines[0]), Block::Table(table)]);
        let places = Places::new(&document);
        let figure = label(&document, "150.00", "全年执行数");
        assert_eq!(places.name(figure.span, places.home(label(&document, "90%", "执行率").span)), "第 3 行");
        assert_eq!(places.name(figure.span, places.home(figure.span)), "本行");
    }

    #[test]
    fn without_help_the_expected_value_is_said_plainly() {
        let text = "全年执行数 150.00 万元，全年预算数 200.00 万元，预算执行率 90%。\n";
        let document = decode("草稿.txt", text.as_bytes(), Format::Text).unwrap();
        let mut finding = finding(&document);
        finding.help = None;
        finding.related.clear();
        assert_eq!(paragraphs(&finding, &document)[1], "应为 75.00%，报告为 90%");
    }
}
