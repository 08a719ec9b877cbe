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
