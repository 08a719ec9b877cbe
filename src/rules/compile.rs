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

/// Compiles the layered packs; for a pack in `incomplete` (a file of it or
/// of an ancestor did not parse), the problems a missing file can cause are
/// left out (see [`super::layer::CAUSED_BY_A_MISSING_FILE`]).
pub fn compile(packs: Vec<LayeredPack>, incomplete: &BTreeSet<String>) -> Result<RuleSet, RuleErrors> {
    let memo = Memo::default();
    let mut errors = Errors::default();
    // Base packs first: the packs built on them then find the shared
    // expressions and patterns in the memo instead of translating them again
    // at the same time.
    let mut levels: BTreeMap<usize, Vec<LayeredPack>> = BTreeMap::new();
    for pack in packs {
        levels.entry(pack.depth).or_default().push(pack);
    }
    let mut compiled: BTreeMap<String, Pack> = BTreeMap::new();
    for level in levels.into_values() {
        let ancestors = &compiled;
        let packs = each(level, &mut errors, |layered, errors| {
            let id = layered.id.clone();
            let mut found = Errors::default();
            let pack = compile_pack(layered, &memo, ancestors, &mut found);
            if incomplete.contains(&id) {
                found.list.retain(|error| !super::layer::CAUSED_BY_A_MISSING_FILE.contains(&error.code));
            }
            errors.extend(found);
            Some(pack)
        });
        for pack in packs {
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

    /// Every problem, in the order found.
    pub fn into_vec(self) -> Vec<RuleError> {
        self.list
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

/// `ancestors`: the packs compiled before this one, its ancestors among them.
fn compile_pack(layered: LayeredPack, memo: &Memo, ancestors: &BTreeMap<String, Pack>, errors: &mut Errors) -> Pack {
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
    let replaced = replaced(&layered);
    let forms = layered
        .forms
        .iter()
        .filter_map(|(name, layer)| {
            let names = Names { facts: &facts, collections: &collections };
            let mut found = Errors::default();
            let form = compile_form(name, layer, &names, &mut found);
            // An inherited form that compiled in its own pack fails here
            // because of what this pack replaced.
            let inherited = layer.pack != layered.id
                && ancestors.get(&layer.pack).is_some_and(|ancestor| ancestor.forms.contains_key(name));
            let origin = || format!("{}:{}", layer.source.name, layer.line);
            let item = format!("表式 `{name}`");
            match inherited.then(|| blame(form_reads(&layer.item), &replaced, &found)).flatten() {
                Some(blamed) if found.len() > 0 => errors.push(blamed.merge(found, &item, origin())),
                _ => errors.extend(found),
            }
            form.map(|form| (name.clone(), form))
        })
        .collect();
    let mut found = Errors::default();
    let idioms = super::idiom::compile_idioms(&layered.idioms, &collections, &mut found);
    let own_idioms = layered.idioms.iter().any(|layer| layer.pack == layered.id);
    let idiom_collections = layered.idioms.iter().flat_map(|layer| {
        let idioms = &layer.item;
        let names = [
            idioms.parts.as_ref().map(|idiom| idiom.collection.value.clone()),
            idioms.changes.as_ref().map(|idiom| idiom.collection.value.clone()),
            idioms.lists.as_ref().map(|idiom| idiom.collection.value.clone()),
        ];
        names.into_iter().flatten().collect::<Vec<_>>()
    });
    let first_idioms = layered.idioms.first().map(|layer| format!("{}:{}", layer.source.name, layer.line));
    match (!own_idioms).then(|| blame(idiom_collections.collect(), &replaced, &found)).flatten() {
        Some(blamed) if found.len() > 0 => {
            errors.push(blamed.merge(found, "惯用说法", first_idioms.unwrap_or_default()));
        }
        _ => errors.extend(found),
    }
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
        replaced,
        literals: OnceLock::new(),
    };
    pack.checks =
        each(&layered.checks, errors, |(id, layers), errors| compile_check(id, layers, &pack, ancestors, memo, errors));
    pack
}

/// A replacement an inherited item's errors are blamed on.
pub(super) struct Blamed {
    name: String,
    source: RuleSource,
    span: Span,
}

impl Blamed {
    /// The errors of an inherited `item` (written at `origin`) as one
    /// diagnostic at the replacement.
    pub(super) fn merge(&self, found: Errors, item: &str, origin: String) -> RuleError {
        let list = found.into_vec();
        let code = list.first().map_or("rules::inherited", |error| error.code);
        let mut messages: Vec<String> = Vec::new();
        for error in list {
            if !messages.contains(&error.message) {
                messages.push(error.message);
            }
        }
        RuleError::new(
            code,
            format!("继承来的{item} 用到本包改写的 `{}`，在本包中出错：{}", self.name, messages.join("；")),
        )
        .at(&self.source, self.span)
        .label(format!("本包改写了 `{}`", self.name))
        .help(format!("{item} 写在 {origin}；请让改写后的 `{}` 与它相符，或在本包中一并改写{item}", self.name))
    }
}

/// Of `names` (what an inherited item reads), the one this pack replaced
/// that its errors `found` name, else the first it replaced.
pub(super) fn blame(
    names: Vec<String>,
    replaced: &BTreeMap<String, (RuleSource, Span)>,
    found: &Errors,
) -> Option<Blamed> {
    let candidates: Vec<String> = names.into_iter().filter(|name| replaced.contains_key(name)).collect();
    let named = |name: &&String| {
        let quoted = format!("`{name}`");
        found.list.iter().any(|error| error.message.contains(&quoted))
    };
    let name = candidates.iter().find(named).or(candidates.first())?.clone();
    let (source, span) = replaced.get(&name)?;
    Some(Blamed { name, source: source.clone(), span: *span })
}

/// The facts and collections a form reads its cells into.
fn form_reads(form: &super::raw::RawForm) -> Vec<String> {
    form.blocks
        .iter()
        .flat_map(|block| {
            let facts = block.rows.iter().flat_map(|row| row.facts.values().map(|fact| fact.value.clone()));
            let items = block.rows.iter().filter_map(|row| row.item.as_ref().map(|item| item.value.clone()));
            let collections = block.items.iter().flat_map(|items| {
                std::iter::once(items.collection.value.clone()).chain(items.shares.iter().map(|s| s.value.clone()))
            });
            facts.chain(items).chain(collections).collect::<Vec<_>>()
        })
        .collect()
}

/// What `layered` writes itself, by name (see [`Pack::replaced`]).
fn replaced(layered: &LayeredPack) -> BTreeMap<String, (RuleSource, Span)> {
    let own = |pack: &str| pack == layered.id;
    let mut replaced = BTreeMap::new();
    for (name, layers) in &layered.facts {
        let written = layers.iter().rev().find(|layer| {
            let fact = &layer.item;
            own(&layer.pack)
                && (fact.patterns.is_some() || fact.synonyms.is_some() || fact.cells.is_some() || fact.kind.is_some())
        });
        if let Some(layer) = written {
            replaced.insert(name.clone(), (layer.source.clone(), layer.key));
        }
    }
    let keyed = |name: &String, source: &RuleSource, key: Span| (name.clone(), (source.clone(), key));
    let own_items = layered
        .collections
        .iter()
        .filter(|(_, layer)| own(&layer.pack))
        .map(|(name, layer)| keyed(name, &layer.source, layer.key))
        .chain(layered.constants.iter().filter(|(_, l)| own(&l.pack)).map(|(n, l)| keyed(n, &l.source, l.key)))
        .chain(layered.bands.iter().filter(|(_, l)| own(&l.pack)).map(|(n, l)| keyed(n, &l.source, l.key)));
    replaced.extend(own_items);
    for (name, layer) in layered.forms.iter().filter(|(_, layer)| own(&layer.pack)) {
        // What a form fills is read through the form.
        for filled in form_reads(&layer.item).into_iter().chain(std::iter::once(name.clone())) {
            replaced.entry(filled).or_insert_with(|| (layer.source.clone(), layer.key));
        }
    }
    for layer in layered.idioms.iter().filter(|layer| own(&layer.pack)) {
        let idioms = &layer.item;
        let collections = [
            idioms.parts.as_ref().map(|idiom| &idiom.collection),
            idioms.changes.as_ref().map(|idiom| &idiom.collection),
            idioms.lists.as_ref().map(|idiom| &idiom.collection),
        ];
        for collection in collections.into_iter().flatten() {
            replaced.entry(collection.value.clone()).or_insert_with(|| (layer.source.clone(), span_of(collection)));
        }
    }
    replaced
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
                    errors.push(unknown_kind(&written.value, &layer.source, span_of(written)));
                    // Reported once: carry on as a plain number, so that the
                    // fact's uses are not reported as unknown too.
                    kind = Some(Kind::Number);
                }
            }
        }
        if let Some(replacement) = &fact.patterns {
            patterns = compile_patterns(replacement, &layer.source, kinds, "事实", memo, errors);
        }
        patterns.extend(compile_patterns(&fact.add_patterns, &layer.source, kinds, "事实", memo, errors));
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
                    unit: cell.unit.as_ref().and_then(|unit| {
                        let kind = kinds.get(name).copied().unwrap_or(Kind::Number);
                        parse_unit_of(unit, kind, &layer.source, errors)
                    }),
                })
                .collect();
        }
    }
    let Some(kind) = kind else {
        let key_layer = first;
        errors.push(
            RuleError::new("rules::missing-kind", format!("事实 `{name}` 没有写 `kind`"))
                .at(&key_layer.source, key_layer.key)
                .help(format!("请加上 `kind:`，取值为 {} 之一", Kind::NAMES.join("、"))),
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
                RuleError::new("rules::bad-pattern", format!("`{name}` 的同义词有误：{}", error.message))
                    .at(&first.source, first.key),
            ),
        }
    }
    let origin = Origin { pack: first.pack.clone(), file: first.source.name.clone(), line: first.line };
    let layers = layers
        .iter()
        .map(|layer| Origin { pack: layer.pack.clone(), file: layer.source.name.clone(), line: layer.line })
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
                        RuleError::new("rules::unknown-fact", format!("模式里的{what} `{placeholder}` 没有定义"))
                            .at(source, span)
                            .label("未定义");
                    if let Some(suggestion) =
                        super::suggest::did_you_mean(placeholder, names.keys().map(String::as_str))
                    {
                        error = error.help(super::suggest::ask(suggestion));
                    }
                    errors.push(error);
                }
                if fine {
                    compiled.push(pattern);
                }
            }
            Err(error) => errors.push(
                RuleError::new("rules::bad-pattern", format!("模式有误：{}", error.message))
                    .at(
                        source,
                        Span::new(content.start.saturating_add(error.start), content.start.saturating_add(error.end)),
                    )
                    .help("模式是报告里的原句，其中可写 `{事实名}`、`{词|词}`、`{#}` 和 `…`"),
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
            None => errors.push(unknown_kind(&kind.value, source, span_of(kind))),
        }
    }
    let blocks = raw.blocks.as_ref().and_then(|blocks| {
        let start_content = content_span(source, &blocks.start);
        let start = match memo.pattern(&blocks.start.value, None, |_| Capture::Text) {
            Ok(start) => start,
            Err(error) => {
                errors.push(RuleError::new("rules::bad-pattern", format!("块的起始模式有误：{}", error.message)).at(
                    source,
                    Span::new(
                        start_content.start.saturating_add(error.start),
                        start_content.start.saturating_add(error.end),
                    ),
                ));
                return None;
            }
        };
        let patterns = compile_patterns(&blocks.patterns, source, &fields, "字段", memo, errors);
        Some(Blocks { start, patterns })
    });
    let matches = compile_patterns(&raw.matches, source, &fields, "字段", memo, errors);
    let table = raw.table.as_ref().map(|table| {
        for field in table.columns.keys() {
            if !fields.contains_key(field.as_str()) {
                errors.push(
                    RuleError::new("rules::unknown-field", format!("表格栏目对应的字段 `{}` 没有声明", field.as_str()))
                        .at(source, span_of(&field.0))
                        .help("请在 `fields:` 下声明它及其 `kind`"),
                );
            }
        }
        TableSource {
            columns: table.columns.iter().map(|(field, header)| (field.as_str().to_string(), header.clone())).collect(),
            units: table
                .units
                .iter()
                .filter_map(|(field, unit)| {
                    let kind = fields.get(field.as_str()).copied().unwrap_or(Kind::Number);
                    Some((field.as_str().to_string(), parse_unit_of(unit, kind, source, errors)?))
                })
                .collect(),
        }
    });
    let mut parts = BTreeMap::new();
    for (field, kind) in &raw.parts {
        match Kind::parse(&kind.value) {
            Some(kind) => {
                parts.insert(field.as_str().to_string(), kind);
            }
            None => errors.push(unknown_kind(&kind.value, source, span_of(kind))),
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

/// `kind:` names no kind; the help lists them, or the one meant.
pub fn unknown_kind(written: &str, source: &RuleSource, span: Span) -> RuleError {
    let help = super::suggest::did_you_mean_help(written, Kind::NAMES)
        .unwrap_or_else(|| format!("`kind` 取值为 {} 之一", Kind::NAMES.join("、")));
    RuleError::new("rules::unknown-kind", format!("不认识的种类 `{written}`")).at(source, span).help(help)
}

/// [`parse_unit`] for a figure of `kind`: the unit must be one a figure of
/// that kind is written in (万元 for money, % for a ratio).
pub fn parse_unit_of(unit: &Spanned<String>, kind: Kind, source: &RuleSource, errors: &mut Errors) -> Option<Unit> {
    let parsed = parse_unit(unit, source, errors)?;
    let fits = matches!(
        (&parsed, kind),
        (_, Kind::Number)
            | (Unit::Yuan | Unit::WanYuan | Unit::YiYuan, Kind::Money)
            | (Unit::Percent, Kind::Ratio)
            | (Unit::Points, Kind::Score)
            | (Unit::Count(_), Kind::Count)
    );
    if fits {
        return Some(parsed);
    }
    let units = match kind {
        Kind::Money => "元、万元或亿元",
        Kind::Ratio => "%",
        Kind::Score => "分",
        Kind::Count => "个、次这样的量词",
        Kind::Number | Kind::Text => "无",
    };
    errors.push(
        RuleError::new("rules::unit-mismatch", format!("单位 `{}` 不能用于{}", unit.value, kind.label()))
            .at(source, span_of(unit))
            .help(format!("{}的单位：{units}", kind.label())),
    );
    None
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
                RuleError::new("rules::unknown-unit", format!("不认识的单位 `{}`", unit.value))
                    .at(source, span_of(unit))
                    .help("单位可以是 元、万元、亿元、%、分，或 个、次 这样的量词"),
            );
            return None;
        }
    })
}
