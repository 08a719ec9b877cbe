//! What is read and written (issue 11, items 7, 9, 10, 11 and 12): FIFOs
//! and devices as reports or baselines, outputs over inputs, write errors,
//! what a folder walk passes over, `--jobs` and CR-only line endings.
//!
//! Each case runs the binary under the probe's memory cap and asserts the
//! exit code, the message and the peak memory. A refused input is refused
//! before it is read, so its run costs what an ordinary run does:
//! [`SMALL`], where `/dev/zero` named as a .pdf used to read until the cap.

use std::path::Path;
use std::process::{Command, Stdio};

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
fn an_output_that_is_an_input_is_refused_before_anything_is_read() {
    let scratch = Scratch::new("files-output-over-input");
    scratch.write("报告.txt", REPORT);
    scratch.write("基线.json", "{\"version\": 1, \"files\": {}}\n");
    std::fs::hard_link(scratch.path().join("报告.txt"), scratch.path().join("硬链接.txt")).unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&["报告.txt", "--output", "报告.txt"], "--output 报告.txt 就是要检查的报告 报告.txt"),
        (&["报告.txt", "--write-baseline", "./报告.txt"], "--write-baseline ./报告.txt 就是要检查的报告 报告.txt"),
        (&["报告.txt", "--output", "硬链接.txt"], "--output 硬链接.txt 就是要检查的报告 报告.txt"),
        (
            &["报告.txt", "--baseline", "基线.json", "--output", "基线.json"],
            "--output 基线.json 就是基线文件 基线.json",
        ),
    ];
    for (args, message) in cases {
        let run = capped::run(scratch.path(), &[&["lint"], args].concat());
        run.assert_ends(2, SMALL);
        assert_prints(&run, &format!("错误：{message}，写入会覆盖它；请换一个输出路径"));
        assert!(run.stdout.is_empty(), "{}", run.brief());
        assert_eq!(std::fs::read_to_string(scratch.path().join("报告.txt")).unwrap(), REPORT);
    }
    let run = capped::run(scratch.path(), &["lint", "报告.txt", "--output", "出.json", "--write-baseline", "出.json"]);
    run.assert_ends(2, SMALL);
    assert_prints(&run, "错误：--output 和 --write-baseline 是同一个文件 出.json");
}

#[test]
fn the_runs_own_files_in_a_linted_folder_are_not_linted() {
    let scratch = Scratch::new("files-own-outputs");
    scratch.write("报告/甲.txt", REPORT);
    // Left there by the previous run, with report extensions.
    scratch.write("报告/结果.txt", "旧的输出");
    scratch.write("报告/基线.md", "{\"version\": 1, \"files\": {}}\n");
    let args = ["lint", "报告", "--format", "json", "--output", "报告/结果.txt"];
    let run = capped::run(
        scratch.path(),
        &[&args[..], &["--baseline", "报告/基线.md", "--write-baseline", "报告/基线.md"]].concat(),
    );
    run.assert_ends(1, SMALL);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(scratch.path().join("报告/结果.txt")).unwrap()).unwrap();
    let paths: Vec<&str> =
        written["files"].as_array().unwrap().iter().map(|file| file["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["报告/甲.txt"], "{}", run.brief());
    let baseline = std::fs::read_to_string(scratch.path().join("报告/基线.md")).unwrap();
    assert!(baseline.contains("budget-execution-rate"), "the baseline was replaced by the new one: {baseline}");
    let mut left: Vec<String> = std::fs::read_dir(scratch.path().join("报告"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["基线.md", "甲.txt", "结果.txt"], "no temporary file is left");
}

#[test]
fn a_failed_write_to_standard_output_or_the_output_file_is_exit_2() {
    let scratch = Scratch::new("files-write-errors");
    scratch.write("报告.txt", REPORT);
    for format in ["human", "json"] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let run = capped::run_to(scratch.path(), &["lint", "报告.txt", "--format", format], Stdio::from(full));
        run.assert_ends(2, SMALL);
        assert_prints(&run, "错误：无法写入标准输出：磁盘已满");
    }
    let run = capped::run(scratch.path(), &["lint", "报告.txt", "--output", "/dev/full"]);
    run.assert_ends(2, SMALL);
    assert_prints(&run, "错误：无法写入 /dev/full：磁盘已满");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let run = capped::run_to(scratch.path(), &["rules", "list"], Stdio::from(full));
    run.assert_ends(2, SMALL);
    assert_prints(&run, "错误：无法写入标准输出：磁盘已满");
}

/// `reportlint lint … | head`: the reader has what it wanted; no message,
/// and the exit code is the findings'.
#[test]
fn a_closed_pipe_on_standard_output_is_quiet() {
    let scratch = Scratch::new("files-closed-pipe");
    scratch.write("报告.txt", REPORT);
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().unwrap();
    let pipe = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    let run = capped::run_to(scratch.path(), &["lint", "报告.txt"], Stdio::from(pipe));
    run.assert_ends(1, SMALL);
    assert!(run.stderr.trim().is_empty(), "{}", run.brief());
}

#[test]
fn a_folder_past_the_depth_limit_is_reported_with_the_limit() {
    let scratch = Scratch::new("files-deep");
    let deep: String = (1..=40).map(|level| format!("{level}/")).collect();
    scratch.write(&format!("报告/{deep}太深.txt"), REPORT);
    scratch.write("报告/浅.txt", REPORT);
    let run = capped::run(scratch.path(), &["lint", "报告", "--format", "json"]);
    run.assert_ends(2, SMALL);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let skipped = &json["files"][0];
    let at_33: String = (1..=33).map(|level| format!("/{level}")).collect();
    assert_eq!(skipped["path"], format!("报告{at_33}"));
    assert_eq!(skipped["error"], "文件夹层级超过 32 层，其中的文件没有检查");
    assert_eq!(json["files"][1]["path"], "报告/浅.txt");
    assert_eq!(json["summary"]["failed"], 1);
}

#[test]
fn an_unreadable_entry_in_a_folder_is_reported_and_other_types_are_counted() {
    let scratch = Scratch::new("files-unreadable-entry");
    scratch.write("报告/甲.txt", REPORT);
    std::os::unix::fs::symlink("循环", scratch.path().join("报告/循环")).unwrap();
    scratch.write("报告/照片.jpg", "");
    scratch.write("报告/数据.json", "{}");
    let run = capped::run(scratch.path(), &["lint", "报告"]);
    run.assert_ends(2, SMALL);
    assert_prints(&run, "无法读取 报告/循环：符号链接形成了循环");
    assert_prints(
        &run,
        "共检查 2 个文件：1 个错误，0 个警告，1 条提示；1 个文件无法读取；文件夹中另有 2 个文件不是报告格式，未检查。",
    );
    assert!(!run.prints("照片.jpg"), "files of other types are counted, not listed:\n{}", run.brief());
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
    assert_prints(&run, "错误：--jobs <数量> 的值“0”无效：须为 1 或更大的整数");
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
