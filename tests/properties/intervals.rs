//! Property 2: an interval result always contains the exact result of the
//! unrounded operands.
//!
//! Input: exact decimal operands (report-sized amounts and rates, values on
//! a rounding midpoint, near zero, tiny, huge, negative), each rounded half
//! away from zero to some decimals — the figure as a report writes it — and
//! read back with `Interval::from_written`. Expressions over them up to
//! three levels deep (`(a + b) / c`, `max(a, -b) * c`, …) are computed on
//! the intervals and, exactly, on the unrounded operands (`exact.rs`).
//! Checked at every node: the interval contains the exact value; a division
//! whose divisor interval holds 0 is `DivisionByZero` (never an interval),
//! and an exact zero divisor never gets an interval.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use reportlint::eval::interval::{ArithmeticError, Comparison, Interval};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::exact::Ratio;

/// An exact value and the decimals a report writes it with.
#[derive(Debug, Clone)]
pub struct Operand {
    exact: Decimal,
    decimals: u32,
}

impl Operand {
    fn written(&self) -> Decimal {
        self.exact.round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero)
    }

    fn interval(&self) -> Interval {
        Interval::from_written(self.written(), self.decimals)
    }
}

fn decimal(mantissa: i64, scale: u32, negative: bool) -> Decimal {
    let value = Decimal::new(mantissa, scale);
    if negative { -value } else { value }
}

fn operand() -> impl Strategy<Value = Operand> {
    let decimals = prop_oneof![8 => 0u32..=4, 1 => 5u32..=12, 1 => 27u32..=30];
    let exact = prop_oneof![
        // Amounts in 元 or 万元 with up to four decimals.
        4 => (0i64..100_000_000_000, 2u32..=4).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale)),
        // Rates and scores: 0–100 with up to four decimals.
        2 => (0i64..=1_000_000).prop_map(|mantissa| Decimal::new(mantissa, 4)),
        // Near zero, either sign.
        2 => (-1000i64..=1000, 0u32..=6).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale)),
        // Tiny and huge.
        1 => (1i64..100, 8u32..=20, any::<bool>()).prop_map(|(mantissa, scale, negative)| decimal(mantissa, scale, negative)),
        1 => (1i64..1_000_000_000_000_000_000, 0u32..=2, any::<bool>())
            .prop_map(|(mantissa, scale, negative)| decimal(mantissa, scale, negative)),
        // Every digit rust_decimal has: sums and products must round.
        1 => (-(1i128 << 96) + 1..(1i128 << 96), 0u32..=28)
            .prop_map(|(mantissa, scale)| Decimal::from_i128_with_scale(mantissa, scale)),
    ];
    // A value exactly on a midpoint: the written figure is the farther of
    // the two candidates, and the exact value is the interval's bound.
    let midpoint = (-10_000_000i64..10_000_000, 0u32..=4).prop_map(|(units, decimals)| {
        let exact = Decimal::new(units * 10 + units.signum().max(1) * 5, decimals + 1);
        Operand { exact, decimals }
    });
    prop_oneof![
        4 => (exact, decimals).prop_map(|(exact, decimals)| Operand { exact, decimals }),
        1 => midpoint,
    ]
}

#[derive(Debug, Clone, Copy)]
pub enum Operation {
    Add,
    Subtract,
    Multiply,
    Divide,
    Min,
    Max,
}

#[derive(Debug, Clone)]
pub enum Node {
    Figure(Operand),
    Negate(Box<Node>),
    Abs(Box<Node>),
    Binary(Operation, Box<Node>, Box<Node>),
}

pub fn node() -> impl Strategy<Value = Node> {
    let operation = prop_oneof![
        3 => Just(Operation::Add),
        3 => Just(Operation::Subtract),
        3 => Just(Operation::Multiply),
        4 => Just(Operation::Divide),
        1 => Just(Operation::Min),
        1 => Just(Operation::Max),
    ];
    operand().prop_map(Node::Figure).prop_recursive(3, 8, 2, move |inner| {
        prop_oneof![
            1 => inner.clone().prop_map(|node| Node::Negate(Box::new(node))),
            1 => inner.clone().prop_map(|node| Node::Abs(Box::new(node))),
            6 => (operation.clone(), inner.clone(), inner)
                .prop_map(|(operation, left, right)| Node::Binary(operation, Box::new(left), Box::new(right))),
        ]
    })
}

/// A node's interval and exact value, or `None` when the interval
/// arithmetic stopped (a divisor that may be 0, an overflow).
type Evaluated = Option<(Interval, Ratio)>;

fn contains(interval: &Interval, exact: &Ratio) -> bool {
    Ratio::of(interval.lo()).cmp(exact).is_le() && Ratio::of(interval.hi()).cmp(exact).is_ge()
}

/// Evaluates `node` both ways, checking containment at every node.
pub fn evaluate(node: &Node) -> Result<Evaluated, TestCaseError> {
    let (interval, exact) = match node {
        Node::Figure(operand) => (operand.interval(), Ratio::of(operand.exact)),
        Node::Negate(inner) => match evaluate(inner)? {
            Some((interval, exact)) => (interval.neg(), exact.neg()),
            None => return Ok(None),
        },
        Node::Abs(inner) => match evaluate(inner)? {
            Some((interval, exact)) => (interval.abs(), exact.abs()),
            None => return Ok(None),
        },
        Node::Binary(operation, left, right) => {
            let (Some((left, x)), Some((right, y))) = (evaluate(left)?, evaluate(right)?) else { return Ok(None) };
            let result = match operation {
                Operation::Add => left.add(&right).map(|sum| (sum, x.add(&y))),
                Operation::Subtract => left.sub(&right).map(|difference| (difference, x.add(&y.neg()))),
                Operation::Multiply => left.mul(&right).map(|product| (product, x.mul(&y))),
                Operation::Min => Ok((left.min(&right), x.min(y))),
                Operation::Max => Ok((left.max(&right), x.max(y))),
                Operation::Divide => {
                    let quotient = left.div(&right);
                    if quotient == Err(ArithmeticError::DivisionByZero) {
                        prop_assert!(right.contains(Decimal::ZERO), "{right:?} does not contain 0");
                        return Ok(None);
                    }
                    prop_assert!(!y.is_zero(), "{left:?} ÷ {right:?} gave {quotient:?} for an exact zero divisor");
                    quotient.map(|quotient| (quotient, x.div(&y).unwrap()))
                }
            };
            match result {
                Ok(result) => result,
                Err(ArithmeticError::Overflow) => return Ok(None),
                Err(error) => return Err(TestCaseError::fail(format!("{operation:?}: unexpected {error:?}"))),
            }
        }
    };
    prop_assert!(contains(&interval, &exact), "{interval:?} misses the exact value {exact:?} of {node:?}");
    Ok(Some((interval, exact)))
}

const COMPARISONS: [Comparison; 6] = [
    Comparison::Equal,
    Comparison::NotEqual,
    Comparison::Less,
    Comparison::LessOrEqual,
    Comparison::Greater,
    Comparison::GreaterOrEqual,
];

/// Whether `comparison` holds between exact values.
fn holds(comparison: Comparison, left: &Ratio, right: &Ratio) -> bool {
    let ordering = left.cmp(right);
    match comparison {
        Comparison::Equal => ordering.is_eq(),
        Comparison::NotEqual => ordering.is_ne(),
        Comparison::Less => ordering.is_lt(),
        Comparison::LessOrEqual => ordering.is_le(),
        Comparison::Greater => ordering.is_gt(),
        Comparison::GreaterOrEqual => ordering.is_ge(),
    }
}

proptest! {
    #[test]
    fn interval_results_contain_the_exact_results(node in node()) {
        evaluate(&node)?;
    }

    #[test]
    fn comparisons_may_hold_when_the_exact_values_satisfy_them(left in node(), right in node()) {
        let (Some((a, x)), Some((b, y))) = (evaluate(&left)?, evaluate(&right)?) else { return Ok(()) };
        for comparison in COMPARISONS {
            // `!=` is "certainly different": it may miss exact inequality,
            // but must not claim it for values that are equal.
            if comparison == Comparison::NotEqual {
                prop_assert!(!(a.compare(comparison, &b) && x.cmp(&y).is_eq()), "{a:?} != {b:?}");
            } else if holds(comparison, &x, &y) {
                prop_assert!(a.compare(comparison, &b), "{comparison:?} holds exactly but not for {a:?}, {b:?}");
            }
        }
    }

    /// `round` of an interval contains the rounded exact value, for sums
    /// and products whose exact value is a decimal.
    #[test]
    fn rounded_intervals_contain_the_rounded_exact_value(
        left in operand(),
        right in operand(),
        operation in 0usize..3,
        decimals in 0u32..=6,
    ) {
        let (a, b) = (left.interval(), right.interval());
        let (x, y) = (Ratio::of(left.exact), Ratio::of(right.exact));
        let (interval, exact, ratio) = match operation {
            0 => (a.add(&b), left.exact.checked_add(right.exact), x.add(&y)),
            1 => (a.sub(&b), left.exact.checked_sub(right.exact), x.add(&y.neg())),
            _ => (a.mul(&b), left.exact.checked_mul(right.exact), x.mul(&y)),
        };
        // Skip results rust_decimal had to round: only an exact decimal
        // can be rounded here.
        let (Ok(interval), Some(exact)) = (interval, exact) else { return Ok(()) };
        if Ratio::of(exact).cmp(&ratio).is_ne() {
            return Ok(());
        }
        let rounded = exact.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        prop_assert!(interval.round(decimals).contains(rounded), "{interval:?} rounded misses {rounded}");
    }
}
