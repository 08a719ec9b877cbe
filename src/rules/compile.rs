//! Layered raw packs → effective [`Pack`]s, validated.
//!
//! Every pattern is translated (its regex built on first use, once for all
//! packs that share it), every expression parsed and its names
//! resolved, every message placeholder checked. Problems are collected (and
//! an inherited mistake is reported once, not once per child pack).
//!
//! Packs compile in parallel; what they share (a base pack's expressions
//! and patterns) is parsed and translated once, in [`Memo`].

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rayon::prelude::*;

use super::check::compile_check;
use super::compile_form::{Names, compile_form};
use super::error::{RuleError, RuleErrors, RuleSource};
use super::layer::{Layered, LayeredPack, line_of, span_of};
use super::memo::Memo;
use super::pattern::{Capture, Pattern};
use super::raw::{RawCollection, RawFact, RawPattern};
use super::spanned::Spanned;
use super::{Band, Blocks, CellSource, Collection, Fact, Kind, Origin, Pack, RuleSet, TableSource};
use crate::report::Unit;
use crate::span::Span;

pub fn compile(packs: Vec<LayeredPack>) -> Result<RuleSet, RuleErrors> {
    let memo = Memo::default();
    let mut errors = Errors::default();
    // Base packs first: the packs built on them then find the shared
    // expressions and patterns in the memo instead of translating them again
    // at the same time.
    let mut levels: BTreeMap<usize, Vec<LayeredPack>> = BTreeMap::new();
    for pack in packs {
        levels.entry(pack.depth).or_default().push(pack);
    }
    let mut compiled = BTreeMap::new();
    for level in levels.into_values() {
        for pack in each(level, &mut errors, |layered, errors| Some(compile_pack(layered, &memo, errors))) {
            compiled.insert(pack.id.clone(), pack);
        }
    }
    if !errors.list.is_empty() {
        return Err(RuleErrors(errors.list));
    }
    Ok(RuleSet { packs: compiled })
}

/// Errors without repeats: a mistake in a base pack shows up while compiling
/// every pack built on it.
#[derive(Default)]
pub struct Errors {
    list: Vec<RuleError>,
    seen: BTreeSet<(String, usize, usize, String)>,
}

impl Errors {
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Adds what another part of the load found, without repeats.
    pub fn extend(&mut self, other: Errors) {
        other.list.into_iter().for_each(|error| self.push(error));
    }

    pub fn push(&mut self, error: RuleError) {
        let key = match &error.location {
            Some((source, span)) => (source.name.clone(), span.start, span.end, error.message.clone()),
            None => (String::new(), 0, 0, error.message.clone()),
        };
        if self.seen.insert(key) {
            self.list.push(error);
        }
    }
}

pub fn origin<T>(pack: &str, source: &RuleSource, value: &Spanned<T>) -> Origin {
    Origin { pack: pack.to_string(), file: source.name.clone(), line: line_of(value) }
}

/// The span of a YAML scalar's content: past the opening quote when quoted,
/// so that offsets inside the string line up.
pub fn content_span<T>(source: &RuleSource, value: &Spanned<T>) -> Span {
    let span = span_of(value);
    match source.text.as_bytes().get(span.start) {
        Some(b'"' | b'\'') => {
            let start = span.start.saturating_add(1);
            Span::new(start, span.end.saturating_sub(1).max(start))
        }
        _ => span,
    }
}

fn compile_pack(layered: LayeredPack, memo: &Memo, errors: &mut Errors) -> Pack {
    let kinds: BTreeMap<String, Kind> = layered
        .facts
        .iter()
        .map(|(name, layers)| {
            let kind = layers
                .iter()
                .rev()
                .find_map(|layer| layer.item.kind.as_ref())
                .and_then(|kind| Kind::parse(&kind.value));
            (name.clone(), kind.unwrap_or(Kind::Number))
        })
        .collect();
    let facts = each(&layered.facts, errors, |(name, layers), errors| {
        compile_fact(name, layers, &kinds, memo, errors).map(|fact| (name.clone(), fact))
    })
    .into_iter()
    .collect();
    let collections = layered
        .collections
        .iter()
        .filter_map(|(name, layer)| compile_collection(name, layer, memo, errors).map(|c| (name.clone(), c)))
        .collect();
    let forms = layered
        .forms
        .iter()
        .filter_map(|(name, layer)| {
            let names = Names { facts: &facts, collections: &collections };
            compile_form(name, layer, &names, errors).map(|form| (name.clone(), form))
        })
        .collect();
    let idioms = super::idiom::compile_idioms(&layered.idioms, &collections, errors);
    let constants = layered.constants.iter().map(|(name, layer)| (name.clone(), layer.item.value)).collect();
    let bands = layered
        .bands
        .iter()
        .map(|(name, layer)| {
            let mut bands: Vec<Band> =
                layer.item.iter().map(|band| Band { min: band.min, label: band.label.clone() }).collect();
            bands.sort_by_key(|band| std::cmp::Reverse(band.min));
            (name.clone(), bands)
        })
        .collect();
    let mut pack = Pack {
        id: layered.id.clone(),
        title: layered.title.clone(),
        description: layered.description.clone(),
        detect: layered.detect.clone(),
        extends: layered.extends.clone(),
        depth: layered.depth,
        source: layered.source.clone(),
        sign_words: layered.sign_words.clone(),
        part_words: layered.part_words.clone(),
        facts,
        collections,
        forms,
        idioms,
        constants,
        bands,
        checks: Vec::new(),
        literals: OnceLock::new(),
    };
    pack.checks = each(&layered.checks, errors, |(id, layers), errors| compile_check(id, layers, &pack, memo, errors));
    pack
}

/// Compiles items on several threads (packs, a pack's facts, its checks):
/// the results and the errors in item order, as if compiled one by one.
fn each<I, T>(items: I, errors: &mut Errors, compile: impl Fn(I::Item, &mut Errors) -> Option<T> + Sync) -> Vec<T>
where
    I: IntoParallelIterator,
    T: Send,
{
    let compiled: Vec<(Option<T>, Errors)> = items
        .into_par_iter()
        .map(|item| {
            let mut found = Errors::default();
            (compile(item, &mut found), found)
        })
        .collect();
    let mut results = Vec::with_capacity(compiled.len());
    for (result, found) in compiled {
        errors.extend(found);
        results.extend(result);
    }
    results
}

fn compile_fact(
    name: &str,
    layers: &[Layered<RawFact>],
    kinds: &BTreeMap<String, Kind>,
    memo: &Memo,
    errors: &mut Errors,
) -> Option<Fact> {
    let first = layers.first()?;
    let mut label = name.to_string();
    let mut kind = None;
    let mut exact = false;
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut synonyms: Vec<String> = Vec::new();
    let mut cells = Vec::new();
    for layer in layers {
        let fact = &layer.item;
        if let Some(text) = &fact.label {
            label = text.clone();
        }
        if let Some(written) = fact.exact {
            exact = written;
        }
        if let Some(written) = &fact.kind {
            match Kind::parse(&written.value) {
                Some(parsed) => kind = Some(parsed),
                None => {
                    errors.push(
                        RuleError::new("rules::unknown-kind", format!("unknown kind `{}`", written.value))
                            .at(&layer.source, span_of(written))
                            .help(format!("a kind is one of: {}", Kind::NAMES.join(", "))),
                    );
                    // Reported once: carry on as a plain number, so that the
                    // fact's uses are not reported as unknown too.
                    kind = Some(Kind::Number);
                }
            }
        }
        if let Some(replacement) = &fact.patterns {
            patterns = compile_patterns(replacement, &layer.source, kinds, "fact", memo, errors);
        }
        patterns.extend(compile_patterns(&fact.add_patterns, &layer.source, kinds, "fact", memo, errors));
        if let Some(replacement) = &fact.synonyms {
            synonyms.clone_from(replacement);
        }
        synonyms.extend(fact.add_synonyms.iter().cloned());
        if let Some(written) = &fact.cells {
            cells = written
                .iter()
                .map(|cell| CellSource {
                    row: cell.row.clone(),
                    column: cell.column.clone(),
                    unit: cell.unit.as_ref().and_then(|unit| parse_unit(unit, &layer.source, errors)),
                })
                .collect();
        }
    }
    let Some(kind) = kind else {
        let key_layer = first;
        errors.push(
            RuleError::new("rules::missing-kind", format!("fact `{name}` has no `kind`"))
                .at(&key_layer.source, Span::default())
                .help(format!("add `kind:` with one of: {}", Kind::NAMES.join(", "))),
        );
        return None;
    };
    if !synonyms.is_empty() {
        // All the names at once: `{^}{全年预算数|调整后预算数}{budget.adjusted}`.
        let template = format!("{{^}}{{{}}}{{{name}}}", synonyms.join("|"));
        let capture = |placeholder: &str| kinds.get(placeholder).copied().unwrap_or(Kind::Number).capture();
        match memo.pattern(&template, None, capture) {
            Ok(pattern) => patterns.push(pattern),
            Err(error) => errors.push(
                RuleError::new("rules::bad-pattern", format!("bad synonyms of `{name}`: {}", error.message))
                    .at(&first.source, Span::default()),
            ),
        }
    }
    let origin = Origin { pack: first.pack.clone(), file: first.source.name.clone(), line: 0 };
    let layers = layers
        .iter()
        .map(|layer| Origin { pack: layer.pack.clone(), file: layer.source.name.clone(), line: 0 })
        .collect();
    Some(Fact { name: name.to_string(), label, kind, exact, layers, patterns, cells, origin })
}

/// Translates patterns whose placeholders are the keys of `names` (facts,
/// or a collection's fields: `what` says which), each captured as its kind.
pub fn compile_patterns(
    written: &[Spanned<RawPattern>],
    source: &RuleSource,
    names: &BTreeMap<String, Kind>,
    what: &str,
    memo: &Memo,
    errors: &mut Errors,
) -> Vec<Pattern> {
    let capture = |name: &str| names.get(name).copied().unwrap_or(Kind::Number).capture();
    let mut compiled = Vec::new();
    for raw in written {
        let (template, within) = raw.value.parts();
        let content = content_span(source, raw);
        match memo.pattern(template, within, capture) {
            Ok(pattern) => {
                let mut fine = true;
                for placeholder in &pattern.placeholders {
                    if names.contains_key(placeholder) {
                        continue;
                    }
                    fine = false;
                    let at = template.find(placeholder.as_str()).unwrap_or(0);
                    let start = content.start.saturating_add(at);
                    let span = Span::new(start, start.saturating_add(placeholder.len()));
                    let mut error =
                        RuleError::new("rules::unknown-fact", format!("unknown {what} `{placeholder}` in a pattern"))
                            .at(source, span)
                            .label("not declared");
                    if let Some(suggestion) =
                        super::suggest::did_you_mean(placeholder, names.keys().map(String::as_str))
                    {
                        error = error.help(format!("did you mean `{suggestion}`?"));
                    }
                    errors.push(error);
                }
                if fine {
                    compiled.push(pattern);
                }
            }
            Err(error) => errors.push(
                RuleError::new("rules::bad-pattern", format!("bad pattern: {}", error.message))
                    .at(
                        source,
                        Span::new(content.start.saturating_add(error.start), content.start.saturating_add(error.end)),
                    )
                    .help("a pattern is template text with `{fact.name}`, `{word|word}`, `{#}` and `…`"),
            ),
        }
    }
    compiled
}

fn compile_collection(
    name: &str,
    layer: &Layered<RawCollection>,
    memo: &Memo,
    errors: &mut Errors,
) -> Option<Collection> {
    let raw = &layer.item;
    let source = &layer.source;
    let mut fields = BTreeMap::new();
    for (field, kind) in &raw.fields {
        match Kind::parse(&kind.value) {
            Some(kind) => {
                fields.insert(field.as_str().to_string(), kind);
            }
            None => errors.push(
                RuleError::new("rules::unknown-kind", format!("unknown kind `{}`", kind.value))
                    .at(source, span_of(kind))
                    .help(format!("a kind is one of: {}", Kind::NAMES.join(", "))),
            ),
        }
    }
    let blocks = raw.blocks.as_ref().and_then(|blocks| {
        let start_content = content_span(source, &blocks.start);
        let start = match memo.pattern(&blocks.start.value, None, |_| Capture::Text) {
            Ok(start) => start,
            Err(error) => {
                errors.push(RuleError::new("rules::bad-pattern", format!("bad block start: {}", error.message)).at(
                    source,
                    Span::new(
                        start_content.start.saturating_add(error.start),
                        start_content.start.saturating_add(error.end),
                    ),
                ));
                return None;
            }
        };
        let patterns = compile_patterns(&blocks.patterns, source, &fields, "field", memo, errors);
        Some(Blocks { start, patterns })
    });
    let matches = compile_patterns(&raw.matches, source, &fields, "field", memo, errors);
    let table = raw.table.as_ref().map(|table| {
        for field in table.columns.keys() {
            if !fields.contains_key(field.as_str()) {
                errors.push(
                    RuleError::new("rules::unknown-field", format!("column for undeclared field `{}`", field.as_str()))
                        .at(source, span_of(&field.0))
                        .help("declare it under `fields:` with its kind"),
                );
            }
        }
        TableSource {
            columns: table.columns.iter().map(|(field, header)| (field.as_str().to_string(), header.clone())).collect(),
            units: table
                .units
                .iter()
                .filter_map(|(field, unit)| Some((field.as_str().to_string(), parse_unit(unit, source, errors)?)))
                .collect(),
        }
    });
    let mut parts = BTreeMap::new();
    for (field, kind) in &raw.parts {
        match Kind::parse(&kind.value) {
            Some(kind) => {
                parts.insert(field.as_str().to_string(), kind);
            }
            None => errors.push(
                RuleError::new("rules::unknown-kind", format!("unknown kind `{}`", kind.value))
                    .at(source, span_of(kind))
                    .help(format!("a kind is one of: {}", Kind::NAMES.join(", "))),
            ),
        }
    }
    let labels = fields
        .keys()
        .map(|field| {
            let written = raw.labels.iter().find(|(name, _)| name.as_str() == field).map(|(_, label)| label.clone());
            (field.clone(), written.unwrap_or_else(|| default_field_label(field).to_string()))
        })
        .collect();
    Some(Collection {
        name: name.to_string(),
        label: raw.label.clone().unwrap_or_else(|| name.to_string()),
        fields,
        exact: raw.exact.clone(),
        labels,
        blocks,
        matches,
        table,
        parts,
        origin: Origin { pack: layer.pack.clone(), file: source.name.clone(), line: 0 },
    })
}

/// Names for the fields most packs use, so that messages read naturally
/// without every pack spelling them out; a pack's `labels:` wins.
fn default_field_label(field: &str) -> &str {
    match field {
        "name" => "名称",
        "weight" => "权重",
        "score" => "得分",
        "target" => "指标值",
        "actual" => "完成值",
        "completion" => "完成率",
        "budget" => "预算金额",
        "spent" => "全年执行数",
        "initial" => "年初预算数",
        "adjusted" => "全年预算数",
        "rate" => "执行率",
        "reason" => "偏差原因",
        "level1" => "一级指标",
        "level2" => "二级指标",
        "share" | "points" => "分值",
        other => other,
    }
}

pub fn parse_unit(unit: &Spanned<String>, source: &RuleSource, errors: &mut Errors) -> Option<Unit> {
    Some(match unit.value.as_str() {
        "元" => Unit::Yuan,
        "万元" => Unit::WanYuan,
        "亿元" => Unit::YiYuan,
        "%" | "％" => Unit::Percent,
        "分" => Unit::Points,
        word if !word.is_empty() && word.chars().count() <= 2 && word.chars().all(|c| !c.is_ascii()) => {
            Unit::Count(word.to_string())
        }
        _ => {
            errors.push(
                RuleError::new("rules::unknown-unit", format!("unknown unit `{}`", unit.value))
                    .at(source, span_of(unit))
                    .help("a unit is 元, 万元, 亿元, %, 分 or a count word such as 个 or 次"),
            );
            return None;
        }
    })
}
