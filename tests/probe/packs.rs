//! Rule folders that attack loading: `extends` graphs and ids.

use super::capped::{self, CAP_BYTES};
use super::scratch::Scratch;

/// `count` packs, each extending the two before it, each adding a pattern
/// to the base fact and a check of its own.
fn diamonds(scratch: &Scratch, count: usize) {
    for index in 0..count {
        let parents: Vec<String> = [index.checked_sub(1), index.checked_sub(2)]
            .into_iter()
            .flatten()
            .map(|parent| format!("p{parent}"))
            .collect();
        let mut text = format!(
            "pack:\n  id: p{index}\n  title: 包{index}\n  extends: [{}]\n  detect: [地区{index}]\n",
            parents.join(", ")
        );
        text.push_str(&format!(
            "facts:\n  budget.f{index}:\n    label: 预算{index}\n    kind: money\n    patterns: ['预算{index}数{{budget.f{index}}}']\n"
        ));
        if index > 0 {
            text.push_str(&format!("  budget.f0:\n    add_patterns: ['第{index}预算数{{budget.f0}}']\n"));
        }
        text.push_str(&format!(
            "checks:\n  - id: c{index}\n    title: 检查{index}\n    check: budget.f{index} >= 0\n    message: 预算{index}为负\n"
        ));
        scratch.write(&format!("packs/p{index}/pack.yaml"), text);
    }
}

/// Issue 11: 28 such packs took 20 s and 7.8 GB, doubling every two packs;
/// each pack is now built once, so 40 load in a few MB.
#[test]
fn forty_diamond_shaped_packs_load_in_little_memory() {
    let scratch = Scratch::new("packs-diamonds");
    diamonds(&scratch, 40);
    let run = capped::run(scratch.path(), &["rules", "check", "packs"]);
    run.assert_ends(0, 200 << 20);
    // The forty beside the embedded packs.
    let embedded = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
        .map(|entries| entries.filter_map(Result::ok).filter(|entry| entry.path().join("pack.yaml").is_file()).count())
        .unwrap_or_default();
    assert!(run.stdout.contains(&format!("{} 个规则包", 40 + embedded)), "{}", run.brief());
    scratch.write("报告.txt", "一、概况\n地区39 第39预算数 10.00 万元。\n");
    let run = capped::run(scratch.path(), &["lint", "--rules", "packs", "报告.txt"]);
    run.assert_ends(0, 200 << 20);
    assert!(run.stdout.contains("规则包 p39"), "{}", run.brief());
}

/// A cycle in a diamond is still found and reported where it closes.
#[test]
fn a_cycle_among_diamonds_is_reported() {
    let scratch = Scratch::new("packs-cycle");
    diamonds(&scratch, 30);
    scratch.write("packs/p0/pack.yaml", "pack:\n  id: p0\n  title: 包0\n  extends: [p29]\n");
    let run = capped::run(scratch.path(), &["rules", "check", "packs"]);
    run.assert_ends(2, CAP_BYTES);
    assert!(run.stderr.contains("rules::extends-cycle"), "{}", run.brief());
}

/// Issue 11: an id holding ESC went through `rules check` and reached the
/// terminal raw in `rules list`. It is refused at load, shown escaped.
#[test]
fn ids_with_control_characters_are_refused_at_load() {
    let scratch = Scratch::new("packs-bad-ids");
    scratch.write("packs/p/pack.yaml", "pack:\n  id: \"p\\e]0;owned\\a\"\n  title: 包\n");
    scratch.write(
        "packs/q/pack.yaml",
        "pack:\n  id: q\n  title: 包\nchecks:\n  - id: \"c\\e[2J\"\n    title: 检查\n    check: 1 = 1\n    message: 消息\n  - id: two words\n    title: 检查\n    check: 1 = 1\n    message: 消息\n",
    );
    let run = capped::run(scratch.path(), &["rules", "check", "packs"]);
    run.assert_ends(2, CAP_BYTES);
    assert!(!run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'), "{}", run.brief());
    assert!(run.stderr.contains("rules::bad-id"), "{}", run.brief());
    assert!(
        run.stderr.contains(r#"pack id "p\u{1b}]0;owned\u{7}" holds the control character '\u{1b}'"#),
        "{}",
        run.brief()
    );
    assert!(run.stderr.contains(r#"check id "two words" holds ' '"#), "{}", run.brief());
}

/// Issue 11: a pack of 10,000 facts cost 1.1 GB. The rule set now grows by
/// a few kilobytes a fact and check (about 80 MB for these, in release).
#[test]
fn ten_thousand_facts_and_checks_load_in_modest_memory() {
    let scratch = Scratch::new("packs-ten-thousand");
    let mut text = String::from("pack:\n  id: big\n  title: 大包\n  detect: [大包地区]\nfacts:\n");
    for index in 0..10_000 {
        text.push_str(&format!(
            "  budget.f{index}:\n    label: 预算{index}\n    kind: money\n    patterns: ['预算{index}数{{budget.f{index}}}']\n"
        ));
    }
    text.push_str("checks:\n");
    for index in 0..10_000 {
        text.push_str(&format!(
            "  - id: c{index}\n    title: 检查{index}\n    check: budget.f{index} >= 0\n    message: 预算{index}为负\n"
        ));
    }
    scratch.write("packs/big/pack.yaml", text);
    scratch.write("报告.txt", "一、概况\n大包地区 预算9999数 -10.00 万元。\n");
    let run = capped::run(scratch.path(), &["lint", "--rules", "packs", "报告.txt"]);
    run.assert_ends(1, 300 << 20);
    assert!(run.stdout.contains("预算9999为负"), "{}", run.brief());
}

/// `count` packs, each extending the one before it.
fn chain(scratch: &Scratch, count: usize) {
    for index in 0..count {
        let extends = index.checked_sub(1).map(|parent| format!("  extends: [p{parent}]\n")).unwrap_or_default();
        scratch.write(
            &format!("packs/p{index}/pack.yaml"),
            format!("pack:\n  id: p{index}\n  title: 包{index}\n{extends}"),
        );
    }
}

/// Found after issue 11: the walk of `extends` recursed once a level, and a
/// chain of 20,000 packs overflowed the stack (abort). A chain is now at
/// most 64 packs; a deeper one is reported where it passes the limit.
#[test]
fn an_extends_chain_past_64_packs_is_reported_not_a_stack_overflow() {
    let scratch = Scratch::new("packs-chain");
    chain(&scratch, 64);
    let run = capped::run(scratch.path(), &["rules", "check", "packs"]);
    run.assert_ends(0, CAP_BYTES);
    chain(&scratch, 65);
    let run = capped::run(scratch.path(), &["rules", "check", "packs"]);
    run.assert_ends(2, CAP_BYTES);
    assert!(run.stderr.contains("rules::extends-too-deep"), "{}", run.brief());
    chain(&scratch, 20_000);
    let run = capped::run(scratch.path(), &["rules", "check", "packs"]);
    run.assert_ends(2, CAP_BYTES);
    assert!(run.stderr.contains("chains more than 64 packs"), "{}", run.brief());
}
