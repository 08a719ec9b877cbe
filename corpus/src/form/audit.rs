//! form::audit (tests only): the form checks of reportlint's national pack,
//! restated over the generator's own figures, so that the crate can test
//! its forms without the engine.
//!
//! Input: a [`Form`]. Output: every (check, cell) that fails, where
//! reportlint points. Rounding as the engine has it: an amount with two
//! decimals stands for ±0.005, a rate for ±0.005% (`100%` for ±0.5%), zero
//! and 分值/得分 are exact; the interval arithmetic is done in integers by
//! cross-multiplying.

use std::collections::BTreeSet;

use crate::figures::grade;

use super::{Column, Form, FormPlace};

pub type Failures = BTreeSet<(&'static str, FormPlace)>;

pub fn audit(form: &Form) -> Failures {
    let mut failures = Failures::new();
    let mut fail = |check: &'static str, place: FormPlace| {
        failures.insert((check, place));
    };
    let budget = &form.budget;
    let sum = |field: fn(&super::Source) -> Option<i64>| budget.sources.iter().filter_map(field).sum::<i64>();
    let columns = [
        (budget.initial, sum(|source| source.initial), Column::Initial),
        (budget.adjusted, sum(|source| source.adjusted), Column::Adjusted),
        (budget.spent, sum(|source| source.spent), Column::Spent),
    ];
    if let Some((.., column)) = columns.iter().find(|(total, parts, _)| total != parts) {
        fail("fund-sources-total", FormPlace::Budget(*column));
    }
    for (row, source) in budget.sources.iter().enumerate() {
        if let (Some(rate), Some(spent), Some(adjusted)) = (source.rate, source.spent, source.adjusted) {
            if adjusted > 0 && !rate_fits(rate, spent, adjusted) {
                fail("fund-source-rate", FormPlace::SourceRate(row));
            }
        }
    }
    let rate_holds = rate_fits(budget.rate, budget.spent, budget.adjusted);
    if !rate_holds {
        fail("budget-execution-rate", FormPlace::Budget(Column::Rate));
    }
    let weight = budget.weight;
    let from_amounts = score_range(weight, quotient(budget.spent, budget.adjusted));
    let from_rate = score_range(weight, rate_interval(budget.rate));
    let within = |(low, high): (i64, i64)| (low..=high).contains(&budget.score);
    if !(within(from_amounts) || (rate_holds && within(from_rate))) {
        fail("execution-score", FormPlace::Budget(Column::Score));
    }
    let weights: i64 = form.indicators.iter().map(|indicator| indicator.weight).sum();
    if weight + weights != form.full_marks {
        fail("weights-total", FormPlace::Budget(Column::Weight));
    }
    if form.style.shares {
        for (index, category) in form.categories.iter().enumerate() {
            let parts: i64 =
                form.indicators.iter().filter(|it| it.category == index).map(|indicator| indicator.weight).sum();
            if parts != category.share {
                fail("category-share", FormPlace::Category(index));
            }
        }
        if weight + form.categories.iter().map(|category| category.share).sum::<i64>() != form.full_marks {
            fail("shares-total", FormPlace::Budget(Column::Weight));
        }
    }
    for (index, indicator) in form.indicators.iter().enumerate() {
        let (full, meets) = (indicator.weight * 100, form.meets(index));
        let deducted = indicator.score < full;
        if indicator.score > full {
            fail("indicator-score-cap", FormPlace::Score(index));
        }
        if deducted && meets != Some(true) && indicator.reason.is_none() {
            fail("deduction-reason", FormPlace::Score(index));
        }
        if deducted && meets == Some(true) && indicator.reason.is_none() {
            fail("met-but-deducted", FormPlace::Actual(index));
        }
        if !deducted && meets == Some(false) {
            fail("missed-but-full", FormPlace::Score(index));
        }
    }
    let scores: i64 = form.indicators.iter().map(|indicator| indicator.score).sum();
    if budget.score + scores != form.total {
        fail("score-total", FormPlace::Total);
    }
    if grade(form.total) != form.grade {
        fail("grade-band", FormPlace::Grade);
    }
    // score-ceiling: 总分 ≤ round(执行率 × 10, 2) + 90, at the top of the rate.
    let (_, ceiling) = score_range(10, rate_interval(budget.rate));
    if form.total > ceiling + 9000 {
        fail("score-ceiling", FormPlace::Total);
    }
    failures
}

/// A ratio's bounds as fractions: (low numerator, low denominator, high
/// numerator, high denominator).
type Bounds = (i128, i128, i128, i128);

/// What `spent ÷ adjusted` may be, both written with two decimals (in
/// half-cents, so ±0.005 is ±1; zero is exact).
fn quotient(spent: i64, adjusted: i64) -> Bounds {
    let half = |cents: i64| if cents == 0 { (0, 0) } else { (2 * i128::from(cents) - 1, 2 * i128::from(cents) + 1) };
    let ((spent_low, spent_high), (adjusted_low, adjusted_high)) = (half(spent), half(adjusted));
    (spent_low, adjusted_high, spent_high, adjusted_low)
}

/// What a written rate stands for, as a ratio.
fn rate_interval(basis_points: i64) -> Bounds {
    // In half basis points over 20000; `100%` is written without decimals.
    let slack = if basis_points == 10_000 { 100 } else { 1 };
    let doubled = 2 * i128::from(basis_points);
    (doubled - slack, 20_000, doubled + slack, 20_000)
}

fn rate_fits(basis_points: i64, spent: i64, adjusted: i64) -> bool {
    let (rate_low, rate_den, rate_high, _) = rate_interval(basis_points);
    let (low, low_den, high, high_den) = quotient(spent, adjusted);
    rate_low * high_den <= high * rate_den && low * rate_den <= rate_high * low_den
}

/// round(min(weight × ratio, weight), 2) over the ratio's bounds, in
/// hundredths of a point.
fn score_range(weight: i64, (low, low_den, high, high_den): Bounds) -> (i64, i64) {
    let full = i128::from(weight) * 100;
    let rounded = |numerator: i128, denominator: i128| {
        let hundredths = (2 * full * numerator + denominator) / (2 * denominator);
        i64::try_from(hundredths.min(full)).unwrap_or(i64::MAX)
    };
    (rounded(low, low_den), rounded(high, high_den))
}
