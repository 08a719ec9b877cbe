//! What is read and written (issue 11, items 7, 9, 10, 11 and 12): FIFOs
//! and devices as reports or baselines, outputs over inputs, write errors,
//! what a folder walk passes over, `--jobs` and CR-only line endings.
//!
//! Each case runs the binary under the probe's memory cap and asserts the
//! exit code, the message and the peak memory. A refused input is refused
//! before it is read, so its run costs what an ordinary run does:
//! [`SMALL`], where `/dev/zero` named as a .pdf used to read until the cap.

use std::path::Path;
use std::process::Command;

use super::capped::{self, Capped};
use super::scratch::Scratch;

/// The peak of a run that reads one small report or none: an ordinary run
/// of the debug binary is ~25 MB.
const SMALL: u64 = 64 << 20;

/// A report with one error finding (90% stated, 75.00% computed).
const REPORT: &str = "一、基本情况\n调整后全年预算数为 200.00 万元，全年实际支出资金 150.00 万元，预算执行率为 90%。\n";

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn assert_prints(run: &Capped, needle: &str) {
    assert!(run.prints(needle), "no `{needle}` in:\n{}", run.brief());
}

#[test]
fn a_fifo_named_as_a_report_is_refused_without_blocking() {
    let scratch = Scratch::new("files-fifo");
    mkfifo(&scratch.path().join("管道.txt"));
    let run = capped::run(scratch.path(), &["lint", "管道.txt"]);
    run.assert_ends(2, SMALL);
    assert_prints(&run, "无法读取 管道.txt：这是命名管道（FIFO），不是普通文件；只读取普通文件");
}

#[test]
fn a_fifo_in_a_linted_folder_is_reported_and_the_files_after_it_are_linted() {
    let scratch = Scratch::new("files-fifo-folder");
    scratch.write("报告/甲.txt", REPORT);
    mkfifo(&scratch.path().join("报告/乙.txt"));
    scratch.write("报告/丙.txt", REPORT);
    let run = capped::run(scratch.path(), &["lint", "报告"]);
    run.assert_ends(2, SMALL);
    assert_prints(&run, "无法读取 报告/乙.txt：这是命名管道（FIFO）");
    assert_prints(&run, "── 报告/丙.txt（规则包 national）");
    assert_prints(&run, "共检查 3 个文件：2 个错误，0 个警告，2 条提示；1 个文件无法读取。");
}

#[test]
fn dev_zero_linked_as_any_format_is_refused_before_it_is_read() {
    let scratch = Scratch::new("files-dev-zero");
    for extension in ["pdf", "docx", "xlsx", "txt"] {
        let name = format!("零.{extension}");
        std::os::unix::fs::symlink("/dev/zero", scratch.path().join(&name)).unwrap();
        let run = capped::run(scratch.path(), &["lint", &name]);
        run.assert_ends(2, SMALL);
        assert_prints(&run, &format!("无法读取 {name}：这是字符设备，不是普通文件"));
    }
}

#[test]
fn dev_zero_as_the_baseline_is_refused_before_any_report_is_read() {
    let scratch = Scratch::new("files-dev-zero-baseline");
    scratch.write("报告.txt", REPORT);
    let run = capped::run(scratch.path(), &["lint", "报告.txt", "--baseline", "/dev/zero"]);
    run.assert_ends(2, SMALL);
    assert_prints(&run, "错误：无法读取基线文件 /dev/zero：这是字符设备，不是普通文件");
    assert!(run.stdout.is_empty(), "{}", run.brief());
}

#[test]
fn a_link_to_a_regular_report_is_followed() {
    let scratch = Scratch::new("files-link");
    scratch.write("报告.txt", REPORT);
    std::os::unix::fs::symlink("报告.txt", scratch.path().join("链接.txt")).unwrap();
    let run = capped::run(scratch.path(), &["lint", "链接.txt"]);
    run.assert_ends(1, SMALL);
    assert_prints(&run, "预算执行率应为 75.00%");
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
