//! extract: [`Pack`] × [`Report`] → [`Facts`].
//!
//! Finds every figure the pack declares: by template patterns over the
//! report's flow, by table cells (row label × column header), and the items
//! of collections (repeated prose blocks or table rows). Every mention is
//! kept with its original span; deciding which mention counts, and whether
//! mentions disagree, is `eval`'s job.

mod blocks;
mod cells;
pub mod forms;
mod idioms;
mod patterns;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::report::{Number, Report, Unit};
use crate::rules::{Kind, Pack};
use crate::span::Span;

/// What a report states, by fact name.
///
/// The report's own statements are one scope; every copy of a form found in
/// its tables is a scope of its own ([`forms::Reading`]), since two project
/// tables state two projects' budgets, not one fact twice.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facts {
    /// Fact name → every mention, in document order.
    pub values: BTreeMap<String, Vec<Mention>>,
    /// Collection name → its items, in document order.
    pub collections: BTreeMap<String, Vec<Item>>,
    /// Collections read from a table that breaks off (a truncated document):
    /// their items are real, their sum and count are not known.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub incomplete: BTreeSet<String>,
    /// Every copy of a form in the report's tables, each with facts of its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<forms::Reading>,
    /// Rows of a form seen in a table but not read (no header places them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub declined: Vec<forms::Declined>,
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
    /// A form's cell that is there but not filled in (empty, `—`, `/`):
    /// never 0, unless a check says so with `default`.
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Pattern,
    /// One of a fact's synonyms: a weaker reading. It stands in only where
    /// no pattern or table states the fact, and only if every such reading
    /// agrees; one that disagrees with a stronger reading is taken to be
    /// about something else, not a conflict.
    Synonym,
    Table,
    Block,
}

/// One item of a collection: an indicator, a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The block or row it was read from.
    pub span: Span,
    pub fields: BTreeMap<String, Mention>,
    /// Its parts (a category's indicators), when its collection has parts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Item>,
    /// False when the table breaks off before the last part.
    #[serde(skip_serializing_if = "is_true")]
    pub parts_complete: bool,
}

fn is_true(value: &bool) -> bool {
    *value
}

impl Item {
    pub fn new(span: Span) -> Self {
        Item { span, fields: BTreeMap::new(), parts: Vec::new(), parts_complete: true }
    }

    /// The item's `name` field, for messages.
    pub fn name(&self) -> Option<&str> {
        match &self.fields.get("name")?.value {
            Value::Text(name) => Some(name),
            Value::Figure(_) | Value::Empty => None,
        }
    }
}

/// Reads every fact and collection of `pack` from `report`.
pub fn extract(pack: &Pack, report: &Report) -> Facts {
    let mut facts = Facts::default();
    // One pass finds the literals of every pattern and the idioms' words;
    // each regex then runs only where one of its own occurs.
    let occurrences = pack.literals().find(&report.flow);
    patterns::extract(pack, report, &occurrences, &mut facts);
    cells::extract(pack, report, &mut facts);
    for mentions in facts.values.values_mut() {
        mentions.sort_by_key(|mention| mention.span);
        mentions.dedup_by_key(|mention| mention.span);
    }
    for collection in pack.collections.values() {
        let mut items = blocks::extract(collection, pack, report, &occurrences);
        items.extend(blocks::sentences(collection, pack, report, &occurrences));
        items.extend(cells::items(collection, report));
        facts.collections.insert(collection.name.clone(), items);
    }
    idioms::extract(pack, report, &occurrences, &mut facts);
    let forms = forms::read(pack, report);
    facts.forms = forms.readings;
    facts.declined = forms.declined;
    // What the prose of a form's own cells says (a probable table read as
    // prose too: `本项目共完成预算资金 89.97 万元`) is about that copy of the form.
    for reading in &mut facts.forms {
        for (name, mentions) in &mut facts.values {
            let (inside, outside): (Vec<Mention>, Vec<Mention>) = mentions
                .drain(..)
                .partition(|mention| mention.via != Via::Table && reading.span.contains(mention.span));
            *mentions = outside;
            if !inside.is_empty() {
                let moved = reading.facts.values.entry(name.clone()).or_default();
                moved.extend(inside);
                moved.sort_by_key(|mention| mention.span);
            }
        }
    }
    facts.values.retain(|_, mentions| !mentions.is_empty());
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
