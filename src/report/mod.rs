//! report: [`Document`] → [`Report`].
//!
//! Turns physical lines into the logical structure a reader sees: sections
//! from Chinese heading numbering, paragraphs rejoined across broken lines
//! and page breaks, tables, and every number mention with its exact decimal
//! value, written decimals, unit and span.
//!
//! Matching runs over the *flow*: the normalised text of all paragraphs
//! (full-width digits and punctuation folded, Markdown bold and OCR LaTeX
//! removed, line breaks inside a paragraph dropped), one paragraph a line.
//! The flow keeps an offset map, so every span handed out points into the
//! original document text.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::source::Document;
pub use crate::source::Layout;
use crate::span::Span;

mod flow;
mod fold;
mod latex;
mod lookup;
mod mentions;
mod normalize;
mod numbering;
mod numbers;
mod paragraphs;
mod sections;
mod tables;

pub use numbers::NUMBER_PATTERN;

/// Parses a document into its logical structure. Never fails: a document
/// with nothing recognisable gives an empty report.
pub fn parse(document: &Document) -> Report {
    let paragraphs::Paragraphs { flow, mut paragraphs, numberings } = paragraphs::build(document);
    let sections = sections::build(&flow, &mut paragraphs, &numberings);
    let numbers = mentions::find(&flow, &paragraphs, &numberings);
    let tables = tables::build(document);
    let flow::FlowText { text, mut starts, mut ends, .. } = flow;
    let end = paragraphs.last().map_or(0, |paragraph| paragraph.span.end);
    starts.push(end);
    ends.push(end);
    Report {
        format: document.format,
        flow: text,
        flow_offsets: starts,
        flow_ends: ends,
        paragraphs,
        sections,
        tables,
        numbers,
    }
}

/// A unit written after a figure.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum Unit {
    Yuan,
    WanYuan,
    YiYuan,
    Percent,
    /// 分, a score.
    Points,
    /// A count word: 个, 次, 场, 人, 件, 篇, 份, 项, 名, …
    Count(String),
    /// No unit written.
    None,
}

/// A comparison written before a figure: `≥ 130 场`, `大于等于2%`, `<=100%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Relation {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

/// One figure as written in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Number {
    /// The value in the written unit: `96.64%` is 96.64, `775.45万元` is 775.45.
    pub value: Decimal,
    /// Decimals as written: `2.80` has 2, `100` has 0.
    pub decimals: u32,
    pub unit: Unit,
    pub relation: Option<Relation>,
    /// Original-text span of the whole mention (relation, digits and unit).
    pub span: Span,
}

/// A report's logical structure. Built by [`parse`]; read by `extract`.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file format it was read from: a spreadsheet holds a score table,
    /// not a report's outline, so structural checks do not apply to it.
    pub format: crate::source::Format,
    /// Normalised text of every logical paragraph (headings included), one
    /// paragraph a line, `\n` between paragraphs. Tables are not in the flow.
    pub flow: String,
    /// `flow_offsets[i]` is the original byte offset of flow byte `i`; one
    /// extra entry maps `flow.len()` to the end of the last paragraph.
    flow_offsets: Vec<usize>,
    /// `flow_ends[i]` is the original end offset of the character flow byte
    /// `i` came from (a full-width `，` is three bytes, `\geq` four), with the
    /// same extra entry; together with `flow_offsets` it maps any flow range
    /// back to whole original characters.
    flow_ends: Vec<usize>,
    pub paragraphs: Vec<Paragraph>,
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    /// Every number mention of the flow, in flow order.
    pub numbers: Vec<FlowNumber>,
}

/// A logical paragraph: physical lines rejoined where a sentence (or a
/// number's unit) was broken across lines or pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Its line of the flow (without the `\n`).
    pub flow: std::ops::Range<usize>,
    /// Original-text span from its first to its last character.
    pub span: Span,
    /// The innermost section it belongs to (for a heading: its own section).
    pub section: Option<usize>,
    pub is_heading: bool,
    /// The numbering it starts with (`1.` of a numbered list item, or of a
    /// heading), for numbering checks.
    pub numbering: Option<Numbering>,
}

/// A heading and everything under it until the next heading of the same or
/// a higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1 for 一、, 2 for （一）, 3 for 1. / 1、, 4 for （1）, 5 for ①.
    pub level: u8,
    pub numbering: Numbering,
    /// Normalised heading text after the numbering: `基本概况`.
    pub title: String,
    /// Original span of the heading paragraph.
    pub heading: Span,
    pub parent: Option<usize>,
    /// Flow range from the heading to the end of the section.
    pub flow: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NumberingStyle {
    /// 一、
    ChineseComma,
    /// （一） or (一)
    ChineseParen,
    /// 1. or 1、
    ArabicDot,
    /// （1） or (1)
    ArabicParen,
    /// ①
    Circled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering {
    pub style: NumberingStyle,
    /// 一 and 1 and ① are all 1.
    pub value: u32,
    /// Original span of the numbering itself (`（三）`).
    pub span: Span,
}

/// A table of the document: the source's cells, normalised, at their rows
/// and columns (see [`crate::source::Table`] for what a [`Layout::Flat`]
/// table's rows and columns mean).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub span: Span,
    pub layout: Layout,
    pub rows: Vec<TableRow>,
    /// Probably a table, its lines also read as paragraphs (see
    /// [`crate::source::Table::prose`]).
    pub prose: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub span: Span,
    /// The cells that start in this row, left to right.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub span: Span,
    /// First column covered, and the columns and rows covered (merges).
    pub column: usize,
    pub width: usize,
    pub height: usize,
    /// Normalised cell text (`≥10次`, `353.21`, `其中：上级安排(万元)`).
    pub text: String,
    /// The cell's figure when the whole cell is one number mention.
    pub number: Option<Number>,
    /// Every number mention in the cell, with its byte range in `text`
    /// (`合计100`, `科目调整次数≤10次`: a label and a figure run together).
    pub figures: Vec<CellFigure>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellFigure {
    pub at: std::ops::Range<usize>,
    pub number: Number,
}

impl Cell {
    /// Not filled in: empty, or a placeholder (`—`, `/`, `-`), which mean
    /// "nothing here" on a form, never 0.
    pub fn is_blank(&self) -> bool {
        is_placeholder(&self.text)
    }

    pub fn covers(&self, column: usize) -> bool {
        column >= self.column && column < self.column.saturating_add(self.width.max(1))
    }
}

/// Whether a cell's text says "not filled in".
pub fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || text.chars().all(|c| matches!(c, '—' | '-' | '－' | '–' | '/' | '／' | '\\' | '…' | '_'))
}

impl TableRow {
    /// The cell of this row that covers `column`, if one starts in this row.
    pub fn cell_at(&self, column: usize) -> Option<&Cell> {
        self.cells.iter().find(|cell| cell.covers(column))
    }
}

/// A number mention of the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowNumber {
    /// Flow range of the mention (relation, sign, digits and unit).
    pub flow: std::ops::Range<usize>,
    pub number: Number,
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests;

#[cfg(test)]
mod robustness_tests;

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod seeds_tests;
