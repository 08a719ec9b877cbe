//! Closed decimal intervals: the value a rounded figure may stand for.
//!
//! Input: decimals as written (value + number of decimals) or exact literals.
//! Output: intervals `[lo, hi]` (invariant `lo ≤ hi`), arithmetic on them and
//! comparisons between them.
//!
//! A figure written with d decimals stands for `[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]`
//! (四舍五入, round half away from zero). Every arithmetic result CONTAINS
//! the exact result for all points of the operands: rust_decimal keeps at most
//! 28–29 significant digits and rounds to nearest when a result needs more
//! (a quotient such as 1/3, a product of long mantissas, a sum of a huge and a
//! tiny figure). When that happens (see `widened`), the bound is moved
//! outward by a margin far larger than the rounding error, so containment
//! holds and a consistent report is never flagged because of the machine's
//! precision. Exact results are not widened, so `12 + 8` on points stays the
//! point 20 and strict comparisons on points stay exact.
//!
//! Overflow is an [`ArithmeticError`], never a panic; a divisor interval that
//! contains 0 makes a quotient not applicable ([`ArithmeticError::DivisionByZero`]).

use rust_decimal::{Decimal, RoundingStrategy};

/// Why an interval operation has no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ArithmeticError {
    /// A bound left the range of rust_decimal (about ±7.9·10²⁸).
    #[error("数值超出可计算范围")]
    Overflow,
    /// The divisor may be 0 (its interval contains 0), so the quotient is not
    /// applicable.
    #[error("除数可能为 0")]
    DivisionByZero,
}

/// A comparison between two intervals; each holds when it is possible for
/// some pair of points of the two intervals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// The intervals overlap.
    Equal,
    /// The intervals are disjoint.
    NotEqual,
    /// `lo(a) < hi(b)`.
    Less,
    /// `lo(a) ≤ hi(b)`.
    LessOrEqual,
    /// `hi(a) > lo(b)`.
    Greater,
    /// `hi(a) ≥ lo(b)`.
    GreaterOrEqual,
}

/// A closed interval `[lo, hi]` of decimals, `lo ≤ hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    lo: Decimal,
    hi: Decimal,
}

impl Interval {
    /// The interval a figure written as `value` with `decimals` decimals
    /// stands for. Bounds that would overflow saturate outward, so the
    /// interval still contains every value the figure may stand for.
    pub fn from_written(value: Decimal, decimals: u32) -> Interval {
        // ½·10⁻ᵈ; beyond rust_decimal's 28 decimals use 10⁻²⁸, which is wider.
        let half = Decimal::try_new(5, decimals.saturating_add(1)).unwrap_or(Decimal::from_parts(1, 0, 0, false, 28));
        let lo = sum_bounds(value.checked_sub(half), value, half).map_or(Decimal::MIN, |bounds| bounds.down);
        let hi = sum_bounds(value.checked_add(half), value, half).map_or(Decimal::MAX, |bounds| bounds.up);
        Interval { lo, hi }
    }

    /// An exact value: a rule literal, or a figure read in "exact" mode.
    pub const fn point(value: Decimal) -> Interval {
        Interval { lo: value, hi: value }
    }

    /// The interval between two values, in either order.
    pub fn between(first: Decimal, second: Decimal) -> Interval {
        Interval { lo: first.min(second), hi: first.max(second) }
    }

    pub const fn lo(&self) -> Decimal {
        self.lo
    }

    pub const fn hi(&self) -> Decimal {
        self.hi
    }

    /// The centre, for showing the interval as one figure.
    pub fn midpoint(&self) -> Decimal {
        // lo + hi overflows only when both have the same sign and are huge;
        // then hi − lo cannot overflow, and lo + (hi − lo)/2 lies inside.
        self.lo
            .checked_add(self.hi)
            .and_then(|sum| sum.checked_div(Decimal::TWO))
            .or_else(|| {
                let width = self.hi.checked_sub(self.lo)?;
                self.lo.checked_add(width.checked_div(Decimal::TWO)?)
            })
            .unwrap_or(self.lo)
    }

    pub fn contains(&self, value: Decimal) -> bool {
        self.lo <= value && value <= self.hi
    }

    /// Both bounds moved outward by `|slack|` (a rule's absolute tolerance).
    pub fn widen(&self, slack: Decimal) -> Result<Interval, ArithmeticError> {
        let slack = slack.abs();
        Ok(Interval {
            lo: self.lo.checked_sub(slack).ok_or(ArithmeticError::Overflow)?,
            hi: self.hi.checked_add(slack).ok_or(ArithmeticError::Overflow)?,
        })
    }

    pub fn add(&self, other: &Interval) -> Result<Interval, ArithmeticError> {
        Ok(Interval {
            lo: sum_bounds(self.lo.checked_add(other.lo), self.lo, other.lo)?.down,
            hi: sum_bounds(self.hi.checked_add(other.hi), self.hi, other.hi)?.up,
        })
    }

    pub fn sub(&self, other: &Interval) -> Result<Interval, ArithmeticError> {
        self.add(&other.neg())
    }

    pub fn mul(&self, other: &Interval) -> Result<Interval, ArithmeticError> {
        let mut bounds = Vec::with_capacity(4);
        for left in [self.lo, self.hi] {
            for right in [other.lo, other.hi] {
                bounds.push(product(left, right)?);
            }
        }
        Ok(hull(&bounds))
    }

    pub fn div(&self, other: &Interval) -> Result<Interval, ArithmeticError> {
        if other.contains(Decimal::ZERO) {
            return Err(ArithmeticError::DivisionByZero);
        }
        let mut bounds = Vec::with_capacity(4);
        for left in [self.lo, self.hi] {
            for right in [other.lo, other.hi] {
                bounds.push(quotient(left, right)?);
            }
        }
        Ok(hull(&bounds))
    }

    pub fn neg(&self) -> Interval {
        // Negating a Decimal flips its sign bit: it cannot overflow.
        Interval { lo: std::ops::Neg::neg(self.hi), hi: std::ops::Neg::neg(self.lo) }
    }

    pub fn abs(&self) -> Interval {
        if self.lo >= Decimal::ZERO {
            *self
        } else if self.hi <= Decimal::ZERO {
            self.neg()
        } else {
            Interval { lo: Decimal::ZERO, hi: self.hi.max(self.lo.abs()) }
        }
    }

    /// The interval of `min(a, b)` for a in self, b in other.
    pub fn min(&self, other: &Interval) -> Interval {
        Interval { lo: self.lo.min(other.lo), hi: self.hi.min(other.hi) }
    }

    /// The interval of `max(a, b)` for a in self, b in other.
    pub fn max(&self, other: &Interval) -> Interval {
        Interval { lo: self.lo.max(other.lo), hi: self.hi.max(other.hi) }
    }

    /// Both bounds rounded half away from zero to `decimals`: rounding is
    /// monotone, so this is exactly the set of possible rounded values.
    pub fn round(&self, decimals: u32) -> Interval {
        Interval { lo: round_half_away(self.lo, decimals), hi: round_half_away(self.hi, decimals) }
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// Whether `self <op> other` may hold (see [`Comparison`]).
    pub fn compare(&self, comparison: Comparison, other: &Interval) -> bool {
        match comparison {
            Comparison::Equal => self.overlaps(other),
            Comparison::NotEqual => !self.overlaps(other),
            Comparison::Less => self.lo < other.hi,
            Comparison::LessOrEqual => self.lo <= other.hi,
            Comparison::Greater => self.hi > other.lo,
            Comparison::GreaterOrEqual => self.hi >= other.lo,
        }
    }

    /// [`Interval::compare`] with a tolerance: figures up to `|slack|` apart
    /// count as equal. Widening one side by the whole slack is the same as
    /// widening each side by half of it.
    pub fn compare_within(
        &self,
        comparison: Comparison,
        other: &Interval,
        slack: Decimal,
    ) -> Result<bool, ArithmeticError> {
        Ok(self.compare(comparison, &other.widen(slack)?))
    }
}

/// 四舍五入: round half away from zero (never banker's rounding).
pub fn round_half_away(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// Lower and upper bounds of one exact result: `down ≤ exact ≤ up`.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    down: Decimal,
    up: Decimal,
}

/// Relative and absolute margins for a result rust_decimal rounded. Its
/// rounding error is at most half a unit in the 28th significant digit
/// (relative ≈ 10⁻²⁸) or half of 10⁻²⁸ when the result needs more than 28
/// decimals; 10⁻²⁰ relative plus 10⁻²⁴ absolute covers both with room to
/// spare, and is still far below any difference a report can show.
const RELATIVE_MARGIN: Decimal = Decimal::from_parts(1, 0, 0, false, 20);
const ABSOLUTE_MARGIN: Decimal = Decimal::from_parts(1, 0, 0, false, 24);

/// Bounds of `left ∘ right` given rust_decimal's result for it. rust_decimal
/// only rounds a sum or product by dropping decimals, so a result keeping the
/// larger operand scale (sum) or the sum of scales (product) is exact.
fn sum_bounds(result: Option<Decimal>, left: Decimal, right: Decimal) -> Result<Bounds, ArithmeticError> {
    let value = result.ok_or(ArithmeticError::Overflow)?;
    let exact = left.is_zero() || right.is_zero() || value.scale() >= left.scale().max(right.scale());
    widened(value, exact)
}

fn product(left: Decimal, right: Decimal) -> Result<Bounds, ArithmeticError> {
    let value = left.checked_mul(right).ok_or(ArithmeticError::Overflow)?;
    widened(value, is_exact_product(left, right, value))
}

fn is_exact_product(left: Decimal, right: Decimal, value: Decimal) -> bool {
    left.is_zero() || right.is_zero() || value.scale() >= left.scale().saturating_add(right.scale())
}

/// Bounds of `left / right`, `right ≠ 0`. A quotient is exact only when
/// multiplying it back gives the dividend without any rounding.
fn quotient(left: Decimal, right: Decimal) -> Result<Bounds, ArithmeticError> {
    let value = left.checked_div(right).ok_or(ArithmeticError::Overflow)?;
    let exact = value.checked_mul(right).is_some_and(|back| is_exact_product(value, right, back) && back == left);
    widened(value, exact)
}

fn widened(value: Decimal, exact: bool) -> Result<Bounds, ArithmeticError> {
    if exact {
        return Ok(Bounds { down: value, up: value });
    }
    let margin = value
        .abs()
        .checked_mul(RELATIVE_MARGIN)
        .and_then(|relative| relative.checked_add(ABSOLUTE_MARGIN))
        .ok_or(ArithmeticError::Overflow)?;
    Ok(Bounds {
        down: value.checked_sub(margin).ok_or(ArithmeticError::Overflow)?,
        up: value.checked_add(margin).ok_or(ArithmeticError::Overflow)?,
    })
}

/// The smallest interval holding every candidate bound.
fn hull(bounds: &[Bounds]) -> Interval {
    let lo = bounds.iter().map(|bounds| bounds.down).min().unwrap_or_default();
    let hi = bounds.iter().map(|bounds| bounds.up).max().unwrap_or_default();
    Interval { lo, hi }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    fn written(text: &str) -> Interval {
        let value: Decimal = text.parse().unwrap();
        Interval::from_written(value, value.scale())
    }

    fn decimal(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn written_figure_stands_for_half_a_unit_each_side() {
        let rate = written("96.64");
        assert_eq!((rate.lo(), rate.hi()), (decimal("96.635"), decimal("96.645")));
        let count = written("-12");
        assert_eq!((count.lo(), count.hi()), (decimal("-12.5"), decimal("-11.5")));
        assert_eq!(written("0.00"), Interval::between(decimal("0.005"), decimal("-0.005")));
        assert_eq!(written("2.345").midpoint(), decimal("2.345"));
    }

    #[test]
    fn sums_of_written_figures() {
        let sum = written("12").add(&written("8")).unwrap();
        assert!(sum.compare(Comparison::Equal, &written("21")));
        assert!(!sum.compare(Comparison::Equal, &written("22")));
        let total = written("239.53").add(&written("355.55")).unwrap();
        assert!(total.compare(Comparison::Equal, &written("595.07")));
    }

    #[test]
    fn quotient_range_of_rounded_figures() {
        let rate = written("241.86").div(&written("353.21")).unwrap();
        // 241.855 ÷ 353.215 ≈ 0.6847246, 241.865 ÷ 353.205 ≈ 0.6847723.
        assert!(rate.lo() > decimal("0.684724") && rate.lo() < decimal("0.684725"));
        assert!(rate.hi() > decimal("0.684772") && rate.hi() < decimal("0.684773"));
        let reported = written("68.48").mul(&Interval::point(decimal("0.01"))).unwrap();
        assert!(rate.compare(Comparison::Equal, &reported));
    }

    #[test]
    fn divisor_that_may_be_zero_is_not_applicable() {
        let zero = Interval::point(Decimal::ZERO);
        assert_eq!(zero.div(&zero), Err(ArithmeticError::DivisionByZero));
        assert_eq!(written("5").div(&written("0.00")), Err(ArithmeticError::DivisionByZero));
        let touching = Interval::between(Decimal::ZERO, Decimal::ONE);
        assert_eq!(written("5").div(&touching), Err(ArithmeticError::DivisionByZero));
    }

    #[test]
    fn overflow_is_an_error() {
        let max = Interval::point(Decimal::MAX);
        assert_eq!(max.add(&Interval::point(Decimal::ONE)), Err(ArithmeticError::Overflow));
        assert_eq!(max.mul(&Interval::point(Decimal::TWO)), Err(ArithmeticError::Overflow));
        let tiny = Interval::point(decimal("0.0000000001"));
        assert_eq!(max.div(&tiny), Err(ArithmeticError::Overflow));
        assert_eq!(max.widen(Decimal::ONE), Err(ArithmeticError::Overflow));
        assert_eq!(Interval::from_written(Decimal::MAX, 0).hi(), Decimal::MAX);
        assert_eq!(max.midpoint(), Decimal::MAX);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_half_away(decimal("2.345"), 2), decimal("2.35"));
        assert_eq!(round_half_away(decimal("-2.345"), 2), decimal("-2.35"));
        assert_eq!(round_half_away(decimal("2.5"), 0), decimal("3"));
        assert_eq!(round_half_away(decimal("0.125"), 2), decimal("0.13"));
        let rounded = Interval::between(decimal("2.345"), decimal("2.3549")).round(2);
        assert_eq!((rounded.lo(), rounded.hi()), (decimal("2.35"), decimal("2.35")));
    }

    #[test]
    fn comparisons_ask_whether_some_points_satisfy_them() {
        let (small, large) = (written("2.32"), written("2.34"));
        let table = [
            (Comparison::Equal, false, false),
            (Comparison::NotEqual, true, true),
            (Comparison::Less, true, false),
            (Comparison::LessOrEqual, true, false),
            (Comparison::Greater, false, true),
            (Comparison::GreaterOrEqual, false, true),
        ];
        for (comparison, forward, backward) in table {
            assert_eq!(small.compare(comparison, &large), forward, "{comparison:?}");
            assert_eq!(large.compare(comparison, &small), backward, "{comparison:?}");
        }
        let (point, touching) = (Interval::point(decimal("2.5")), written("3"));
        assert!(point.compare(Comparison::Equal, &touching));
        assert!(point.compare(Comparison::LessOrEqual, &touching));
        assert!(!point.compare(Comparison::Greater, &touching));
        assert!(!Interval::point(Decimal::TWO).compare(Comparison::Less, &Interval::point(Decimal::TWO)));
        assert!(small.compare_within(Comparison::Equal, &large, decimal("0.01")).unwrap());
        assert!(!small.compare_within(Comparison::Equal, &large, decimal("0.0099")).unwrap());
    }

    #[test]
    fn sign_and_extremes() {
        let mixed = Interval::between(decimal("-3"), decimal("2"));
        assert_eq!(mixed.neg(), Interval::between(decimal("-2"), decimal("3")));
        assert_eq!(mixed.abs(), Interval::between(Decimal::ZERO, decimal("3")));
        assert_eq!(mixed.neg().neg().abs(), mixed.abs());
        let other = Interval::between(decimal("1"), decimal("5"));
        assert_eq!(mixed.min(&other), Interval::between(decimal("-3"), decimal("2")));
        assert_eq!(mixed.max(&other), Interval::between(decimal("1"), decimal("5")));
        assert!(mixed.contains(Decimal::ZERO) && !mixed.contains(decimal("2.01")));
    }

    #[test]
    fn exact_results_stay_points_and_rounded_ones_are_widened() {
        let sum = Interval::point(decimal("12")).add(&Interval::point(decimal("8"))).unwrap();
        assert_eq!(sum, Interval::point(decimal("20")));
        let quarter = Interval::point(Decimal::ONE).div(&Interval::point(decimal("4"))).unwrap();
        assert_eq!(quarter, Interval::point(decimal("0.25")));
        let third = Interval::point(Decimal::ONE).div(&Interval::point(decimal("3"))).unwrap();
        assert!(third.lo() * decimal("3") < Decimal::ONE && third.hi() * decimal("3") > Decimal::ONE);
        // 10⁻⁴⁰ is below rust_decimal's resolution: the product rounds to 0.
        let tiny = Interval::point(decimal("0.00000000000000000001"));
        let square = tiny.mul(&tiny).unwrap();
        assert!(square.lo() < Decimal::ZERO && square.hi() > Decimal::ZERO);
        // A sum whose exact value needs more than 28 significant digits.
        let big = Interval::point(decimal("79228162514264337593543951"));
        let sum = big.add(&Interval::point(decimal("0.001"))).unwrap();
        assert!(sum.lo() < decimal("79228162514264337593543951.001"));
        assert!(sum.hi() > decimal("79228162514264337593543951.001"));
    }

    /// An exact rational `mantissa · 10^-scale` for checking results.
    #[derive(Debug, Clone, Copy)]
    struct Exact {
        mantissa: i128,
        scale: u32,
    }

    impl Exact {
        fn of(value: Decimal) -> Exact {
            Exact { mantissa: value.mantissa(), scale: value.scale() }
        }

        fn aligned(self, scale: u32) -> Option<i128> {
            self.mantissa.checked_mul(10i128.checked_pow(scale - self.scale)?)
        }

        fn add(self, other: Exact) -> Exact {
            let scale = self.scale.max(other.scale);
            let mantissa = self.aligned(scale).unwrap() + other.aligned(scale).unwrap();
            Exact { mantissa, scale }
        }

        fn mul(self, other: Exact) -> Exact {
            Exact { mantissa: self.mantissa * other.mantissa, scale: self.scale + other.scale }
        }

        /// Exact ordering; an alignment that overflows i128 means that side is
        /// larger in magnitude than the other, which always fits.
        fn cmp(self, other: Exact) -> Ordering {
            let scale = self.scale.max(other.scale);
            match (self.aligned(scale), other.aligned(scale)) {
                (Some(left), Some(right)) => left.cmp(&right),
                (None, _) => self.mantissa.cmp(&0),
                (_, None) => 0.cmp(&other.mantissa),
            }
        }
    }

    /// A small deterministic generator (xorshift64).
    struct Generator(u64);

    impl Generator {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn written(&mut self) -> Interval {
            let decimals = (self.next() % 4) as u32;
            let magnitude = [10, 1_000, 100_000, 1_000_000][(self.next() % 4) as usize];
            let mantissa = (self.next() % magnitude) as i64 - (magnitude / 2) as i64;
            Interval::from_written(Decimal::new(mantissa, decimals), decimals)
        }

        /// Bounds and quarter points of an interval (small mantissas keep
        /// the exact checks inside i128).
        fn samples(interval: &Interval) -> Vec<Exact> {
            let width = interval.hi() - interval.lo();
            let quarters = (0..=4).map(|quarter| interval.lo() + width * Decimal::new(25 * quarter, 2));
            quarters.map(Exact::of).collect()
        }
    }

    fn assert_contains(result: &Interval, exact: Exact, context: &str) {
        assert_ne!(Exact::of(result.lo()).cmp(exact), Ordering::Greater, "{context}");
        assert_ne!(Exact::of(result.hi()).cmp(exact), Ordering::Less, "{context}");
    }

    #[test]
    fn results_contain_every_exact_result_of_sampled_points() {
        let mut generator = Generator(0x9E37_79B9_7F4A_7C15);
        for round in 0..3000 {
            let (left, right) = (generator.written(), generator.written());
            let sum = left.add(&right).unwrap();
            let difference = left.sub(&right).unwrap();
            let product = left.mul(&right).unwrap();
            let quotient = left.div(&right);
            for x in Generator::samples(&left) {
                for y in Generator::samples(&right) {
                    let context = format!("round {round}: {left:?} ∘ {right:?} at {x:?}, {y:?}");
                    assert_contains(&sum, x.add(y), &context);
                    let negated = Exact { mantissa: -y.mantissa, scale: y.scale };
                    assert_contains(&difference, x.add(negated), &context);
                    assert_contains(&product, x.mul(y), &context);
                    match &quotient {
                        // q ∈ [lo, hi] ⇔ lo·y ≤ x ≤ hi·y for y > 0 (reversed for y < 0).
                        Ok(quotient) => {
                            let low = Exact::of(quotient.lo()).mul(y).cmp(x);
                            let high = Exact::of(quotient.hi()).mul(y).cmp(x);
                            let (below, above) = if y.mantissa > 0 { (low, high) } else { (high, low) };
                            assert_ne!(below, Ordering::Greater, "{context}");
                            assert_ne!(above, Ordering::Less, "{context}");
                        }
                        Err(error) => {
                            assert_eq!(*error, ArithmeticError::DivisionByZero);
                            assert!(right.contains(Decimal::ZERO), "{context}");
                        }
                    }
                }
            }
        }
    }
}
