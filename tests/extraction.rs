//! What the engine reads from the consistent fixtures, as reviewed snapshots.
//!
//! Input: `tests/fixtures/*.txt` with the pack of their template. Output: a
//! compact JSON of every fact mention (value as written, unit, line, column,
//! the original text of the span) and every collection item, snapshotted
//! with insta, so that a figure no longer read — or read from the wrong
//! place — shows up as a snapshot diff.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::OnceLock;

use reportlint::extract::{self, Facts, Mention, Value};
use reportlint::report::{self, Unit};
use reportlint::rules::{self, RuleSet};
use reportlint::source;
use reportlint::span::LineIndex;
use serde_json::{Map, Value as Json, json};

#[test]
fn consistent_karamay_facts() {
    insta::assert_json_snapshot!(facts_as_json("tests/fixtures/consistent-karamay.txt", "xinjiang-karamay"));
}

#[test]
fn consistent_urumqi_facts() {
    insta::assert_json_snapshot!(facts_as_json("tests/fixtures/consistent-urumqi.txt", "xinjiang-urumqi"));
}

/// Every figure broken across a page break (see tests/fixtures/README.md)
/// is read whole, with its unit and written decimals.
#[test]
fn page_breaks_figures_are_read_across_breaks() {
    let json = facts_as_json("tests/fixtures/page-breaks.txt", "xinjiang-karamay");
    let first = |fact: &str| {
        let mention = &json["facts"][fact][0];
        format!("{}{}", mention["value"].as_str().unwrap_or("—"), mention["unit"].as_str().unwrap_or(""))
    };
    let read: Vec<(&str, String)> = [
        "budget.initial.other",
        "budget.execution_rate",
        "basic.adjusted",
        "project.adjusted",
        "project.execution_rate",
        "project.spent.central",
    ]
    .into_iter()
    .map(|fact| (fact, first(fact)))
    .collect();
    let expected = [
        ("budget.initial.other", "12.3万元"),
        ("budget.execution_rate", "97.36%"),
        ("basic.adjusted", "332.08万元"),
        ("project.adjusted", "118.46万元"),
        ("project.execution_rate", "94.12%"),
        ("project.spent.central", "0万元"),
    ];
    assert_eq!(read, expected.map(|(fact, value)| (fact, value.to_string())));
}

/// README's claim about how far a match reaches: never past a paragraph
/// (nor a table row), but a paragraph's lines are joined first, across
/// blank lines too when a line does not end a sentence (a label alone on
/// its line, its figure after a page break) — so one match may cover
/// several lines of the file.
#[test]
fn a_match_reaches_across_the_lines_of_one_paragraph_and_no_further() {
    let rate = |text: &str| -> Option<String> {
        let document = source::decode("段落.txt", text.as_bytes(), source::Format::Text).unwrap();
        let facts = extract::extract(rule_set().pack("national").unwrap(), &report::parse(&document));
        let mention = facts.values.get("budget.execution_rate")?.first()?;
        document.text.get(mention.span.start..mention.span.end).map(str::to_string)
    };
    assert_eq!(rate("一、概况\n预算执行率\n\n\n\n95.00%\n").as_deref(), Some("95.00%"), "label and figure lines apart");
    assert_eq!(rate("一、概况\n预算执行率较高。\n\n95.00%\n"), None, "a sentence ended: a new paragraph");
    assert_eq!(rate("一、概况\n预算执行率\n二、其他\n95.00%\n"), None, "a heading ends the paragraph");
}

// ── helpers ────────────────────────────────────────────────────────────────

/// The embedded packs, loaded once for all tests of this file.
fn rule_set() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| rules::load_embedded().unwrap())
}

/// `{ pack, facts: { name: [mention…] }, collections: { name: [{ field: mention }…] } }`.
fn facts_as_json(relative: &str, pack: &str) -> Json {
    let pack = rule_set().pack(pack).unwrap();
    let document = source::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap();
    let Facts { values, collections, .. } = extract::extract(pack, &report::parse(&document));
    let text = &document.text;
    let index = LineIndex::new(text);
    let mention = |mention: &Mention| mention_json(mention, text, &index);
    let facts: Map<String, Json> =
        values.iter().map(|(name, mentions)| (name.clone(), mentions.iter().map(mention).collect())).collect();
    let collections: Map<String, Json> = collections
        .iter()
        .map(|(name, items)| {
            let items = items
                .iter()
                .map(|item| item.fields.iter().map(|(field, found)| (field.clone(), mention(found))).collect())
                .collect();
            (name.clone(), Json::Array(items))
        })
        .collect();
    json!({ "pack": pack.id, "facts": facts, "collections": collections })
}

fn mention_json(mention: &Mention, text: &str, index: &LineIndex) -> Json {
    let position = index.position(text, mention.span.start);
    let (value, unit) = match &mention.value {
        Value::Figure(number) => (number.value.to_string(), unit_name(&number.unit)),
        Value::Text(written) => (written.clone(), None),
        Value::Empty => (String::new(), None),
    };
    json!({
        "value": value,
        "unit": unit,
        "line": position.line,
        "column": position.column,
        "text": text.get(mention.span.start..mention.span.end),
    })
}

fn unit_name(unit: &Unit) -> Option<String> {
    let name = reportlint::eval::unit::suffix(unit);
    (!name.is_empty()).then(|| name.to_string())
}
