//! Forms: the tables every region fills in (项目支出绩效自评表 of
//! 财预〔2020〕10号 and its provincial variants), as rule data.
//!
//! A form is a list of blocks. A block has a header of columns, each known by
//! the labels its header cell may carry (`全年预算数`, `调整后预算数`, `全年预算`),
//! and rows: rows known by their own label (`年度资金总额`, `其中：当年财政拨款`,
//! `合计`) whose cells state facts or make items of a collection, and
//! unlabelled rows that are items (the indicators), grouped under group
//! columns (一级指标, 二级指标) whose labels carry down and may state a share
//! (`产出指标(50分)`). `extract::forms` finds blocks in any table and reads
//! them; this module only describes them.

use std::collections::BTreeSet;

use super::label::Label;
use super::{Kind, Origin};
use crate::report::Unit;

#[derive(Debug, Clone)]
pub struct Form {
    pub id: String,
    pub title: String,
    pub basis: Option<String>,
    /// Words that tell this form from another with the same blocks: a
    /// table whose header two forms read belongs to the one named in or
    /// just before it.
    pub names: Vec<Label>,
    /// In the order they stand on the form: a block that comes earlier than
    /// one already read starts another copy of the form.
    pub blocks: Vec<Block>,
    /// Names of the facts and collections the form fills: the checks that
    /// read any of them run on every copy of the form.
    pub fills: BTreeSet<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub id: String,
    pub title: String,
    /// The unit of bare amounts when the header names none.
    pub unit: Option<Unit>,
    pub columns: Vec<Column>,
    pub order: ColumnOrder,
    /// Fewest columns a header names.
    pub header_min: usize,
    /// Columns (indices) of which a header names at least one.
    pub header_needs: Vec<usize>,
    pub rows: Vec<LabelledRow>,
    pub items: Option<Items>,
    /// Labels that end the block.
    pub ends: Vec<Label>,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub field: String,
    pub kind: ColumnKind,
    pub labels: Vec<Label>,
}

/// What a column's cells hold; decides where a value of a flattened row may
/// sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Value(Kind),
    /// 指标性质: `≥`, `≤`, `=`.
    Relation,
    /// 度量单位: `%`, `万元`, `人次`.
    Unit,
}

impl ColumnKind {
    pub const NAMES: [&'static str; 8] = ["money", "ratio", "score", "count", "number", "text", "relation", "unit"];

    pub fn parse(name: &str) -> Option<ColumnKind> {
        match name {
            "relation" => Some(ColumnKind::Relation),
            "unit" => Some(ColumnKind::Unit),
            other => Kind::parse(other).map(ColumnKind::Value),
        }
    }
}

/// How the columns of a table's header are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnOrder {
    /// As the header lists them (variants swap 分值 and 执行率).
    Header,
    /// As the form lists them, whatever the flattened header's order (a
    /// two-row header reads `年度指标值 … 一级指标 … 指标值` when flattened).
    Form,
}

#[derive(Debug, Clone)]
pub struct LabelledRow {
    pub labels: Vec<Label>,
    /// Columns (indices) the row may fill.
    pub fills: Vec<usize>,
    /// Columns never empty on a filled-in form.
    pub required: Vec<usize>,
    pub into: RowInto,
}

#[derive(Debug, Clone)]
pub enum RowInto {
    /// (column index, fact name).
    Facts(Vec<(usize, String)>),
    /// Each row is an item of this collection, its `name` the row's label.
    Item(String),
}

#[derive(Debug, Clone)]
pub struct Items {
    pub collection: String,
    /// Columns (indices) every item fills.
    pub required: Vec<usize>,
    /// Group columns, outermost first: (column index, known labels).
    pub groups: Vec<(usize, Vec<Label>)>,
    /// The collection of groups that state a share.
    pub shares: Option<String>,
}

impl Block {
    pub fn column(&self, field: &str) -> Option<usize> {
        self.columns.iter().position(|column| column.field == field)
    }
}
