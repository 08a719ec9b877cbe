//! Dimensions: what kind of quantity a figure is, and how written units map
//! onto them.
//!
//! Input: a written [`Unit`] (元, 万元, %, 分, 次 …) or two dimensions meeting
//! in an operation. Output: the normalised [`Dimension`], the factor from the
//! written unit to the normalised one, and the dimension of a result (or
//! `None` when the operation mixes kinds, e.g. a % plus an amount).
//!
//! Normalised units: money in 元, ratios as plain fractions (96.64% is
//! 0.9664). Scores, counts and bare numbers keep their written value.

use std::fmt;

use rust_decimal::Decimal;

use crate::report::Unit;

/// The kind of a quantity; only quantities of compatible kinds combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// An amount, normalised to 元.
    Money,
    /// A dimensionless fraction: a % figure / 100, or a quotient of two
    /// quantities of the same kind.
    Ratio,
    /// 分.
    Score,
    /// Any count word (次, 个, 场 …); count words are not told apart.
    Count,
    /// A bare number: a rule literal without %, a table cell without unit.
    /// It takes on the dimension of whatever it meets.
    Plain,
}

impl Dimension {
    /// The dimension of a figure written with `unit`.
    pub fn of(unit: &Unit) -> Dimension {
        match unit {
            Unit::Yuan | Unit::WanYuan | Unit::YiYuan => Dimension::Money,
            Unit::Percent => Dimension::Ratio,
            Unit::Points => Dimension::Score,
            Unit::Count(_) => Dimension::Count,
            Unit::None => Dimension::Plain,
        }
    }

    /// The dimension of `self + other`, `self − other`, `min`, `max`: both the
    /// same, or one side Plain.
    pub fn sum(self, other: Dimension) -> Option<Dimension> {
        match (self, other) {
            (left, right) if left == right => Some(left),
            (Dimension::Plain, other) | (other, Dimension::Plain) => Some(other),
            _ => None,
        }
    }

    /// The dimension of `self × other`: one side must be a Ratio or Plain, and
    /// the result has the other side's dimension (a Plain side yields to a
    /// Ratio, so Ratio × Plain is a Ratio).
    pub fn product(self, other: Dimension) -> Option<Dimension> {
        match (self, other) {
            // A share of something is that something: 86.80% × 10 分 is in 分,
            // and 86.80% × 10 (a bare weight) is a bare number.
            (Dimension::Ratio, other) | (other, Dimension::Ratio) => Some(other),
            (Dimension::Plain, other) | (other, Dimension::Plain) => Some(other),
            _ => None,
        }
    }

    /// The dimension of `self ÷ other`: two of a kind give a Ratio (spent ÷
    /// budget), and dividing by a Ratio or Plain keeps the dividend's kind.
    pub fn quotient(self, other: Dimension) -> Option<Dimension> {
        match (self, other) {
            (left, right) if left == right => Some(Dimension::Ratio),
            (left, Dimension::Ratio | Dimension::Plain) => Some(left),
            _ => None,
        }
    }

    /// Whether quantities of these dimensions can be compared.
    pub fn is_comparable(self, other: Dimension) -> bool {
        self.sum(other).is_some()
    }
}

/// Chinese names, for messages such as "比率与金额不能比较".
impl fmt::Display for Dimension {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Dimension::Money => "金额",
            Dimension::Ratio => "比率",
            Dimension::Score => "分值",
            Dimension::Count => "数量",
            Dimension::Plain => "数值",
        };
        formatter.write_str(name)
    }
}

/// How many normalised units one written `unit` is: 万元 → 10000 (元),
/// % → 0.01, everything else 1. Powers of ten, so scaling by them is exact.
pub fn factor(unit: &Unit) -> Decimal {
    match unit {
        Unit::WanYuan => Decimal::from(10_000),
        Unit::YiYuan => Decimal::from(100_000_000),
        Unit::Percent => Decimal::from_parts(1, 0, 0, false, 2),
        Unit::Yuan | Unit::Points | Unit::Count(_) | Unit::None => Decimal::ONE,
    }
}

/// The text written after a figure in `unit`.
pub fn suffix(unit: &Unit) -> &str {
    match unit {
        Unit::Yuan => "元",
        Unit::WanYuan => "万元",
        Unit::YiYuan => "亿元",
        Unit::Percent => "%",
        Unit::Points => "分",
        Unit::Count(word) => word,
        Unit::None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Dimension::{Count, Money, Plain, Ratio, Score};

    #[test]
    fn written_units_map_to_dimensions() {
        assert_eq!(Dimension::of(&Unit::WanYuan), Money);
        assert_eq!(Dimension::of(&Unit::Percent), Ratio);
        assert_eq!(Dimension::of(&Unit::Points), Score);
        assert_eq!(Dimension::of(&Unit::Count("场".into())), Count);
        assert_eq!(Dimension::of(&Unit::None), Plain);
        assert_eq!(factor(&Unit::YiYuan), Decimal::from(100_000_000));
        assert_eq!(factor(&Unit::Percent).to_string(), "0.01");
        assert_eq!(suffix(&Unit::Count("次".into())), "次");
    }

    #[test]
    fn sums_need_one_kind_or_a_plain_side() {
        assert_eq!(Money.sum(Money), Some(Money));
        assert_eq!(Plain.sum(Score), Some(Score));
        assert_eq!(Ratio.sum(Plain), Some(Ratio));
        assert_eq!(Money.sum(Ratio), None);
        assert_eq!(Count.sum(Score), None);
        assert!(Ratio.is_comparable(Plain) && !Ratio.is_comparable(Money));
    }

    #[test]
    fn products_need_a_ratio_or_plain_side() {
        assert_eq!(Ratio.product(Score), Some(Score));
        assert_eq!(Money.product(Plain), Some(Money));
        assert_eq!(Ratio.product(Ratio), Some(Ratio));
        assert_eq!(Ratio.product(Plain), Some(Plain));
        assert_eq!(Plain.product(Plain), Some(Plain));
        assert_eq!(Money.product(Money), None);
        assert_eq!(Money.product(Count), None);
    }

    #[test]
    fn quotients_of_one_kind_are_ratios() {
        assert_eq!(Money.quotient(Money), Some(Ratio));
        assert_eq!(Plain.quotient(Plain), Some(Ratio));
        assert_eq!(Score.quotient(Plain), Some(Score));
        assert_eq!(Money.quotient(Ratio), Some(Money));
        assert_eq!(Plain.quotient(Ratio), Some(Plain));
        assert_eq!(Plain.quotient(Money), None);
        assert_eq!(Money.quotient(Count), None);
    }

    #[test]
    fn dimensions_have_chinese_names() {
        let names: Vec<String> = [Money, Ratio, Score, Count, Plain].iter().map(ToString::to_string).collect();
        assert_eq!(names, ["金额", "比率", "分值", "数量", "数值"]);
    }
}
