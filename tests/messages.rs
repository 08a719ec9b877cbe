//! What a finding says, for a reader: values in the unit and form of the
//! figure they are compared with, the computation with the values used
//! (the branch an `if` took, the argument `coalesce` or `min` chose,
//! `round` in words), and a unit written wrongly named as such instead of
//! a value 10,000 times off (issue 12, item 3).
//!
//! Input: one small pack ([`PACK`]) and one short report per case. Output:
//! a snapshot of each case's findings (message, help, expected, actual,
//! labels) and of what the checks that held compared.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use reportlint::lint::{LintedFile, Linter};
use reportlint::rules::{self, RuleSource};

const PACK: &str = "\
pack:
  id: messages
  title: 提示信息
  detect: [提示信息]
";

const FACTS: &str = "\
facts:
  budget: { label: 预算, kind: money, patterns: ['预算{budget}'] }
  spent: { label: 支出, kind: money, patterns: ['支出{spent}'] }
  rate: { label: 执行率, kind: number, patterns: ['执行率{rate}'] }
  share: { label: 占比, kind: ratio, patterns: ['占比{share}'] }
  part_a: { label: 甲, kind: money, patterns: ['甲{part_a}'] }
  part_b: { label: 乙, kind: money, patterns: ['乙{part_b}'] }
  total: { label: 合计, kind: money, patterns: ['合计{total}'] }
  adjustment: { label: 调整, kind: money, patterns: ['调整{adjustment}'] }
  weight: { label: 权重, kind: score, exact: true, patterns: ['权重{weight}'] }
  completion: { label: 完成率, kind: ratio, patterns: ['完成率{completion}'] }
  score: { label: 得分, kind: score, exact: true, patterns: ['得分{score}'] }
  rounded: { label: 折算分, kind: score, exact: true, patterns: ['折算分{rounded}'] }
";

const CHECKS: &str = "\
checks:
  - { id: rate, title: 执行率, check: rate = spent / budget }
  - { id: share, title: 占比, check: share = spent / budget }
  - { id: parts, title: 合计, check: total = part_a + part_b }
  - id: adjusted
    title: 调整后合计
    check: total = if exists(adjustment) then part_a + adjustment else part_a
  - { id: fallback, title: 预算, check: 'budget = coalesce(adjustment, part_a) + part_b' }
  - { id: capped, title: 得分, check: 'score = weight * min(completion, 100%)' }
  - { id: rounded, title: 折算分, check: 'rounded = round(weight * completion, 2)' }
  - { id: floor, title: 保底分, check: 'score = max(weight * completion, 6)' }
  - id: bonus
    title: 加分
    check: score = weight * (if exists(adjustment) then completion + 10% else completion)
";

fn linter() -> Linter {
    let source = |name: &str, text: &str| RuleSource { name: format!("messages/{name}"), text: Arc::new(text.into()) };
    let files = vec![
        ("messages".to_string(), source("pack.yaml", PACK)),
        ("messages".to_string(), source("facts.yaml", FACTS)),
        ("messages".to_string(), source("checks.yaml", CHECKS)),
    ];
    let rules = rules::load_files(files).unwrap_or_else(|errors| panic!("{errors:?}"));
    Linter::new(rules).with_pack("messages").unwrap()
}

fn lint(text: &str) -> LintedFile {
    linter().lint_text("报告.txt", text).unwrap()
}

/// Each finding as a reader meets it, then what the checks that held compared.
fn describe(file: &LintedFile) -> String {
    let mut lines = Vec::new();
    for finding in &file.findings {
        lines.push(format!("{}：{}", finding.rule, finding.message));
        lines.push(format!("  help: {}", finding.help.as_deref().unwrap_or("—")));
        lines.push(format!(
            "  expected: {} · actual: {}",
            finding.expected.as_deref().unwrap_or("—"),
            finding.actual.as_deref().unwrap_or("—")
        ));
        let labels: Vec<&str> =
            finding.primary.iter().chain(&finding.related).map(|label| label.text.as_str()).collect();
        lines.push(format!("  labels: {}", labels.join(" | ")));
    }
    for passed in &file.passed {
        lines.push(format!("{} held: {}", passed.rule, passed.detail));
    }
    lines.join("\n")
}

fn cases(cases: &[(&str, &str)]) -> String {
    cases
        .iter()
        .map(|(name, text)| format!("── {name}\n{text}\n{}", describe(&lint(text))))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn values_are_shown_as_the_figure_beside_them_is_written() {
    insta::assert_snapshot!(cases(&[
        // A rate of kind `number` written as a fraction is compared as one,
        // and its right value is shown as a percentage, not as 0.9.
        ("a bare rate", "预算200.00万元，支出180.00万元，执行率0.8。"),
        ("a bare rate that holds", "预算200.00万元，支出180.00万元，执行率0.9。"),
        // Money in the unit of the figure it is compared with.
        ("money in 元", "甲5000.00元，乙3635.70元，合计9000.00元。"),
        // An exact score against a value within a hair of it: places are
        // added until the two differ.
        ("an exact score", "权重10分，完成率89.996%，得分9分。"),
    ]));
}

#[test]
fn help_lines_show_the_values_used() {
    insta::assert_snapshot!(cases(&[
        // The branch taken, never `if exists(…) then … else …`.
        ("if, then branch", "甲500.00万元，调整20.00万元，合计500.00万元。"),
        ("if, else branch", "甲500.00万元，合计510.00万元。"),
        // The branch taken, in parentheses where the operator around it needs them.
        ("if inside a product", "权重10分，完成率80%，调整1.00万元，得分8分。"),
        // `coalesce` shows the argument whose value was used.
        ("coalesce", "甲500.00万元，乙100.00万元，预算700.00万元。"),
        // `min` shows the value chosen, with the cap when it applied.
        ("min below its cap", "权重8.91分，完成率89.06%，得分8.91分。"),
        ("min at its cap", "权重10分，完成率103.45%，得分9分。"),
        ("max at its floor", "权重10分，完成率50%，得分5分。"),
        // `round` in words.
        ("round", "权重8分，完成率97.5%，折算分7.9分。"),
        // The value a person computes: 100% ÷ 100% is 100%, not the middle
        // of the interval the rounding allows.
        ("a pass", "预算89.974万元，支出89.974万元，占比100%。"),
    ]));
}

#[test]
fn a_unit_written_wrongly_is_named_not_quoted_10000_times_off() {
    insta::assert_snapshot!(cases(&[
        // Two operands in two units, either of which may be wrong: the one
        // in the report's rarer unit is read in the more common one.
        ("元 for 万元 in an operand", "预算831.06万元，支出831.06元，占比100%。甲1.00万元。"),
        ("万元 for 元 in an operand", "预算831.06元，支出831.06万元，占比100%。甲1.00元。"),
        // The reported figure itself, both directions.
        ("元 for 万元 in the total", "甲500.00万元，乙363.57万元，合计863.57元。"),
        ("万元 for 元 in the total", "甲5000.00元，乙3635.70元，合计8635.70万元。"),
        // A factor of 100: a bare number for a percentage, a fraction with a %.
        ("a percentage without %", "预算89.974万元，支出89.974万元，执行率100。"),
        ("a fraction with %", "预算200.00万元，支出190.00万元，占比0.95%。"),
        // A fact stated twice, once in the wrong unit.
        ("a restatement", "甲942.42万元。……合计942.42万元。甲942.42元。"),
    ]));
}

#[test]
fn no_unit_is_blamed_without_an_exact_factor() {
    insta::assert_snapshot!(cases(&[
        // One term of a sum in 元: the sides are not a factor apart.
        ("a term of a sum", "甲500.00万元，乙363.57元，合计863.57万元。"),
        // 10,000 times and then some: 100.00% leaves no room for 831.16.
        ("off by more than rounding", "预算831.06万元，支出831.16元，占比100.00%。"),
        // 1 stands for 0.5 to 1.5: too loose to say it was 1 万元.
        ("one significant digit", "预算1万元，支出1元，占比100%。"),
        // Reading 89.06% as 89.06 would make the capped score hold, but
        // 8.91 is not 100 times 7.94.
        ("a cap that would hide it", "权重8.91分，完成率89.06%，得分8.91分。"),
    ]));
}
