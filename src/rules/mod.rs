//! rules: YAML rule packs → [`RuleSet`].
//!
//! A pack is a folder of YAML files (`pack.yaml` names it; other files hold
//! facts, collections, constants, bands and checks). Packs `extends` other
//! packs; the effective pack layers a child over its parents, item by item.
//! Loading validates everything: YAML shape, every expression parsed, every
//! name resolved (with "did you mean"), function arity, message
//! placeholders, duplicate ids, extends cycles. Problems come back as
//! [`RuleError`]s pointing at the spot in the YAML; nothing downstream ever
//! sees raw YAML.
//!
//! The embedded packs are always there for the command line: folders on
//! disk add packs to them ([`load_with_embedded`]), and a pack on disk with
//! the id of an embedded pack takes its place for every pack that extends
//! it ([`Pack::source`] says so). [`schema`] is the JSON Schema of a rule
//! file, derived from the raw mirror that reads it, for editors.
//!
//! Loading is the start-up cost of every run, so it is kept to a few
//! milliseconds: the embedded packs are parsed at build time and stored with
//! their positions (`spanned.rs`, build.rs), files parse and packs compile on
//! rayon's threads (the global pool, or the pool the caller runs in), and a
//! base pack's expressions and patterns are parsed once for every pack built
//! on it (`memo.rs`).

mod check;
mod compile;
mod compile_form;
mod embedded;
mod error;
pub mod form;
mod function;
mod id;
pub mod idiom;
mod kinds;
pub mod label;
mod layer;
mod literals;
mod memo;
mod pattern;
mod raw;
mod scope;
mod select;
mod spanned;
mod suggest;
mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rust_decimal::Decimal;

use embedded::RuleFile;

use crate::expr::Expr;
use crate::finding::Severity;
use crate::report::Unit;

pub use error::{RuleError, RuleErrors, RuleSource};
pub use function::Function;
pub use id::is_valid as is_valid_id;
pub use literals::{Literals, Occurrences};
pub use pattern::{
    Capture, LazyRegex, MAX_PIECES, MAX_TEMPLATE_BYTES, Pattern, PatternError, compile as compile_pattern,
};
pub use select::Selection;
pub use suggest::did_you_mean;

/// Every effective pack of a rule folder, ready to run.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub packs: BTreeMap<String, Pack>,
}

/// A pack with everything it inherits already layered in.
#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    /// Texts that identify a report this pack fits.
    pub detect: Vec<String>,
    /// Parent packs, as written.
    pub extends: Vec<String>,
    /// Number of ancestors: a deeper pack is more specific.
    pub depth: usize,
    /// Built in, or from a folder on disk.
    pub source: PackSource,
    pub sign_words: Vec<String>,
    /// Names of parts of a total (see [`Fact::patterns`] from synonyms).
    pub part_words: Vec<String>,
    pub facts: BTreeMap<String, Fact>,
    pub collections: BTreeMap<String, Collection>,
    pub forms: BTreeMap<String, form::Form>,
    pub idioms: idiom::Idioms,
    pub constants: BTreeMap<String, Decimal>,
    pub bands: BTreeMap<String, Vec<Band>>,
    pub checks: Vec<Check>,
    /// What this pack itself writes that a check inherited from a parent may
    /// read: the facts whose patterns, synonyms, cells or kind it sets, its
    /// collections, forms, constants and band tables, and what its forms and
    /// idioms fill; each with the place it is written. An inherited check
    /// that reads one of them is tested again against this pack.
    pub replaced: BTreeMap<String, (RuleSource, crate::span::Span)>,
    /// The automaton over the literals of all its patterns and idioms,
    /// built on first use ([`Pack::literals`]).
    literals: OnceLock<Literals>,
}

/// Where a pack comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PackSource {
    /// Compiled into the binary (the repository's `rules/`).
    #[default]
    Embedded,
    /// A pack folder on disk.
    Folder {
        /// The folder, as it was named.
        path: String,
        /// It has the id of an embedded pack and took that pack's place,
        /// for every pack that extends it too.
        replaces_embedded: bool,
    },
}

/// What a figure measures; decides how it is captured and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Money,
    Ratio,
    Score,
    Count,
    Number,
    Text,
}

impl Kind {
    pub const NAMES: [&'static str; 6] = ["money", "ratio", "score", "count", "number", "text"];

    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "money" => Kind::Money,
            "ratio" => Kind::Ratio,
            "score" => Kind::Score,
            "count" => Kind::Count,
            "number" => Kind::Number,
            "text" => Kind::Text,
            _ => return None,
        })
    }

    /// The name a rule file uses for it: `money`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Money => "money",
            Kind::Ratio => "ratio",
            Kind::Score => "score",
            Kind::Count => "count",
            Kind::Number => "number",
            Kind::Text => "text",
        }
    }

    /// What people call it, in messages: 金额, 比率 (the guide's words).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Money => "金额",
            Kind::Ratio => "比率",
            Kind::Score => "分数",
            Kind::Count => "个数",
            Kind::Number => "数值",
            Kind::Text => "文字",
        }
    }

    pub fn capture(self) -> Capture {
        match self {
            Kind::Text => Capture::Text,
            _ => Capture::Figure,
        }
    }
}

/// Where an item was defined, for `explain` and `rules show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub pack: String,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub name: String,
    pub label: String,
    pub kind: Kind,
    /// Figures of this fact are exact as written (a weight, not a
    /// rounded measurement).
    pub exact: bool,
    pub patterns: Vec<Pattern>,
    pub cells: Vec<CellSource>,
    /// Where it was first declared.
    pub origin: Origin,
    /// Every layer that shaped it, base first (for `rules show`).
    pub layers: Vec<Origin>,
}

/// A fact read from a table: the cell in the row labelled `row` under the
/// header `column`.
#[derive(Debug, Clone)]
pub struct CellSource {
    pub row: String,
    pub column: String,
    /// Unit of a bare number in that cell.
    pub unit: Option<Unit>,
}

/// Repeated items: the indicators of a score table, the projects of a list.
#[derive(Debug, Clone)]
pub struct Collection {
    pub name: String,
    pub label: String,
    pub fields: BTreeMap<String, Kind>,
    /// Fields whose figures are exact as written.
    pub exact: Vec<String>,
    /// Field name → its name in messages; every field has one.
    pub labels: BTreeMap<String, String>,
    pub blocks: Option<Blocks>,
    /// Every match of one of these patterns is an item.
    pub matches: Vec<Pattern>,
    pub table: Option<TableSource>,
    /// The fields of each item's parts (a category's indicators), if items
    /// have parts.
    pub parts: BTreeMap<String, Kind>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Blocks {
    pub start: Pattern,
    /// Patterns whose placeholders are field names.
    pub patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
pub struct TableSource {
    /// (field, header text) in the order written.
    pub columns: Vec<(String, String)>,
    pub units: BTreeMap<String, Unit>,
}

/// One band of a band table: scores of at least `min` get `label`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub min: Decimal,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tolerance {
    /// Written figures stand for their rounding intervals (the default).
    Rounding,
    /// Written figures are exact.
    Exact,
    /// Rounding intervals, widened by this absolute slack.
    Slack(Decimal),
}

/// What a check verifies.
#[derive(Debug, Clone)]
pub enum Body {
    /// A relation between figures.
    Expression(std::sync::Arc<Expr>),
    /// Headings the template requires; each entry lists alternatives.
    Sections(Vec<Vec<String>>),
    /// Heading numbering: no duplicates, gaps, restarts or style switches.
    Numbering,
    /// No figure written with two units (`24.46%万元`).
    Units,
}

#[derive(Debug, Clone)]
pub struct Check {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub body: Body,
    /// What it verifies as written: the expression, or a description of a
    /// structural check.
    pub expression: String,
    pub message: Option<String>,
    pub help: Option<String>,
    pub rationale: Option<String>,
    pub basis: Option<String>,
    pub tolerance: Tolerance,
    pub examples: Examples,
    /// The layer that set what it verifies.
    pub origin: Origin,
    /// Every layer that shaped it, base first (an override of only the
    /// severity is a layer too).
    pub layers: Vec<Origin>,
}

/// Report snippets that must pass and must fail the check.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    pub pass: Vec<Example>,
    pub fail: Vec<Example>,
}

#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub line: usize,
    /// The rule file and the example's place in it, for diagnostics.
    pub source: RuleSource,
    pub span: crate::span::Span,
}

/// Loads every pack under `folder`: the folder itself when it holds a
/// `pack.yaml`, else each subfolder that does.
pub fn load(folder: &Path) -> Result<RuleSet, RuleErrors> {
    load_rule_files(embedded::read_folder(folder).map_err(|error| RuleErrors(vec![*error]))?)
}

/// Loads the packs shipped inside the binary (the repository's `rules/`).
pub fn load_embedded() -> Result<RuleSet, RuleErrors> {
    load_rule_files(embedded::files())
}

/// Loads the embedded packs and adds the packs of each folder (a pack
/// folder or a folder of packs, as for [`load`]). A pack of a folder may
/// extend an embedded pack without copying it; one with the id of an
/// embedded pack replaces it, for every pack that extends it too. Two
/// packs on disk with one id are an error, as within one folder.
pub fn load_with_embedded(folders: &[PathBuf]) -> Result<RuleSet, RuleErrors> {
    let mut files = embedded::files();
    let mut errors = Vec::new();
    for folder in folders {
        match embedded::read_folder(folder) {
            Ok(read) => files.extend(read),
            Err(error) => errors.push(*error),
        }
    }
    if !errors.is_empty() {
        return Err(RuleErrors(errors));
    }
    load_rule_files(files)
}

/// The JSON Schema (draft 7, which editors' YAML support reads) of one
/// rule file, derived from the types that read it: what the schema accepts
/// is what loading parses, field for field. The types' doc comments are
/// notes for programmers, in English, not help for a rule author: they are
/// left out.
pub fn schema() -> serde_json::Value {
    let no_notes = schemars::transform::RecursiveTransform(|schema: &mut schemars::Schema| {
        schema.remove("description");
    });
    let generator = schemars::generate::SchemaSettings::draft07().with_transform(no_notes).into_generator();
    // `raw::parse` reads an `Option`: an empty file (or one of comments) is
    // a rule file that says nothing.
    let mut schema = generator.into_root_schema_for::<Option<raw::RawFile>>();
    schema.insert("title".into(), "reportlint 规则文件".into());
    schema.insert(
        "description".into(),
        "规则包文件夹中的一个 YAML 文件：pack、facts、collections、constants、bands、forms、idioms、checks、disable 各段均可选。"
            .into(),
    );
    schema.to_value()
}

/// Loads packs from `(pack folder name, file name, text)` triples.
pub fn load_files(files: Vec<(String, RuleSource)>) -> Result<RuleSet, RuleErrors> {
    load_rule_files(
        files.into_iter().map(|(folder, source)| RuleFile { folder, embedded: false, source, stored: None }).collect(),
    )
}

/// Every way of loading ends here: YAML (or its stored form) → layered
/// packs → compiled packs. A file that does not parse, or a pack that does
/// not layer, does not stop the others from being compiled: every mistake of
/// a folder is reported at once.
fn load_rule_files(files: Vec<RuleFile>) -> Result<RuleSet, RuleErrors> {
    let layering = layer::layer(files);
    let compiled = compile::compile(layering.packs, &layering.incomplete);
    match (layering.errors, compiled) {
        (errors, Ok(rules)) if errors.is_empty() => Ok(rules),
        (errors, Ok(_)) => Err(RuleErrors(errors)),
        (mut errors, Err(RuleErrors(more))) => {
            errors.extend(more);
            Err(RuleErrors(errors))
        }
    }
}

impl RuleSet {
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.get(id)
    }

    /// The check `id` as `reportlint explain` shows it: in the pack `pack`
    /// when one is named, else in the first pack (by id) that has it; where
    /// that pack both defines and inherits a check of this id, the one it
    /// defines. None when no pack considered has it (or `pack` is unknown).
    pub fn find_check(&self, id: &str, pack: Option<&str>) -> Option<&Check> {
        self.packs.values().filter(|candidate| pack.is_none_or(|chosen| chosen == candidate.id)).find_map(|candidate| {
            candidate.check(id).filter(|check| check.origin.pack == candidate.id).or_else(|| candidate.check(id))
        })
    }
}

impl Collection {
    /// What people call a field: `权重`, `得分`.
    pub fn field_label<'a>(&'a self, field: &'a str) -> &'a str {
        self.labels.get(field).map_or(field, String::as_str)
    }
}

impl Pack {
    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|check| check.id == id)
    }

    /// The literals of all its patterns and the words of its idioms in one
    /// automaton, which finds them in one pass over a report. Built on first
    /// use, like the patterns' regexes: loading stays fast, and a run builds
    /// only the automata of the packs it uses.
    pub fn literals(&self) -> &Literals {
        self.literals.get_or_init(|| {
            let patterns = self.patterns().flat_map(|pattern| pattern.literals.iter().cloned());
            Literals::new(patterns.chain(self.idioms.words()))
        })
    }

    /// Every pattern of its facts and collections.
    pub fn patterns(&self) -> impl Iterator<Item = &Pattern> {
        let facts = self.facts.values().flat_map(|fact| &fact.patterns);
        let collections = self.collections.values().flat_map(|collection| {
            let blocks =
                collection.blocks.iter().flat_map(|blocks| std::iter::once(&blocks.start).chain(&blocks.patterns));
            blocks.chain(&collection.matches)
        });
        facts.chain(collections)
    }
}
