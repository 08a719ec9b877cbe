//! Acceptance over the five real reports in `../shared/seeds`.
//!
//! Input: the seed files (read at run time, never copied; CI has them, a
//! checkout without them skips with a note). Output: for the Xinjiang seeds
//! 000–002, the exact findings as a table a reviewer can read — rule,
//! severity, line of the figure blamed, the value it should have, the value
//! written — and the consistent-by-rounding relations that must pass. For
//! 003 (Hebei) and 004 (Gansu) only that linting finishes, with the pack of
//! their template, and every span is a valid slice of the text.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use reportlint::lint::{FileOutcome, LintedFile, Linter};
use reportlint::rules::{self, RuleSet};
use reportlint::span::LineIndex;

/// rule, severity, 1-based line of the primary span (0: the report as a
/// whole), expected value, reported value ("" when the finding has none).
type Row = (&'static str, &'static str, usize, &'static str, &'static str);

#[test]
fn seed_000_karamay_project_paragraph() {
    let Some(file) = lint_seed("000_") else { return };
    assert_eq!(file.pack, "xinjiang-karamay");
    assert_findings(
        &file,
        &[
            // 181.18 ÷ 213.18 = 84.99%, written 100%.
            ("project-execution-rate", "error", 105, "84.99%", "100%"),
            // 181.18 ÷ 919.76 = 19.70%, written 84.99%.
            ("project-share", "error", 105, "19.70%", "84.99%"),
            // 综合得分 100 needs a full execution score, but 96.64% × 10 ≤ 9.66.
            ("score-ceiling", "warning", 157, "≤ 99.66分", "100分"),
        ],
    );
}

#[test]
fn seed_001_urumqi_indicator_weights() {
    let Some(file) = lint_seed("001_") else { return };
    assert_eq!(file.pack, "xinjiang-urumqi");
    assert_findings(
        &file,
        &[
            // 10 + 8 + 12 + 8.91 + 10 + 15 + 10 + 15 + 10 = 98.91; the primary
            // label is the first indicator's weight.
            ("weights-total", "error", 91, "100分", "98.91分"),
            // 年中监控实际完成值 written with two units (%万元).
            ("unit-clash", "error", 99, "", ""),
            // 8.91 × 89.06% = 7.94. With weight 10 the score 8.91 would be right.
            ("indicator-score", "warning", 99, "7.94分", "8.91分"),
        ],
    );
    // 8.68 + 0 + 10.42 + 8.91 + 10 + 15 + 10 + 15 + 10 = 88.01 exactly.
    assert_passed(&file, &["score-total", "execution-score", "grade-band", "budget-adjustment-rate"]);
}

#[test]
fn seed_002_karamay_ocr_markdown() {
    let Some(file) = lint_seed("002_") else { return };
    assert_eq!(file.pack, "xinjiang-karamay");
    assert_findings(
        &file,
        &[
            // 355.55 ÷ 595.07 = 59.75%, written 17.17%.
            ("project-share", "error", 117, "59.75%", "17.17%"),
            // 10 + 30 + 18 + 20 + 20 = 98, written 100.
            ("scorecard-score-total", "error", 171, "98分", "100分"),
            // 自评表 年初预算数 column against the prose of 年初预算安排.
            ("fact-conflict", "error", 195, "348.93万元", "353.21万元"),
            ("fact-conflict", "error", 196, "4.28万元", "0万元"),
            // ≥90% met with 100%, yet 18 of 20.
            ("scorecard-full-marks", "warning", 204, "20", "18"),
        ],
    );
    // Consistent once rounding is taken into account: 241.86 ÷ 353.21 lies in
    // [68.4725%, 68.4772%] against 68.48% ± 0.005; 239.53 + 355.55 = 595.08
    // touches 595.07 (both for 全年预算 and for 实际支出).
    assert_passed(
        &file,
        &["budget-adjustment-rate", "basic-plus-project-adjusted", "basic-plus-project-spent", "basic-share"],
    );
}

#[test]
fn seeds_003_and_004_lint_without_panic_and_with_valid_spans() {
    for (prefix, pack) in [("003_", "hebei-shijiazhuang"), ("004_", "gansu-zhangye")] {
        let Some(file) = lint_seed(prefix) else { return };
        assert_eq!(file.pack, pack, "{prefix}");
    }
}

// ── helpers ────────────────────────────────────────────────────────────────

/// The embedded packs, loaded once for all tests of this file.
fn rule_set() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| rules::load_embedded().unwrap())
}

fn seeds_folder() -> Option<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if folder.is_dir() {
        Some(folder)
    } else {
        eprintln!("note: {} not found; seed acceptance tests skipped", folder.display());
        None
    }
}

/// Lints the seed whose file name starts with `prefix`, and checks what holds
/// for every report: spans inside the text, no rule that errs on it.
fn lint_seed(prefix: &str) -> Option<LintedFile> {
    let folder = seeds_folder()?;
    let path = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}* in {}", folder.display()));
    let linter = Linter::new(rule_set().clone());
    let FileOutcome::Linted(file) = linter.lint_path(&path) else { panic!("{} could not be read", path.display()) };
    assert_spans_inside(&file);
    let rule_errors: Vec<_> = file.skipped.iter().filter(|skipped| skipped.rule_error).collect();
    assert!(rule_errors.is_empty(), "{prefix}: rules that err on this report: {rule_errors:?}");
    Some(file)
}

fn assert_findings(file: &LintedFile, expected: &[Row]) {
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

fn row(rule: &str, severity: &str, line: usize, expected: Option<&str>, actual: Option<&str>) -> String {
    format!(
        "{rule:<24} {severity:<7} line {line:>3}  expected {:<12} actual {}",
        expected.unwrap_or("—"),
        actual.unwrap_or("—")
    )
}

/// Each check belongs to the report's pack, ran on it (was not skipped) and
/// passed.
fn assert_passed(file: &LintedFile, checks: &[&str]) {
    let pack = rule_set().pack(&file.pack).unwrap();
    for check in checks {
        assert!(pack.checks.iter().any(|known| known.id == *check), "no check {check} in {}", pack.id);
        assert!(!file.findings.iter().any(|finding| finding.rule == *check), "{check} flagged {}", file.path);
        let skipped = file.skipped.iter().find(|skipped| skipped.rule == *check);
        assert!(skipped.is_none(), "{check} did not run on {}: {skipped:?}", file.path);
    }
}

fn assert_spans_inside(file: &LintedFile) {
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
