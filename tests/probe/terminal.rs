//! What reaches the terminal and the renderer: lines too long for miette,
//! control characters from reports and rule files.

use super::capped::{self, CAP_BYTES};
use super::scratch::Scratch;

const ESC: char = '\u{1b}';

/// The budget-execution sentence every case puts a finding on: 80% where
/// 180 ÷ 240 is 75%.
const SENTENCE: &str = "调整后全年预算数为 240.00 万元，全年实际支出资金 180.00 万元，预算执行率为 80%。";

fn assert_no_raw_escape(run: &capped::Capped) {
    assert!(!run.stdout.contains(ESC) && !run.stderr.contains(ESC), "a raw ESC reached the terminal:\n{}", run.brief());
}

/// Issue 11: a finding past display column 65,535 made miette panic
/// ("Formatting argument out of range", exit 101). The line is clipped
/// around the labels, the header keeps the real column.
#[test]
fn a_finding_on_a_very_long_line_is_drawn_clipped() {
    let scratch = Scratch::new("terminal-long-line");
    scratch.write("long.txt", format!("一、概况\n{}{SENTENCE}\n", "哈".repeat(33_000)));
    let run = capped::run(scratch.path(), &["lint", "long.txt"]);
    run.assert_ends(1, 200 << 20);
    // 33,000 + 46 characters before `80%`.
    assert!(run.stdout.contains("[long.txt:2:33047]"), "{}", run.brief());
    let line = run.stdout.lines().find(|line| line.contains("预算执行率为 80%")).unwrap_or_default();
    assert!(line.contains(&format!("│ …{}调整后", "哈".repeat(50))), "{}", run.brief());
    assert!(line.chars().count() < 200, "{line}");
    assert!(run.stdout.contains("预算执行率应为 75.00%"), "{}", run.brief());
}

/// The same on a line of a million characters, the finding at its start,
/// in a batch: the other file is linted and the summary written.
#[test]
fn a_megabyte_line_in_a_batch_is_clipped_after_the_finding() {
    let scratch = Scratch::new("terminal-megabyte-line");
    scratch.write("甲.txt", format!("一、概况\n{SENTENCE}{}\n", "呀".repeat(1_000_000)));
    scratch.write("乙.txt", format!("一、概况\n{SENTENCE}\n"));
    let run = capped::run(scratch.path(), &["lint", "--jobs", "2", "甲.txt", "乙.txt"]);
    run.assert_ends(1, 300 << 20);
    assert!(run.stdout.contains(&format!("80%。{}…", "呀".repeat(59))), "{}", run.brief());
    assert!(run.stdout.contains("共检查 2 个文件：2 个错误"), "{}", run.brief());
    assert!(run.stdout.len() < 20_000, "{}", run.brief());
}

/// A rule-file diagnostic on a long YAML line made miette panic the same
/// way.
#[test]
fn a_rule_error_on_a_long_yaml_line_is_drawn_clipped() {
    let scratch = Scratch::new("terminal-long-yaml");
    let padding = "哈".repeat(40_000);
    scratch.write(
        "packs/p/pack.yaml",
        format!(
            "pack:\n  id: p\n  title: 包\nchecks:\n  - {{id: c, title: \"{padding}\", check: budget.nothing = 1, message: 消息}}\n"
        ),
    );
    let run = capped::run(scratch.path(), &["rules", "check", "packs"]);
    run.assert_ends(2, 200 << 20);
    assert!(run.stderr.contains("rules::unknown-fact"), "{}", run.brief());
    assert!(run.stderr.contains("[packs/p/pack.yaml:5:40031]"), "{}", run.brief());
    assert!(
        run.stderr.contains("…哈哈") && run.stderr.contains("budget.nothing = 1, message: 消息}"),
        "{}",
        run.brief()
    );
    assert!(run.stderr.len() < 10_000, "{}", run.brief());
}

/// Issue 11: an OSC sequence (window title) and a CSI (clear screen) in a
/// report reached the terminal raw. They are shown as `\x1b`.
#[test]
fn control_characters_in_a_report_are_escaped() {
    let scratch = Scratch::new("terminal-report-escapes");
    scratch.write(
        "报告.txt",
        format!("一、概况\u{1b}]0;标题\u{7}\n\u{1b}[2J{SENTENCE}\u{9b}31m\n三、\u{1b}]8;;http://x\u{1b}\\链接\n"),
    );
    let run = capped::run(scratch.path(), &["lint", "-v", "报告.txt"]);
    run.assert_ends(1, CAP_BYTES);
    assert_no_raw_escape(&run);
    assert!(run.stdout.contains(r"\x1b[2J调整后全年预算数"), "{}", run.brief());
    assert!(run.stdout.contains(r"\x1b]0;标题\x07"), "{}", run.brief());
    assert!(!run.stdout.contains('\u{9b}') && run.stdout.contains(r"\u{9b}31m"), "{}", run.brief());
    // JSON and SARIF escape by their own syntax.
    for format in ["json", "sarif"] {
        let run = capped::run(scratch.path(), &["lint", "--format", format, "报告.txt"]);
        run.assert_ends(1, CAP_BYTES);
        assert_no_raw_escape(&run);
    }
}

/// Issue 11: a rule's title and message reached the terminal raw in
/// `rules list`, `rules show`, `explain` and in the findings of `lint`.
#[test]
fn control_characters_in_a_rule_file_are_escaped() {
    let scratch = Scratch::new("terminal-rule-escapes");
    scratch.write(
        "packs/p/pack.yaml",
        "pack:\n  id: p\n  title: \"包\\e]0;owned\\a\"\n  detect: [概况]\nchecks:\n  - id: c\n    title: \"检查\\e[2J\"\n    check: 1 = 2\n    message: \"消息\\e[31m红\"\n    rationale: \"理由\\x9b\"\n",
    );
    scratch.write("报告.txt", "一、概况\n");
    let cases: [&[&str]; 4] = [
        &["rules", "list", "--rules", "packs"],
        &["rules", "show", "p", "--rules", "packs"],
        &["explain", "c", "--rules", "packs"],
        &["lint", "--rules", "packs", "报告.txt"],
    ];
    for args in cases {
        let run = capped::run(scratch.path(), args);
        assert!(run.code == Some(0) || run.code == Some(1), "{args:?}: {}", run.brief());
        assert_no_raw_escape(&run);
        assert!(!run.stdout.contains('\u{9b}'), "{args:?}: {}", run.brief());
        assert!(run.stdout.contains(r"\x1b"), "{args:?}: {}", run.brief());
    }
}
