//! form::inject: the known errors a 项目支出绩效自评表 may carry.
//!
//! Input: a consistent [`Form`] and how many errors to put in. Output: the
//! form with up to that many distinct kinds, each changing one written
//! figure (or emptying one cell) and whatever the author derives from it
//! (a wrong 执行率 gives its own 得分; a changed 得分 gives its own 总分 and
//! grade), and a [`Planted`] record per kind: the check that must fire, the
//! cell its finding points at, and a second finding the error brings with
//! it (`follows`). Where reportlint points: a total that disagrees with its
//! parts at the total's cell (`fund-sources-total` at 年度资金总额; the sum
//! of 分值 at the execution rate's 分值, the first figure of the sum), an
//! indicator's `deduction-reason`, `missed-but-full` and `indicator-score-cap`
//! at its 得分, `met-but-deducted` at its 实际完成值.
//!
//! Kinds are applied in the order of [`FormKind`], causes before the scores
//! that follow from them; two kinds whose findings would overlap (a wrong
//! rate and a wrong score, a wrong 分值 and a wrong share) never go
//! together. A raised score stays within what the other deductions leave,
//! so that the total never passes the ceiling the execution rate allows
//! (`score-ceiling`).

use crate::amount::{divide_rounded, money, percent, ratio, trimmed};
use crate::figures::grade;
use crate::inject::{Planted, wrong_money, wrong_rate};
use crate::page::Place;
use crate::random::Random;
use crate::vocabulary::GRADE_LABELS;

use super::{Column, Form, FormPlace};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FormKind {
    SourcesTotal,
    SourceRate,
    ExecutionRate,
    ExecutionScore,
    WeightsTotal,
    CategoryShare,
    MetButDeducted,
    MissedButFull,
    DeductionReason,
    ScoreCap,
    ScoreTotal,
    GradeBand,
}

pub const FORM_KINDS: &[FormKind] = &[
    FormKind::SourcesTotal,
    FormKind::SourceRate,
    FormKind::ExecutionRate,
    FormKind::ExecutionScore,
    FormKind::WeightsTotal,
    FormKind::CategoryShare,
    FormKind::MetButDeducted,
    FormKind::MissedButFull,
    FormKind::DeductionReason,
    FormKind::ScoreCap,
    FormKind::ScoreTotal,
    FormKind::GradeBand,
];

/// Checks a form error brings as a second finding.
pub const FOLLOWING_CHECKS: [&str; 2] = ["execution-score", "shares-total"];

impl FormKind {
    pub fn check(self) -> &'static str {
        match self {
            FormKind::SourcesTotal => "fund-sources-total",
            FormKind::SourceRate => "fund-source-rate",
            FormKind::ExecutionRate => "budget-execution-rate",
            FormKind::ExecutionScore => "execution-score",
            FormKind::WeightsTotal => "weights-total",
            FormKind::CategoryShare => "category-share",
            FormKind::MetButDeducted => "met-but-deducted",
            FormKind::MissedButFull => "missed-but-full",
            FormKind::DeductionReason => "deduction-reason",
            FormKind::ScoreCap => "indicator-score-cap",
            FormKind::ScoreTotal => "score-total",
            FormKind::GradeBand => "grade-band",
        }
    }

    /// Whether the form has the cells this kind changes, and no kind
    /// already chosen would overlap with it.
    fn fits(self, form: &Form, chosen: &[FormKind]) -> bool {
        match self {
            FormKind::SourceRate => form.budget.sources.iter().any(|source| rated(source).is_some()),
            FormKind::ExecutionScore => !chosen.contains(&FormKind::ExecutionRate),
            FormKind::ExecutionRate => !chosen.contains(&FormKind::ExecutionScore),
            FormKind::CategoryShare => form.style.shares && !chosen.contains(&FormKind::WeightsTotal),
            FormKind::WeightsTotal => !chosen.contains(&FormKind::CategoryShare),
            _ => true,
        }
    }
}

/// Injects up to `count` distinct kinds that fit this form; returns what
/// was injected, in the order of [`FormKind`].
pub fn inject(random: &mut Random, form: &mut Form, count: usize) -> Vec<Planted> {
    let mut kinds = FORM_KINDS.to_vec();
    random.shuffle(&mut kinds);
    let mut chosen = Vec::new();
    for kind in kinds {
        if chosen.len() < count && kind.fits(form, &chosen) {
            chosen.push(kind);
        }
    }
    chosen.sort();
    let mut used = Vec::new();
    chosen.into_iter().filter_map(|kind| apply(kind, random, form, &mut used)).collect()
}

/// Injects exactly `kinds` (those that fit), for tests of one kind at a time.
#[cfg(test)]
pub fn inject_kinds(random: &mut Random, form: &mut Form, kinds: &[FormKind]) -> Vec<Planted> {
    let mut chosen: Vec<FormKind> = Vec::new();
    for &kind in kinds {
        if kind.fits(form, &chosen) {
            chosen.push(kind);
        }
    }
    chosen.sort();
    let mut used = Vec::new();
    chosen.into_iter().filter_map(|kind| apply(kind, random, form, &mut used)).collect()
}

pub(super) fn planted(kind: FormKind, place: FormPlace, description: String) -> Option<Planted> {
    Some(Planted { check: kind.check(), place: Place::Form(place), description, follows: None })
}

/// The 执行率 of a 其中 row that has one and money to divide by.
fn rated(source: &super::Source) -> Option<i64> {
    source.rate.filter(|_| source.adjusted.is_some_and(|adjusted| adjusted > 0))
}

fn apply(kind: FormKind, random: &mut Random, form: &mut Form, used: &mut Vec<usize>) -> Option<Planted> {
    match kind {
        FormKind::SourcesTotal => sources_total(random, form),
        FormKind::SourceRate => {
            let rows: Vec<usize> = (0..form.budget.sources.len())
                .filter(|&row| form.budget.sources.get(row).and_then(rated).is_some())
                .collect();
            let row = *rows.get(random.index(rows.len()))?;
            let source = form.budget.sources.get_mut(row)?;
            let right = source.rate?;
            let written = wrong_rate(random, right, 10_000);
            source.rate = Some(written);
            let description = format!("“{}”的执行率写为 {}，应为 {}", source.label, percent(written), percent(right));
            planted(kind, FormPlace::SourceRate(row), description)
        }
        FormKind::ExecutionRate => {
            let budget = &mut form.budget;
            let right = budget.rate;
            budget.rate = wrong_rate(random, right, ratio(budget.spent, budget.initial));
            // The author scores from the rate as written.
            budget.score = divide_rounded(budget.weight * budget.rate, 100).min(budget.weight * 100);
            let description =
                format!("执行率写为 {}，应为 {}（得分与总分按写错的执行率计算）", percent(budget.rate), percent(right));
            form.settle();
            let mut planted = planted(kind, FormPlace::Budget(Column::Rate), description)?;
            planted.follows = Some(("execution-score", Place::Form(FormPlace::Budget(Column::Score))));
            Some(planted)
        }
        FormKind::ExecutionScore => {
            let right = form.budget.score;
            // A score rounded down to whole points, or a few half points off.
            let written = if right % 100 >= 10 { right - right % 100 } else { right - 50 * random.between(1, 4) };
            if written < 0 {
                return None;
            }
            form.budget.score = written;
            form.settle();
            let description =
                format!("执行率得分写为 {}，应为 {}（总分按写出的得分合计）", trimmed(written), trimmed(right));
            planted(kind, FormPlace::Budget(Column::Score), description)
        }
        FormKind::CategoryShare => {
            let index = random.index(form.categories.len());
            let category = form.categories.get_mut(index)?;
            let right = category.share;
            let step = random.pick(&[1, 2, 5, 10]);
            category.share = if right > step && random.chance(500) { right - step } else { right + step };
            let description = format!("“{}”标明 {} 分，其下各指标分值合计 {} 分", category.name, category.share, right);
            let mut planted = planted(kind, FormPlace::Category(index), description)?;
            planted.follows = Some(("shares-total", Place::Form(FormPlace::Budget(Column::Weight))));
            Some(planted)
        }
        FormKind::WeightsTotal
        | FormKind::MetButDeducted
        | FormKind::MissedButFull
        | FormKind::DeductionReason
        | FormKind::ScoreCap => super::inject_indicators::apply(kind, random, form, used),
        FormKind::ScoreTotal => {
            let right = form.total;
            let forgot = form.budget.score;
            let written =
                if forgot > 0 && random.chance(400) { right - forgot } else { right - 50 * random.between(1, 6) };
            form.total = written.max(0);
            form.grade = grade(form.total);
            let description = format!("总分写为 {}，各项得分合计为 {}", trimmed(form.total), trimmed(right));
            planted(kind, FormPlace::Total, description)
        }
        FormKind::GradeBand => {
            let right = form.grade;
            let others: Vec<&str> = GRADE_LABELS.iter().copied().filter(|label| *label != right).collect();
            form.grade = random.pick(&others);
            let description = format!("等级写为“{}”，总分 {} 应为“{right}”", form.grade, trimmed(form.total));
            planted(kind, FormPlace::Grade, description)
        }
    }
}

/// One money cell of the budget block made wrong: the 年初预算数 of the
/// total, or a figure of a 其中 row (not one a rate is computed from), so
/// that only the sum over the 其中 rows breaks. The finding points at the
/// total's cell of that column.
fn sources_total(random: &mut Random, form: &mut Form) -> Option<Planted> {
    let mut cells = vec![(None, Column::Initial)];
    for (row, source) in form.budget.sources.iter().enumerate() {
        let filled = |value: Option<i64>| value.is_some_and(|value| value > 0);
        if filled(source.initial) {
            cells.push((Some(row), Column::Initial));
        }
        if source.rate.is_none() && filled(source.adjusted) {
            cells.push((Some(row), Column::Adjusted));
        }
        if source.rate.is_none() && filled(source.spent) {
            cells.push((Some(row), Column::Spent));
        }
    }
    let (row, column) = *cells.get(random.index(cells.len()))?;
    let (label, cell) = match row {
        None => ("年度资金总额", &mut form.budget.initial),
        Some(row) => {
            let source = form.budget.sources.get_mut(row)?;
            let cell = match column {
                Column::Initial => source.initial.as_mut()?,
                Column::Adjusted => source.adjusted.as_mut()?,
                _ => source.spent.as_mut()?,
            };
            (source.label, cell)
        }
    };
    let right = *cell;
    *cell = wrong_money(random, right);
    let name = match column {
        Column::Initial => "年初预算数",
        Column::Adjusted => "全年预算数",
        _ => "全年执行数",
    };
    let description =
        format!("“{label}”的{name}写为 {}，应为 {}，年度资金总额与其中各项之和不符", money(*cell), money(right));
    planted(FormKind::SourcesTotal, FormPlace::Budget(column), description)
}
