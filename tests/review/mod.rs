//! Helpers of the reviewer's acceptance tests (`reports.rs`,
//! `national_form.rs`): a linted file's warnings and errors as rows, its
//! passed checks matched by rule, scope, item and figures, and the figures
//! its facts show — each printable, so that a failure names the file and
//! the difference.
//!
//! A relation is "evaluated" when a check that reads it ran and held: it is
//! among [`LintedFile::passed`], in the scope of the form copy it was read
//! from (`项目支出绩效自评表（第 1 个表格）`, none for the report's prose), for
//! the item it is about (the name in “…” that starts the detail, for a check
//! over a collection), and its detail shows the figures of the relation.

#![allow(dead_code, reason = "each test binary uses its own subset")]

use std::fmt;

use reportlint::eval::Passed;
use reportlint::extract::{Facts, Item, Mention, Value};
use reportlint::finding::Severity;
use reportlint::lint::LintedFile;
use reportlint::span::{LineIndex, Span};

/// Matches any rule or any scope in a [`Pass`].
pub const ANY: &str = "*";

// ── warnings and errors ───────────────────────────────────────────────────

/// A warning or an error as a reviewer reads it (infos are not flags).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub rule: String,
    pub severity: &'static str,
    /// 1-based line of the primary label; 0 for the report as a whole.
    pub line: usize,
    pub expected: String,
    pub actual: String,
    pub primary: Option<Span>,
}

impl fmt::Display for Flag {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let or_dash = |value: &str| if value.is_empty() { "—".to_string() } else { value.to_string() };
        write!(
            formatter,
            "{:<22} {:<7} line {:>3}  expected {:<12} actual {}",
            self.rule,
            self.severity,
            self.line,
            or_dash(&self.expected),
            or_dash(&self.actual)
        )
    }
}

/// The warnings and errors of a linted file, in its order.
pub fn flags(file: &LintedFile) -> Vec<Flag> {
    let text = &file.document.text;
    let index = LineIndex::new(text);
    file.findings
        .iter()
        .filter(|finding| finding.severity != Severity::Info)
        .map(|finding| {
            let primary = finding.primary.as_ref().map(|label| label.span);
            Flag {
                rule: finding.rule.clone(),
                severity: finding.severity.as_str(),
                line: primary.map_or(0, |span| index.position(text, span.start).line),
                expected: finding.expected.clone().unwrap_or_default(),
                actual: finding.actual.clone().unwrap_or_default(),
                primary,
            }
        })
        .collect()
}

/// A warning or error that must be raised. `line` 0 and empty `expected` or
/// `actual` match anything (a finding without a span, without values).
#[derive(Debug, Clone, Copy)]
pub struct MustFind {
    pub rule: &'static str,
    pub severity: &'static str,
    pub line: usize,
    pub expected: &'static str,
    pub actual: &'static str,
}

pub const fn must_find(
    rule: &'static str,
    severity: &'static str,
    line: usize,
    expected: &'static str,
    actual: &'static str,
) -> MustFind {
    MustFind { rule, severity, line, expected, actual }
}

impl MustFind {
    pub fn matches(&self, flag: &Flag) -> bool {
        flag.rule == self.rule
            && flag.severity == self.severity
            && (self.line == 0 || flag.line == self.line)
            && (self.expected.is_empty() || flag.expected == self.expected)
            && (self.actual.is_empty() || flag.actual == self.actual)
    }
}

impl fmt::Display for MustFind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = if self.line == 0 { "any".to_string() } else { self.line.to_string() };
        write!(formatter, "{:<22} {:<7} line {line:>3}", self.rule, self.severity)?;
        if !self.expected.is_empty() || !self.actual.is_empty() {
            write!(formatter, "  expected {:<12} actual {}", self.expected, self.actual)?;
        }
        Ok(())
    }
}

/// What is wrong with `flags` against `must`: each must-find raised exactly
/// once, and no other flag unless `tolerated` accepts it.
pub fn flag_differences(flags: &[Flag], must: &[MustFind], tolerated: impl Fn(&Flag) -> bool) -> Vec<String> {
    let mut differences = Vec::new();
    for expected in must {
        match flags.iter().filter(|flag| expected.matches(flag)).count() {
            1 => {}
            0 => differences.push(format!("missing     {expected}")),
            times => differences.push(format!("{times} times     {expected}")),
        }
    }
    for flag in flags {
        if !must.iter().any(|expected| expected.matches(flag)) && !tolerated(flag) {
            differences.push(format!("unexpected  {flag}"));
        }
    }
    differences
}

// ── passed checks ─────────────────────────────────────────────────────────

/// A relation that must be evaluated and hold: a passed check of `rule`
/// ([`ANY`]: whichever) in `scope` ("" for the report's prose, a form copy's
/// name, or [`ANY`]), about `item` ("": any or none), whose detail shows
/// every figure of `figures` (compared as numbers: `10441.00` is `10441`).
#[derive(Debug, Clone, Copy)]
pub struct Pass {
    pub rule: &'static str,
    pub scope: &'static str,
    pub item: &'static str,
    pub figures: &'static [&'static str],
}

pub const fn pass(
    rule: &'static str,
    scope: &'static str,
    item: &'static str,
    figures: &'static [&'static str],
) -> Pass {
    Pass { rule, scope, item, figures }
}

impl Pass {
    pub fn matches(&self, passed: &Passed) -> bool {
        (self.rule == ANY || passed.rule == self.rule)
            && (self.scope == ANY || passed.scope.as_deref().unwrap_or("") == self.scope)
            && (self.item.is_empty() || item_of(&passed.detail) == Some(self.item))
            && shows_figures(&passed.detail, self.figures)
    }

    /// Whether some passed check of `file` is this relation.
    pub fn holds_in(&self, file: &LintedFile) -> bool {
        file.passed.iter().any(|passed| self.matches(passed))
    }

    /// Why this relation is not among the passed checks of `file`: what the
    /// check did instead, in this scope.
    pub fn explain_absence(&self, file: &LintedFile) -> String {
        let in_scope = |scope: &Option<String>| self.scope == ANY || scope.as_deref().unwrap_or("") == self.scope;
        let mut lines = vec![format!("not evaluated: {self}")];
        for passed in file.passed.iter().filter(|passed| passed.rule == self.rule && in_scope(&passed.scope)) {
            lines.push(format!("      passed instead: {}", passed.detail));
        }
        for skipped in file.skipped.iter().filter(|skipped| skipped.rule == self.rule && in_scope(&skipped.scope)) {
            lines.push(format!("      skipped: {}", skipped.reason));
        }
        lines.join("\n")
    }
}

impl fmt::Display for Pass {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.rule)?;
        if !self.scope.is_empty() {
            write!(formatter, " 〔{}〕", self.scope)?;
        }
        if !self.item.is_empty() {
            write!(formatter, " “{}”", self.item)?;
        }
        write!(formatter, " showing {}", self.figures.join(", "))
    }
}

/// The item a check over a collection names at the start of its detail:
/// `“产出指标”：类别分值 …` is about 产出指标. An item's name may hold
/// quotation marks of its own, so the name ends at `”：`.
pub fn item_of(detail: &str) -> Option<&str> {
    let rest = detail.strip_prefix('“')?;
    rest.find("”：").and_then(|end| rest.get(..end))
}

/// Whether `detail` shows each of `figures`, a figure written twice in
/// `figures` twice.
pub fn shows_figures(detail: &str, figures: &[&str]) -> bool {
    let mut shown = numbers_in(detail);
    figures.iter().all(|figure| {
        let wanted = normalize_number(figure);
        match shown.iter().position(|number| *number == wanted) {
            Some(found) => {
                shown.swap_remove(found);
                true
            }
            None => false,
        }
    })
}

/// The numbers written in `text`, normalized (`100.00` → `100`).
fn numbers_in(text: &str) -> Vec<String> {
    text.split(|character: char| !(character.is_ascii_digit() || character == '.'))
        .map(|token| token.trim_matches('.'))
        .filter(|token| token.starts_with(|character: char| character.is_ascii_digit()))
        .map(normalize_number)
        .collect()
}

fn normalize_number(number: &str) -> String {
    if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        number.to_string()
    }
}

// ── facts ─────────────────────────────────────────────────────────────────

/// A figure as the engine read it: relation, value as written, unit
/// (`≥120处`, `260.00万元`), a text as itself, an empty cell as `—`.
pub fn render(mention: &Mention) -> String {
    match &mention.value {
        Value::Figure(number) => {
            let relation = reportlint::eval::relation_symbol(number.relation);
            format!("{relation}{}{}", number.value, reportlint::eval::unit::suffix(&number.unit))
        }
        Value::Text(text) => text.clone(),
        Value::Empty => "—".to_string(),
    }
}

/// Every figure of `facts` and of the form copies in it, keyed as
/// `budget.spent`, `fund_sources[].spent`, `breakdowns[].parts[].value`.
pub fn shown_facts(facts: &Facts) -> Vec<(String, String)> {
    let mut shown = Vec::new();
    collect_facts(facts, &mut shown);
    shown
}

fn collect_facts(facts: &Facts, shown: &mut Vec<(String, String)>) {
    for (name, mentions) in &facts.values {
        shown.extend(mentions.iter().map(|mention| (name.clone(), render(mention))));
    }
    for (name, items) in &facts.collections {
        collect_items(&format!("{name}[]"), items, shown);
    }
    for reading in &facts.forms {
        collect_facts(&reading.facts, shown);
    }
}

fn collect_items(prefix: &str, items: &[Item], shown: &mut Vec<(String, String)>) {
    for item in items {
        for (field, mention) in &item.fields {
            shown.push((format!("{prefix}.{field}"), render(mention)));
        }
        collect_items(&format!("{prefix}.parts[]"), &item.parts, shown);
    }
}

/// Whether `shown` has `value` under `key` ([`ANY`]: under any key).
pub fn shows_fact(shown: &[(String, String)], key: &str, value: &str) -> bool {
    shown.iter().any(|(name, written)| (key == ANY || name == key) && written == value)
}
