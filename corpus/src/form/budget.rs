//! form::budget: the budget block, drawn from its 其中 rows up.
//!
//! Input: a random stream and the copy's style. Output: a [`Budget`] whose
//! 年度资金总额 is the exact sum of its 其中 rows in every money column (a
//! cell not filled in counts 0), whose rates are the rounded 执行数 ÷ 全年预算数
//! and whose score is round(min(分值 × 执行数 ÷ 全年预算数, 分值), 2). Each
//! row spends no more than its budget. National copies leave 上年结转资金
//! and 其他资金 empty more often than not; Sichuan copies write a row with
//! nothing in it as zeros (`0.00`, `0.00%`) or leave it empty.

use crate::amount::{divide_rounded, ratio, share_of};
use crate::random::Random;

use super::style::Style;
use super::vocabulary::{NATIONAL_PARTS, SICHUAN_PARTS};
use super::{Budget, Source};

pub fn draw(random: &mut Random, style: &Style) -> Budget {
    // 10.00 to 600.00 万元 of 财政拨款.
    let fiscal_adjusted = random.between(1_000, 60_000);
    let fiscal_initial =
        if random.chance(400) { fiscal_adjusted } else { share_of(fiscal_adjusted, random.between(750, 999)).max(100) };
    let mut sources = vec![filled(random, style, style.fiscal, Some(fiscal_initial), fiscal_adjusted)];
    let parts: &[&'static str] = if style.sichuan { &SICHUAN_PARTS } else { &NATIONAL_PARTS };
    for (position, label) in parts.iter().copied().enumerate() {
        let extra = share_of(fiscal_adjusted, random.between(50, 300)).max(100);
        let empty = Source { label, initial: None, adjusted: None, spent: None, rate: None };
        let source = match (style.sichuan, position) {
            // 上年结转资金 is carried into the year's budget, not planned in it.
            (false, 0) => random.chance(350).then(|| {
                let initial = (!style.partial_rows).then_some(extra);
                filled(random, style, label, initial, extra)
            }),
            (false, _) => random.chance(300).then(|| {
                let initial = (!style.partial_rows || random.chance(500)).then_some(extra);
                filled(random, style, label, initial, extra)
            }),
            // 单位资金.
            (true, 1) => random.chance(450).then(|| filled(random, style, label, Some(extra), extra)),
            (true, _) => random.chance(500).then_some(Source {
                label,
                initial: Some(0),
                adjusted: Some(0),
                spent: Some(0),
                rate: Some(0),
            }),
        };
        sources.push(source.unwrap_or(empty));
    }
    let sum = |field: fn(&Source) -> Option<i64>| sources.iter().filter_map(field).sum::<i64>();
    let (initial, adjusted, spent) = (sum(|s| s.initial), sum(|s| s.adjusted), sum(|s| s.spent));
    let weight = 10;
    Budget {
        initial,
        adjusted,
        spent,
        weight,
        rate: ratio(spent, adjusted),
        score: execution_score(weight, spent, adjusted),
        sources,
    }
}

/// round(min(分值 × 执行数 ÷ 全年预算数, 分值), 2), in hundredths of a point.
pub fn execution_score(weight: i64, spent: i64, adjusted: i64) -> i64 {
    divide_rounded(weight * 100 * spent, adjusted).min(weight * 100)
}

/// A row with money in it: it spends 70–100% of its budget.
fn filled(random: &mut Random, style: &Style, label: &'static str, initial: Option<i64>, adjusted: i64) -> Source {
    let spent = if random.chance(250) { adjusted } else { share_of(adjusted, random.between(700, 999)) };
    let rate = (style.sichuan || style.source_rates).then(|| ratio(spent, adjusted));
    Source { label, initial, adjusted: Some(adjusted), spent: Some(spent), rate }
}
