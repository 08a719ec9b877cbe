//! Rule folders with one mistake each: `rules check DIR` exits 2 and prints
//! a miette diagnostic with a stable code, pointing into the YAML.
//!
//! Every case starts from the same small, valid pack (`VALID_HEADER` +
//! `VALID_CHECKS`) and changes one thing, so the snapshot shows only that
//! mistake.

use std::sync::LazyLock;

use crate::common::{KARAMAY, Run, Scratch, reportlint};

#[path = "../support/sample_pack.rs"]
mod sample_pack;
use sample_pack::{CHECKS, FACTS, HEADER as VALID_HEADER};

/// The facts and the check, one file.
static VALID_CHECKS: LazyLock<String> = LazyLock::new(|| format!("{FACTS}\n{CHECKS}"));

/// `VALID_CHECKS` with `from` replaced by `to` (which must occur).
fn checks_with(from: &str, to: &str) -> String {
    assert!(VALID_CHECKS.contains(from), "`{from}` occurs in the valid checks");
    VALID_CHECKS.replacen(from, to, 1)
}

/// Writes `files` (relative path → text) into a scratch folder, runs
/// `rules check pack` there and checks the failure shape every mistake shares.
fn rules_check(name: &str, files: &[(&str, &str)], code: &str) -> Run {
    let scratch = Scratch::new(&format!("rule-mistake-{name}"));
    for (path, text) in files {
        scratch.write(path, text);
    }
    let run = reportlint(&["rules", "check", "pack"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains(code), "the diagnostic code `{code}` appears:\n{}", run.stderr);
    run
}

/// One pack folder: the valid header and the given checks file.
fn one_pack(name: &str, checks: &str, code: &str) -> Run {
    rules_check(name, &[("pack/pack.yaml", VALID_HEADER), ("pack/checks.yaml", checks)], code)
}

#[test]
fn valid_pack_passes_check_and_test() {
    let scratch = Scratch::new("rule-mistake-none");
    scratch.write("pack/pack.yaml", VALID_HEADER);
    scratch.write("pack/checks.yaml", VALID_CHECKS.as_str());
    let check = reportlint(&["rules", "check", "pack"]).in_dir(scratch.path()).run();
    assert_eq!(check.code, 0, "{check:?}");
    let test = reportlint(&["rules", "test", "pack"]).in_dir(scratch.path()).run();
    assert_eq!((test.code, test.last_line()), (0, "示例通过 2 条，失败 0 条。"), "{test:?}");
}

#[test]
fn yaml_syntax_error() {
    let run = one_pack("yaml", &checks_with("    kind: ratio\n", "    kind: [ratio\n"), "rules::yaml");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn unknown_key() {
    let run = one_pack("unknown-key", &checks_with("    check: ", "    chek: "), "rules::yaml");
    assert!(run.stderr.contains("chek"), "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn unknown_fact_suggests_the_right_name() {
    let run = one_pack(
        "unknown-fact",
        &checks_with("budget.spent / budget.adjusted", "budget.spent / budget.ajusted"),
        "rules::unknown-fact",
    );
    assert!(run.stderr.contains("budget.adjusted"), "did you mean: {}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn bad_expression() {
    let run = one_pack(
        "bad-expression",
        &checks_with("budget.spent / budget.adjusted", "budget.spent / "),
        "rules::bad-expression",
    );
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn wrong_arity() {
    let run = one_pack(
        "arity",
        &checks_with("budget.spent / budget.adjusted", "abs(budget.spent, budget.adjusted)"),
        "rules::arity",
    );
    insta::assert_snapshot!(run.stderr);
    let run = one_pack("arity-none", &checks_with("budget.spent / budget.adjusted", "sum()"), "rules::arity");
    assert!(run.stderr.contains("`sum`"), "{}", run.stderr);
}

/// Examples that contradict their check: `rules test` exits 1 and points
/// at each example in the YAML (on stdout: they are the command's result).
#[test]
fn examples_that_contradict_the_check() {
    let scratch = Scratch::new("rule-mistake-examples");
    scratch.write("pack/pack.yaml", VALID_HEADER);
    let swapped = VALID_CHECKS.replace("预算执行率 75.00%", "预算执行率 76.00%").replacen(
        "预算执行率 80.00%",
        "预算执行率 75.00%",
        1,
    );
    scratch.write("pack/checks.yaml", swapped);
    let run = reportlint(&["rules", "test", "pack"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.last_line(), "示例通过 0 条，失败 2 条。");
    assert!(run.stdout.contains("rules::example"), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn unknown_placeholder_in_a_message() {
    let run = one_pack("placeholder", &checks_with("{expected}", "{expcted}"), "rules::unknown-placeholder");
    assert!(run.stderr.contains("{expected}"), "did you mean: {}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn duplicate_check_id() {
    let (_, check) = VALID_CHECKS.split_once("checks:\n").expect("the valid checks have a checks list");
    let doubled = format!("{}\n{check}", VALID_CHECKS.as_str());
    let run = one_pack("duplicate-id", &doubled, "rules::duplicate-id");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn unknown_kind() {
    let run = one_pack("unknown-kind", &checks_with("kind: ratio", "kind: rate"), "rules::unknown-kind");
    insta::assert_snapshot!(run.stderr);
}

fn unclosed_pattern() -> String {
    checks_with("调整后全年预算数{budget.adjusted}", "年初{budget.adjusted")
}

#[test]
fn bad_pattern() {
    one_pack("bad-pattern", &unclosed_pattern(), "rules::bad-pattern");
}

/// The pattern on line 6 loses its YAML position: the diagnostic points at
/// 1:7, near the top of the file, instead.
#[test]
fn bad_pattern_points_at_the_pattern() {
    let run = one_pack("bad-pattern-location", &unclosed_pattern(), "rules::bad-pattern");
    assert!(run.stderr.contains("╭─[pack/checks.yaml:6:"), "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn extends_an_unknown_pack() {
    let header = format!("{VALID_HEADER}  extends: [nationl]\n");
    let run = rules_check(
        "unknown-pack",
        &[("pack/pack.yaml", &header), ("pack/checks.yaml", VALID_CHECKS.as_str())],
        "rules::unknown-pack",
    );
    insta::assert_snapshot!(run.stderr);
}

/// A folder of two packs that extend each other.
#[test]
fn extends_cycle() {
    let first = "pack:\n  id: first\n  title: 甲\n  extends: [second]\n";
    let second = "pack:\n  id: second\n  title: 乙\n  extends: [first]\n";
    let run = rules_check(
        "extends-cycle",
        &[
            ("pack/first/pack.yaml", first),
            ("pack/first/checks.yaml", VALID_CHECKS.as_str()),
            ("pack/second/pack.yaml", second),
        ],
        "rules::extends-cycle",
    );
    insta::assert_snapshot!(run.stderr);
}

/// `lint --rules` with a broken folder reads no report: exit 2, the
/// diagnostics on stderr, nothing on stdout.
#[test]
fn lint_with_a_broken_rules_folder() {
    let scratch = Scratch::new("rule-mistake-lint");
    scratch.write("pack/pack.yaml", VALID_HEADER);
    scratch.write("pack/checks.yaml", checks_with("budget.spent / budget.adjusted", "budget.spent / budget.ajusted"));
    let rules = scratch.path().join("pack");
    let run = reportlint(&["lint", "--rules", rules.to_str().expect("UTF-8 path"), KARAMAY]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("rules::"), "{}", run.stderr);
}
