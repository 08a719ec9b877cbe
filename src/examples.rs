//! A check's own examples, run through the whole pipeline.
//!
//! Every check carries report snippets that must pass and snippets that must
//! fail. Each snippet is read as a report, its facts extracted with the pack
//! that defines the check, and the check run alone: a "pass" example must
//! pass (not merely be not applicable, or it proves nothing) and a "fail"
//! example must fail. A check without a failing example is itself a
//! failure, since nothing then shows it can catch anything.
//!
//! A check's examples run in every pack that shapes the check (the pack
//! that defines it, and each pack that overrides any of it, if only its
//! `examples`), and in every pack that replaces something the check reads
//! (a collection, a fact's patterns or cells, a form, a constant): an
//! inherited check must still hold against the replacement, and an example
//! that no longer extracts there is a failure. A failure of such a re-run
//! points at the replacement, which is where the mistake most likely is.

use std::collections::BTreeSet;

use crate::eval::{self, Outcome};
use crate::expr::ExprKind;
use crate::rules::{Body, Check, Example, Pack, RuleError, RuleSet, RuleSource};
use crate::source::{self, Format};
use crate::span::Span;
use crate::{extract, report};

/// What went wrong with one example (or with a check that has none).
#[derive(Debug, Clone)]
pub struct ExampleFailure {
    pub pack: String,
    pub check: String,
    /// The rule file and the example's line in it.
    pub file: String,
    pub line: usize,
    pub message: String,
    /// The example's place in its rule file, when it has one.
    pub location: Option<(RuleSource, Span)>,
    /// For an inherited check run again: what this pack replaced that the
    /// check reads, and where.
    pub replaced: Option<(String, RuleSource, Span)>,
}

impl ExampleFailure {
    /// As a diagnostic pointing at the example in the YAML.
    pub fn to_rule_error(&self) -> RuleError {
        let mut error = RuleError::new("rules::example", format!("{} / {}：{}", self.pack, self.check, self.message));
        if let Some((name, source, span)) = &self.replaced {
            let example = format!("这是继承来的检查，示例在 {}:{}", self.file, self.line);
            return error.at(source, *span).label(format!("本包改写了 `{name}`")).help(example);
        }
        if let Some((source, span)) = &self.location {
            error = error.at(source, *span).label("此示例");
        }
        error
    }
}

/// Runs the examples of every check in each pack that shapes it or
/// replaces what it reads (see the module doc). Returns the failures and
/// how many examples ran.
pub fn run(rules: &RuleSet) -> (Vec<ExampleFailure>, usize) {
    let mut failures = Vec::new();
    let mut count = 0usize;
    for pack in rules.packs.values() {
        for check in &pack.checks {
            let Some(reason) = why_run(check, pack) else { continue };
            count = count.saturating_add(check.examples.pass.len()).saturating_add(check.examples.fail.len());
            failures.extend(run_in(check, pack, reason));
        }
    }
    (failures, count)
}

/// Why a check's examples run in a pack, if they do.
enum Reason {
    /// The pack writes a layer of the check.
    Shapes,
    /// The pack replaces this name, which the check reads.
    Replaces(String),
}

fn why_run(check: &Check, pack: &Pack) -> Option<Reason> {
    if check.layers.iter().any(|layer| layer.pack == pack.id) {
        return Some(Reason::Shapes);
    }
    reads(check).into_iter().find(|name| pack.replaced.contains_key(name)).map(Reason::Replaces)
}

/// The names a check's expression reads: facts and constants (`a.b`), the
/// collections it aggregates over (`indicators` of `indicators.weight`), the
/// band tables it looks up.
fn reads(check: &Check) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let Body::Expression(expr) = &check.body else { return names };
    expr.walk(&mut |node| match &node.kind {
        ExprKind::Path(segments) => {
            names.insert(segments.join("."));
            names.extend(segments.first().cloned());
        }
        ExprKind::Call { name, .. } => {
            names.insert(name.clone());
        }
        _ => {}
    });
    names
}

/// Runs a check's examples in the pack given, as the pack that shapes it.
pub fn run_check(check: &Check, pack: &Pack) -> Vec<ExampleFailure> {
    run_in(check, pack, Reason::Shapes)
}

fn run_in(check: &Check, pack: &Pack, reason: Reason) -> Vec<ExampleFailure> {
    let replaced = match reason {
        Reason::Replaces(name) => pack.replaced.get(&name).map(|(source, span)| (name.clone(), source.clone(), *span)),
        Reason::Shapes => None,
    };
    let failure = |example: Option<&Example>, message: String| ExampleFailure {
        pack: pack.id.clone(),
        check: check.id.clone(),
        file: example.map_or(check.origin.file.clone(), |example| example.source.name.clone()),
        line: example.map_or(check.origin.line, |example| example.line),
        message: match &replaced {
            Some((name, ..)) => format!("本包改写了 `{name}`，继承来的检查在此重新运行：{message}"),
            None => message,
        },
        location: example.map(|example| (example.source.clone(), example.span)),
        replaced: replaced.clone(),
    };
    let mut failures = Vec::new();
    if check.examples.fail.is_empty() {
        failures.push(failure(
            None,
            format!(
                "检查没有“必须报错”的示例（examples.fail），无法证明它能发现错误（{}:{}）",
                check.origin.file, check.origin.line
            ),
        ));
    }
    for example in &check.examples.pass {
        // The check runs on the snippet's statements and on each form in it:
        // every place it applies must pass, and it must apply somewhere.
        let results = outcomes(check, pack, example);
        let passed = results.iter().any(|outcome| matches!(outcome, Outcome::Pass(_)));
        for outcome in results {
            let problem = match outcome {
                Outcome::Pass(_) => continue,
                Outcome::Fail(finding) => format!("应通过的示例报错了：{}", finding.help.unwrap_or(finding.message)),
                Outcome::NotApplicable(_) if passed => continue,
                Outcome::NotApplicable(reason) => {
                    format!("应通过的示例不适用（{reason}）：示例没有被读出，检查不到任何东西")
                }
                Outcome::RuleError(reason) => format!("规则本身出错：{reason}"),
            };
            failures.push(failure(Some(example), problem));
        }
    }
    for example in &check.examples.fail {
        let results = outcomes(check, pack, example);
        if results.iter().any(|outcome| matches!(outcome, Outcome::Fail(_))) {
            continue;
        }
        let reason = results
            .iter()
            .find_map(|outcome| match outcome {
                Outcome::NotApplicable(reason) => Some(format!("检查不适用（{reason}）")),
                Outcome::RuleError(reason) => Some(format!("规则本身出错（{reason}）")),
                _ => None,
            })
            .unwrap_or_else(|| "检查通过了".into());
        failures.push(failure(Some(example), format!("应报错的示例没有报错：{reason}")));
    }
    failures
}

fn outcomes(check: &Check, pack: &Pack, example: &Example) -> Vec<Outcome> {
    match source::decode("example", example.text.as_bytes(), Format::Text) {
        Ok(document) => {
            let report = report::parse(&document);
            let facts = extract::extract(pack, &report);
            eval::run_everywhere(check, pack, &report, &facts)
        }
        Err(error) => vec![Outcome::RuleError(error.to_string())],
    }
}
