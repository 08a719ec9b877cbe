//! Helpers shared by the acceptance tests (`seeds.rs`, `examples.rs`): the
//! embedded packs loaded once, linting with the invariants every report must
//! keep, and findings compared as a readable table.

#![allow(dead_code, reason = "each test binary uses its own subset")]

use std::path::Path;
use std::sync::OnceLock;

use reportlint::lint::{FileOutcome, LintedFile, Linter};
use reportlint::rules::{self, RuleSet};
use reportlint::span::LineIndex;

/// (rule, severity, line of the primary label, expected, actual); line 0 and
/// empty strings for a finding without a span or a value.
pub type Row = (&'static str, &'static str, usize, &'static str, &'static str);

/// The embedded packs, loaded once for all tests of a binary.
pub fn rule_set() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| rules::load_embedded().unwrap())
}

/// Lints a file and checks what holds for every report: spans inside the
/// text on character boundaries, no rule that errs on it.
pub fn lint_checked(path: &Path) -> LintedFile {
    let linter = Linter::new(rule_set().clone());
    let FileOutcome::Linted(file) = linter.lint_path(path) else { panic!("{} could not be read", path.display()) };
    assert_spans_inside(&file);
    let rule_errors: Vec<_> = file.skipped.iter().filter(|skipped| skipped.rule_error).collect();
    assert!(rule_errors.is_empty(), "{}: rules that err on this report: {rule_errors:?}", path.display());
    file
}

pub fn assert_findings(file: &LintedFile, expected: &[Row]) {
    let index = LineIndex::new(&file.document.text);
    let actual: Vec<String> = file
        .findings
        .iter()
        .map(|finding| {
            let line =
                finding.primary.as_ref().map_or(0, |label| index.position(&file.document.text, label.span.start).line);
            row(&finding.rule, finding.severity.as_str(), line, finding.expected.as_deref(), finding.actual.as_deref())
        })
        .collect();
    let expected: Vec<String> = expected
        .iter()
        .map(|&(rule, severity, line, value, written)| {
            row(rule, severity, line, Some(value).filter(|v| !v.is_empty()), Some(written).filter(|w| !w.is_empty()))
        })
        .collect();
    assert!(
        actual == expected,
        "findings of {}\n── actual ──\n{}\n── expected ──\n{}",
        file.path,
        actual.join("\n"),
        expected.join("\n")
    );
}

pub fn row(rule: &str, severity: &str, line: usize, expected: Option<&str>, actual: Option<&str>) -> String {
    format!(
        "{rule:<24} {severity:<7} line {line:>3}  expected {:<12} actual {}",
        expected.unwrap_or("—"),
        actual.unwrap_or("—")
    )
}

/// Each check belongs to the report's pack, ran on it (was not skipped) and
/// passed.
pub fn assert_passed(file: &LintedFile, checks: &[&str]) {
    let pack = rule_set().pack(&file.pack).unwrap();
    for check in checks {
        assert!(pack.checks.iter().any(|known| known.id == *check), "no check {check} in {}", pack.id);
        assert!(!file.findings.iter().any(|finding| finding.rule == *check), "{check} flagged {}", file.path);
        let skipped = file.skipped.iter().find(|skipped| skipped.rule == *check && skipped.scope.is_none());
        assert!(skipped.is_none(), "{check} did not run on {}: {skipped:?}", file.path);
    }
}

pub fn assert_spans_inside(file: &LintedFile) {
    let text = &file.document.text;
    for finding in &file.findings {
        for label in finding.primary.iter().chain(&finding.related) {
            let span = label.span;
            assert!(span.start <= span.end && span.end <= text.len(), "{}: {span:?} outside the text", finding.rule);
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{}: {span:?} not on character boundaries",
                finding.rule
            );
        }
    }
}
