//! Hostile rule folders given to `lint --rules DIR`: each is refused while
//! the rules load, before any report is read, with exit code 2, nothing on
//! stdout, and a diagnostic on stderr with its stable code and the YAML
//! file it points into.

use crate::harness::{Run, Scratch, reportlint};
use crate::inputs::GOOD_REPORT;

#[path = "../support/sample_pack.rs"]
mod sample_pack;
use sample_pack::{FACTS, HEADER};

/// One check of the sample pack, with `expression` as its relation.
fn check(id: &str, expression: &str) -> String {
    format!(
        "  - id: {id}
    title: 预算执行率
    severity: error
    check: '{expression}'
    message: 预算执行率应为 {{expected}}，报告为 {{actual}}
"
    )
}

const RELATION: &str = "budget.execution_rate = budget.spent / budget.adjusted";

/// Writes `files` under `pack/`, plus the good report, and lints the report
/// with `--rules pack` and its pack, `sample` (the report names no region):
/// the rule folder's problem is the only one.
fn lint_with_rules(name: &str, files: &[(&str, String)]) -> Run {
    let scratch = Scratch::new(&format!("rules-{name}"));
    for (path, text) in files {
        scratch.write(&format!("pack/{path}"), text);
    }
    scratch.write("report.txt", GOOD_REPORT);
    reportlint(scratch.path(), &["lint", "--rules", "pack", "--pack", "sample", "report.txt", "--format", "json"])
}

/// The shape every refused rule folder shares.
fn assert_rule_error(run: &Run, code: &str, file: &str) {
    run.assert_exit(2);
    assert_eq!(run.stdout, "", "no report is linted with broken rules");
    assert!(run.stderr.contains(code), "the diagnostic code `{code}` appears:\n{}", run.brief());
    assert!(run.stderr.contains(file), "the diagnostic names `{file}`:\n{}", run.brief());
    assert!(run.stderr.contains("规则文件有"), "the error count closes the output:\n{}", run.brief());
}

/// The sample pack with `checks` as its checks file.
fn sample_pack(checks: String) -> Vec<(&'static str, String)> {
    vec![("pack.yaml", HEADER.to_string()), ("facts.yaml", FACTS.to_string()), ("checks.yaml", checks)]
}

#[test]
fn the_sample_pack_itself_lints_the_report() {
    let run = lint_with_rules("valid", &sample_pack(format!("checks:\n{}", check("rate", RELATION))));
    run.assert_exit(1);
    assert!(run.stdout.contains("\"rule\": \"rate\""), "{}", run.brief());
}

#[test]
fn an_expression_nested_10000_deep_is_a_rule_error() {
    let deep = format!("{}{RELATION}{}", "(".repeat(10_000), ")".repeat(10_000));
    let run = lint_with_rules("deep-expression", &sample_pack(format!("checks:\n{}", check("rate", &deep))));
    assert_rule_error(&run, "rules::bad-expression", "checks.yaml");
    assert!(run.stderr.contains("longer than 4096 bytes"), "{}", run.brief());
    // Under the length cap, the nesting cap speaks.
    let deep = format!("{}{RELATION}{}", "(".repeat(1_000), ")".repeat(1_000));
    let run = lint_with_rules("deep-expression-short", &sample_pack(format!("checks:\n{}", check("rate", &deep))));
    assert_rule_error(&run, "rules::bad-expression", "checks.yaml");
    assert!(run.stderr.contains("nested more than 64 levels"), "{}", run.brief());
}

/// YAML that nests 10,000 flow sequences: the parser's depth budget
/// refuses it before serde recurses.
#[test]
fn yaml_nested_10000_deep_is_a_rule_error() {
    let deep = format!("checks: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let run = lint_with_rules("deep-yaml", &sample_pack(deep));
    assert_rule_error(&run, "rules::yaml", "checks.yaml");
}

/// The facts file with one more pattern for `budget.spent`.
fn facts_with_pattern(pattern: &str) -> String {
    FACTS.replacen(
        "      - 全年实际支出资金{budget.spent}\n",
        &format!("      - 全年实际支出资金{{budget.spent}}\n      - '{pattern}'\n"),
        1,
    )
}

#[test]
fn a_pattern_far_over_the_byte_cap_is_a_rule_error() {
    let huge = format!("{}{{budget.spent}}", "预算".repeat(50_000));
    let mut files = sample_pack(format!("checks:\n{}", check("rate", RELATION)));
    files[1].1 = facts_with_pattern(&huge);
    let run = lint_with_rules("huge-pattern", &files);
    assert_rule_error(&run, "rules::bad-pattern", "facts.yaml");
    assert!(run.stderr.contains("longer than 1024 bytes"), "{}", run.brief());
}

/// Templates under the byte cap whose regex would be huge: hundreds of
/// `…` gaps, or of placeholders. The cap on pieces per template refuses
/// each at the pattern, before any regex is built.
#[test]
fn a_small_pattern_that_would_expand_to_a_huge_regex_is_a_rule_error() {
    let gaps = format!("预算{}{{budget.spent}}", "…".repeat(300));
    let placeholders = format!("预算{}", "{x}".repeat(330));
    for (name, file, text) in
        [("gaps", "facts.yaml", facts_with_pattern(&gaps)), ("placeholders", "more.yaml", fact_x(&placeholders))]
    {
        let mut files = sample_pack(format!("checks:\n{}", check("rate", RELATION)));
        files.retain(|(path, _)| *path != file);
        files.push((file, text));
        let run = lint_with_rules(&format!("regex-{name}"), &files);
        assert_rule_error(&run, "rules::bad-pattern", file);
        assert!(run.stderr.contains("more than 12 placeholders and `…` in one pattern"), "{name}: {}", run.brief());
    }
    assert!(gaps.len() <= 1024 && placeholders.len() <= 1024, "both are within the byte cap");
}

/// A fact `x` of its own file, found by `template`.
fn fact_x(template: &str) -> String {
    format!("facts:\n  x:\n    kind: money\n    patterns:\n      - '{template}'\n")
}

/// The biggest template the caps let through (twelve pieces, figures and
/// gaps alternating, then a long list of words) builds and matches: the
/// report is linted as usual.
#[test]
fn the_largest_pattern_accepted_still_lints() {
    let words = vec!["大于等于不低于"; 40].join("|");
    let template = format!("{}{{x}}{{{words}}}", "{x}…".repeat(5));
    assert!(template.len() <= 1024, "{} bytes", template.len());
    let mut files = sample_pack(format!("checks:\n{}", check("rate", RELATION)));
    files.push(("more.yaml", fact_x(&template)));
    let run = lint_with_rules("largest-pattern", &files);
    run.assert_exit(1);
    assert!(run.stdout.contains("\"rule\": \"rate\""), "{}", run.brief());
}

/// Many `{a|b|…}` alternatives stay small: a literal alternation is cheap,
/// so this one is accepted and the pack lints.
#[test]
fn a_pattern_of_many_alternatives_is_accepted() {
    let words: Vec<String> = (0..200).map(|index| format!("{index}")).collect();
    let template = format!("预算{{{}}}执行率{{budget.execution_rate}}", words.join("|"));
    assert!(template.len() <= 1024);
    let mut files = sample_pack(format!("checks:\n{}", check("rate", RELATION)));
    files[1].1 = facts_with_pattern(&template);
    let run = lint_with_rules("alternatives", &files);
    run.assert_exit(1);
}

/// Ten levels of anchors, each level a list of its anchor's value and nine
/// aliases of it: a billion strings once expanded. A pattern is buffered
/// whole before serde tries its shapes, so the expansion would happen; the
/// YAML parser's alias replay budget stops it.
#[test]
fn billion_laughs_yaml_is_a_rule_error() {
    let mut laughs = "&l0 哈".to_string();
    for level in 1..=9 {
        let aliases = vec![format!("*l{}", level - 1); 9].join(", ");
        laughs = format!("&l{level} [{laughs}, {aliases}]");
    }
    let yaml = format!("facts:\n  laughs:\n    patterns:\n      - {laughs}\n");
    let mut files = sample_pack(format!("checks:\n{}", check("rate", RELATION)));
    files.push(("laughs.yaml", yaml));
    let run = lint_with_rules("billion-laughs", &files);
    assert_rule_error(&run, "rules::yaml", "laughs.yaml");
}

#[test]
fn a_cyclic_extends_is_a_rule_error() {
    let first = "pack:\n  id: first\n  title: 甲\n  extends: [second]\n".to_string();
    let second = "pack:\n  id: second\n  title: 乙\n  extends: [third]\n".to_string();
    let third = "pack:\n  id: third\n  title: 丙\n  extends: [first]\n".to_string();
    let run = lint_with_rules(
        "extends-cycle",
        &[("first/pack.yaml", first), ("second/pack.yaml", second), ("third/pack.yaml", third)],
    );
    assert_rule_error(&run, "rules::extends-cycle", "pack.yaml");
    let itself = "pack:\n  id: alone\n  title: 独\n  extends: [alone]\n".to_string();
    let run = lint_with_rules("extends-itself", &[("pack.yaml", itself)]);
    assert_rule_error(&run, "rules::extends-cycle", "pack.yaml");
}

#[test]
fn duplicate_check_ids_are_a_rule_error() {
    let checks = format!("checks:\n{}{}", check("rate", RELATION), check("rate", RELATION));
    let run = lint_with_rules("duplicate-check", &sample_pack(checks));
    assert_rule_error(&run, "rules::duplicate-id", "checks.yaml");
    assert!(run.stderr.contains("check `rate` is defined twice"), "{}", run.brief());
}
