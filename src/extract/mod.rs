//! extract: [`Pack`] × [`Report`] → [`Facts`].
//!
//! Finds every figure the pack declares: by template patterns over the
//! report's flow, by table cells (row label × column header), and the items
//! of collections (repeated prose blocks or table rows). Every mention is
//! kept with its original span; deciding which mention counts, and whether
//! mentions disagree, is `eval`'s job.

mod blocks;
mod cells;
mod patterns;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::report::{Number, Report, Unit};
use crate::rules::{Kind, Pack};
use crate::span::Span;

/// What a report states, by fact name.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facts {
    /// Fact name → every mention, in document order.
    pub values: BTreeMap<String, Vec<Mention>>,
    /// Collection name → its items, in document order.
    pub collections: BTreeMap<String, Vec<Item>>,
}

/// One place where a report states a fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub value: Value,
    /// Original-text span of the figure (or phrase).
    pub span: Span,
    /// Where it came from: `pattern`, `table`.
    pub via: Via,
    /// Exact as written (the fact or field is declared `exact`).
    pub exact: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Value {
    Figure(Number),
    Text(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Pattern,
    Table,
    Block,
}

/// One item of a collection: an indicator, a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The block or row it was read from.
    pub span: Span,
    pub fields: BTreeMap<String, Mention>,
}

impl Item {
    /// The item's `name` field, for messages.
    pub fn name(&self) -> Option<&str> {
        match &self.fields.get("name")?.value {
            Value::Text(name) => Some(name),
            Value::Figure(_) => None,
        }
    }
}

/// Reads every fact and collection of `pack` from `report`.
pub fn extract(pack: &Pack, report: &Report) -> Facts {
    let mut facts = Facts::default();
    patterns::extract(pack, report, &mut facts);
    cells::extract(pack, report, &mut facts);
    for mentions in facts.values.values_mut() {
        mentions.sort_by_key(|mention| mention.span);
        mentions.dedup_by_key(|mention| mention.span);
    }
    for collection in pack.collections.values() {
        let mut items = blocks::extract(collection, pack, report);
        items.extend(blocks::sentences(collection, pack, report));
        items.extend(cells::items(collection, report));
        facts.collections.insert(collection.name.clone(), items);
    }
    facts
}

/// Whether a figure written with `unit` can be a value of `kind`; a bare
/// number takes `default_unit` (a table column's unit) when given.
fn fits(kind: Kind, mut number: Number, default_unit: Option<&Unit>) -> Option<Number> {
    if number.unit == Unit::None {
        if let Some(unit) = default_unit {
            number.unit = unit.clone();
        }
    }
    let fits = matches!(
        (kind, &number.unit),
        (Kind::Number, _)
            | (Kind::Money, Unit::Yuan | Unit::WanYuan | Unit::YiYuan)
            | (Kind::Ratio, Unit::Percent)
            | (Kind::Score, Unit::Points | Unit::None)
            | (Kind::Count, Unit::Count(_) | Unit::None)
    );
    fits.then_some(number)
}
