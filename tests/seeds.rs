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

use reportlint::lint::LintedFile;

mod acceptance;
use acceptance::{assert_findings, assert_passed, lint_checked};

/// rule, severity, 1-based line of the primary span (0: the report as a
/// whole), expected value, reported value ("" when the finding has none).

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
    Some(lint_checked(&path))
}
