//! form::indicators: the indicator block, drawn consistent.
//!
//! Input: a random stream, the budget (the cost target follows it) and the
//! shares of 产出, 效益 and 满意度. Output: the categories and 8–14
//! indicators in the groups of the form, such that each category's 分值 add
//! up to its share (every 分值 at least 2), and each indicator's actual
//! value meets its target or misses it beyond any rounding (see
//! [`measure::meets`]). A met indicator scores full marks, now and then
//! less with a reason; a missed one loses points in proportion and says
//! why. At least one comparable indicator misses, so a table always has a
//! deduction, as real ones do.

use crate::amount::divide_rounded;
use crate::random::Random;

use super::measure::{Figure, Measure, Relation};
use super::vocabulary::{CATEGORIES, CAUSES, GROUPS, MET_CAUSES, REMEDIES, TEMPLATES, Template};
use super::{Budget, Category, Indicator};

pub fn draw(random: &mut Random, budget: &Budget, shares: [i64; 3]) -> (Vec<Category>, Vec<Indicator>) {
    let count = random.between(8, 14) as usize;
    let sizes = group_sizes(random, count);
    let mut indicators = Vec::new();
    for ((group, category, ..), size) in GROUPS.iter().zip(sizes) {
        let mut templates: Vec<&Template> = TEMPLATES.iter().filter(|template| template.0 == *group).collect();
        random.shuffle(&mut templates);
        for template in templates.into_iter().take(size) {
            indicators.push(blank(random, *category, template, budget));
        }
    }
    let categories: Vec<Category> =
        CATEGORIES.iter().zip(shares).map(|(name, share)| Category { name, share }).collect();
    for (index, category) in categories.iter().enumerate() {
        let members: Vec<usize> = (0..indicators.len())
            .filter(|&member| indicators.get(member).is_some_and(|indicator| indicator.category == index))
            .collect();
        for (member, weight) in members.iter().zip(weights(random, category.share, members.len())) {
            if let Some(indicator) = indicators.get_mut(*member) {
                indicator.weight = weight;
            }
        }
    }
    let short = pick_short(random, &indicators);
    for (index, indicator) in indicators.iter_mut().enumerate() {
        let missed = index == short || (!matches!(indicator.measure, Measure::Worded(..)) && random.chance(120));
        settle(random, indicator, missed);
    }
    (categories, indicators)
}

/// How many indicators each group of [`GROUPS`] gets: its minimum, then
/// the rest one at a time to groups with room.
fn group_sizes(random: &mut Random, count: usize) -> Vec<usize> {
    let mut sizes: Vec<usize> = GROUPS.iter().map(|group| group.2).collect();
    let mut rest = count.saturating_sub(sizes.iter().sum());
    while rest > 0 {
        let open: Vec<usize> = (0..GROUPS.len())
            .filter(|&group| GROUPS.get(group).zip(sizes.get(group)).is_some_and(|(limits, size)| *size < limits.3))
            .collect();
        let Some(&group) = open.get(random.index(open.len())) else { break };
        if let Some(size) = sizes.get_mut(group) {
            *size += 1;
        }
        rest -= 1;
    }
    sizes
}

/// `share` split into `count` whole points, each at least 2.
fn weights(random: &mut Random, share: i64, count: usize) -> Vec<i64> {
    let count_i64 = count.max(1) as i64;
    let mut weights = vec![share / count_i64; count];
    if let Some(first) = weights.first_mut() {
        *first += share % count_i64;
    }
    for _ in 0..count {
        let (from, to) = (random.index(count), random.index(count));
        let step = random.between(1, 3);
        let movable = weights.get(from).is_some_and(|weight| weight - step >= 2);
        if from != to && movable {
            if let Some(weight) = weights.get_mut(from) {
                *weight -= step;
            }
            if let Some(weight) = weights.get_mut(to) {
                *weight += step;
            }
        }
    }
    weights
}

/// An indicator with its target, before actual, 分值 and 得分.
fn blank(random: &mut Random, category: usize, template: &Template, budget: &Budget) -> Indicator {
    let &(group, name, measure, relation, (low, high)) = template;
    let target = match measure {
        // The cost ceiling: the budget in whole 万元, rounded up.
        Measure::Money => Figure::whole((budget.adjusted + 99) / 100 + random.between(0, 20)),
        _ => Figure::whole(random.between(low, high)),
    };
    Indicator { category, group, name, measure, relation, target, actual: target, weight: 0, score: 0, reason: None }
}

/// The indicator that misses its target: a count or a percentage, which
/// the engine compares (never the cost, which follows the budget).
fn pick_short(random: &mut Random, indicators: &[Indicator]) -> usize {
    let candidates: Vec<usize> = (0..indicators.len())
        .filter(|&index| {
            indicators
                .get(index)
                .is_some_and(|indicator| matches!(indicator.measure, Measure::Count(_) | Measure::Percent))
        })
        .collect();
    candidates.get(random.index(candidates.len())).copied().unwrap_or(0)
}

/// Draws the actual value, met or `missed`, and the score and reason that
/// follow from it.
fn settle(random: &mut Random, indicator: &mut Indicator, missed: bool) {
    let missed = missed && !matches!(indicator.measure, Measure::Worded(..));
    indicator.actual = if missed { missing(random, indicator) } else { meeting(random, indicator) };
    let full = indicator.weight * 100;
    if missed {
        indicator.score = deducted(random, indicator);
        indicator.reason = Some(format!("{}，{}。", random.pick(CAUSES), random.pick(REMEDIES)));
    } else if random.chance(80) {
        indicator.score = full - 50 * random.between(1, 2);
        indicator.reason = Some(format!("{}。", random.pick(MET_CAUSES)));
    } else {
        indicator.score = full;
    }
}

/// An actual value that meets the target.
fn meeting(random: &mut Random, indicator: &Indicator) -> Figure {
    let target = indicator.target.value;
    match (indicator.measure, indicator.relation) {
        (Measure::Percent, Relation::Exactly) => Figure::whole(100),
        (Measure::Percent, _) if random.chance(400) => Figure::whole(random.between(target, 100)),
        (Measure::Percent, _) => Figure { value: random.between(target * 10, 1000), decimals: 1 },
        // Cost: the budget is spent at most, below the ceiling.
        (Measure::Money, _) => Figure { value: random.between(target * 60, target * 100), decimals: 2 },
        (Measure::Other(_), Relation::AtLeast) => {
            Figure { value: random.between(target * 10, target * 12), decimals: 1 }
        }
        (_, Relation::AtMost) => Figure::whole(random.between(1, target)),
        (_, Relation::Exactly) => Figure::whole(target),
        (_, Relation::AtLeast) => Figure::whole(target + random.between(0, target / 4)),
    }
}

/// An actual value that misses the target by more than its rounding.
pub(super) fn missing(random: &mut Random, indicator: &Indicator) -> Figure {
    let target = indicator.target.value;
    match (indicator.measure, indicator.relation) {
        (Measure::Percent, Relation::Exactly) => Figure { value: random.between(950, 990), decimals: 1 },
        // At least a point below: 94.0% cannot round up to ≥95% (94.5%).
        (Measure::Percent, _) => Figure { value: target * 10 - random.between(10, 80), decimals: 1 },
        (Measure::Money, _) => Figure { value: target * 100 + random.between(100, 2_000), decimals: 2 },
        (Measure::Other(_), Relation::AtLeast) => {
            Figure { value: target * 10 - random.between(10, (target * 3).max(11)), decimals: 1 }
        }
        (_, Relation::AtMost) => Figure::whole(target + random.between(1, 3)),
        (_, _) => Figure::whole((target - random.between(1, (target / 6).max(1))).max(0)),
    }
}

/// The score of a missed indicator: 分值 × the share achieved, rounded to
/// two, one or no decimals, and always short of full marks.
fn deducted(random: &mut Random, indicator: &Indicator) -> i64 {
    let full = indicator.weight * 100;
    let (actual, target) = (indicator.actual, indicator.target);
    // Both as hundredths of their unit, so the quotient is a share.
    let scaled = |figure: Figure| figure.value * 10_i64.pow(2 - figure.decimals.min(2));
    let (achieved, aimed) = match indicator.relation {
        Relation::AtMost => (scaled(target), scaled(actual)),
        _ => (scaled(actual), scaled(target)),
    };
    let exact = divide_rounded(full * achieved, aimed.max(1));
    let rounded = match random.index(3) {
        0 => exact,
        1 => divide_rounded(exact, 10) * 10,
        _ => divide_rounded(exact, 100) * 100,
    };
    rounded.clamp(50.min(full - 50), full - 50)
}

#[cfg(test)]
mod tests {
    use super::weights;
    use crate::random::Random;

    #[test]
    fn weights_split_the_share() {
        let mut random = Random::new(4);
        for (share, count) in [(50, 7), (30, 4), (10, 2), (20, 1), (10, 1), (40, 8)] {
            let weights = weights(&mut random, share, count);
            assert_eq!(weights.iter().sum::<i64>(), share);
            assert!(weights.iter().all(|weight| *weight >= 2), "{weights:?}");
        }
    }
}
