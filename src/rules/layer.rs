//! Rule files → packs layered over their parents.
//!
//! Reads each YAML file into its raw mirror, groups files by pack folder,
//! lets a pack on disk take the place of the embedded pack of the same id
//! (for every pack that extends it), orders packs so that parents come
//! first (a cycle or a missing parent is an error at the `extends` entry,
//! with the packs there are), and builds each pack's effective items:
//! the parents' items, then the pack's own on top. A fact is layered field
//! by field (a region can swap the patterns and keep the label); a check can
//! be overridden in part (only its severity, say) or disabled by id.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::PackSource;
use super::embedded::RuleFile;
use super::error::{RuleError, RuleSource};
use super::id::{self, what_name};
use super::raw::{self, RawBand, RawCheck, RawCollection, RawFact, RawFile, RawForm, RawIdioms, RawPackHeader};
use super::spanned::Spanned;
use super::suggest::{ask, did_you_mean};
use crate::span::Span;

/// An item together with the file and pack that wrote it. Every pack that
/// extends the writer holds it too: cloning shares the item.
#[derive(Debug)]
pub struct Layered<T> {
    pub pack: String,
    pub source: RuleSource,
    pub item: Arc<T>,
    /// The 1-based line of its key in `source` (0 where not kept).
    pub line: usize,
    /// The span of its key in `source` (empty where not kept).
    pub key: Span,
}

impl<T> Layered<T> {
    fn new(pack: &str, source: &RuleSource, item: T) -> Self {
        let (line, key) = (0, Span::default());
        Layered { pack: pack.to_string(), source: source.clone(), item: Arc::new(item), line, key }
    }

    /// Written under `key`.
    fn at(mut self, key: &raw::Key) -> Self {
        self.line = line_of(&key.0);
        self.key = span_of(&key.0);
        self
    }
}

impl<T> Clone for Layered<T> {
    fn clone(&self) -> Self {
        Layered {
            pack: self.pack.clone(),
            source: self.source.clone(),
            item: Arc::clone(&self.item),
            line: self.line,
            key: self.key,
        }
    }
}

/// A pack's items, each with the layers that shaped it (parent first).
#[derive(Debug, Clone, Default)]
pub struct LayeredPack {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub detect: Vec<String>,
    pub extends: Vec<String>,
    pub depth: usize,
    pub source: PackSource,
    pub sign_words: Vec<String>,
    pub part_words: Vec<String>,
    pub facts: BTreeMap<String, Vec<Layered<RawFact>>>,
    pub collections: BTreeMap<String, Layered<RawCollection>>,
    pub forms: BTreeMap<String, Layered<RawForm>>,
    /// Idiom phrasings, base first; a later layer replaces what it writes.
    pub idioms: Vec<Layered<RawIdioms>>,
    pub constants: BTreeMap<String, Layered<Spanned<rust_decimal::Decimal>>>,
    pub bands: BTreeMap<String, Layered<Vec<RawBand>>>,
    /// Checks in definition order, each with its layers.
    pub checks: Vec<(String, Vec<Layered<RawCheck>>)>,
}

/// The byte span of a spanned YAML value, when the parser knows it.
pub fn span_of<T>(value: &Spanned<T>) -> Span {
    Span::new(value.start, value.end)
}

/// The 1-based line of a spanned YAML value.
pub fn line_of<T>(value: &Spanned<T>) -> usize {
    value.line
}

#[derive(Default)]
struct PackFiles {
    header: Option<(RuleSource, RawPackHeader)>,
    files: Vec<(RuleSource, RawFile)>,
    /// A file of the folder did not parse: what it defines is missing.
    broken: bool,
}

/// The layered packs, the problems found so far, and the packs that miss
/// what a file that did not parse defines (theirs or an ancestor's).
pub struct Layering {
    pub packs: Vec<LayeredPack>,
    pub errors: Vec<RuleError>,
    pub incomplete: BTreeSet<String>,
}

/// Codes of the problems a file that did not parse can cause elsewhere: a
/// name it defines is then unknown. They are not reported for a pack that
/// misses a file, so that one YAML mistake shows as one diagnostic, next to
/// every other mistake of the folder.
pub const CAUSED_BY_A_MISSING_FILE: [&str; 10] = [
    "rules::unknown-fact",
    "rules::unknown-collection",
    "rules::unknown-field",
    "rules::unknown-function",
    "rules::unknown-placeholder",
    "rules::unknown-check",
    "rules::unknown-pack",
    "rules::collection-outside-aggregate",
    "rules::missing-kind",
    "rules::missing-check",
];

pub fn layer(files: Vec<RuleFile>) -> Layering {
    let mut errors = Vec::new();
    // Keyed by (on disk, folder): the embedded packs come first, so that a
    // pack on disk finds the embedded pack it replaces already there.
    let mut folders: BTreeMap<(bool, String), PackFiles> = BTreeMap::new();
    // Parsing YAML is most of the cost of loading a folder: files parse on
    // several threads. Each file is parsed and reported on its own.
    let parsed: Vec<Result<RawFile, Box<RuleError>>> = files.par_iter().map(parse_file).collect();
    for (RuleFile { folder, embedded, source, .. }, parsed) in files.into_iter().zip(parsed) {
        let entry = folders.entry((!embedded, folder)).or_default();
        let raw = match parsed {
            Ok(raw) => raw,
            Err(error) => {
                errors.push(*error);
                entry.broken = true;
                continue;
            }
        };
        let mut raw = raw;
        if let Some(header) = raw.pack.take() {
            if entry.header.is_some() {
                errors.push(
                    RuleError::new("rules::duplicate-pack", "一个规则包文件夹里有两处 `pack:` 包头")
                        .at(&source, span_of(&header.id)),
                );
            } else {
                entry.header = Some((source.clone(), header));
            }
        }
        entry.files.push((source, raw));
    }

    let mut headers: BTreeMap<String, (RuleSource, RawPackHeader)> = BTreeMap::new();
    let mut contents: BTreeMap<String, Vec<(RuleSource, RawFile)>> = BTreeMap::new();
    let mut sources: BTreeMap<String, PackSource> = BTreeMap::new();
    let mut incomplete = BTreeSet::new();
    // A pack.yaml that did not parse hides its pack's id: a pack that
    // extends an unknown id may extend that one.
    let mut lost_header = false;
    for ((on_disk, folder), pack) in folders {
        let Some((source, header)) = pack.header else {
            if pack.broken {
                lost_header = true;
                continue;
            }
            let source = pack.files.first().map(|(source, _)| source.clone());
            let mut error =
                RuleError::new("rules::missing-header", format!("规则包文件夹 `{folder}` 没有 `pack:` 包头"))
                    .help("请添加 pack.yaml，写明 `pack: {id: …, title: …}`");
            if let Some(source) = source {
                error = error.at(&source, Span::new(0, 0));
            }
            errors.push(error);
            continue;
        };
        let id = header.id.value.clone();
        if let Err(error) = id::validate("pack", &id, &source, span_of(&header.id)) {
            errors.push(*error);
            continue;
        }
        let replaces_embedded = headers.contains_key(&id) && on_disk && sources.get(&id) == Some(&PackSource::Embedded);
        if let Some((first, _)) = headers.get(&id).filter(|_| !replaces_embedded) {
            errors.push(
                RuleError::new("rules::duplicate-pack", format!("规则包 id `{id}` 已在 {} 中使用", first.name))
                    .at(&source, span_of(&header.id)),
            );
            continue;
        }
        let origin =
            if on_disk { PackSource::Folder { path: folder, replaces_embedded } } else { PackSource::Embedded };
        sources.insert(id.clone(), origin);
        if pack.broken {
            incomplete.insert(id.clone());
        } else {
            // A pack on disk that replaces a broken embedded one is whole.
            incomplete.remove(&id);
        }
        contents.insert(id.clone(), pack.files);
        headers.insert(id, (source, header));
    }

    let mut ordering = Vec::new();
    let order = order_packs(&headers, &mut ordering);
    errors.extend(ordering.into_iter().filter(|error| !(lost_header && error.code == "rules::unknown-pack")));
    let mut built: BTreeMap<String, LayeredPack> = BTreeMap::new();
    for id in order {
        let (Some((_, header)), Some(files)) = (headers.get(&id), contents.remove(&id)) else { continue };
        if header.extends.iter().any(|parent| incomplete.contains(&parent.value)) {
            incomplete.insert(id.clone());
        }
        let mut found = Vec::new();
        let mut pack = build(header, files, &built, &mut found);
        pack.source = sources.remove(&id).unwrap_or_default();
        let complete = !incomplete.contains(&id);
        errors.extend(found.into_iter().filter(|error| complete || !CAUSED_BY_A_MISSING_FILE.contains(&error.code)));
        built.insert(id, pack);
    }
    Layering { packs: built.into_values().collect(), errors, incomplete }
}

/// The stored form when there is one that decodes (it is made by this
/// build from the same text), else the YAML.
fn parse_file(file: &RuleFile) -> Result<RawFile, Box<RuleError>> {
    if let Some(raw) = file.stored.and_then(|bytes| rmp_serde::from_slice::<RawFile>(bytes).ok()) {
        return Ok(raw);
    }
    raw::parse(&file.source.text).map_err(|error| Box::new(super::yaml::diagnostic(&error, &file.source)))
}

/// How many packs deep an `extends` chain may go (national → province →
/// city → county is 4). The walk below recurses once a level, so a chain of
/// 20,000 packs overflowed the stack; a deeper chain is reported instead.
pub const MAX_EXTENDS_DEPTH: usize = 64;

/// Parents before children; a cycle, an unknown parent or a chain deeper
/// than [`MAX_EXTENDS_DEPTH`] is reported at the offending `extends` entry
/// and the pack is dropped.
fn order_packs(headers: &BTreeMap<String, (RuleSource, RawPackHeader)>, errors: &mut Vec<RuleError>) -> Vec<String> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        /// Ordered; the packs of its longest `extends` chain, itself included.
        Done(usize),
        Broken,
    }
    /// The pack's chain length when it and its parents are fine. The walk
    /// recurses once a level, never deeper than [`MAX_EXTENDS_DEPTH`].
    fn visit(
        id: &str,
        depth: usize,
        headers: &BTreeMap<String, (RuleSource, RawPackHeader)>,
        marks: &mut BTreeMap<String, Mark>,
        order: &mut Vec<String>,
        errors: &mut Vec<RuleError>,
    ) -> Option<usize> {
        match marks.get(id) {
            Some(Mark::Done(levels)) => return Some(*levels),
            Some(Mark::Broken | Mark::Visiting) => return None,
            None => {}
        }
        let (source, header) = headers.get(id)?;
        marks.insert(id.to_string(), Mark::Visiting);
        let mut levels = Some(1usize);
        for parent in &header.extends {
            let name = parent.value.as_str();
            let reached = if !headers.contains_key(name) {
                errors.push(
                    RuleError::new("rules::unknown-pack", format!("`extends` 写的规则包 `{name}` 不存在"))
                        .at(source, span_of(parent))
                        .label("没有这个标识的规则包")
                        .help(unknown_pack_help(name, headers)),
                );
                None
            } else if marks.get(name) == Some(&Mark::Visiting) {
                errors.push(
                    RuleError::new(
                        "rules::extends-cycle",
                        format!("`extends` 形成了循环：`{id}` → `{name}` → … → `{id}`"),
                    )
                    .at(source, span_of(parent))
                    .label("循环在此闭合")
                    .help("规则包只能继承不反过来继承它的规则包"),
                );
                None
            } else {
                let below = match marks.get(name) {
                    Some(Mark::Done(levels)) => Some(*levels),
                    _ if depth.saturating_add(1) >= MAX_EXTENDS_DEPTH => Some(MAX_EXTENDS_DEPTH),
                    _ => visit(name, depth.saturating_add(1), headers, marks, order, errors),
                };
                match below {
                    Some(below) if below >= MAX_EXTENDS_DEPTH => {
                        errors.push(
                            RuleError::new(
                                "rules::extends-too-deep",
                                format!("从这里起 `extends` 的继承链超过 {MAX_EXTENDS_DEPTH} 层"),
                            )
                            .at(source, span_of(parent))
                            .label("继承链从这里起过深"),
                        );
                        None
                    }
                    below => below,
                }
            };
            levels = levels.zip(reached).map(|(levels, below)| levels.max(below.saturating_add(1)));
        }
        marks.insert(id.to_string(), levels.map_or(Mark::Broken, Mark::Done));
        if levels.is_some() {
            order.push(id.to_string());
        }
        levels
    }
    let mut marks = BTreeMap::new();
    let mut order = Vec::new();
    for id in headers.keys() {
        visit(id, 0, headers, &mut marks, &mut order, errors);
    }
    order
}

/// How many pack ids the help of an unknown `extends` lists.
const PACKS_LISTED: usize = 12;

/// What to do about an `extends` that names no pack: the likely typo, the
/// packs there are, and how to add the folder that holds the one meant.
/// Before `--rules` added packs, a new region copied `national` beside its
/// pack because nothing said where the parent was to come from.
fn unknown_pack_help(name: &str, headers: &BTreeMap<String, (RuleSource, RawPackHeader)>) -> String {
    let known = headers.keys().map(String::as_str);
    let mut help = match did_you_mean(name, known.clone()) {
        Some(suggestion) => format!("您是否想写 `{suggestion}`？"),
        None => String::new(),
    };
    let listed: Vec<&str> = known.take(PACKS_LISTED).collect();
    let more = if headers.len() > PACKS_LISTED { format!(" 等 {} 个", headers.len()) } else { String::new() };
    help.push_str(&format!(
        "已有的规则包：{}{more}。别的文件夹里的规则包用 --rules 文件夹 加入（可写多次），\
         或写进 reportlint.toml 的 [rules] folders",
        listed.join("、")
    ));
    help
}

fn build(
    header: &RawPackHeader,
    files: Vec<(RuleSource, RawFile)>,
    built: &BTreeMap<String, LayeredPack>,
    errors: &mut Vec<RuleError>,
) -> LayeredPack {
    let id = header.id.value.clone();
    let mut pack = LayeredPack::default();
    let mut inherited = Inherited::default();
    for parent in &header.extends {
        if let Some(parent) = built.get(&parent.value) {
            inherited.add(&mut pack, parent);
            pack.depth = pack.depth.max(parent.depth.saturating_add(1));
        }
    }
    pack.id = id.clone();
    pack.title = header.title.clone();
    pack.description = header.description.clone();
    pack.detect = header.detect.clone();
    pack.extends = header.extends.iter().map(|parent| parent.value.clone()).collect();
    if !header.sign_words.is_empty() {
        pack.sign_words = header.sign_words.clone();
    }
    if !header.part_words.is_empty() {
        pack.part_words = header.part_words.clone();
    }

    let mut own_checks: BTreeMap<String, (RuleSource, Span)> = BTreeMap::new();
    let mut own_facts: BTreeMap<String, (RuleSource, Span)> = BTreeMap::new();
    let mut own_items: BTreeMap<(&'static str, String), RuleSource> = BTreeMap::new();
    for (source, file) in files {
        for (name, fact) in file.facts {
            if let Err(error) = id::validate("fact", name.as_str(), &source, span_of(&name.0)) {
                errors.push(*error);
                continue;
            }
            if let Some(duplicate) = own_facts.insert(name.as_str().to_string(), (source.clone(), span_of(&name.0))) {
                errors.push(duplicate_error("fact", name.as_str(), &source, span_of(&name.0), &duplicate.0));
            }
            pack.facts.entry(name.as_str().to_string()).or_default().push(Layered::new(&id, &source, fact).at(&name));
        }
        // One pack defines each name once, whichever of its files it is in;
        // a second definition would silently win by file order.
        let mut once = |what: &'static str, name: &super::raw::Key| {
            let span = span_of(&name.0);
            if let Err(error) = id::validate(what, name.as_str(), &source, span) {
                errors.push(*error);
                return false;
            }
            match own_items.insert((what, name.as_str().to_string()), source.clone()) {
                Some(first) => {
                    errors.push(duplicate_error(what, name.as_str(), &source, span, &first));
                    false
                }
                None => true,
            }
        };
        for (name, collection) in file.collections {
            if once("collection", &name) {
                pack.collections.insert(name.as_str().to_string(), Layered::new(&id, &source, collection).at(&name));
            }
        }
        if let Some(idioms) = file.idioms {
            pack.idioms.push(Layered::new(&id, &source, idioms));
        }
        for (name, form) in file.forms {
            if once("form", &name) {
                pack.forms.insert(name.as_str().to_string(), Layered::new(&id, &source, form).at(&name));
            }
        }
        for (name, value) in file.constants {
            if once("constant", &name) {
                pack.constants.insert(name.as_str().to_string(), Layered::new(&id, &source, value).at(&name));
            }
        }
        for (name, bands) in file.bands {
            if once("band table", &name) {
                pack.bands.insert(name.as_str().to_string(), Layered::new(&id, &source, bands).at(&name));
            }
        }
        for check in file.checks {
            let check_id = check.id.value.clone();
            if let Err(error) = id::validate("check", &check_id, &source, span_of(&check.id)) {
                errors.push(*error);
                continue;
            }
            if let Some(duplicate) = own_checks.insert(check_id.clone(), (source.clone(), span_of(&check.id))) {
                errors.push(duplicate_error("check", &check_id, &source, span_of(&check.id), &duplicate.0));
                continue;
            }
            match pack.checks.iter_mut().find(|(existing, _)| *existing == check_id) {
                Some((_, layers)) => layers.push(Layered::new(&id, &source, check)),
                None => pack.checks.push((check_id, vec![Layered::new(&id, &source, check)])),
            }
        }
        for disabled in &file.disable {
            let before = pack.checks.len();
            pack.checks.retain(|(existing, _)| *existing != disabled.value);
            if pack.checks.len() == before {
                let mut error =
                    RuleError::new("rules::unknown-check", format!("`disable` 写的检查 `{}` 不存在", disabled.value))
                        .at(&source, span_of(disabled));
                if let Some(suggestion) = did_you_mean(&disabled.value, pack.checks.iter().map(|(id, _)| id.as_str())) {
                    error = error.help(ask(suggestion));
                }
                errors.push(error);
            }
        }
    }
    pack
}

/// What a pack has taken from its parents so far. In a diamond (a pack
/// extending two packs that share an ancestor) the ancestor's layers reach
/// the pack through both parents; each is taken once, where it first comes,
/// so the shared base still lies under both parents' layers. Layering it
/// twice would double the layers at every level of diamonds: 28 packs each
/// extending the two before took 20 s and 7.8 GB (issue 11).
#[derive(Default)]
struct Inherited {
    /// The items taken, by address: a layer's item is shared (an `Arc`)
    /// by every pack that holds the layer, so its address names it.
    layers: HashSet<usize>,
    /// Where each inherited check stands in `pack.checks`.
    checks: HashMap<String, usize>,
}

impl Inherited {
    fn add(&mut self, pack: &mut LayeredPack, parent: &LayeredPack) {
        for (name, layers) in &parent.facts {
            let held = pack.facts.entry(name.clone()).or_default();
            self.merge(held, layers);
        }
        pack.collections.extend(parent.collections.iter().map(|(name, item)| (name.clone(), item.clone())));
        pack.forms.extend(parent.forms.iter().map(|(name, item)| (name.clone(), item.clone())));
        self.merge(&mut pack.idioms, &parent.idioms);
        pack.constants.extend(parent.constants.iter().map(|(name, item)| (name.clone(), item.clone())));
        pack.bands.extend(parent.bands.iter().map(|(name, item)| (name.clone(), item.clone())));
        for (id, layers) in &parent.checks {
            match self.checks.get(id).and_then(|&at| pack.checks.get_mut(at)) {
                Some((_, held)) => self.merge(held, layers),
                None => {
                    self.checks.insert(id.clone(), pack.checks.len());
                    let mut held = Vec::new();
                    self.merge(&mut held, layers);
                    pack.checks.push((id.clone(), held));
                }
            }
        }
        if pack.sign_words.is_empty() {
            pack.sign_words = parent.sign_words.clone();
        }
        if pack.part_words.is_empty() {
            pack.part_words = parent.part_words.clone();
        }
    }

    /// Appends the layers of `from` not taken yet, in their order.
    fn merge<T>(&mut self, to: &mut Vec<Layered<T>>, from: &[Layered<T>]) {
        for layer in from {
            // The address is only compared, never dereferenced.
            if self.layers.insert(Arc::as_ptr(&layer.item) as *const () as usize) {
                to.push(layer.clone());
            }
        }
    }
}

fn duplicate_error(what: &str, name: &str, source: &RuleSource, span: Span, first: &RuleSource) -> RuleError {
    RuleError::new("rules::duplicate-id", format!("{} `{name}` 在本规则包中定义了两次", what_name(what)))
        .at(source, span)
        .label("第二处定义")
        .help(format!("第一处在 {}；请改名其中一个，或在继承本规则包的规则包中覆盖它", first.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "pack:\n  id: tiny\n  title: 小\n";

    fn file(text: &str, stored: Option<&'static [u8]>) -> RuleFile {
        let source = RuleSource { name: "tiny/pack.yaml".into(), text: Arc::new(text.into()) };
        RuleFile { folder: "tiny".into(), embedded: false, source, stored }
    }

    fn pack(id: &str, extends: &str, rest: &str) -> RuleFile {
        let text = format!("pack:\n  id: {id}\n  title: 包\n  extends: [{extends}]\n{rest}");
        let source = RuleSource { name: format!("{id}/pack.yaml"), text: Arc::new(text) };
        RuleFile { folder: id.into(), embedded: false, source, stored: None }
    }

    #[test]
    fn a_diamond_takes_the_shared_base_once_and_both_sides() {
        let fact = "facts:\n  budget.x:\n    add_patterns: ['预算{budget.x}']\n";
        let packs = layer(vec![
            pack("a", "", "checks:\n  - id: x\n    title: 甲\n    check: 1 = 1\n    message: 甲\n"),
            pack("b", "a", fact),
            pack("c", "a", &format!("{fact}checks:\n  - id: x\n    severity: warning\n")),
            pack("d", "b, c", ""),
        ]);
        assert!(packs.errors.is_empty(), "{:?}", packs.errors);
        let packs = packs.packs;
        let d = packs.iter().find(|pack| pack.id == "d").unwrap();
        let facts: Vec<&str> = d.facts["budget.x"].iter().map(|layer| layer.pack.as_str()).collect();
        assert_eq!(facts, ["b", "c"]);
        // c's override of a's check reaches d, though b came first.
        let checks: Vec<&str> = d.checks[0].1.iter().map(|layer| layer.pack.as_str()).collect();
        assert_eq!(checks, ["a", "c"]);
    }

    #[test]
    fn a_control_character_in_a_pack_id_is_refused() {
        let errors = layer(vec![pack("\"a\\e[2J\"", "", "")]).errors;
        assert_eq!(errors[0].code, "rules::bad-id");
        assert!(!errors[0].message.contains('\u{1b}'), "{}", errors[0].message);
    }

    #[test]
    fn a_yaml_mistake_is_told_in_one_sentence_without_its_position() {
        let error = parse_file(&file("pack:\n  id: a\n  id: b\n", None)).unwrap_err();
        assert_eq!(error.message, "键 `id` 写了两次");
        assert!(error.location.is_some());
    }

    #[test]
    fn a_stored_form_that_does_not_decode_falls_back_to_the_yaml() {
        let raw = parse_file(&file(TINY, Some(b"\xff not messagepack"))).unwrap();
        let id = raw.pack.unwrap().id;
        assert_eq!((id.value.as_str(), id.line, id.start, id.end), ("tiny", 2, 12, 16));
    }

    #[test]
    fn the_stored_form_is_read_when_it_decodes() {
        let mut raw = raw::parse(TINY).unwrap();
        if let Some(header) = &mut raw.pack {
            header.title = "stored".into();
        }
        let stored: &'static [u8] = Vec::leak(rmp_serde::to_vec(&raw).unwrap());
        assert_eq!(parse_file(&file(TINY, Some(stored))).unwrap().pack.unwrap().title, "stored");
    }
}
