//! A check's own examples, run through the whole pipeline.
//!
//! Every check carries report snippets that must pass and snippets that must
//! fail. Each snippet is read as a report, its facts extracted with the pack
//! that defines the check, and the check run alone: a "pass" example must
//! pass (not merely be not applicable, or it proves nothing) and a "fail"
//! example must fail. A check without a failing example is itself a
//! failure, since nothing then shows it can catch anything.

use crate::eval::{self, Outcome};
use crate::rules::{Check, Example, Pack, RuleError, RuleSet, RuleSource};
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
}

impl ExampleFailure {
    /// As a diagnostic pointing at the example in the YAML.
    pub fn to_rule_error(&self) -> RuleError {
        let mut error = RuleError::new("rules::example", format!("{} / {}：{}", self.pack, self.check, self.message));
        if let Some((source, span)) = &self.location {
            error = error.at(source, *span).label("此示例");
        }
        error
    }
}

/// Runs the examples of every check a pack defines itself (inherited checks
/// are tested in the pack that defines them). Returns the failures and how
/// many examples ran.
pub fn run(rules: &RuleSet) -> (Vec<ExampleFailure>, usize) {
    let mut failures = Vec::new();
    let mut count = 0usize;
    for pack in rules.packs.values() {
        for check in pack.checks.iter().filter(|check| check.origin.pack == pack.id) {
            count = count.saturating_add(check.examples.pass.len()).saturating_add(check.examples.fail.len());
            failures.extend(run_check(check, pack));
        }
    }
    (failures, count)
}

pub fn run_check(check: &Check, pack: &Pack) -> Vec<ExampleFailure> {
    let failure = |example: Option<&Example>, message: String| ExampleFailure {
        pack: pack.id.clone(),
        check: check.id.clone(),
        file: check.origin.file.clone(),
        line: example.map_or(check.origin.line, |example| example.line),
        message,
        location: example.map(|example| (example.source.clone(), example.span)),
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
