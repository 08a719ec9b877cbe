//! The shipped example reports and the test fixtures, against the deliberate
//! errors listed in `tests/fixtures/README.md`.
//!
//! Input: `examples/*` and `tests/fixtures/*.txt`. Output: the exact findings
//! of each file as a readable table (rule, severity, line of the figure
//! blamed, value it should have, value written), and the relations that hold
//! only by rounding, which must pass (each one must have run, not been
//! skipped).

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use reportlint::lint::LintedFile;

mod acceptance;
use acceptance::{assert_findings, assert_passed, lint_checked};

/// rule, severity, 1-based line of the primary span (0: the report as a
/// whole), expected value, reported value ("" when the finding has none).

#[test]
fn karamay_text_example() {
    let file = lint("examples/克拉玛依区-部门整体支出自评报告.txt");
    assert_eq!(file.pack, "xinjiang-karamay");
    assert_findings(
        &file,
        &[
            // 372.80 ÷ 426.79 = 87.3498%, written 100%.
            ("project-execution-rate", "error", 93, "87.35%", "100%"),
            // 372.80 ÷ 1397.19 = 26.6821%, written 26.86%.
            ("project-share", "error", 93, "26.68%", "26.86%"),
        ],
    );
    assert_passed(&file, &["budget-adjustment-rate", "basic-plus-project-spent", "score-total", "indicator-count"]);
}

#[test]
fn urumqi_example() {
    let file = lint("examples/乌鲁木齐高新区-部门整体支出自评报告.txt");
    assert_eq!(file.pack, "xinjiang-urumqi");
    // 10 + (8 + 12 + 10 + 12 + 12 + 12 + 12 + 10) = 98; the 8 on line 85 should be 10.
    assert_findings(&file, &[("weights-total", "error", 85, "100分", "98分")]);
    // -1035.62 ÷ 4268.35 = -24.26%; 9.14 + Σ indicator scores = 85.69 (良).
    assert_passed(&file, &["budget-adjustment-rate", "score-total", "grade-band", "indicator-score"]);
}

#[test]
fn karamay_markdown_example() {
    let file = lint("examples/克拉玛依区-政务中心-自评报告.md");
    assert_eq!(file.pack, "xinjiang-karamay");
    assert_findings(
        &file,
        &[
            // (a) 302.19 ÷ 566.31 = 53.36%; the author divided by the budget.
            ("project-share", "error", 91, "53.36%", "52.68%"),
            // (c) 9.87 + 30 + 20 + 16 + 20 = 95.87, written 100; and 100 is
            // more than the execution rate allows at all.
            ("score-ceiling", "warning", 141, "≤ 99.87分", "100分"),
            ("scorecard-score-total", "error", 141, "95.87分", "100分"),
            // (b) 自评表 本级安排 年初预算数 against the prose (396.85); the
            // table's own column breaks too, read by the national 部门整体
            // form: 0 + 369.85 + 16.56 = 386.41, its total 413.41.
            ("fund-sources-total", "error", 155, "386.41万元", "413.41万元"),
            ("fact-conflict", "error", 157, "396.85万元", "369.85万元"),
        ],
    );
    // Consistent only with rounding intervals: 160.17 ÷ 413.41 vs 38.75%, and
    // 266.93 + 306.66 = 573.59 vs 573.58.
    assert_passed(&file, &["budget-adjustment-rate", "basic-plus-project-adjusted"]);
}

#[test]
fn shijiazhuang_example() {
    let file = lint("examples/石家庄高新区-党政办-自评报告.txt");
    assert_eq!(file.pack, "hebei-shijiazhuang");
    assert_findings(
        &file,
        &[
            // (2) 人员及公用经费: 2714.90 ÷ 2718.43 = 99.87%, written 99.99%.
            ("basic-execution-rate", "error", 28, "99.87%", "99.99%"),
            // The inner list under （三） restarts at （一）: a style warning, not
            // one of the file's deliberate errors (seed 003 does the same).
            ("heading-numbering", "warning", 34, "", ""),
            // (1) （十） twice.
            ("heading-numbering", "warning", 96, "", ""),
        ],
    );
    // 88 grades 优秀 under the report's own 85/75/60 bands (良 nationally).
    assert_passed(&file, &["grade-band", "grade-thresholds", "budget-execution-rate", "project-count-restated"]);
}

#[test]
fn linze_example() {
    let file = lint("examples/临泽县-机关事务-评价报告.txt");
    assert_eq!(file.pack, "gansu-zhangye");
    assert_findings(
        &file,
        &[
            // (1) 评价表 8653712.40 元 against 863.57 万元 in the prose: 预算数, 执行数.
            ("fact-conflict", "error", 71, "863.57万元", "8653712.40元"),
            ("fact-conflict", "error", 73, "863.57万元", "8653712.40元"),
            // (2) Σ 权重 = 96.
            ("weights-total", "error", 88, "100", "96"),
            // (3) 831.06 元 for 831.06 万元: said so, not 0.01% (831.06 ÷ 8310600).
            ("category-completion", "error", 205, "", "100%"),
            // 6、 after 五、: copied from the seed on purpose, reported as a style warning.
            ("heading-numbering", "warning", 223, "", ""),
        ],
    );
    let slip = file.findings.iter().find(|finding| finding.rule == "category-completion").unwrap();
    assert_eq!(
        slip.help.as_deref(),
        Some(
            "单位可能有误：全年执行数 831.06元 与预算金额 831.06万元 单位不同，若前者按万元计应为 831.06万元，\
             完成率即为 100.00%（831.06 ÷ 831.06），与报告相符"
        )
    );
    // Σ 指标得分 = 94.75 (优); 831.06 + 18.75 + 6.52 + 7.24 = 863.57.
    assert_passed(
        &file,
        &["score-total", "grade-band", "categories-total", "indicator-score", "assets-original-items"],
    );
}

/// The fixtures are excerpts: they start at （三） and stop after 四、, so the
/// structural checks see the missing parts. No figure is flagged.
#[test]
fn consistent_fixtures_flag_nothing() {
    let karamay = lint("tests/fixtures/consistent-karamay.txt");
    assert_eq!(karamay.pack, "xinjiang-karamay");
    assert_findings(&karamay, &[]);

    let urumqi = lint("tests/fixtures/consistent-urumqi.txt");
    assert_eq!(urumqi.pack, "xinjiang-urumqi");
    assert_findings(&urumqi, &[]);
}

/// Budget paragraphs only, broken at page breaks: no section heading at all.
#[test]
fn page_breaks_fixture_flags_no_figure() {
    let file = lint("tests/fixtures/page-breaks.txt");
    assert_eq!(file.pack, "xinjiang-karamay");
    let missing_part = ("required-sections", "warning", 0, "", "");
    assert_findings(&file, &[missing_part; 6]);
}

// ── helpers ────────────────────────────────────────────────────────────────

/// Lints a file of this crate, and checks what holds for every report: spans
/// inside the text on character boundaries, no rule that errs on it.
fn lint(relative: &str) -> LintedFile {
    lint_checked(&Path::new(env!("CARGO_MANIFEST_DIR")).join(relative))
}
