//! Exact rationals for checking interval arithmetic: what the operation
//! gives on the unrounded operands, with no rounding anywhere.
//!
//! Input: decimals (mantissa · 10⁻ˢᶜᵃˡᵉ). Output: fractions of arbitrary
//! size integers, compared exactly with interval bounds. Invariants: the
//! denominator is positive; integers have no leading zero limbs, and zero is
//! never negative. Only what the properties need: +, −, ×, ÷, ordering.

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// A signed integer of any size: little-endian base-2³² limbs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Integer {
    negative: bool,
    limbs: Vec<u32>,
}

impl Integer {
    fn new(negative: bool, mut limbs: Vec<u32>) -> Integer {
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        Integer { negative: negative && !limbs.is_empty(), limbs }
    }

    fn from_i128(value: i128) -> Integer {
        let magnitude = value.unsigned_abs();
        Integer::new(value < 0, (0..4).map(|index| (magnitude >> (32 * index)) as u32).collect())
    }

    fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    fn neg(&self) -> Integer {
        Integer::new(!self.negative, self.limbs.clone())
    }

    fn mul(&self, other: &Integer) -> Integer {
        let mut limbs = vec![0u64; self.limbs.len() + other.limbs.len() + 1];
        for (i, &left) in self.limbs.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &right) in other.limbs.iter().enumerate() {
                let sum = limbs[i + j] + u64::from(left) * u64::from(right) + carry;
                limbs[i + j] = sum & 0xFFFF_FFFF;
                carry = sum >> 32;
            }
            limbs[i + other.limbs.len()] += carry;
        }
        Integer::new(self.negative != other.negative, limbs.into_iter().map(|limb| limb as u32).collect())
    }

    fn add(&self, other: &Integer) -> Integer {
        if self.negative == other.negative {
            return Integer::new(self.negative, add_magnitudes(&self.limbs, &other.limbs));
        }
        match compare_magnitudes(&self.limbs, &other.limbs) {
            Ordering::Less => Integer::new(other.negative, subtract_magnitudes(&other.limbs, &self.limbs)),
            _ => Integer::new(self.negative, subtract_magnitudes(&self.limbs, &other.limbs)),
        }
    }

    fn cmp(&self, other: &Integer) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => compare_magnitudes(&self.limbs, &other.limbs),
            (true, true) => compare_magnitudes(&other.limbs, &self.limbs),
        }
    }
}

fn compare_magnitudes(left: &[u32], right: &[u32]) -> Ordering {
    left.len().cmp(&right.len()).then_with(|| left.iter().rev().cmp(right.iter().rev()))
}

fn add_magnitudes(left: &[u32], right: &[u32]) -> Vec<u32> {
    let mut carry = 0u64;
    let mut limbs = Vec::new();
    for index in 0..left.len().max(right.len()) + 1 {
        let sum = u64::from(*left.get(index).unwrap_or(&0)) + u64::from(*right.get(index).unwrap_or(&0)) + carry;
        limbs.push(sum as u32);
        carry = sum >> 32;
    }
    limbs
}

/// `left − right` for `|left| ≥ |right|`.
fn subtract_magnitudes(left: &[u32], right: &[u32]) -> Vec<u32> {
    let mut borrow = 0i64;
    let mut limbs = Vec::new();
    for (index, &limb) in left.iter().enumerate() {
        let mut difference = i64::from(limb) - i64::from(*right.get(index).unwrap_or(&0)) - borrow;
        borrow = i64::from(difference < 0);
        difference += borrow << 32;
        limbs.push(difference as u32);
    }
    limbs
}

/// An exact fraction `numerator / denominator`, denominator > 0.
#[derive(Debug, Clone)]
pub struct Ratio {
    numerator: Integer,
    denominator: Integer,
}

impl Ratio {
    pub fn of(value: Decimal) -> Ratio {
        Ratio {
            numerator: Integer::from_i128(value.mantissa()),
            denominator: Integer::from_i128(10i128.pow(value.scale())),
        }
    }

    pub fn is_zero(&self) -> bool {
        self.numerator.is_zero()
    }

    pub fn add(&self, other: &Ratio) -> Ratio {
        Ratio {
            numerator: self.numerator.mul(&other.denominator).add(&other.numerator.mul(&self.denominator)),
            denominator: self.denominator.mul(&other.denominator),
        }
    }

    pub fn neg(&self) -> Ratio {
        Ratio { numerator: self.numerator.neg(), denominator: self.denominator.clone() }
    }

    pub fn mul(&self, other: &Ratio) -> Ratio {
        Ratio { numerator: self.numerator.mul(&other.numerator), denominator: self.denominator.mul(&other.denominator) }
    }

    /// `None` when `other` is zero.
    pub fn div(&self, other: &Ratio) -> Option<Ratio> {
        if other.is_zero() {
            return None;
        }
        let sign = Integer::from_i128(if other.numerator.negative { -1 } else { 1 });
        Some(Ratio {
            numerator: self.numerator.mul(&other.denominator).mul(&sign),
            denominator: self.denominator.mul(&other.numerator).mul(&sign),
        })
    }

    pub fn abs(&self) -> Ratio {
        if self.numerator.negative { self.neg() } else { self.clone() }
    }

    pub fn cmp(&self, other: &Ratio) -> Ordering {
        self.numerator.mul(&other.denominator).cmp(&other.numerator.mul(&self.denominator))
    }

    pub fn min(self, other: Ratio) -> Ratio {
        if self.cmp(&other) == Ordering::Greater { other } else { self }
    }

    pub fn max(self, other: Ratio) -> Ratio {
        if self.cmp(&other) == Ordering::Less { other } else { self }
    }
}

#[test]
fn exact_arithmetic_agrees_with_small_decimals() {
    let values = ["0", "1", "-1", "2.5", "-0.125", "79228162514264337593543950335", "-0.0000000000000000000000000001"];
    for left in values {
        for right in values {
            let (a, b): (Decimal, Decimal) = (left.parse().unwrap(), right.parse().unwrap());
            assert_eq!(Ratio::of(a).cmp(&Ratio::of(b)), a.cmp(&b), "{a} ? {b}");
            if let Some(sum) = a.checked_add(b).filter(|sum| sum.scale() >= a.scale().max(b.scale())) {
                assert_eq!(Ratio::of(a).add(&Ratio::of(b)).cmp(&Ratio::of(sum)), Ordering::Equal, "{a} + {b}");
            }
            let product = Ratio::of(a).mul(&Ratio::of(b));
            if let Some(quotient) = product.div(&Ratio::of(b)) {
                assert_eq!(quotient.cmp(&Ratio::of(a)), Ordering::Equal, "{a} × {b} ÷ {b}");
            }
        }
    }
}
