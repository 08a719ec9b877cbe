//! form::inject_indicators: errors in the indicator rows of a
//! 项目支出绩效自评表 (a 分值, a 得分, an actual value, a 偏差原因).
//!
//! Input: a kind among `WeightsTotal`, `MetButDeducted`, `MissedButFull`,
//! `DeductionReason`, `ScoreCap`, the form and the indicators other kinds
//! already changed. Output: one indicator changed (never one already used),
//! the total and grade settled again where a score moved, and the
//! [`Planted`] record; `None` when no indicator fits.

use crate::amount::trimmed;
use crate::inject::Planted;
use crate::page::Place;
use crate::random::Random;

use super::indicators::missing;
use super::inject::{FormKind, planted};
use super::{Column, Form, FormPlace};

pub fn apply(kind: FormKind, random: &mut Random, form: &mut Form, used: &mut Vec<usize>) -> Option<Planted> {
    match kind {
        FormKind::WeightsTotal => {
            let index = pick(random, form, used, |form, index| {
                form.indicators.get(index).is_some_and(|it| it.weight >= 3 && it.score == it.weight * 100)
            })?;
            let shares = form.style.shares;
            let indicator = form.indicators.get_mut(index)?;
            let cut = random.between(1, (indicator.weight - 2).min(3));
            indicator.weight -= cut;
            indicator.score = indicator.weight * 100;
            let description = format!(
                "指标“{}”的分值写为 {}（原应为 {}），分值合计不再是 100",
                indicator.name,
                indicator.weight,
                indicator.weight + cut
            );
            let category = indicator.category;
            if shares {
                // The author keeps the category label in step, so the shares
                // no longer add up to 100 either.
                form.categories.get_mut(category)?.share -= cut;
            }
            form.settle();
            let mut planted = planted(kind, FormPlace::Budget(Column::Weight), description)?;
            if shares {
                planted.follows = Some(("shares-total", Place::Form(FormPlace::Budget(Column::Weight))));
            }
            Some(planted)
        }
        FormKind::MetButDeducted => {
            let index =
                pick(random, form, used, |form, index| met_in_full(form, index) && form.meets(index) == Some(true))?;
            let indicator = form.indicators.get_mut(index)?;
            let cut = (50 * random.between(1, 4)).min(indicator.weight * 100 - 50);
            indicator.score -= cut;
            let description = format!(
                "指标“{}”已达到指标值，得分却写为 {}（分值 {}），也没有说明原因",
                indicator.name,
                trimmed(indicator.score),
                indicator.weight
            );
            form.settle();
            planted(kind, FormPlace::Actual(index), description)
        }
        FormKind::MissedButFull => {
            let index =
                pick(random, form, used, |form, index| met_in_full(form, index) && form.meets(index) == Some(true))?;
            let written = missing(random, form.indicators.get(index)?);
            if form.would_meet(form.indicators.get(index)?, written) != Some(false) {
                return None;
            }
            let indicator = form.indicators.get_mut(index)?;
            let right = std::mem::replace(&mut indicator.actual, written);
            let unit = indicator.measure.unit();
            let description = format!(
                "指标“{}”的完成值写为 {}{unit}（原为 {}{unit}），未达到指标值却得满分",
                indicator.name,
                written.digits(),
                right.digits()
            );
            planted(kind, FormPlace::Score(index), description)
        }
        FormKind::DeductionReason => {
            let index = pick(random, form, used, |form, index| {
                form.indicators.get(index).is_some_and(|it| it.score < it.weight * 100 && it.reason.is_some())
                    && form.meets(index) != Some(true)
            })?;
            let indicator = form.indicators.get_mut(index)?;
            indicator.reason = None;
            let description = format!(
                "指标“{}”扣了分（{} / {}），偏差原因一栏却空着",
                indicator.name,
                trimmed(indicator.score),
                indicator.weight
            );
            planted(kind, FormPlace::Score(index), description)
        }
        FormKind::ScoreCap => {
            let index = pick(random, form, used, |form, index| {
                form.indicators.get(index).is_some_and(|it| it.score == it.weight * 100)
                    && form.meets(index) != Some(false)
            })?;
            // What the other indicators lost: raising this score by no more
            // keeps the total under the execution rate's ceiling.
            let headroom: i64 = form
                .indicators
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .map(|(_, it)| (it.weight * 100 - it.score).max(0))
                .sum();
            let raise = (50 * random.between(1, 4)).min(headroom / 50 * 50);
            if raise == 0 {
                return None;
            }
            let indicator = form.indicators.get_mut(index)?;
            indicator.score += raise;
            let description = format!(
                "指标“{}”的得分写为 {}，超过其分值 {}",
                indicator.name,
                trimmed(indicator.score),
                indicator.weight
            );
            form.settle();
            planted(kind, FormPlace::Score(index), description)
        }
        _ => None,
    }
}

/// An indicator not yet changed that scores full marks without a reason.
fn met_in_full(form: &Form, index: usize) -> bool {
    form.indicators.get(index).is_some_and(|it| it.score == it.weight * 100 && it.reason.is_none())
}

/// One indicator not used by another kind that `fits`, marked used.
fn pick(random: &mut Random, form: &Form, used: &mut Vec<usize>, fits: impl Fn(&Form, usize) -> bool) -> Option<usize> {
    let candidates: Vec<usize> =
        (0..form.indicators.len()).filter(|index| !used.contains(index) && fits(form, *index)).collect();
    let index = *candidates.get(random.index(candidates.len()))?;
    used.push(index);
    Some(index)
}
