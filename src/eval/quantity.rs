//! Quantities: an [`Interval`] in normalised units with its [`Dimension`].
//!
//! Input: report figures ([`Number`]: value, written decimals, unit) and rule
//! literals. Output: arithmetic and comparisons that respect both rounding
//! (through [`Interval`]) and units (through [`Dimension`]), and text for
//! people in any written unit.
//!
//! Invariant: the interval is in the dimension's normalised unit (元 for
//! money, a fraction for ratios), so 954.81万元 and 9548199.71元 compare
//! directly. Mixing kinds (a % with an amount) is a
//! [`QuantityError::UnitMismatch`], never a silent false.

use std::fmt;

use rust_decimal::Decimal;

use super::interval::{ArithmeticError, Comparison, Interval, round_half_away};
use super::unit::{Dimension, factor, suffix};
use crate::report::{Number, Unit};

/// Why an operation on quantities has no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// The two sides are of kinds that do not combine this way.
    #[error("{left}与{right}的单位不相容")]
    UnitMismatch { left: Dimension, right: Dimension },
    #[error(transparent)]
    Arithmetic(#[from] ArithmeticError),
}

/// A value that may be inexact (an interval) and has a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    interval: Interval,
    dimension: Dimension,
}

impl Quantity {
    /// `interval` must already be in the dimension's normalised unit.
    pub const fn new(interval: Interval, dimension: Dimension) -> Quantity {
        Quantity { interval, dimension }
    }

    /// A report figure: the interval its written decimals stand for,
    /// converted to the normalised unit. Fails only for figures near
    /// rust_decimal's range (about 7.9·10²⁸ 元 after conversion).
    ///
    /// Two kinds of figure are not rounded and so stand for themselves: a
    /// count of things (`6个`, `30次`: nobody writes 5.6 meetings as 6) and
    /// zero (`其他资金 0 万元` means there was none, not "under 5,000 元").
    /// A percentage is computed, so a zero one is rounded like any other
    /// (`预算调整率0.00%` for 1 ÷ 21938).
    pub fn from_number(number: &Number) -> Result<Quantity, ArithmeticError> {
        let zero_amount = number.value.is_zero() && number.unit != Unit::Percent;
        if matches!(number.unit, Unit::Count(_)) || zero_amount {
            return Quantity::from_number_exact(number);
        }
        Quantity::normalised(Interval::from_written(number.value, number.decimals), &number.unit)
    }

    /// A report figure read as exact (a rule's "exact" mode): a point.
    pub fn from_number_exact(number: &Number) -> Result<Quantity, ArithmeticError> {
        Quantity::normalised(Interval::point(number.value), &number.unit)
    }

    /// A rule literal: exact, a Ratio when written with %, else Plain.
    pub fn literal(value: Decimal, percent: bool) -> Result<Quantity, ArithmeticError> {
        let unit = if percent { Unit::Percent } else { Unit::None };
        Quantity::normalised(Interval::point(value), &unit)
    }

    fn normalised(written: Interval, unit: &Unit) -> Result<Quantity, ArithmeticError> {
        let interval = written.mul(&Interval::point(factor(unit)))?;
        Ok(Quantity { interval, dimension: Dimension::of(unit) })
    }

    pub const fn interval(&self) -> &Interval {
        &self.interval
    }

    pub const fn dimension(&self) -> Dimension {
        self.dimension
    }

    pub fn add(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let dimension = self.combined(other, Dimension::sum)?;
        Ok(Quantity { interval: self.interval.add(&other.interval)?, dimension })
    }

    pub fn sub(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let dimension = self.combined(other, Dimension::sum)?;
        Ok(Quantity { interval: self.interval.sub(&other.interval)?, dimension })
    }

    pub fn mul(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let dimension = self.combined(other, Dimension::product)?;
        Ok(Quantity { interval: self.interval.mul(&other.interval)?, dimension })
    }

    /// A divisor that may be 0 gives [`ArithmeticError::DivisionByZero`]:
    /// the check is not applicable.
    pub fn div(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let dimension = self.combined(other, Dimension::quotient)?;
        Ok(Quantity { interval: self.interval.div(&other.interval)?, dimension })
    }

    pub fn min(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let dimension = self.combined(other, Dimension::sum)?;
        Ok(Quantity { interval: self.interval.min(&other.interval), dimension })
    }

    pub fn max(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let dimension = self.combined(other, Dimension::sum)?;
        Ok(Quantity { interval: self.interval.max(&other.interval), dimension })
    }

    pub fn neg(&self) -> Quantity {
        Quantity { interval: self.interval.neg(), dimension: self.dimension }
    }

    pub fn abs(&self) -> Quantity {
        Quantity { interval: self.interval.abs(), dimension: self.dimension }
    }

    /// Rounds the normalised value (元; a ratio as a fraction, so 2 decimals
    /// of a Ratio are whole percent).
    pub fn round(&self, decimals: u32) -> Quantity {
        Quantity { interval: self.interval.round(decimals), dimension: self.dimension }
    }

    /// Whether `self <op> other` may hold, given the rounding of both.
    pub fn compare(&self, comparison: Comparison, other: &Quantity) -> Result<bool, QuantityError> {
        self.combined(other, Dimension::sum)?;
        Ok(self.interval.compare(comparison, &other.interval))
    }

    /// Whether an ordering (`<`, `≤`, `>`, `≥`) holds between the centres
    /// of the two intervals: the figures as a reader sees them. `None` for
    /// `=` and `≠`, whose figures a reader expects to differ by rounding.
    pub fn centres_ordered(&self, comparison: Comparison, other: &Quantity) -> Option<bool> {
        let (left, right) = (self.interval.midpoint(), other.interval.midpoint());
        Some(match comparison {
            Comparison::Less => left < right,
            Comparison::LessOrEqual => left <= right,
            Comparison::Greater => left > right,
            Comparison::GreaterOrEqual => left >= right,
            Comparison::Equal | Comparison::NotEqual => return None,
        })
    }

    /// [`Quantity::compare`] where figures up to `tolerance` apart count as
    /// equal; the tolerance is a quantity too (0.01%, 1万元, 0.5).
    pub fn compare_within(
        &self,
        comparison: Comparison,
        other: &Quantity,
        tolerance: &Quantity,
    ) -> Result<bool, QuantityError> {
        let dimension = self.combined(other, Dimension::sum)?;
        Quantity::new(self.interval, dimension).combined(tolerance, Dimension::sum)?;
        let slack = tolerance.interval.lo().abs().max(tolerance.interval.hi().abs());
        Ok(self.interval.compare_within(comparison, &other.interval, slack)?)
    }

    fn combined(
        &self,
        other: &Quantity,
        rule: fn(Dimension, Dimension) -> Option<Dimension>,
    ) -> Result<Dimension, QuantityError> {
        rule(self.dimension, other.dimension)
            .ok_or(QuantityError::UnitMismatch { left: self.dimension, right: other.dimension })
    }

    /// The midpoint written in `unit` with exactly `decimals` decimals,
    /// rounded half away from zero: ratio 0.849874 as % with 2 → "84.99%".
    /// The unit is taken as given; the caller picks one fitting the dimension.
    pub fn display_as(&self, unit: &Unit, decimals: u32) -> String {
        match self.interval.midpoint().checked_div(factor(unit)) {
            Some(value) => format!("{}{}", fixed(value, decimals), suffix(unit)),
            // Only near rust_decimal's range: show the normalised value.
            None => format!("{}{}", fixed(self.interval.midpoint(), decimals), suffix(&self.base_unit())),
        }
    }

    /// Both bounds in `unit`, for showing how wide a computed value is:
    /// "[68.4725%, 68.4772%]".
    pub fn display_bounds_as(&self, unit: &Unit, decimals: u32) -> String {
        let lo = Quantity::new(Interval::point(self.interval.lo()), self.dimension);
        let hi = Quantity::new(Interval::point(self.interval.hi()), self.dimension);
        format!("[{}, {}]", lo.display_as(unit, decimals), hi.display_as(unit, decimals))
    }

    fn base_unit(&self) -> Unit {
        match self.dimension {
            Dimension::Money => Unit::Yuan,
            Dimension::Score => Unit::Points,
            Dimension::Ratio | Dimension::Count | Dimension::Plain => Unit::None,
        }
    }
}

/// Ratios as % and money as 万元 with 2 decimals; scores, counts and bare
/// numbers with at most 2 decimals and no trailing zeros.
impl fmt::Display for Quantity {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.dimension {
            Dimension::Ratio => formatter.write_str(&self.display_as(&Unit::Percent, 2)),
            Dimension::Money => formatter.write_str(&self.display_as(&Unit::WanYuan, 2)),
            Dimension::Score | Dimension::Count | Dimension::Plain => {
                let value = without_negative_zero(round_half_away(self.interval.midpoint(), 2).normalize());
                write!(formatter, "{value}{}", suffix(&self.base_unit()))
            }
        }
    }
}

/// `value` rounded half away from zero and padded to exactly `decimals`.
fn fixed(value: Decimal, decimals: u32) -> String {
    let mut rounded = round_half_away(value, decimals);
    rounded.rescale(decimals);
    without_negative_zero(rounded).to_string()
}

/// −0.001 rounds to a negative zero, which people should read as 0.
fn without_negative_zero(mut value: Decimal) -> Decimal {
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    /// A figure as the report stage reads it: `figure("181.18", Unit::WanYuan)`.
    fn figure(text: &str, unit: Unit) -> Quantity {
        let value: Decimal = text.parse().unwrap();
        let number = Number { value, decimals: value.scale(), unit, relation: None, span: Span::default() };
        Quantity::from_number(&number).unwrap()
    }

    fn wan(text: &str) -> Quantity {
        figure(text, Unit::WanYuan)
    }

    fn percent(text: &str) -> Quantity {
        figure(text, Unit::Percent)
    }

    fn literal(text: &str, percent: bool) -> Quantity {
        Quantity::literal(text.parse().unwrap(), percent).unwrap()
    }

    #[test]
    fn orderings_that_hold_only_within_rounding_are_told_apart() {
        // 89.97 ≥ 30 + 30 + 29.99 holds (each 30 is 29.5–30.5) though the
        // figures a reader sees say 89.97 < 89.99.
        let parts = wan("30").add(&wan("30")).unwrap().add(&wan("29.99")).unwrap();
        let whole = wan("89.97");
        assert!(whole.compare(Comparison::GreaterOrEqual, &parts).unwrap());
        assert_eq!(whole.centres_ordered(Comparison::GreaterOrEqual, &parts), Some(false));
        assert_eq!(wan("90").centres_ordered(Comparison::GreaterOrEqual, &parts), Some(true));
        // Equality is read through rounding by everyone: no verdict.
        assert_eq!(whole.centres_ordered(Comparison::Equal, &parts), None);
    }

    fn equal(left: &Quantity, right: &Quantity) -> bool {
        left.compare(Comparison::Equal, right).unwrap()
    }

    #[test]
    fn figures_are_normalised() {
        let rate = percent("96.64");
        assert_eq!(rate.dimension(), Dimension::Ratio);
        let bounds = |quantity: Quantity| (quantity.interval().lo(), quantity.interval().hi());
        let decimal = |text: &str| text.parse::<Decimal>().unwrap();
        assert_eq!(bounds(rate), (decimal("0.96635"), decimal("0.96645")));
        assert_eq!(bounds(wan("775.45")), (decimal("7754450"), decimal("7754550")));
        assert_eq!(bounds(figure("1.2", Unit::YiYuan)), (decimal("115000000"), decimal("125000000")));
        assert_eq!(figure("3", Unit::Count("场".into())).dimension(), Dimension::Count);
        assert_eq!(literal("100", true), Quantity::new(Interval::point(Decimal::ONE), Dimension::Ratio));
        assert_eq!(literal("100", false).dimension(), Dimension::Plain);
    }

    #[test]
    fn adjustment_rate_within_rounding_is_consistent() {
        let rate = wan("241.86").div(&wan("353.21")).unwrap();
        assert_eq!(rate.dimension(), Dimension::Ratio);
        assert_eq!(rate.display_bounds_as(&Unit::Percent, 4), "[68.4725%, 68.4772%]");
        assert!(equal(&rate, &percent("68.48")));
        assert!(!equal(&rate, &percent("68.50")));
    }

    #[test]
    fn a_zero_amount_is_none_but_a_zero_rate_is_rounded() {
        // 1.00 ÷ 21938.33 is 0.0046%, written 0.00%.
        let rate = wan("1.00").div(&wan("21938.33")).unwrap();
        assert!(equal(&rate, &percent("0.00")));
        // 其他资金 0.00 万元: there was none, so 0.004 万元 is not 0.00.
        assert!(!equal(&wan("0.004"), &wan("0.00")));
    }

    #[test]
    fn sums_of_counts_and_amounts() {
        let bare = |text: &str| figure(text, Unit::None);
        let total = bare("12").add(&bare("8")).unwrap();
        assert!(equal(&total, &bare("21")));
        assert!(!equal(&total, &bare("22")));
        // A count of things is not rounded: 12 + 8 meetings are 20, not 21.
        let count = |text: &str| figure(text, Unit::Count("个".into()));
        let meetings = count("12").add(&count("8")).unwrap();
        assert!(!equal(&meetings, &count("21")));
        assert!(equal(&meetings, &count("20")));
        let amount = wan("239.53").add(&wan("355.55")).unwrap();
        assert!(equal(&amount, &wan("595.07")));
        assert!(equal(&amount.sub(&wan("355.55")).unwrap(), &wan("239.53")));
    }

    #[test]
    fn wrong_rates_are_found_with_the_right_value() {
        let execution = wan("181.18").div(&wan("213.18")).unwrap();
        assert!(!equal(&execution, &percent("100")));
        assert!(!equal(&execution, &literal("100", true)));
        assert_eq!(execution.to_string(), "84.99%");
        let share = wan("181.18").div(&wan("919.76")).unwrap();
        assert!(!equal(&share, &percent("84.99")));
        assert_eq!(share.to_string(), "19.70%");
    }

    #[test]
    fn one_amount_in_two_units() {
        assert!(!equal(&wan("954.81"), &figure("9548199.71", Unit::Yuan)));
        assert!(equal(&wan("954.82"), &figure("9548199.71", Unit::Yuan)));
        assert!(!equal(&figure("942.42", Unit::Yuan), &wan("942.42")));
    }

    #[test]
    fn kinds_must_fit_the_operation() {
        let mismatch = QuantityError::UnitMismatch { left: Dimension::Money, right: Dimension::Ratio };
        assert_eq!(wan("1").add(&percent("5")), Err(mismatch));
        assert_eq!(wan("1").compare(Comparison::Less, &percent("5")), Err(mismatch));
        assert_eq!(mismatch.to_string(), "金额与比率的单位不相容");
        assert_eq!(wan("1").div(&wan("4")).unwrap().dimension(), Dimension::Ratio);
        let score = percent("90").mul(&figure("10", Unit::Points)).unwrap();
        assert_eq!(score.dimension(), Dimension::Score);
        assert_eq!(score.to_string(), "9分");
        assert_eq!(wan("2").mul(&literal("3", false)).unwrap().dimension(), Dimension::Money);
        assert!(wan("2").mul(&wan("3")).is_err());
        assert!(literal("90", false).compare(Comparison::LessOrEqual, &figure("90", Unit::Points)).unwrap());
    }

    #[test]
    fn zero_divisor_is_not_applicable() {
        let zero = literal("0", false);
        assert_eq!(zero.div(&zero), Err(QuantityError::Arithmetic(ArithmeticError::DivisionByZero)));
        let divisor = wan("0.00");
        assert_eq!(wan("5").div(&divisor), Err(ArithmeticError::DivisionByZero.into()));
    }

    #[test]
    fn tolerance_is_a_quantity_of_the_same_kind() {
        let (reported, computed) = (percent("68.40"), wan("241.86").div(&wan("353.21")).unwrap());
        assert!(!equal(&computed, &reported));
        assert!(computed.compare_within(Comparison::Equal, &reported, &percent("0.1")).unwrap());
        assert!(computed.compare_within(Comparison::Equal, &reported, &wan("1")).is_err());
    }

    #[test]
    fn exact_mode_reads_figures_as_points() {
        let number = Number {
            value: "2.5".parse().unwrap(),
            decimals: 1,
            unit: Unit::Points,
            relation: None,
            span: Span::default(),
        };
        let exact = Quantity::from_number_exact(&number).unwrap();
        assert_eq!(exact.interval(), &Interval::point("2.5".parse().unwrap()));
        assert!(!exact.compare(Comparison::Equal, &figure("2.6", Unit::Points)).unwrap());
    }

    #[test]
    fn figures_for_people() {
        let rate = Quantity::new(Interval::point("0.849874".parse().unwrap()), Dimension::Ratio);
        let amount = figure("1812300", Unit::Yuan);
        let lines = [
            rate.display_as(&Unit::Percent, 2),
            amount.display_as(&Unit::WanYuan, 2),
            amount.display_as(&Unit::YiYuan, 4),
            amount.display_as(&Unit::Yuan, 0),
            amount.to_string(),
            percent("19.7").to_string(),
            figure("2.345", Unit::Points).round(2).to_string(),
            figure("-2.345", Unit::None).round(2).to_string(),
            figure("-0.001", Unit::None).to_string(),
            literal("0.50", false).to_string(),
            figure("130", Unit::Count("场".into())).to_string(),
            figure("130", Unit::Count("场".into())).display_as(&Unit::Count("场".into()), 0),
        ];
        insta::assert_snapshot!(lines.join("\n"));
    }
}
