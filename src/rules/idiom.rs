//! Idioms: how reports everywhere write a whole and its parts, a change over
//! the year and a count with its list, as rule data.
//!
//! The kinds of idiom are code (`extract::idioms` knows what a whole and its
//! parts look like); their phrasings are data (which words open the parts,
//! which say "more than last year"), so a policy officer adds a phrasing, not
//! a pattern per sentence. Each idiom fills a collection the pack declares,
//! and ordinary checks test it.

use super::compile::Errors;
use super::error::{RuleError, RuleSource};
use super::layer::{Layered, span_of};
use super::raw::RawIdioms;
use super::spanned::Spanned;
use super::{Collection, Kind};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct Idioms {
    pub parts: Option<PartsIdiom>,
    pub changes: Option<ChangeIdiom>,
    pub lists: Option<ListIdiom>,
}

impl Idioms {
    /// The words `extract::idioms` looks for in a report's flow, so that the
    /// pack's one pass finds them with the patterns' literals: what opens
    /// parts (`其中`; `(含`, the flow folds `（` to `(`), the since-words, the
    /// list openers. A word missing here is still found, by a search of
    /// its own in each paragraph.
    pub fn words(&self) -> impl Iterator<Item = String> + '_ {
        let parts = self.parts.iter().flat_map(|parts| {
            parts.after.iter().cloned().chain(parts.within.iter().map(|opener| format!("({opener}")))
        });
        let changes = self.changes.iter().flat_map(|changes| changes.since.iter().cloned());
        let lists = self.lists.iter().flat_map(|lists| lists.openers.iter().cloned());
        parts.chain(changes).chain(lists)
    }
}

/// `X 万元。其中：A 万元，B 万元`, `X 万元（含 A 万元）`: items with fields
/// `name`, `whole`, `complete` (是/否) and parts with `name`, `value`.
#[derive(Debug, Clone)]
pub struct PartsIdiom {
    pub collection: String,
    pub after: Vec<String>,
    pub within: Vec<String>,
    pub complete: Vec<Vec<String>>,
}

/// `比上年增加 A 万元，增长 B%`: items with `name`, `current`, `change` (negative
/// for a decrease) and `rate`.
#[derive(Debug, Clone)]
pub struct ChangeIdiom {
    pub collection: String,
    pub since: Vec<String>,
    pub up: Vec<String>,
    pub down: Vec<String>,
}

/// `直属单位 10 个，即 A、B 和 C`: items with `name`, `count` and `listed`.
#[derive(Debug, Clone)]
pub struct ListIdiom {
    pub collection: String,
    pub openers: Vec<String>,
    pub and: Vec<String>,
    pub partial: Vec<String>,
}

/// Later layers replace the idioms they write; each is checked against the
/// collection it fills.
pub fn compile_idioms(
    layers: &[Layered<RawIdioms>],
    collections: &BTreeMap<String, Collection>,
    errors: &mut Errors,
) -> Idioms {
    let mut idioms = Idioms::default();
    for layer in layers {
        let raw = &layer.item;
        let source = &layer.source;
        if let Some(parts) = &raw.parts {
            let fields = [("name", Kind::Text), ("whole", Kind::Number), ("complete", Kind::Text)];
            if fits(
                &parts.collection,
                &fields,
                &[("name", Kind::Text), ("value", Kind::Number)],
                collections,
                source,
                errors,
            ) {
                idioms.parts = Some(PartsIdiom {
                    collection: parts.collection.value.clone(),
                    after: parts.after.clone(),
                    within: parts.within.clone(),
                    complete: parts.complete.clone(),
                });
            }
        }
        if let Some(changes) = &raw.changes {
            let fields =
                [("name", Kind::Text), ("current", Kind::Number), ("change", Kind::Number), ("rate", Kind::Ratio)];
            if fits(&changes.collection, &fields, &[], collections, source, errors) {
                idioms.changes = Some(ChangeIdiom {
                    collection: changes.collection.value.clone(),
                    since: changes.since.clone(),
                    up: changes.up.clone(),
                    down: changes.down.clone(),
                });
            }
        }
        if let Some(lists) = &raw.lists {
            let fields = [("name", Kind::Text), ("count", Kind::Count), ("listed", Kind::Count)];
            if fits(&lists.collection, &fields, &[], collections, source, errors) {
                idioms.lists = Some(ListIdiom {
                    collection: lists.collection.value.clone(),
                    openers: lists.openers.clone(),
                    and: lists.and.clone(),
                    partial: lists.partial.clone(),
                });
            }
        }
    }
    idioms
}

/// The collection exists with the fields (and parts' fields) the idiom fills.
fn fits(
    name: &Spanned<String>,
    fields: &[(&str, Kind)],
    parts: &[(&str, Kind)],
    collections: &BTreeMap<String, Collection>,
    source: &RuleSource,
    errors: &mut Errors,
) -> bool {
    let Some(collection) = collections.get(&name.value) else {
        errors.push(
            RuleError::new("rules::unknown-collection", format!("集合 `{}` 不存在", name.value))
                .at(source, span_of(name))
                .help("请在 `collections:` 下声明它，并写上这种说法要填的字段"),
        );
        return false;
    };
    let mut fine = true;
    for (wanted, of_parts) in fields.iter().map(|field| (field, false)).chain(parts.iter().map(|field| (field, true))) {
        let (field, kind) = wanted;
        let declared = if of_parts { collection.parts.get(*field) } else { collection.fields.get(*field) };
        if declared != Some(kind) {
            fine = false;
            let whose = if of_parts { "parts" } else { "fields" };
            errors.push(
                RuleError::new(
                    "rules::unknown-field",
                    format!("集合 `{}` 的 `{whose}` 里需要有 `{field}: {}`", collection.name, kind.name()),
                )
                .at(source, span_of(name)),
            );
        }
    }
    fine
}
