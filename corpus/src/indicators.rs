//! indicators: the score table of a report, drawn consistent.
//!
//! Input: a random stream and how many indicators. Output: indicators in
//! groups (产出/效益/满意度 → 数量指标 …), each with target, actual,
//! completion rate, weight and score, such that
//! completion = actual ÷ target (or 100% for a met `≤` target),
//! score = weight × min(completion, 100%) and the weights add up to 90
//! (the other 10 belong to 预算执行率). At least one indicator falls short
//! of its target, so no report carries full marks on every indicator.

use crate::amount::{ratio, scale};
use crate::random::Random;
use crate::vocabulary::{
    CEILING_INDICATORS, COUNT_INDICATORS, EFFECT_GROUPS, OUTPUT_GROUPS, RATE_INDICATORS, SATISFACTION_GROUPS, TOPICS,
};

/// Whether the target is a floor, an exact figure or a ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    AtLeast,
    Exactly,
    AtMost,
}

/// What the target counts: items with a measure word, or a percentage
/// (target and actual then in hundredths of a percent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measure {
    Count(String),
    Percent,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    /// Index into [`Table::groups`].
    pub group: usize,
    pub name: String,
    pub bound: Bound,
    pub measure: Measure,
    pub target: i64,
    pub actual: i64,
    /// Basis points, as written.
    pub completion: i64,
    /// Whole points.
    pub weight: i64,
    /// Hundredths of a point, as written.
    pub score: i64,
}

/// A 二级指标 group under its 一级指标.
#[derive(Debug, Clone)]
pub struct Group {
    pub level1: &'static str,
    pub level2: &'static str,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub groups: Vec<Group>,
    pub indicators: Vec<Indicator>,
}

impl Indicator {
    /// The score its weight and written completion give.
    pub fn computed_score(&self) -> i64 {
        scale(self.weight * 100, self.completion.min(10_000))
    }

    /// The basis points `actual ÷ target` can stand for once the rounding of
    /// both written figures is allowed for; a wrong completion rate must lie
    /// outside this range to be an error rather than a rounding.
    pub fn completion_range(&self) -> (i64, i64) {
        let (actual_slack, target_slack) = match self.measure {
            Measure::Count(_) => (50, 50),
            // `100%` is written without decimals: half a percent either way.
            Measure::Percent if self.actual == 10_000 => (50, 50),
            Measure::Percent => (1, 50),
        };
        // Counts and percentages are scaled by 100 here so both slacks are
        // in the same hundredths.
        let scaled = |value: i64| match self.measure {
            Measure::Count(_) => value * 100,
            Measure::Percent => value,
        };
        let (actual, target) = (scaled(self.actual), scaled(self.target));
        let low = (actual - actual_slack) * 10_000 / (target + target_slack);
        let divisor = (target - target_slack).max(1);
        let high = ((actual + actual_slack) * 10_000 + divisor - 1) / divisor;
        (low, high)
    }
}

pub fn draw(random: &mut Random, count: usize) -> Table {
    let count = count.clamp(3, 60);
    let satisfaction = if count >= 8 { 2 } else { 1 };
    let effect = (count / 4).max(1);
    let output = count - satisfaction - effect;
    let mut groups = Vec::new();
    let mut sizes = Vec::new();
    let output_groups = if output <= 2 {
        1
    } else if output <= 6 {
        2
    } else {
        3
    };
    split(output, output_groups, &mut sizes);
    for level2 in OUTPUT_GROUPS.iter().take(output_groups) {
        groups.push(Group { level1: "产出指标", level2 });
    }
    let effect_groups = if effect <= 3 { 1 } else { 2 };
    split(effect, effect_groups, &mut sizes);
    for level2 in EFFECT_GROUPS.iter().take(effect_groups) {
        groups.push(Group { level1: "效益指标", level2 });
    }
    sizes.push(satisfaction);
    groups.push(Group { level1: "满意度指标", level2: SATISFACTION_GROUPS.first().copied().unwrap_or_default() });

    let mut names = Names::new(random);
    let mut indicators = Vec::new();
    for (group_index, (group, size)) in groups.iter().zip(&sizes).enumerate() {
        for _ in 0..*size {
            indicators.push(draw_one(random, &mut names, group_index, group.level2));
        }
    }
    let weights = weights(random, indicators.len());
    let short = pick_short(random, &indicators);
    for (index, (indicator, weight)) in indicators.iter_mut().zip(weights).enumerate() {
        indicator.weight = weight;
        settle(random, indicator, index == short);
    }
    Table { groups, indicators }
}

/// Splits `total` into `parts` near-equal sizes, appended to `sizes`.
fn split(total: usize, parts: usize, sizes: &mut Vec<usize>) {
    for part in 0..parts {
        sizes.push(total / parts + usize::from(part < total % parts));
    }
}

/// Name pools, shuffled once, so names repeat only in very long tables.
struct Names {
    counts: Vec<(String, String)>,
    rates: Vec<RateName>,
    satisfaction: Vec<RateName>,
}

/// A rate indicator's name and its usual floor in percent.
type RateName = (String, i64);

impl Names {
    fn new(random: &mut Random) -> Self {
        let mut counts: Vec<(String, String)> =
            COUNT_INDICATORS.iter().map(|(name, word)| (name.to_string(), word.to_string())).collect();
        for topic in TOPICS {
            counts.push((format!("开展{topic}专题培训"), "次".into()));
            counts.push((format!("完成{topic}专项检查"), "次".into()));
        }
        random.shuffle(&mut counts);
        let (mut satisfaction, mut rates): (Vec<RateName>, Vec<RateName>) = RATE_INDICATORS
            .iter()
            .map(|(name, floor)| (name.to_string(), *floor))
            .partition(|(name, _)| name.contains("满意度"));
        random.shuffle(&mut rates);
        random.shuffle(&mut satisfaction);
        Names { counts, rates, satisfaction }
    }

    fn take<T: Clone + Default>(pool: &mut [T], serial: usize) -> T {
        let item = serial.checked_rem(pool.len()).and_then(|at| pool.get(at)).cloned().unwrap_or_default();
        pool.rotate_left(1);
        item
    }
}

fn draw_one(random: &mut Random, names: &mut Names, group: usize, level2: &str) -> Indicator {
    let serial = random.index(1000);
    let blank = |name: String, bound, measure, target| Indicator {
        group,
        name,
        bound,
        measure,
        target,
        actual: 0,
        completion: 0,
        weight: 0,
        score: 0,
    };
    let ceiling = level2 == "时效指标" || level2 == "可持续影响指标";
    if level2 == "服务对象满意度指标" {
        let (name, floor) = Names::take(&mut names.satisfaction, serial);
        return blank(name, Bound::AtLeast, Measure::Percent, floor * 100);
    }
    if ceiling && random.chance(500) {
        let (name, word) = random.pick(CEILING_INDICATORS);
        return blank(name.to_string(), Bound::AtMost, Measure::Count(word.to_string()), random.between(1, 5));
    }
    if level2 == "数量指标" || (level2 == "社会效益指标" && random.chance(400)) {
        let (name, word) = Names::take(&mut names.counts, serial);
        let bound = if random.chance(250) { Bound::Exactly } else { Bound::AtLeast };
        return blank(name, bound, Measure::Count(word), random.between(20, 240));
    }
    let (name, floor) = Names::take(&mut names.rates, serial);
    blank(name, Bound::AtLeast, Measure::Percent, floor * 100)
}

/// Whole-point weights adding up to 90: multiples of 5 for short tables,
/// as score tables usually have.
fn weights(random: &mut Random, count: usize) -> Vec<i64> {
    let count_i64 = count as i64;
    let (base, step) = if count <= 9 { (5, 5) } else { (2, 1) };
    let mut weights = vec![base; count];
    let mut rest = 90 - base * count_i64;
    while rest > 0 {
        let index = random.index(count);
        if let Some(weight) = weights.get_mut(index) {
            *weight += step;
        }
        rest -= step;
    }
    weights
}

/// The indicator that will miss its target: never a `≤` one, whose
/// completion the reports write as 100% once met.
fn pick_short(random: &mut Random, indicators: &[Indicator]) -> usize {
    let candidates: Vec<usize> = indicators
        .iter()
        .enumerate()
        .filter(|(_, indicator)| indicator.bound != Bound::AtMost)
        .map(|(index, _)| index)
        .collect();
    candidates.get(random.index(candidates.len())).copied().unwrap_or(0)
}

/// Draws the actual value and derives completion and score.
fn settle(random: &mut Random, indicator: &mut Indicator, short: bool) {
    let target = indicator.target;
    let missed = short || random.chance(200);
    indicator.actual = match (indicator.bound, &indicator.measure) {
        (Bound::AtMost, _) => random.between(0, target),
        (_, Measure::Count(_)) if missed => target - random.between(1, (target / 6).max(1)),
        (Bound::Exactly, _) => target,
        (_, Measure::Count(_)) => target + random.between(0, target / 4),
        (_, Measure::Percent) if missed => target - random.between(60, 700),
        (_, Measure::Percent) => random.between(target, 10_000),
    };
    indicator.completion = match indicator.bound {
        Bound::AtMost => 10_000,
        _ => ratio(indicator.actual, target),
    };
    indicator.score = indicator.computed_score();
}

#[cfg(test)]
mod tests {
    use super::{Bound, draw};
    use crate::amount::ratio;
    use crate::random::Random;

    #[test]
    fn tables_are_consistent() {
        for seed in 0..200 {
            let mut random = Random::new(seed);
            let table = draw(&mut random, 3 + seed as usize % 28);
            assert_eq!(table.indicators.iter().map(|indicator| indicator.weight).sum::<i64>(), 90);
            assert!(table.indicators.iter().any(|indicator| indicator.score < indicator.weight * 100));
            for indicator in &table.indicators {
                if indicator.bound != Bound::AtMost {
                    assert_eq!(indicator.completion, ratio(indicator.actual, indicator.target));
                }
                assert_eq!(indicator.score, indicator.computed_score());
                assert!(indicator.score <= indicator.weight * 100);
                if indicator.bound != Bound::AtMost {
                    let (low, high) = indicator.completion_range();
                    assert!(low <= indicator.completion && indicator.completion <= high, "{indicator:?}");
                }
            }
        }
    }
}
