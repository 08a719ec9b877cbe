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
pub mod label;
mod layer;
mod literals;
mod memo;
mod pattern;
mod raw;
mod select;
mod spanned;
mod suggest;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use rust_decimal::Decimal;

use embedded::RuleFile;

use crate::expr::Expr;
use crate::finding::Severity;
use crate::report::Unit;

pub use error::{RuleError, RuleErrors, RuleSource};
pub use function::Function;
pub use literals::{Literals, Occurrences};
pub use pattern::{
    Capture, LazyRegex, MAX_PIECES, MAX_TEMPLATE_BYTES, Pattern, PatternError, compile as compile_pattern,
};
pub use select::Selection;

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
    /// The automaton over the literals of all its patterns and idioms,
    /// built on first use ([`Pack::literals`]).
    literals: OnceLock<Literals>,
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

/// Loads packs from `(pack folder name, file name, text)` triples.
pub fn load_files(files: Vec<(String, RuleSource)>) -> Result<RuleSet, RuleErrors> {
    load_rule_files(files.into_iter().map(|(folder, source)| RuleFile { folder, source, stored: None }).collect())
}

/// Every way of loading ends here: YAML (or its stored form) → layered
/// packs → compiled packs.
fn load_rule_files(files: Vec<RuleFile>) -> Result<RuleSet, RuleErrors> {
    compile::compile(layer::layer(files)?)
}

impl RuleSet {
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.get(id)
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
