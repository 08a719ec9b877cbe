//! Every check's own examples (`examples.pass` / `examples.fail` in the
//! embedded rule packs), run through the whole pipeline by `cargo test`.
//!
//! Input: the packs under `rules/`. Output: one failure line per example
//! that does not behave as its rule file says, so a policy editor sees every
//! broken example at once, not only the first.

use reportlint::examples;
use reportlint::rules;

#[test]
fn every_rule_example_behaves_as_declared() {
    let rules = rules::load_embedded().expect("the embedded rule packs load");
    let (failures, count) = examples::run(&rules);
    let report: Vec<String> = failures
        .iter()
        .map(|failure| {
            format!("{}:{} {}/{}: {}", failure.file, failure.line, failure.pack, failure.check, failure.message)
        })
        .collect();
    assert!(report.is_empty(), "{} of {count} rule examples failed:\n{}", report.len(), report.join("\n"));
    assert!(count > 0, "the embedded packs carry no examples at all");
}

/// `explain` promises why each check exists: every shipped check, in every
/// pack, inherited or its own, has a rationale (its legal basis is given
/// where one exists, so it is not required).
#[test]
fn every_shipped_check_says_why_it_exists() {
    let rules = rules::load_embedded().expect("the embedded rule packs load");
    let silent: Vec<String> = rules
        .packs
        .values()
        .flat_map(|pack| pack.checks.iter().map(move |check| (pack, check)))
        .filter(|(_, check)| check.rationale.as_deref().is_none_or(|text| text.trim().is_empty()))
        .map(|(pack, check)| format!("{}/{}", pack.id, check.id))
        .collect();
    assert!(silent.is_empty(), "checks without a rationale: {silent:?}");
}
