//! The synthetic corpus (`reportlint-corpus`) against the linter: every
//! injected error is found, at its line, by its check, and nothing else is.
//!
//! Input: 40 generated reports (fixed seeds; 6 KB to 120 KB; about half
//! with 1–3 injected errors). Output: for each report, the set of
//! (check id, line) of its error and warning findings must equal the set
//! the generator injected. Info findings are not compared: every report
//! gets the `pack-fallback` notice, since the corpus is written for the
//! national pack and names no region.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use reportlint::finding::Severity;
use reportlint::lint::Linter;
use reportlint::span::LineIndex;
use reportlint_corpus::{Generated, Options, generate};

/// (check id, 1-based line).
type Expected = BTreeSet<(String, usize)>;

fn corpus() -> Vec<Generated> {
    [(11, 6_000), (12, 15_000), (13, 40_000), (14, 120_000)]
        .into_iter()
        .flat_map(|(seed, target_bytes)| {
            generate(&Options { seed, count: 10, target_bytes, faulty_per_mille: 550, forms_per_mille: 0 })
        })
        .collect()
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
