//! The synthetic corpus (`reportlint-corpus`) against the linter: every
//! injected error is found, at its line, by its check, and nothing else is.
//!
//! Input: 40 generated reports (fixed seeds; 6 KB to 120 KB; about half
//! with 1–3 injected errors; about half with a national 项目支出绩效自评表,
//! as an appendix or as the whole report, in every rendering the engine
//! reads, and errors of every form check among them). Output: for each
//! report, the set of (check id, line) of its error and warning findings
//! must equal the set the generator injected. Info findings are not
//! compared: every report gets the `pack-fallback` notice, since the corpus
//! is written for the national pack and names no region.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use reportlint::finding::Severity;
use reportlint::lint::Linter;
use reportlint::span::LineIndex;
use reportlint_corpus::{Generated, Options, Rendering, form_checks, generate};

/// (check id, 1-based line).
type Expected = BTreeSet<(String, usize)>;

fn corpus() -> Vec<Generated> {
    [(11, 6_000), (12, 15_000), (13, 40_000), (14, 120_000)]
        .into_iter()
        .flat_map(|(seed, target_bytes)| {
            generate(&Options { seed, count: 10, target_bytes, faulty_per_mille: 550, forms_per_mille: 500 })
        })
        .collect()
}

/// The corpus must hold every rendering of the form and an error of every
/// form check, or passing says nothing about them. (A change to the
/// generator that loses one: pick other seeds above.)
#[test]
fn corpus_covers_every_rendering_and_form_check() {
    let reports = corpus();
    let renderings: BTreeSet<Rendering> =
        reports.iter().filter_map(|report| report.form).map(|form| form.rendering).collect();
    let missing: Vec<&str> = Rendering::ALL
        .iter()
        .filter(|rendering| !renderings.contains(rendering))
        .map(|rendering| rendering.name())
        .collect();
    assert!(missing.is_empty(), "no report renders its form as {missing:?}");
    let checks: BTreeSet<&str> = reports
        .iter()
        .flat_map(|report| &report.injected)
        .filter(|error| error.form)
        .map(|error| error.check.as_str())
        .collect();
    let missing: Vec<&str> = form_checks().filter(|check| !checks.contains(check)).collect();
    assert!(missing.is_empty(), "no form error for {missing:?}");
}

fn findings(linter: &Linter, report: &Generated) -> (String, Expected) {
    let file = linter.lint_text(&report.name, &report.text).unwrap();
    let index = LineIndex::new(&report.text);
    let found = file
        .findings
        .iter()
        .filter(|finding| finding.severity != Severity::Info)
        .map(|finding| {
            let line = finding.primary.as_ref().map_or(0, |label| index.position(&report.text, label.span.start).line);
            (finding.rule.clone(), line)
        })
        .collect();
    (file.pack, found)
}

#[test]
fn linter_finds_exactly_the_injected_errors() {
    let linter = Linter::new(reportlint::rules::load_embedded().unwrap());
    let reports = corpus();
    let faulty = reports.iter().filter(|report| !report.injected.is_empty()).count();
    assert!((12..=28).contains(&faulty), "{faulty} of {} reports carry errors", reports.len());

    let mut differences = Vec::new();
    for report in &reports {
        let expected: Expected = report.injected.iter().map(|error| (error.check.clone(), error.line)).collect();
        let (pack, found) = findings(&linter, report);
        if pack != "national" {
            differences.push(format!("{}: linted with pack {pack}, not national", report.name));
        }
        for (check, line) in expected.difference(&found) {
            let why = report.injected.iter().find(|error| &error.check == check).map_or("", |error| &error.description);
            differences.push(format!("{} line {line}: {check} injected but not found ({why})", report.name));
        }
        for (check, line) in found.difference(&expected) {
            differences.push(format!("{} line {line}: {check} found but not injected", report.name));
        }
    }
    assert!(differences.is_empty(), "{} differences:\n{}", differences.len(), differences.join("\n"));
}
