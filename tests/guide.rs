//! The rule-writing guide (`docs/规则编写指南.md`), run as written.
//!
//! Input: the guide's Markdown. Output: pass, or a failure naming the block
//! of the guide that no longer matches the engine. The guide is read top to
//! bottom in one fresh work folder, the way a reader follows it:
//!
//! - a fenced block whose info string has `file=PATH` is written to PATH
//!   (a later block with the same PATH replaces the file, as when the reader
//!   fixes a mistake);
//! - in a `sh` block, `mkdir -p DIR…` creates folders, `rm FILE…` removes
//!   files and `cp -r …/rules/national DEST` copies this repository's
//!   national pack;
//! - a `console 退出码=N` block holds one `$ reportlint …` command, run from
//!   the work folder; its exit code must be N and its output (stdout, then
//!   stderr) must read as the block's lines. A line that is only `…` skips
//!   any number of lines; `…` inside a line stands for any text.
//!
//! Then the worked example's promises are checked once more through JSON:
//! which pack was chosen and which checks fired, at which severity.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const GUIDE: &str = "docs/规则编写指南.md";
/// The worked example's rule folder and report, as the guide names them.
const EXAMPLE_RULES: &str = "青禾县规则";
const EXAMPLE_REPORT: &str = "报告/青禾县农业农村局-2023年度自评报告.txt";
const EXAMPLE_PACK: &str = "yunling-qinghe";

/// One fenced block of the guide.
struct Block {
    /// The guide's line where the block opens (1-based), for messages.
    line: usize,
    info: String,
    body: String,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut lines = markdown.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let fence_length = line.chars().take_while(|&c| c == '`').count();
        if fence_length < 3 {
            continue;
        }
        let info = line[fence_length..].trim().to_string();
        let mut body = String::new();
        for (_, inner) in lines.by_ref() {
            let closing = inner.trim_end();
            if closing.len() >= fence_length && closing.chars().all(|c| c == '`') {
                break;
            }
            body.push_str(inner);
            body.push('\n');
        }
        found.push(Block { line: number + 1, info, body });
    }
    found
}

/// The value of `key=value` in an info string.
fn attribute<'a>(info: &'a str, key: &str) -> Option<&'a str> {
    info.split_whitespace().find_map(|word| word.strip_prefix(key)?.strip_prefix('='))
}

fn language(info: &str) -> &str {
    info.split_whitespace().next().unwrap_or_default()
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The `mkdir -p`, `rm` and `cp -r …/rules/national` lines of a `sh` block.
fn run_shell(block: &Block, work: &Path, repository: &Path) {
    for line in block.body.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["mkdir", "-p", folders @ ..] => {
                for folder in folders {
                    fs::create_dir_all(work.join(folder)).unwrap();
                }
            }
            ["rm", files @ ..] => {
                for file in files {
                    fs::remove_file(work.join(file))
                        .unwrap_or_else(|error| panic!("guide line {}: `rm {file}` fails: {error}", block.line));
                }
            }
            ["cp", "-r", source, destination] => {
                assert!(
                    source.trim_end_matches('/').ends_with("rules/national"),
                    "guide line {}: only the national pack is copied, not {source}",
                    block.line
                );
                let mut target = work.join(destination);
                if target.is_dir() {
                    target = target.join("national");
                }
                copy_folder(&repository.join("rules/national"), &target);
            }
            _ => {}
        }
    }
}

struct Run {
    code: i32,
    output: String,
}

fn reportlint(work: &Path, args: &[&str]) -> Run {
    let output = cargo_bin_cmd!("reportlint")
        .args(args)
        .current_dir(work)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    let mut text = String::from_utf8(output.stdout).unwrap();
    text.push_str(&String::from_utf8(output.stderr).unwrap());
    Run { code: output.status.code().unwrap_or(-1), output: text }
}

/// Whether `actual` reads as `expected`, where `…` inside a line is any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let mut pieces = expected.split('…');
    let Some(first) = pieces.next() else { return true };
    let Some(mut rest) = actual.strip_prefix(first) else { return false };
    let pieces: Vec<&str> = pieces.collect();
    for (index, piece) in pieces.iter().enumerate() {
        if index + 1 == pieces.len() {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether `actual` lines read as the `expected` lines, where a line that is
/// only `…` skips any number of lines.
fn output_matches(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((&"…", rest)) => (0..=actual.len()).any(|skip| output_matches(rest, &actual[skip..])),
        Some((line, rest)) => actual
            .split_first()
            .is_some_and(|(first, others)| line_matches(line, first) && output_matches(rest, others)),
    }
}

fn run_console(block: &Block, work: &Path) {
    let mut lines = block.body.lines();
    let command = lines
        .next()
        .and_then(|line| line.strip_prefix("$ reportlint "))
        .unwrap_or_else(|| panic!("guide line {}: a console block starts with `$ reportlint …`", block.line));
    let expected_code: i32 = attribute(&block.info, "退出码")
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("guide line {}: a console block needs `退出码=N`", block.line));
    let args: Vec<&str> = command.split_whitespace().collect();
    let run = reportlint(work, &args);
    let expected: Vec<&str> = lines.map(str::trim_end).collect();
    let actual: Vec<&str> = run.output.lines().map(str::trim_end).collect();
    assert!(
        run.code == expected_code && output_matches(&expected, &actual),
        "guide line {}: `reportlint {command}`\nexpected exit code {expected_code}, got {}\n--- guide says:\n{}\n--- \
         reportlint says:\n{}",
        block.line,
        run.code,
        expected.join("\n"),
        actual.join("\n"),
    );
}

/// Follows the guide top to bottom; returns the work folder.
fn follow_guide() -> PathBuf {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = fs::read_to_string(repository.join(GUIDE)).unwrap();
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rule-guide-walkthrough");
    if work.exists() {
        fs::remove_dir_all(&work).unwrap();
    }
    fs::create_dir_all(&work).unwrap();
    let mut consoles = 0;
    for block in blocks(&guide) {
        if let Some(path) = attribute(&block.info, "file") {
            let target = work.join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(target, &block.body).unwrap();
        } else if language(&block.info) == "sh" {
            run_shell(&block, &work, repository);
        } else if language(&block.info) == "console" {
            run_console(&block, &work);
            consoles += 1;
        }
    }
    assert!(consoles >= 10, "the guide runs only {consoles} commands; did the console blocks lose their tag?");
    work
}

fn findings(work: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["lint", "--format", "json", "--rules", EXAMPLE_RULES, EXAMPLE_REPORT];
    args.extend_from_slice(extra);
    let run = reportlint(work, &args);
    (run.code, serde_json::from_str(&run.output).unwrap())
}

/// `(rule, severity)` of every finding of the only file.
fn rules_found(json: &Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| (finding["rule"].as_str().unwrap().into(), finding["severity"].as_str().unwrap().into()))
        .collect();
    found.sort();
    found
}

fn pair(rule: &str, severity: &str) -> (String, String) {
    (rule.to_string(), severity.to_string())
}

#[test]
fn the_guide_runs_as_written() {
    let work = follow_guide();
    assert!(work.join(EXAMPLE_RULES).join(EXAMPLE_PACK).join("pack.yaml").is_file());
    // The region pack extends the embedded national pack, not a copy of it.
    assert!(!work.join(EXAMPLE_RULES).join("national").exists());
    assert!(work.join(EXAMPLE_REPORT).is_file());

    // The region pack is detected, its new check fires, the raised severity
    // holds, and what it overrides or disables stays quiet.
    let (code, json) = findings(&work, &[]);
    assert_eq!(code, 1);
    assert_eq!(json["files"][0]["pack"], EXAMPLE_PACK);
    assert_eq!(rules_found(&json), [pair("budget-balance", "error"), pair("heading-numbering", "error")]);

    // The same report under the national pack alone: the disabled check, the
    // national weight and band table speak; the region's new check does not exist.
    let (code, json) = findings(&work, &["--pack", "national"]);
    assert_eq!(code, 1);
    assert_eq!(json["files"][0]["pack"], "national");
    assert_eq!(
        rules_found(&json),
        [
            pair("execution-score", "warning"),
            pair("grade-band", "error"),
            pair("heading-numbering", "warning"),
            pair("three-public-control-rate", "warning"),
        ]
    );

    // The sign word 调减 in the added pattern makes the adjustment negative.
    let run = reportlint(&work, &["facts", "--format", "json", "--rules", EXAMPLE_RULES, EXAMPLE_REPORT]);
    let facts: Value = serde_json::from_str(&run.output).unwrap();
    let adjustment = &facts["values"]["budget.adjustment"][0]["value"]["figure"]["value"];
    assert_eq!(adjustment, "-30.00");
}

#[test]
fn output_matching_understands_ellipses() {
    assert!(line_matches("共 … 条检查", "共 54 条检查"));
    assert!(!line_matches("共 … 条检查", "共 54 条提示"));
    assert!(line_matches("…", "anything"));
    assert!(output_matches(&["a", "…", "d"], &["a", "b", "c", "d"]));
    assert!(!output_matches(&["a", "d"], &["a", "b", "d"]));
    assert!(output_matches(&["…"], &[]));
}
