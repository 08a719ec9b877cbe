//! `rules test`, `rules check`, `rules list`, `rules show` and `explain` on
//! the embedded packs.

use crate::common::{crate_root, reportlint};

#[test]
fn rules_test_runs_every_example_and_passes() {
    let run = reportlint(&["rules", "test"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    let last = run.last_line();
    let passed = last
        .strip_prefix("示例通过 ")
        .and_then(|rest| rest.strip_suffix(" 条，失败 0 条。"))
        .and_then(|count| count.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("last line is `示例通过 N 条，失败 0 条。`: {last:?}"));
    assert!(passed > 0);
}

#[test]
fn rules_check_accepts_the_embedded_packs() {
    let run = reportlint(&["rules", "check"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    let packs = std::fs::read_dir(crate_root().join("rules"))
        .expect("rules/ is readable")
        .filter(|entry| entry.as_ref().is_ok_and(|entry| entry.path().join("pack.yaml").is_file()))
        .count();
    assert!(run.stdout.starts_with(&format!("规则无误：{packs} 个规则包")), "{}", run.stdout);
}

#[test]
fn rules_check_accepts_the_rules_folder_on_disk() {
    let run = reportlint(&["rules", "check", "rules"]).run();
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn rules_list() {
    let run = reportlint(&["rules", "list"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn rules_show_karamay() {
    let run = reportlint(&["rules", "show", "xinjiang-karamay"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn rules_show_unknown_pack() {
    let run = reportlint(&["rules", "show", "nosuch"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("nosuch"), "{}", run.stderr);
}

#[test]
fn explain_budget_execution_rate() {
    let run = reportlint(&["explain", "budget-execution-rate"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_unknown_check() {
    let run = reportlint(&["explain", "no-such-check"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no-such-check"), "{}", run.stderr);
}
