//! A form's YAML → one validated [`Form`].
//!
//! Every name is resolved against the pack: a row's facts must be declared
//! facts of a kind its column can hold, an item row's collection must have
//! the fields its columns fill, a header's `needs` and a row's `fills` must
//! name columns of the block. Mistakes point at the spot in the YAML, with a
//! "did you mean" where a name is close to one that exists.

use std::collections::BTreeSet;

use super::compile::{Errors, parse_unit};
use super::error::{RuleError, RuleSource};
use super::form::{Block, Column, ColumnKind, ColumnOrder, Form, Items, LabelledRow, RowInto};
use super::label::Label;
use super::layer::{Layered, span_of};
use super::raw::{RawBlock, RawForm, RawItems, RawRow};
use super::spanned::Spanned;
use super::suggest::{ask, did_you_mean};
use super::{Collection, Fact, Kind, Origin};
use crate::span::Span;

/// Fewest columns a header names, unless the block says otherwise.
const HEADER_MIN: usize = 3;

/// What a form is checked against: the pack's facts and collections.
pub struct Names<'a> {
    pub facts: &'a std::collections::BTreeMap<String, Fact>,
    pub collections: &'a std::collections::BTreeMap<String, Collection>,
}

pub fn compile_form(id: &str, layer: &Layered<RawForm>, names: &Names<'_>, errors: &mut Errors) -> Option<Form> {
    let raw = &layer.item;
    let source = &layer.source;
    let before = errors.len();
    let mut fills = BTreeSet::new();
    let mut blocks: Vec<Block> = Vec::new();
    for block in &raw.blocks {
        if blocks.iter().any(|seen| seen.id == block.id.value) {
            errors.push(
                RuleError::new("rules::duplicate-id", format!("块 `{}` 在本表式中定义了两次", block.id.value))
                    .at(source, span_of(&block.id)),
            );
            continue;
        }
        let mut compiler = BlockCompiler { source, names, errors, fills: &mut fills };
        if let Some(block) = compiler.block(block) {
            blocks.push(block);
        }
    }
    if errors.len() > before {
        return None;
    }
    Some(Form {
        id: id.to_string(),
        title: raw.title.clone(),
        basis: raw.basis.clone(),
        names: Label::all(&raw.names),
        blocks,
        fills,
        origin: Origin { pack: layer.pack.clone(), file: source.name.clone(), line: layer.line },
    })
}

struct BlockCompiler<'a, 'n> {
    source: &'a RuleSource,
    names: &'a Names<'n>,
    errors: &'a mut Errors,
    fills: &'a mut BTreeSet<String>,
}

impl<'n> BlockCompiler<'_, 'n> {
    fn error(&mut self, code: &'static str, message: String, span: Span, help: Option<String>) {
        let mut error = RuleError::new(code, message).at(self.source, span);
        if let Some(help) = help {
            error = error.help(help);
        }
        self.errors.push(error);
    }

    fn block(&mut self, raw: &RawBlock) -> Option<Block> {
        let mut columns: Vec<Column> = Vec::new();
        for column in &raw.columns {
            let Some(kind) = ColumnKind::parse(&column.kind.value) else {
                let help = did_you_mean(&column.kind.value, ColumnKind::NAMES)
                    .map(ask)
                    .unwrap_or_else(|| format!("栏目的 `kind` 取值为 {} 之一", ColumnKind::NAMES.join("、")));
                self.error(
                    "rules::unknown-kind",
                    format!("不认识的种类 `{}`", column.kind.value),
                    span_of(&column.kind),
                    Some(help),
                );
                continue;
            };
            if columns.iter().any(|seen| seen.field == column.field.value) {
                let message = format!("栏目 `{}` 在块 `{}` 中定义了两次", column.field.value, raw.id.value);
                self.error("rules::duplicate-id", message, span_of(&column.field), None);
                continue;
            }
            columns.push(Column { field: column.field.value.clone(), kind, labels: Label::all(&column.labels) });
        }
        let mut block = Block {
            id: raw.id.value.clone(),
            title: raw.title.clone().unwrap_or_else(|| raw.id.value.clone()),
            unit: raw.unit.as_ref().and_then(|unit| parse_unit(unit, self.source, self.errors)),
            columns,
            order: ColumnOrder::Header,
            header_min: raw.header.min.unwrap_or(HEADER_MIN).max(1),
            header_needs: Vec::new(),
            rows: Vec::new(),
            items: None,
            ends: Label::all(&raw.ends),
        };
        if let Some(order) = &raw.order {
            match order.value.as_str() {
                "header" => block.order = ColumnOrder::Header,
                "form" => block.order = ColumnOrder::Form,
                other => self.error(
                    "rules::bad-order",
                    format!("不认识的栏目顺序 `{other}`"),
                    span_of(order),
                    Some("`order` 是 `header`（按表头列出的顺序）或 `form`（按表式写的顺序）".into()),
                ),
            }
        }
        block.header_needs = self.columns(&block, &raw.header.needs);
        for row in &raw.rows {
            if let Some(row) = self.row(&block, row) {
                block.rows.push(row);
            }
        }
        block.items = raw.items.as_ref().and_then(|items| self.items(&block, items));
        Some(block)
    }

    /// Column names → indices, each unknown one reported.
    fn columns(&mut self, block: &Block, names: &[Spanned<String>]) -> Vec<usize> {
        names.iter().filter_map(|name| self.column(block, name)).collect()
    }

    fn column(&mut self, block: &Block, name: &Spanned<String>) -> Option<usize> {
        let found = block.column(&name.value);
        if found.is_none() {
            let help = did_you_mean(&name.value, block.columns.iter().map(|column| column.field.as_str())).map(ask);
            self.error(
                "rules::unknown-column",
                format!("块 `{}` 没有栏目 `{}`", block.id, name.value),
                span_of(name),
                help,
            );
        }
        found
    }

    fn row(&mut self, block: &Block, raw: &RawRow) -> Option<LabelledRow> {
        let required = self.columns(block, &raw.required);
        match (&raw.item, raw.facts.is_empty()) {
            (Some(collection), true) => {
                let fills = self.columns(block, &raw.fills);
                let found = self.collection(collection)?;
                self.fields_fit(block, &fills, found, span_of(collection));
                if !found.fields.contains_key("name") {
                    let message = format!("集合 `{}` 没有 `name` 字段来存放行的名称", found.name);
                    self.error("rules::unknown-field", message, span_of(collection), None);
                }
                self.fills.insert(found.name.clone());
                Some(LabelledRow {
                    labels: Label::all(&raw.labels),
                    fills,
                    required,
                    into: RowInto::Item(found.name.clone()),
                })
            }
            (None, false) => {
                let mut facts = Vec::new();
                for (field, fact) in &raw.facts {
                    let Some(column) = self.column(block, &field.0) else { continue };
                    let Some(declared) = self.fact(fact) else { continue };
                    let kind = block.columns.get(column).map(|column| column.kind);
                    if let Some(kind) = kind.filter(|kind| !holds(*kind, declared.kind)) {
                        let message = format!(
                            "栏目 `{}`（{}）装不下事实 `{}`（{}）",
                            field.as_str(),
                            kind_name(kind),
                            declared.name,
                            declared.kind.label()
                        );
                        self.error("rules::kind-mismatch", message, span_of(fact), None);
                        continue;
                    }
                    self.fills.insert(declared.name.clone());
                    facts.push((column, declared.name.clone()));
                }
                let fills = facts.iter().map(|(column, _)| *column).collect();
                Some(LabelledRow { labels: Label::all(&raw.labels), fills, required, into: RowInto::Facts(facts) })
            }
            _ => {
                let span = raw.item.as_ref().map(span_of).unwrap_or_default();
                self.error(
                    "rules::row-target",
                    "表式的一行要么写 `facts:`，要么写 `item:`，不能都写或都不写".into(),
                    span,
                    Some("一行数字写 `facts: {栏目: 事实名}`，每行一个条目写 `item: 集合名`".into()),
                );
                None
            }
        }
    }

    fn items(&mut self, block: &Block, raw: &RawItems) -> Option<Items> {
        let collection = self.collection(&raw.collection)?;
        let every: Vec<usize> = (0..block.columns.len()).collect();
        self.fields_fit(block, &every, collection, span_of(&raw.collection));
        self.fills.insert(collection.name.clone());
        let required = self.columns(block, &raw.required);
        let groups = raw
            .groups
            .iter()
            .filter_map(|group| Some((self.column(block, &group.field)?, Label::all(&group.labels))))
            .collect();
        let shares = match &raw.shares {
            Some(name) => {
                let shares = self.collection(name)?;
                for (field, of_parts) in [("name", false), ("share", false), ("points", true)] {
                    let has =
                        if of_parts { shares.parts.contains_key(field) } else { shares.fields.contains_key(field) };
                    if !has {
                        let whose = if of_parts { "parts" } else { "fields" };
                        let message = format!("集合 `{}` 的 `{whose}` 里需要有 `{field}`", shares.name);
                        let help = "分值集合有字段 `name` 和 `share`，下级条目（parts）有 `name` 和 `points`";
                        self.error("rules::unknown-field", message, span_of(name), Some(help.into()));
                    }
                }
                self.fills.insert(shares.name.clone());
                Some(shares.name.clone())
            }
            None => None,
        };
        Some(Items { collection: collection.name.clone(), required, groups, shares })
    }

    fn collection(&mut self, name: &Spanned<String>) -> Option<&'n Collection> {
        let collections = self.names.collections;
        let found = collections.get(&name.value);
        if found.is_none() {
            let help = did_you_mean(&name.value, collections.keys().map(String::as_str))
                .map(ask)
                .unwrap_or_else(|| "请在 `collections:` 下声明它".into());
            self.error("rules::unknown-collection", format!("集合 `{}` 不存在", name.value), span_of(name), Some(help));
        }
        found
    }

    fn fact(&mut self, name: &Spanned<String>) -> Option<&'n Fact> {
        let facts = self.names.facts;
        let found = facts.get(&name.value);
        if found.is_none() {
            let help = did_you_mean(&name.value, facts.keys().map(String::as_str))
                .map(ask)
                .unwrap_or_else(|| "请在 `facts:` 下声明它".into());
            self.error("rules::unknown-fact", format!("事实 `{}` 没有定义", name.value), span_of(name), Some(help));
        }
        found
    }

    /// Every column in `columns` is a field of `collection` of a kind it can hold.
    fn fields_fit(&mut self, block: &Block, columns: &[usize], collection: &Collection, span: Span) {
        for column in columns.iter().filter_map(|&index| block.columns.get(index)) {
            match collection.fields.get(&column.field) {
                None => {
                    let message = format!("集合 `{}` 没有字段 `{}`", collection.name, column.field);
                    let help = format!("请在集合的 `fields:` 下声明 `{}`", column.field);
                    self.error("rules::unknown-field", message, span, Some(help));
                }
                Some(kind) if !holds(column.kind, *kind) => {
                    let message = format!(
                        "栏目 `{}`（{}）填不了字段 `{}.{}`（{}）",
                        column.field,
                        kind_name(column.kind),
                        collection.name,
                        column.field,
                        kind.label()
                    );
                    self.error("rules::kind-mismatch", message, span, None);
                }
                Some(_) => {}
            }
        }
    }
}

/// Whether a column of `column` kind can hold a value of `kind`: the same
/// kind, any figure for a `number` column, text for relation and unit columns.
fn holds(column: ColumnKind, kind: Kind) -> bool {
    match column {
        ColumnKind::Value(Kind::Number) => kind != Kind::Text,
        ColumnKind::Value(column) => column == kind || kind == Kind::Number,
        ColumnKind::Relation | ColumnKind::Unit => kind == Kind::Text,
    }
}

fn kind_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Value(kind) => kind.label(),
        ColumnKind::Relation => "指标性质",
        ColumnKind::Unit => "度量单位",
    }
}
