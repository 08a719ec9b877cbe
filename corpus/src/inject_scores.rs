//! inject_scores: errors in the score table (weights, completion rates,
//! indicator scores), which the total then follows.
//!
//! Input: a kind among `WeightsTotal`, `IndicatorCompletion`,
//! `IndicatorScore`, the figures and the indicators other kinds already
//! changed. Output: one indicator changed (never one already used), the
//! scores settled again so that the total and the grade agree with the
//! written table, and the [`Planted`] record; `None` when no indicator fits.
//! Every change lowers a score or leaves it, so the total never rises above
//! what the execution rate allows (the pack's `score-ceiling`).

use crate::amount::{percent, trimmed};
use crate::figures::Figures;
use crate::inject::{Kind, Planted, available};
use crate::page::Place;
use crate::random::Random;

pub fn apply(kind: Kind, random: &mut Random, figures: &mut Figures, used: &mut Vec<usize>) -> Option<Planted> {
    let candidates: Vec<usize> = available(figures, used, kind == Kind::IndicatorCompletion)
        .into_iter()
        .filter(|&index| {
            let Some(indicator) = figures.table.indicators.get(index) else { return false };
            match kind {
                Kind::WeightsTotal => indicator.weight >= 3,
                Kind::IndicatorScore => indicator.score >= 100,
                _ => true,
            }
        })
        .collect();
    let index = *candidates.get(random.index(candidates.len()))?;
    let indicator = figures.table.indicators.get_mut(index)?;
    let description = match kind {
        Kind::WeightsTotal => {
            let right = indicator.weight;
            indicator.weight -= random.between(1, (right - 2).min(5));
            indicator.score = indicator.computed_score();
            format!(
                "指标“{}”的权重写为 {} 分（原应为 {} 分），权重合计不再是 100",
                indicator.name, indicator.weight, right
            )
        }
        Kind::IndicatorCompletion => {
            let right = indicator.completion;
            let (low, high) = indicator.completion_range();
            let written =
                if right >= 10_000 { high + random.between(200, 1000) } else { low - random.between(200, 1000) };
            if written <= 100 {
                return None;
            }
            indicator.completion = written;
            indicator.score = indicator.computed_score();
            format!(
                "指标“{}”的完成率写为 {}，应为 {}（得分按写错的完成率计算）",
                indicator.name,
                percent(written),
                percent(right)
            )
        }
        _ => {
            let right = indicator.score;
            indicator.score -= random.between(1, 4).min(right / 50) * 50;
            format!("指标“{}”的得分写为 {} 分，应为 {} 分", indicator.name, trimmed(indicator.score), trimmed(right))
        }
    };
    used.push(index);
    figures.settle_scores();
    // A sum has no single wrong figure: the pack points at the first weight.
    let place = Place::Indicator(if kind == Kind::WeightsTotal { 0 } else { index });
    Some(Planted { check: kind.check(), place, description, follows: None })
}
