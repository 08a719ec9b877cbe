//! eval: [`Pack`] × [`Facts`] → [`Finding`]s.
//!
//! Runs every check of the pack with the design's rounding semantics: a
//! figure written with d decimals stands for its rounding interval,
//! arithmetic is interval arithmetic in exact decimals, and `a = b` holds
//! when the intervals overlap. A check whose figures are missing, or whose
//! divisor may be zero, is not applicable and says why: never an error for
//! the author, never a panic. A fact stated twice with values that cannot
//! be equal is a finding of its own, pointing at both places.

mod conflict;
mod explain;
mod interpret;
pub mod interval;
pub mod quantity;
mod resolve;
mod shown;
mod slip;
mod spell;
mod structure;
pub mod unit;
mod value;

use crate::expr::{Expr, ExprKind};
use crate::extract::{Facts, Item};
use crate::finding::Finding;
use crate::report::{Relation, Report};
use crate::rules::form::Form;
use crate::rules::{Body, Check, Collection, Function, Pack};

use explain::Context;
use interpret::{Compared, Interpreter, Reading};
pub use value::Stop;

/// What one check says about one report (or one item of a collection).
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The check holds; what it compared, with the figures (for `-v`).
    Pass(String),
    Fail(Box<Finding>),
    /// Why the check does not apply (a figure missing, a zero divisor).
    NotApplicable(String),
    /// The rule is wrong for this report's figures (units that do not mix).
    RuleError(String),
}

/// What the checks of a pack say about one report.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Conflicting statements of one fact, then the checks' failures,
    /// sorted by where they point.
    pub findings: Vec<Finding>,
    /// Checks that did not apply, with the reason (for `--verbose`).
    pub skipped: Vec<Skipped>,
    /// Checks that ran and held, with what they compared (for `--verbose`).
    pub passed: Vec<Passed>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub rule: String,
    pub reason: String,
    /// True when the rule itself is wrong for these figures, not the report.
    pub rule_error: bool,
    /// The form copy it was run on (its title), when not the report's own
    /// statements.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Passed {
    pub rule: String,
    /// The comparison with its figures: `预算执行率 100.00% = 251.89 ÷ 251.89`.
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// Runs every check on the report's own statements, and the checks that
/// read what a form fills on every copy of that form found in its tables,
/// each copy on its own facts.
pub fn evaluate(pack: &Pack, report: &Report, facts: &Facts) -> Evaluation {
    let mut evaluation =
        Evaluation { findings: conflict::findings(pack, facts), skipped: Vec::new(), passed: Vec::new() };
    agree(&mut evaluation, pack, facts, None);
    for check in &pack.checks {
        collect(&mut evaluation, check, run(check, pack, report, facts), None);
    }
    for reading in &facts.forms {
        evaluation.findings.extend(conflict::findings(pack, &reading.facts));
        agree(&mut evaluation, pack, &reading.facts, Some(report_place(report, reading)));
        let Some(form) = pack.forms.get(&reading.form) else { continue };
        let place = report_place(report, reading);
        for check in pack.checks.iter().filter(|check| reads_form(check, form)) {
            collect(&mut evaluation, check, run(check, pack, report, &reading.facts), Some(&place));
        }
    }
    // One figure, one finding: when two checks blame the same figure with the
    // same right value, a check of named facts speaks before one over a list
    // (a breakdown read from prose), then the pack's order.
    let specific = |rule: &str| pack.check(rule).is_some_and(|check| !reads_collection(check));
    let mut order: Vec<usize> = (0..evaluation.findings.len()).collect();
    order.sort_by_key(|&index| evaluation.findings.get(index).map(|finding| !specific(&finding.rule)));
    let mut blamed = std::collections::BTreeSet::new();
    let mut kept = vec![true; evaluation.findings.len()];
    for index in order {
        let Some(finding) = evaluation.findings.get(index) else { continue };
        // A unit slip in an operand has no expected value: its help names it.
        if let (Some(label), Some(expected)) = (&finding.primary, finding.expected.as_ref().or(finding.help.as_ref())) {
            if !blamed.insert((label.span, expected.clone())) {
                if let Some(keep) = kept.get_mut(index) {
                    *keep = false;
                }
            }
        }
    }
    let mut kept = kept.into_iter();
    evaluation.findings.retain(|_| kept.next().unwrap_or(true));
    let findings = &mut evaluation.findings;
    findings.sort_by_key(|finding| (finding.primary.as_ref().map(|label| label.span), finding.rule.clone()));
    findings.dedup_by(|later, earlier| later.fingerprint == earlier.fingerprint);
    evaluation.skipped.dedup();
    evaluation
}

/// Facts stated twice alike, as passes of `fact-conflict`.
fn agree(evaluation: &mut Evaluation, pack: &Pack, facts: &Facts, scope: Option<String>) {
    for detail in conflict::agreements(pack, facts) {
        evaluation.passed.push(Passed { rule: conflict::RULE.into(), detail, scope: scope.clone() });
    }
}

fn collect(evaluation: &mut Evaluation, check: &Check, outcomes: Vec<Outcome>, scope: Option<&str>) {
    let scope = scope.map(str::to_string);
    for outcome in outcomes {
        let skipped = |reason: String, rule_error: bool| Skipped {
            rule: check.id.clone(),
            reason,
            rule_error,
            scope: scope.clone(),
        };
        match outcome {
            // A pass that compared nothing (`if … then … else true` whose
            // condition did not hold) says nothing about the report.
            Outcome::Pass(detail) if detail.is_empty() || detail.ends_with('：') => {}
            Outcome::Pass(detail) => {
                evaluation.passed.push(Passed { rule: check.id.clone(), detail, scope: scope.clone() })
            }
            Outcome::Fail(finding) => evaluation.findings.push(*finding),
            Outcome::NotApplicable(reason) => evaluation.skipped.push(skipped(reason, false)),
            Outcome::RuleError(reason) => evaluation.skipped.push(skipped(reason, true)),
        }
    }
}

/// How a form copy is named in `-v`: its title and the table it is in.
fn report_place(report: &Report, reading: &crate::extract::forms::Reading) -> String {
    let ordinal = report.tables.get(..reading.table).map_or(0, <[_]>::len).saturating_add(1);
    format!("{}（第 {ordinal} 个表格）", reading.title)
}

/// Whether a check aggregates over a collection.
fn reads_collection(check: &Check) -> bool {
    let Body::Expression(expr) = &check.body else { return false };
    let mut references = Vec::new();
    resolve::references(expr, &mut references, None);
    references.iter().any(|(_, collection)| collection.is_some())
}

/// Whether a check reads a fact or collection the form fills.
fn reads_form(check: &Check, form: &Form) -> bool {
    let Body::Expression(expr) = &check.body else { return false };
    let mut references = Vec::new();
    resolve::references(expr, &mut references, None);
    references.iter().any(|(segments, collection)| {
        collection.is_some_and(|name| form.fills.contains(name))
            || form.fills.contains(&segments.join("."))
            || segments.first().is_some_and(|first| form.fills.contains(first))
    })
}

/// Runs one check on the report's own statements and on every copy of a
/// form whose facts it reads: the outcomes of all those scopes.
pub fn run_everywhere(check: &Check, pack: &Pack, report: &Report, facts: &Facts) -> Vec<Outcome> {
    let mut outcomes = run(check, pack, report, facts);
    for reading in &facts.forms {
        if pack.forms.get(&reading.form).is_some_and(|form| reads_form(check, form)) {
            outcomes.extend(run(check, pack, report, &reading.facts));
        }
    }
    outcomes
}

/// Runs one check. A check of the form `all(collection, predicate)` runs
/// once per item, so that each failing indicator gets its own finding.
pub fn run(check: &Check, pack: &Pack, report: &Report, facts: &Facts) -> Vec<Outcome> {
    let expr = match &check.body {
        Body::Expression(expr) => expr,
        Body::Sections(required) => return structure::sections(check, required, report),
        Body::Numbering => return structure::numbering(check, report),
        Body::Units => return structure::units(check, report),
    };
    if let Some((collection, items, predicate)) = per_item(expr, pack, facts) {
        if items.is_empty() {
            return vec![Outcome::NotApplicable(format!("报告中未找到任何“{}”", collection.label))];
        }
        return items
            .iter()
            .map(|item| {
                let item = Some((collection, item));
                let interpreter =
                    Interpreter { pack, facts, tolerance: check.tolerance, item, reading: Reading::default() };
                let mut log = Vec::new();
                let result = interpreter.boolean(predicate, &mut log);
                outcome(result, &log, Context { check, expr, pack, facts, item })
            })
            .collect();
    }
    let interpreter = Interpreter { pack, facts, tolerance: check.tolerance, item: None, reading: Reading::default() };
    let mut log = Vec::new();
    let result = interpreter.boolean(expr, &mut log);
    vec![outcome(result, &log, Context { check, expr, pack, facts, item: None })]
}

/// `all(collection, predicate)` at the top of a check: the collection, its
/// items and the predicate.
fn per_item<'a>(expr: &'a Expr, pack: &'a Pack, facts: &'a Facts) -> Option<(&'a Collection, &'a [Item], &'a Expr)> {
    let ExprKind::Call { name, args, .. } = &expr.kind else { return None };
    if Function::lookup(name) != Some(Function::All) {
        return None;
    }
    let [first, condition] = args.as_slice() else { return None };
    let ExprKind::Path(segments) = &first.kind else { return None };
    let collection = pack.collections.get(segments.first()?)?;
    let items = facts.collections.get(segments.first()?)?;
    Some((collection, items, condition))
}

fn outcome(result: Result<bool, Stop>, log: &[Compared<'_>], context: Context<'_>) -> Outcome {
    match result {
        Ok(true) => Outcome::Pass(context.passed(log)),
        Ok(false) => {
            let failed = log.iter().find(|compared| !compared.holds);
            Outcome::Fail(Box::new(context.finding(failed)))
        }
        Err(Stop::NotApplicable(reason) | Stop::Missing(reason)) => Outcome::NotApplicable(reason),
        Err(Stop::RuleError(reason)) => Outcome::RuleError(reason),
    }
}

/// The symbol `relation()` gives for a figure's written comparison.
pub fn relation_symbol(relation: Option<Relation>) -> &'static str {
    match relation {
        Some(Relation::Ge) => "≥",
        Some(Relation::Gt) => ">",
        Some(Relation::Le) => "≤",
        Some(Relation::Lt) => "<",
        Some(Relation::Eq) => "=",
        None => "",
    }
}

/// A stable identity for a finding: FNV-1a over the rule id and the
/// figures involved (names and written values), never positions, so that
/// moving a paragraph keeps the fingerprint.
pub fn fingerprint(rule: &str, parts: &[String]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in std::iter::once(rule).chain(parts.iter().map(String::as_str)).flat_map(|part| part.bytes().chain([0])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
