//! The raw mirror of a rule file: exactly what the YAML says, nothing
//! checked beyond its shape. `validate` turns it into the domain types of
//! `rules`; nothing downstream sees these structs.
//!
//! Every field that can be wrong in a way serde cannot see (an expression, a
//! fact name, a pattern) is `Spanned`, so that the validator can point at
//! it in the YAML file.
//!
//! build.rs compiles this file too, to store the embedded packs pre-parsed
//! (see `spanned.rs`); it uses nothing of the crate but `spanned`.
//!
//! The JSON Schema of a rule file (`rules::schema`, for editors) is derived
//! from these types by schemars, which reads the same serde attributes:
//! `deny_unknown_fields` is `additionalProperties: false`, an untagged enum
//! is `anyOf` its forms, a defaulted field is optional. Change a type and
//! the schema follows; nothing of it is written by hand.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::spanned::Spanned;

/// Parses one rule file. build.rs parses the embedded packs with this same
/// function, so both forms of a file agree.
pub fn parse(text: &str) -> Result<RawFile, serde_saphyr::Error> {
    // Comments are never read: their text is not kept.
    let options = serde_saphyr::options! { emit_comments: false };
    serde_saphyr::from_str_with_options::<Option<RawFile>>(text, options).map(Option::unwrap_or_default)
}

/// One YAML file of a pack folder. Every section is optional: a pack may
/// keep everything in `pack.yaml` or split facts and checks into files.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub pack: Option<RawPackHeader>,
    #[serde(default)]
    pub facts: BTreeMap<Key, RawFact>,
    #[serde(default)]
    pub collections: BTreeMap<Key, RawCollection>,
    #[serde(default)]
    pub constants: BTreeMap<Key, Spanned<Decimal>>,
    #[serde(default)]
    pub bands: BTreeMap<Key, Vec<RawBand>>,
    /// Table forms (项目支出绩效自评表): how their cells become facts and items.
    #[serde(default)]
    pub forms: BTreeMap<Key, RawForm>,
    /// The phrasings of the prose idioms every region writes with.
    pub idioms: Option<RawIdioms>,
    #[serde(default)]
    pub checks: Vec<RawCheck>,
    /// Check ids of inherited packs that this pack turns off.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPackHeader {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub extends: Vec<Spanned<String>>,
    /// Text that identifies a report this pack fits (a region's name).
    #[serde(default)]
    pub detect: Vec<String>,
    /// Words that make the figure after them negative (调减, 减少).
    #[serde(default)]
    pub sign_words: Vec<String>,
    /// Names of parts of a total (基本支出, 其中, 上级): a fact's synonym with
    /// one of them before it in its clause states that part, not the fact.
    #[serde(default)]
    pub part_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    pub label: Option<String>,
    pub kind: Option<Spanned<String>>,
    /// Read as written, without a rounding interval: a weight set by a
    /// score table, not a rounded measurement.
    pub exact: Option<bool>,
    /// Patterns replacing the inherited ones.
    pub patterns: Option<Vec<Spanned<RawPattern>>>,
    /// Patterns added to the inherited ones.
    #[serde(default)]
    pub add_patterns: Vec<Spanned<RawPattern>>,
    /// Other names of the figure (调整后预算数, 全年预算数): each, at a clause's
    /// start and followed by the figure, states it. Replace the inherited ones.
    pub synonyms: Option<Vec<String>>,
    /// Names added to the inherited ones.
    #[serde(default)]
    pub add_synonyms: Vec<String>,
    pub cells: Option<Vec<RawCell>>,
}

/// A pattern: the template text, optionally limited to sections whose
/// heading contains `within`. An untagged enum buffers its content and so
/// loses positions: the position is kept by the `Spanned` around it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged, expecting = "not a pattern: put a pattern in quotes when it starts with `{` or holds `: `")]
pub enum RawPattern {
    Plain(String),
    Scoped { pattern: String, within: Option<String> },
}

impl RawPattern {
    pub fn parts(&self) -> (&str, Option<&str>) {
        match self {
            RawPattern::Plain(pattern) => (pattern, None),
            RawPattern::Scoped { pattern, within } => (pattern, within.as_deref()),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCell {
    /// Text in one of the row's leading cells (`本级安排`).
    pub row: String,
    /// Text in the header cell of the column (`年初预算数`).
    pub column: String,
    /// The unit of a bare number in that cell (`万元`).
    pub unit: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCollection {
    pub label: Option<String>,
    /// Field name → kind (`weight: score`).
    #[serde(default)]
    pub fields: BTreeMap<Key, Spanned<String>>,
    /// Fields read as written, without a rounding interval (weights).
    #[serde(default)]
    pub exact: Vec<String>,
    /// Field name → what people call it (`weight: 权重分值`), for messages.
    #[serde(default)]
    pub labels: BTreeMap<Key, String>,
    pub blocks: Option<RawBlocks>,
    /// Items as sentences: every match of one of these patterns is an item.
    #[serde(default)]
    pub matches: Vec<Spanned<RawPattern>>,
    pub table: Option<RawTable>,
    /// Each item's parts (a category's indicators), with their fields' kinds.
    #[serde(default)]
    pub parts: BTreeMap<Key, Spanned<String>>,
}

/// The prose idioms: how a whole and its parts, a change over the year and
/// a count with its list are written. Each fills a collection.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIdioms {
    pub parts: Option<RawPartsIdiom>,
    pub changes: Option<RawChangeIdiom>,
    pub lists: Option<RawListIdiom>,
}

/// `X 万元。其中：A 万元，B 万元` and `X 万元（含 A 万元）`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPartsIdiom {
    pub collection: Spanned<String>,
    /// Words that open the parts after the whole (其中).
    pub after: Vec<String>,
    /// Words that open the parts in parentheses right after the whole (含).
    #[serde(default)]
    pub within: Vec<String>,
    /// Lists of part labels that make the whole complete: the parts then
    /// add up to it exactly.
    #[serde(default)]
    pub complete: Vec<Vec<String>>,
}

/// `比上年增加 A 万元，增长 B%`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawChangeIdiom {
    pub collection: Spanned<String>,
    /// What the change is against (比上年, 同比).
    pub since: Vec<String>,
    pub up: Vec<String>,
    pub down: Vec<String>,
}

/// `直属单位 10 个，即 A、B、……和 J`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawListIdiom {
    pub collection: Spanned<String>,
    /// Words between the count and the list (即, 分别为).
    pub openers: Vec<String>,
    /// Words joining the last two names (和, 及).
    pub and: Vec<String>,
    /// Words that say the list is not all of them (等).
    pub partial: Vec<String>,
}

/// A table form: blocks of columns under a header, each block's rows
/// mapped to facts or to the items of a collection.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawForm {
    pub title: String,
    /// The document that prescribes it (文号).
    pub basis: Option<String>,
    /// Words that tell this form from another with the same blocks, in the
    /// table or in the lines just before it (`部门（单位）名称`).
    #[serde(default)]
    pub names: Vec<String>,
    pub blocks: Vec<RawBlock>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBlock {
    pub id: Spanned<String>,
    pub title: Option<String>,
    /// The unit of bare amounts when the header names none (`万元`).
    pub unit: Option<Spanned<String>>,
    /// Columns in the form's own order, each with the labels its header
    /// cell may carry.
    pub columns: Vec<RawColumn>,
    /// `header` (default): columns in the order the table's header lists
    /// them; `form`: always in the order above (for two-row headers).
    pub order: Option<Spanned<String>>,
    #[serde(default)]
    pub header: RawHeader,
    /// Rows known by their label (年度资金总额, 合计).
    #[serde(default)]
    pub rows: Vec<RawRow>,
    /// Unlabelled rows, each an item of a collection (the indicators).
    pub items: Option<RawItems>,
    /// Labels that end the block (the next part of the form).
    #[serde(default)]
    pub ends: Vec<String>,
}

/// What makes a run of cells this block's header.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// Fewest columns it must name (3 by default).
    pub min: Option<usize>,
    /// Columns of which it must name at least one.
    #[serde(default)]
    pub needs: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawColumn {
    pub field: Spanned<String>,
    /// A fact kind, or `relation` (指标性质: ≥ ≤ =) or `unit` (度量单位).
    pub kind: Spanned<String>,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRow {
    pub labels: Vec<String>,
    /// Column field → the fact its cell states.
    #[serde(default)]
    pub facts: BTreeMap<Key, Spanned<String>>,
    /// Or: each such row is an item of this collection, named by its label.
    pub item: Option<Spanned<String>>,
    /// The columns such a row may fill (for `item`; `facts` rows fill their keys).
    #[serde(default)]
    pub fills: Vec<Spanned<String>>,
    /// Columns never left empty on a filled-in form (the 分值 of 年度资金总额).
    #[serde(default)]
    pub required: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawItems {
    pub collection: Spanned<String>,
    /// Columns every item has (the indicator's name and 分值).
    #[serde(default)]
    pub required: Vec<Spanned<String>>,
    /// Group columns, outermost first (一级指标, 二级指标), with the labels
    /// known to stand in them; a group's label is carried down to the rows
    /// below it.
    #[serde(default)]
    pub groups: Vec<RawGroup>,
    /// Group labels that state a share (`产出指标(50分)`) become items of this
    /// collection, with the rows under them as parts.
    pub shares: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub field: Spanned<String>,
    pub labels: Vec<String>,
}

/// Items as repeated blocks of prose: each starts where `start` matches and
/// runs to the next start or the end of its section.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBlocks {
    pub start: Spanned<String>,
    pub patterns: Vec<Spanned<RawPattern>>,
}

/// Items as rows of the table whose header row names every column.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    /// Field name → header text of its column.
    pub columns: BTreeMap<Key, String>,
    /// Field name → unit of bare numbers in that column.
    #[serde(default)]
    pub units: BTreeMap<Key, Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub min: Decimal,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    pub id: Spanned<String>,
    pub title: Option<String>,
    pub severity: Option<Spanned<String>>,
    /// The relation to verify, in the expression language.
    pub check: Option<Spanned<String>>,
    /// A structural check instead: headings the template requires, each
    /// written as alternatives (`基本概况|基本情况`).
    pub sections: Option<Vec<String>>,
    /// A structural check instead: heading numbering is unique, gapless and
    /// of one style per level.
    pub numbering: Option<bool>,
    /// A structural check instead: no figure carries two units (`24.46%万元`).
    pub units: Option<bool>,
    pub message: Option<Spanned<String>>,
    pub help: Option<Spanned<String>>,
    pub rationale: Option<String>,
    /// The legal basis (文号), e.g. 财预〔2020〕10号.
    pub basis: Option<String>,
    /// Absolute slack added to both sides, or the word `exact`.
    pub tolerance: Option<Spanned<String>>,
    pub examples: Option<RawExamples>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    #[serde(default)]
    pub pass: Vec<Spanned<String>>,
    #[serde(default)]
    pub fail: Vec<Spanned<String>>,
}

/// A map key that remembers where it was written. Ordered by its text, so
/// it can key a `BTreeMap`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Key(pub Spanned<String>);

impl Key {
    pub fn as_str(&self) -> &str {
        &self.0.value
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.0.value == other.0.value
    }
}

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.value.cmp(&other.0.value)
    }
}
