//! form::measure: what an indicator of the 项目支出绩效自评表 measures, how its
//! target and actual value are written, and whether the actual meets the
//! target as reportlint judges it.
//!
//! A written figure with d decimals stands for ±½·10⁻ᵈ, except counts (`6次`)
//! and zero, which are exact: the engine's rule. `meets` follows the engine's
//! comparison of intervals (`a ≥ t` holds when the top of a reaches the
//! bottom of t), so the generator can draw actual values that are met or
//! missed beyond any rounding, and knows where the engine cannot tell (a
//! worded target: `None`). 小时 and 公里, with the figure (`≤24小时`) or in a
//! 度量单位 column, are counting words to the engine, exact like 个 and 次.

/// The comparison an indicator's target states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    AtLeast,
    AtMost,
    Exactly,
}

/// What the target counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Things with a measure word the engine knows (个, 次, 人次): exact.
    Count(&'static str),
    Percent,
    /// 万元.
    Money,
    /// A measure (小时, 公里) the engine counts like things, exact, with the
    /// figure or in a 度量单位 column.
    Other(&'static str),
    /// A worded target and what was achieved (`有效提升` / `明显提升`).
    Worded(&'static str, &'static str),
}

/// `value × 10⁻ᵈᵉᶜⁱᵐᵃˡˢ`, as written: `Figure { value: 965, decimals: 1 }` is 96.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    pub value: i64,
    pub decimals: u32,
}

impl Figure {
    pub const fn whole(value: i64) -> Figure {
        Figure { value, decimals: 0 }
    }

    /// The digits as written: `96.5`, `1200`, `239.98`.
    pub fn digits(self) -> String {
        let scale = 10_i64.pow(self.decimals);
        let sign = if self.value < 0 { "-" } else { "" };
        let (whole, fraction) = (self.value.abs() / scale, self.value.abs() % scale);
        match self.decimals {
            0 => format!("{sign}{whole}"),
            decimals => format!("{sign}{whole}.{fraction:0width$}", width = decimals as usize),
        }
    }

    /// In thousandths, with the half-width of what it stands for.
    fn interval(self, exact: bool) -> (i64, i64) {
        let decimals = self.decimals.min(3);
        let value = self.value * 10_i64.pow(3 - decimals);
        let half = if exact || self.value == 0 { 0 } else { 5 * 10_i64.pow(3 - decimals) / 10 };
        (value - half, value + half)
    }
}

impl Relation {
    pub fn symbol(self) -> &'static str {
        match self {
            Relation::AtLeast => "≥",
            Relation::AtMost => "≤",
            Relation::Exactly => "=",
        }
    }

    /// How the Yunnan and Sichuan copies write it in a 指标性质 column.
    pub fn wide_symbol(self) -> &'static str {
        match self {
            Relation::AtLeast => "≧",
            Relation::AtMost => "≦",
            Relation::Exactly => "═",
        }
    }
}

impl Measure {
    /// The word of the 度量单位 column, or after a figure.
    pub fn unit(self) -> &'static str {
        match self {
            Measure::Count(word) | Measure::Other(word) => word,
            Measure::Percent => "%",
            Measure::Money => "万元",
            Measure::Worded(..) => "",
        }
    }

    /// Whether the engine compares actual and target (it reads both as
    /// figures in one dimension), the unit written with the figure or in a
    /// column of its own.
    pub fn comparable(self) -> bool {
        !matches!(self, Measure::Worded(..))
    }
}

/// Whether `actual` meets `relation target` as reportlint judges it, or
/// `None` when it cannot compare them.
pub fn meets(measure: Measure, relation: Relation, target: Figure, actual: Figure) -> Option<bool> {
    if !measure.comparable() {
        return None;
    }
    let exact = matches!(measure, Measure::Count(_) | Measure::Other(_));
    let (actual_low, actual_high) = actual.interval(exact);
    let (target_low, target_high) = target.interval(exact);
    Some(match relation {
        Relation::AtLeast => actual_high >= target_low,
        Relation::AtMost => actual_low <= target_high,
        Relation::Exactly => actual_low <= target_high && target_low <= actual_high,
    })
}

#[cfg(test)]
mod tests {
    use super::{Figure, Measure, Relation};

    use super::meets;

    #[test]
    fn figures_are_written_with_their_decimals() {
        assert_eq!(Figure { value: 965, decimals: 1 }.digits(), "96.5");
        assert_eq!(Figure { value: 23_998, decimals: 2 }.digits(), "239.98");
        assert_eq!(Figure { value: 5, decimals: 2 }.digits(), "0.05");
        assert_eq!(Figure::whole(1200).digits(), "1200");
    }

    #[test]
    fn meeting_allows_for_rounding_as_the_engine_does() {
        let percent = |value, decimals| Figure { value, decimals };
        // ≥95% stands for [94.5%, 95.5%]: 94.8% may meet it, 94.4% cannot.
        assert_eq!(meets(Measure::Percent, Relation::AtLeast, Figure::whole(95), percent(948, 1)), Some(true));
        assert_eq!(meets(Measure::Percent, Relation::AtLeast, Figure::whole(95), percent(944, 1)), Some(false));
        // Counts are exact.
        assert_eq!(meets(Measure::Count("次"), Relation::AtLeast, Figure::whole(6), Figure::whole(5)), Some(false));
        assert_eq!(meets(Measure::Count("件"), Relation::AtMost, Figure::whole(3), Figure::whole(3)), Some(true));
        assert_eq!(meets(Measure::Percent, Relation::Exactly, Figure::whole(100), percent(990, 1)), Some(false));
        assert_eq!(meets(Measure::Money, Relation::AtMost, Figure::whole(260), percent(26_050, 2)), Some(true));
        assert_eq!(meets(Measure::Money, Relation::AtMost, Figure::whole(260), percent(26_051, 2)), Some(false));
        assert_eq!(meets(Measure::Other("小时"), Relation::AtMost, Figure::whole(24), Figure::whole(20)), Some(true));
        // `≥18公里`, `17.6公里`: counted, so exact.
        let kilometres =
            meets(Measure::Other("公里"), Relation::AtLeast, Figure::whole(18), Figure { value: 176, decimals: 1 });
        assert_eq!(kilometres, Some(false));
    }
}
