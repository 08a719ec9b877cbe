//! `reportlint facts`: the figures the rules read from a report, as JSON.

use crate::common::{KARAMAY, reportlint};

/// The first mention of a fact: its figure's value and decimals.
fn figure(document: &serde_json::Value, fact: &str) -> (String, u64) {
    let figure = &document["values"][fact][0]["value"]["figure"];
    let value = figure["value"].as_str().unwrap_or_else(|| panic!("`{fact}` has a figure: {figure}"));
    (value.to_owned(), figure["decimals"].as_u64().expect("decimals is a number"))
}

#[test]
fn facts_of_the_karamay_example() {
    let run = reportlint(&["facts", KARAMAY, "--format", "json"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    let document = run.json();
    assert_eq!(figure(&document, "budget.initial"), ("1286.40".into(), 2));
    assert_eq!(figure(&document, "budget.adjustment"), ("203.57".into(), 2));
    assert_eq!(figure(&document, "budget.adjusted"), ("1489.97".into(), 2));
    assert_eq!(figure(&document, "budget.execution_rate"), ("93.77".into(), 2));
    assert_eq!(figure(&document, "project.execution_rate"), ("100".into(), 0));
    // Written with full-width digits (６８９.０５) on line 107.
    assert_eq!(figure(&document, "assets.depreciation"), ("689.05".into(), 2));
    assert_eq!(figure(&document, "basic.capital"), ("26.4".into(), 1));
    assert_eq!(document["collections"]["indicators"].as_array().map(Vec::len), Some(6));
}

#[test]
fn facts_human_output_names_the_pack_and_positions() {
    let run = reportlint(&["facts", KARAMAY]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout.lines().next(), Some("规则包 xinjiang-karamay"));
    let initial = run.stdout.lines().find(|line| line.starts_with("budget.initial ")).expect("budget.initial listed");
    assert!(initial.contains("1286.40"), "{initial}");
}

#[test]
fn facts_of_a_missing_file() {
    let run = reportlint(&["facts", "examples/没有这个文件.txt"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("没有这个文件"), "{}", run.stderr);
}
