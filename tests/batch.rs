//! Batch runs: `reportlint lint DIR... --jobs N --output FILE --baseline FILE
//! --write-baseline FILE`, and the library's ordered batch and text entry
//! points.
//!
//! Reports are copied into a scratch folder under cargo's test space and the
//! binary runs inside it, so paths in the output are short and stable. The
//! real seeds in `../shared/seeds` join the batch when the checkout has them.

#![allow(clippy::expect_used, clippy::panic, reason = "a failed expectation is a failed test")]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use reportlint::lint::{FileOutcome, Linter};

// The example is compiled here too, so that its output is tested, not only built.
#[allow(dead_code, reason = "the example's `main` and draft are not used by the tests")]
#[path = "../examples/lint_report.rs"]
mod lint_report;

const KARAMAY: &str = "examples/克拉玛依区-部门整体支出自评报告.txt";
const EXAMPLES: [&str; 5] = [
    KARAMAY,
    "examples/乌鲁木齐高新区-部门整体支出自评报告.txt",
    "examples/克拉玛依区-政务中心-自评报告.md",
    "examples/石家庄高新区-党政办-自评报告.txt",
    "examples/临泽县-机关事务-评价报告.txt",
];

/// A fresh folder named after the test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("batch").join(name);
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("scratch folder is created");
        Scratch(root)
    }

    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().expect("a file has a folder")).expect("sub-folder is created");
        std::fs::write(path, contents).expect("scratch file is written");
    }

    fn copy(&self, from: &Path, relative: &str) {
        self.write(relative, std::fs::read(from).expect("report is readable"));
    }

    fn read(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.0.join(relative)).expect("output file is readable")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn crate_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// What one run printed and returned.
#[derive(Debug)]
struct Run {
    stdout: Vec<u8>,
    stderr: String,
    code: i32,
}

impl Run {
    fn text(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
}

/// `reportlint lint ARGS… --color never` inside `folder`, 100 columns wide.
fn lint(folder: &Path, args: &[&str]) -> Run {
    let output = cargo_bin_cmd!("reportlint")
        .arg("lint")
        .args(args)
        .args(["--color", "never"])
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the reportlint binary runs");
    Run {
        stdout: output.stdout,
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code().unwrap_or(-1),
    }
}

/// `reports/`: every example three times over (so that threads finish out
/// of order), the seeds when present, an empty file and a binary one.
fn reports(name: &str) -> Scratch {
    let scratch = Scratch::new(name);
    for copy in ["a", "b", "c"] {
        for example in EXAMPLES {
            let file = Path::new(example).file_name().and_then(|name| name.to_str()).expect("a file name");
            scratch.copy(&crate_file(example), &format!("reports/{copy}/{file}"));
        }
    }
    let seeds = crate_file("../shared/seeds");
    for entry in std::fs::read_dir(&seeds).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            scratch.copy(&entry.path(), &format!("reports/seeds/{name}"));
        }
    }
    scratch.write("reports/b/空白.txt", "");
    scratch.write("reports/c/二进制.txt", b"PK\x03\x04\x00\x00binary\xff");
    scratch
}

#[test]
fn output_is_the_same_bytes_whatever_the_number_of_threads() {
    let scratch = reports("jobs");
    for format in ["human", "json"] {
        let one = lint(&scratch.0, &["reports", "--format", format, "--jobs", "1"]);
        let four = lint(&scratch.0, &["reports", "--format", format, "--jobs", "4"]);
        assert_eq!(one.code, 2, "{one:?}");
        assert_eq!(four.code, 2, "{four:?}");
        assert!(one.stdout == four.stdout, "--jobs 1 and --jobs 4 differ for {format}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&lint(&scratch.0, &["reports", "--format", "json"]).stdout).expect("stdout is JSON");
    let paths: Vec<&str> =
        json["files"].as_array().expect("files").iter().map(|file| file["path"].as_str().expect("path")).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "folders are walked in sorted order");
}

#[test]
fn unreadable_files_are_listed_and_the_rest_is_linted() {
    let scratch = reports("unreadable");
    let run = lint(&scratch.0, &["reports/a", "reports/b", "reports/c"]);
    assert_eq!(run.code, 2, "{run:?}");
    let text = run.text();
    assert_eq!(text.matches("（规则包 ").count(), 15, "every readable report is linted: {text}");
    assert!(text.contains("无法读取的文件（2 个）：\n  reports/b/空白.txt\n  reports/c/二进制.txt\n"), "{text}");
    assert!(text.ends_with("个文件无法读取。\n"), "{text}");
}

#[test]
fn summary_counts_findings_by_check() {
    let scratch = Scratch::new("summary");
    for (number, example) in EXAMPLES.iter().enumerate() {
        scratch.copy(
            &crate_file(example),
            &format!("reports/{number}.{}", if example.ends_with(".md") { "md" } else { "txt" }),
        );
    }
    scratch.write("reports/9.txt", "");
    let run = lint(&scratch.0, &["reports"]);
    let text = run.text();
    let summary = text.get(text.find("按检查统计：").expect("a batch has a table by check")..).unwrap_or_default();
    insta::assert_snapshot!(summary);
}

#[test]
fn output_file_gets_the_bytes_stdout_would_get() {
    let scratch = reports("output");
    for format in ["human", "json"] {
        let printed = lint(&scratch.0, &["reports/a", "--format", format]);
        let written = lint(&scratch.0, &["reports/a", "--format", format, "--output", "out"]);
        assert_eq!((printed.code, written.code), (1, 1), "{written:?}");
        assert!(written.stdout.is_empty(), "{written:?}");
        assert!(scratch.read("out") == printed.stdout, "--output differs from stdout for {format}");
    }
    let unwritable = lint(&scratch.0, &["reports/a", "--output", "no/such/folder/out"]);
    assert_eq!(unwritable.code, 2, "{unwritable:?}");
    assert!(unwritable.stderr.contains("无法写入 no/such/folder/out"), "{unwritable:?}");
}

/// Moves the paragraph at `line` (1-based) up by `distance` lines and puts
/// blank lines at the top: every position changes, no figure does.
fn shuffle(text: &str, line: usize, distance: usize) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let paragraph = lines.remove(line - 1);
    lines.insert(line - 1 - distance, paragraph);
    format!("\n\n\n\n\n{}", lines.join("\n"))
}

fn finding_lines(run: &Run) -> Vec<(String, u64)> {
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("stdout is JSON");
    let findings = json["files"][0]["findings"].as_array().expect("findings").iter();
    findings
        .map(|finding| (finding["rule"].as_str().expect("rule").to_owned(), finding["line"].as_u64().unwrap_or(0)))
        .collect()
}

#[test]
fn a_baseline_hides_recorded_findings_until_a_figure_changes() {
    let scratch = Scratch::new("baseline");
    let original = std::fs::read_to_string(crate_file(KARAMAY)).expect("example is UTF-8");
    scratch.write("报告.txt", &original);

    let recorded = lint(&scratch.0, &["报告.txt", "--write-baseline", "基线.json", "--format", "json"]);
    assert_eq!(recorded.code, 1, "recording does not change the exit code: {recorded:?}");
    assert!(recorded.stderr.contains("已将 1 个文件的 2 条问题写入基线文件 基线.json"), "{recorded:?}");
    let before = finding_lines(&recorded);
    assert_eq!(before, [("project-execution-rate".to_owned(), 93), ("project-share".to_owned(), 93)]);
    let baseline: serde_json::Value = serde_json::from_slice(&scratch.read("基线.json")).expect("baseline is JSON");
    assert_eq!(baseline["version"], 2);
    assert_eq!(baseline["files"]["报告.txt"][0]["rule"], "project-execution-rate");

    let hidden = lint(&scratch.0, &["报告.txt", "--baseline", "基线.json"]);
    assert_eq!(hidden.code, 0, "every error is in the baseline: {hidden:?}");
    assert!(hidden.text().contains("✓ 未发现问题"), "{}", hidden.text());
    assert!(hidden.text().ends_with("共检查 1 个文件：0 个错误，0 个警告，0 条提示；已按基线隐藏 2 条。\n"));

    scratch.write("报告.txt", shuffle(&original, 93, 6));
    let moved = lint(&scratch.0, &["报告.txt", "--format", "json"]);
    assert_eq!(finding_lines(&moved), [("project-execution-rate".to_owned(), 92), ("project-share".to_owned(), 92)]);
    let still_hidden = lint(&scratch.0, &["报告.txt", "--baseline", "基线.json"]);
    assert_eq!(still_hidden.code, 0, "moved findings stay hidden: {}", still_hidden.text());

    let edited = shuffle(&original, 93, 6).replace("全年实际支出 372.80 万元", "全年实际支出 372.90 万元");
    scratch.write("报告.txt", edited);
    let back = lint(&scratch.0, &["报告.txt", "--baseline", "基线.json", "--format", "json"]);
    assert_eq!(back.code, 1, "{back:?}");
    let rules: Vec<String> = finding_lines(&back).into_iter().map(|(rule, _)| rule).collect();
    assert!(rules.contains(&"project-execution-rate".to_owned()), "a changed figure is a new finding: {rules:?}");
}

/// Issue 12: a baseline written with an absolute path hid nothing when the
/// same file was linted by a relative one, and a renamed draft silently got
/// no baseline.
#[test]
fn a_baseline_matches_a_file_however_it_is_named_and_notes_a_file_it_lacks() {
    let scratch = Scratch::new("baseline-paths");
    scratch.copy(&crate_file(KARAMAY), "报告/甲.txt");
    scratch.write("ci/说明.md", "基线放在这里。");
    let absolute = scratch.0.join("报告/甲.txt").display().to_string();
    let recorded = lint(&scratch.0, &[&absolute, "--write-baseline", "ci/基线.json"]);
    assert_eq!(recorded.code, 1, "{recorded:?}");
    let baseline: serde_json::Value = serde_json::from_slice(&scratch.read("ci/基线.json")).expect("baseline is JSON");
    assert_eq!(baseline["files"]["../报告/甲.txt"][0]["rule"], "project-execution-rate", "{baseline}");
    for named in ["报告/甲.txt", "./报告/甲.txt", "报告/../报告/甲.txt", absolute.as_str()] {
        let run = lint(&scratch.0, &[named, "--baseline", "ci/基线.json"]);
        assert_eq!(run.code, 0, "{named}: {}", run.text());
    }
    let from_ci = lint(&scratch.0.join("ci"), &["../报告/甲.txt", "--baseline", "基线.json"]);
    assert_eq!(from_ci.code, 0, "{}", from_ci.text());

    scratch.copy(&crate_file(KARAMAY), "报告/甲（修改稿）.txt");
    let renamed = lint(&scratch.0, &["报告/甲（修改稿）.txt", "--baseline", "ci/基线.json"]);
    assert_eq!(renamed.code, 1, "{renamed:?}");
    assert!(renamed.text().ends_with("；基线中没有此文件的记录，其问题全部列出。\n"), "{}", renamed.text());
    let both = lint(&scratch.0, &["报告", "--baseline", "ci/基线.json", "--format", "json"]);
    let summary = &serde_json::from_slice::<serde_json::Value>(&both.stdout).expect("JSON")["summary"];
    assert_eq!(summary["hidden"], 2);
    assert_eq!(summary["not_in_baseline"], serde_json::json!(["报告/甲（修改稿）.txt"]));
}

/// A baseline written before keys (version 1) holds paths as given on the
/// command line, read from the working directory.
#[test]
fn a_version_one_baseline_still_hides_its_findings() {
    let scratch = Scratch::new("baseline-v1");
    scratch.copy(&crate_file(KARAMAY), "报告.txt");
    lint(&scratch.0, &["./报告.txt", "--write-baseline", "基线.json"]);
    let current: serde_json::Value = serde_json::from_slice(&scratch.read("基线.json")).expect("baseline is JSON");
    let old = serde_json::json!({"version": 1, "files": {"./报告.txt": current["files"]["报告.txt"]}});
    scratch.write("ci/旧基线.json", old.to_string());
    let run = lint(&scratch.0, &["报告.txt", "--baseline", "ci/旧基线.json"]);
    assert_eq!(run.code, 0, "{}", run.text());
    assert!(run.text().ends_with("；已按基线隐藏 2 条。\n"), "{}", run.text());
}

#[test]
fn a_missing_or_corrupt_baseline_stops_the_run() {
    let scratch = Scratch::new("bad-baseline");
    scratch.copy(&crate_file(KARAMAY), "报告.txt");
    let missing = lint(&scratch.0, &["报告.txt", "--baseline", "没有.json"]);
    assert_eq!(missing.code, 2, "{missing:?}");
    assert!(missing.stdout.is_empty(), "{missing:?}");
    assert!(missing.stderr.contains("错误：无法读取基线文件 没有.json"), "{missing:?}");

    scratch.write("坏.json", "{\"version\": 1, \"files\": [");
    let corrupt = lint(&scratch.0, &["报告.txt", "--baseline", "坏.json"]);
    assert_eq!(corrupt.code, 2, "{corrupt:?}");
    assert!(corrupt.stderr.contains("坏.json：不是有效的基线文件"), "{corrupt:?}");
}

fn linter() -> Linter {
    Linter::new(reportlint::rules::load_embedded().expect("the embedded rules load"))
}

#[test]
fn library_batch_hands_outcomes_over_in_input_order() {
    let scratch = reports("library");
    let mut paths: Vec<PathBuf> = ["a", "b", "c"]
        .iter()
        .flat_map(|copy| EXAMPLES.iter().map(move |example| (copy, example)))
        .map(|(copy, example)| scratch.0.join("reports").join(copy).join(Path::new(example).file_name().expect("name")))
        .collect();
    paths.insert(4, scratch.0.join("reports/b/空白.txt"));
    let linter = linter();
    let expected: Vec<String> = paths.iter().map(|path| path.display().to_string()).collect();
    for jobs in [1, 3, 8] {
        let jobs = NonZeroUsize::new(jobs).expect("not zero");
        let mut seen = Vec::new();
        linter.lint_paths(&paths, jobs, |outcome| seen.push(path(&outcome).to_owned()));
        assert_eq!(seen, expected, "--jobs {jobs}");

        // The per-file step runs on the workers; only its result comes back.
        let mut reduced = Vec::new();
        let count = |outcome: FileOutcome| match outcome {
            FileOutcome::Linted(file) => (file.path, Some(file.findings.len())),
            FileOutcome::Failed(file) => (file.path, None),
        };
        linter.lint_paths_with(&paths, jobs, count, |(path, _)| reduced.push(path));
        assert_eq!(reduced, expected, "--jobs {jobs}");
    }
}

fn path(outcome: &FileOutcome) -> &str {
    match outcome {
        FileOutcome::Linted(file) => &file.path,
        FileOutcome::Failed(file) => &file.path,
    }
}

#[test]
fn example_prints_rule_position_and_help() {
    let linter = linter();
    let outcome = linter.lint_path(&crate_file(KARAMAY));
    let FileOutcome::Linted(mut file) = outcome else { panic!("the example is readable") };
    file.path = KARAMAY.to_owned();
    insta::assert_snapshot!(lint_report::describe(&file), @"
    examples/克拉玛依区-部门整体支出自评报告.txt (xinjiang-karamay): 2 findings
    error    project-execution-rate           93:67   项目支出执行率应为 87.35%（372.80 ÷ 426.79），报告为 100%
    error    project-share                    93:78   项目支出占总支出比例应为 26.68%（372.80 ÷ 1397.19），报告为 26.86%
    ");
}
