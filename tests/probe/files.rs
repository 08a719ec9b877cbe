//! What is read and written (issue 11, items 7, 9, 10, 11 and 12): FIFOs
//! and devices as reports or baselines, outputs over inputs, write errors,
//! what a folder walk passes over, `--jobs` and CR-only line endings.
//!
//! Each case runs the binary under the probe's memory cap and asserts the
//! exit code, the message and the peak memory. A refused input is refused
//! before it is read, so its run costs what an ordinary run does:
//! [`SMALL`], where `/dev/zero` named as a .pdf used to read until the cap.

use super::capped::{self, Capped};
use super::scratch::Scratch;

/// The peak of a run that reads one small report or none: an ordinary run
/// of the debug binary is ~25 MB.
const SMALL: u64 = 64 << 20;

/// A report with one error finding (90% stated, 75.00% computed).
const REPORT: &str = "一、基本情况\n调整后全年预算数为 200.00 万元，全年实际支出资金 150.00 万元，预算执行率为 90%。\n";

fn assert_prints(run: &Capped, needle: &str) {
    assert!(run.prints(needle), "no `{needle}` in:\n{}", run.brief());
}

#[test]
fn jobs_are_capped_and_zero_is_an_error() {
    let scratch = Scratch::new("files-jobs");
    scratch.write("报告.txt", REPORT);
    let run = capped::run(scratch.path(), &["lint", "报告.txt", "--jobs", "100000"]);
    run.assert_ends(1, SMALL);
    assert_prints(&run, "预算执行率应为 75.00%");
    let run = capped::run(scratch.path(), &["lint", "报告.txt", "--jobs", "0"]);
    run.assert_ends(2, SMALL);
    assert_prints(&run, "invalid value '0' for '--jobs <N>'");
}

#[test]
fn cr_only_line_endings_give_the_line_and_column() {
    let scratch = Scratch::new("files-cr");
    scratch.write("报告.txt", REPORT.replace('\n', "\r"));
    let run = capped::run(scratch.path(), &["lint", "报告.txt", "--format", "json"]);
    run.assert_ends(1, SMALL);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let finding = &json["files"][0]["findings"][1];
    assert_eq!(finding["rule"], "budget-execution-rate", "{}", run.brief());
    assert_eq!((&finding["line"], &finding["column"]), (&2.into(), &47.into()));
    let run = capped::run(scratch.path(), &["lint", "报告.txt"]);
    run.assert_ends(1, SMALL);
    assert_prints(&run, "[报告.txt:2:47]");
    assert_prints(&run, " 2 │ 调整后全年预算数为");
}
