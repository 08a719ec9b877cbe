//! `reportlint lint … --format docx --output …`: the terminal's lines, the
//! files written, and what is refused.

use std::path::Path;
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;

use super::scratch::Scratch;
use super::support::{assert_complete, marks, part};
use super::writer::Body;

const REPORT: &str = "某县2024年度农田建设项目支出绩效自评报告\n一、项目基本情况\n年初预算数 120.00 万元，全年预算数 150.00 万元，全年执行数 135.00 万元，预算执行率 95%。\n";

fn docx_report() -> Vec<u8> {
    Body::new()
        .paragraph("某县2024年度农田建设项目支出绩效自评报告")
        .paragraph("一、项目基本情况")
        .runs(&["年初预算数 120.00 万元，全年预算数 150.00 万元，", "全年执行数 135.00 万元，预算执行率 ", "95%。"])
        .docx()
}

fn run(folder: &Path, args: &[&str]) -> Output {
    cargo_bin_cmd!("reportlint")
        .arg("lint")
        .args(args)
        .args(["--color", "never"])
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap()
}

/// Exit code, standard output and standard error, for a snapshot.
fn transcript(output: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn comment_count(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap();
    let marks = marks(&part(&bytes, "word/document.xml"), &part(&bytes, "word/comments.xml"));
    assert_complete(&marks);
    marks.len()
}

#[test]
fn without_output_nothing_is_written_to_the_terminal() {
    let scratch = Scratch::new("without_output");
    scratch.write("报告.txt", REPORT);
    let output = run(scratch.path(), &["报告.txt", "--format", "docx"]);
    insta::assert_snapshot!(transcript(&output), @"
    exit 2
    --- stdout
    --- stderr
    错误：--format docx 须用 --output 指定写到哪里：一份报告时是文件，多份报告或文件夹时是文件夹
    用法：reportlint lint --format docx --output <文件或文件夹> <路径>...
    查看全部选项：reportlint lint --help
    ");
}

#[test]
fn one_report_is_written_to_the_output_file() {
    let scratch = Scratch::new("one_report");
    scratch.write("报告.docx", docx_report());
    let output = run(scratch.path(), &["报告.docx", "--format", "docx", "--output", "审核.docx"]);
    insta::assert_snapshot!(transcript(&output), @"
    exit 1
    --- stdout
    已写出 审核.docx：1 条批注
    共检查 1 个文件：1 个错误，0 个警告，1 条提示。
    --- stderr
    ");
    assert_eq!(comment_count(&scratch.path().join("审核.docx")), 1);
    // With -v the info on the title is a comment too.
    let output = run(scratch.path(), &["报告.docx", "--format", "docx", "--output", "审核.docx", "-v"]);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("已写出 审核.docx：2 条批注\n"));
    assert_eq!(comment_count(&scratch.path().join("审核.docx")), 2);
    // An output that is a folder already holds the copy under its own name.
    std::fs::create_dir(scratch.path().join("已审")).unwrap();
    let output = run(scratch.path(), &["报告.docx", "--format", "docx", "--output", "已审"]);
    assert!(
        String::from_utf8_lossy(&output.stdout).starts_with("已写出 已审/报告-审核.docx：1 条批注\n"),
        "{output:?}"
    );
}

#[test]
fn a_batch_goes_to_a_folder_with_the_reports_sub_folders() {
    let scratch = Scratch::new("batch");
    scratch.write("材料/甲/报告.txt", REPORT);
    scratch.write("材料/乙/报告.txt", REPORT);
    scratch.write("材料/乙/草稿.docx", docx_report());
    scratch.write("材料/坏.docx", b"not a zip");
    let output = run(scratch.path(), &["材料", "--format", "docx", "--output", "审核"]);
    insta::assert_snapshot!(transcript(&output), @"
    exit 2
    --- stdout
    已写出 审核/乙/报告-审核.docx：1 条批注
    已写出 审核/乙/草稿-审核.docx：1 条批注
      × 无法读取 材料/坏.docx：无法读取 Word 文档：文件已损坏或不是 zip 格式（.docx 文件是一个 zip 压
      │ 缩包）

    已写出 审核/甲/报告-审核.docx：1 条批注
    按检查统计：
      budget-execution-rate  3  预算执行率 = 全年实际支出 ÷ 调整后全年预算数
      pack-fallback          3  未识别出地区模板，已改用通用规则包

    无法读取的文件（1 个）：
      材料/坏.docx

    共检查 4 个文件：3 个错误，0 个警告，3 条提示；1 个文件无法读取。
    --- stderr
    ");
    for written in ["审核/甲/报告-审核.docx", "审核/乙/报告-审核.docx", "审核/乙/草稿-审核.docx"] {
        assert_eq!(comment_count(&scratch.path().join(written)), 1, "{written}");
    }
}

#[test]
fn a_workbook_copy_is_not_saved_under_a_word_name() {
    let scratch = Scratch::new("workbook_name");
    let workbook =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/national-form/errors.xlsx")).unwrap();
    scratch.write("自评表.xlsx", workbook);
    let output = run(scratch.path(), &["自评表.xlsx", "--format", "docx", "--output", "审核.docx"]);
    assert_eq!(output.status.code(), Some(2));
    let transcript = transcript(&output);
    assert!(
        transcript.contains("自评表.xlsx：无法写出带批注的副本：副本是 .xlsx 文件，不能存为 审核.docx"),
        "{transcript}"
    );
    assert!(!scratch.path().join("审核.docx").exists());
    let output = run(scratch.path(), &["自评表.xlsx", "--format", "docx", "--output", "审核.xlsx"]);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("已写出 审核.xlsx："));
}

#[test]
fn copies_written_inside_the_linted_folder_are_not_linted_by_the_next_run() {
    let scratch = Scratch::new("inside");
    scratch.write("材料/报告.txt", REPORT);
    for _ in 0..2 {
        let output = run(scratch.path(), &["材料", "--format", "docx", "--output", "材料/审核"]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.starts_with("已写出 材料/审核/报告-审核.docx：1 条批注\n"), "{stdout}");
        assert!(stdout.contains("共检查 1 个文件"), "the copy is not a report to check: {stdout}");
    }
}

#[test]
fn a_report_is_never_written_over_and_a_baseline_hides_its_findings() {
    let scratch = Scratch::new("never_over");
    scratch.write("材料/报告.txt", REPORT);
    let kept = docx_report();
    scratch.write("材料/报告-审核.docx", &kept);
    let output = run(scratch.path(), &["材料", "--format", "docx", "--output", "材料"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("材料/报告-审核.docx 是要检查的报告，写入会覆盖它"), "{stderr}");
    assert_eq!(std::fs::read(scratch.path().join("材料/报告-审核.docx")).unwrap(), kept);

    run(scratch.path(), &["材料/报告.txt", "--write-baseline", "基线.json"]);
    let output =
        run(scratch.path(), &["材料/报告.txt", "--baseline", "基线.json", "--format", "docx", "--output", "审核.docx"]);
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("已写出 审核.docx：0 条批注\n"));
    assert_eq!(output.status.code(), Some(0));
}
