//! A mismatch that one unit written wrongly explains: 831.06元 where
//! 831.06万元 was meant (a factor of 10,000), 0.95% for the fraction 0.95
//! or a bare 95 for 95% (a factor of 100).
//!
//! Input: a failed `=` and the figures it reads. Output: the [`Slip`] when
//! both hold, by the check's own rounding semantics (so the factor is exact
//! to the report's rounding): the two sides differ by a factor of 10,000 or
//! 100, and reading one figure in a neighbouring unit (元 ↔ 万元 ↔ 亿元,
//! % ↔ a bare number), which scales it by that factor, makes the comparison
//! hold. Both are needed: a cap such as `min(x, 100%)` makes many
//! rereadings hold without any factor between the sides. Guards against a
//! coincidence: a figure is only reread into a unit its kind admits, and
//! only when written with two significant digits or more (a bare 1 stands
//! for anything from 0.5 to 1.5). When two figures in two units each
//! explain it (`831.06元 ÷ 831.06万元`), the slip names both; when more
//! do, it says nothing.

use rust_decimal::Decimal;

use super::interpret::{Compared, Interpreter, Reading};
use super::interval::{Comparison, Interval};
use super::quantity::Quantity;
use super::shown::as_percent;
use super::unit::{factor, suffix};
use super::value::Value;
use crate::extract::{Facts, Mention, Value as Written};
use crate::report::{Number, Unit};
use crate::rules::Kind;

/// A figure a comparison reads: its label, what was written, its kind.
#[derive(Debug, Clone)]
pub struct Figure<'f> {
    pub label: String,
    pub mention: &'f Mention,
    pub kind: Kind,
}

/// The figure whose unit is probably wrong and the unit it was meant in.
#[derive(Debug, Clone)]
pub struct Slip<'f> {
    pub figure: Figure<'f>,
    pub number: &'f Number,
    pub unit: Unit,
    /// When either of two figures, each in the other's unit, explains the
    /// mismatch: the other one (which of two disagreeing units is right the
    /// comparison cannot tell).
    pub partner: Option<Figure<'f>>,
}

/// The slip that explains why `compared` (an `=` that failed) failed:
/// its sides differ by an exact factor, and reading one of `figures` in a
/// neighbouring unit, which scales by that factor, makes it hold.
/// `interpreter` is the one the check ran with.
pub fn find<'f>(
    interpreter: &Interpreter<'_>,
    compared: &Compared<'_>,
    figures: &[Figure<'f>],
    facts: &Facts,
) -> Option<Slip<'f>> {
    let factors: Vec<Decimal> = FACTORS
        .into_iter()
        .filter(|factor| apart_by(interpreter, compared, *factor) || apart_by(interpreter, compared, inverse(*factor)))
        .collect();
    if factors.is_empty() {
        return None;
    }
    let mut holding: Vec<Slip<'f>> = Vec::new();
    for figure in figures {
        let Written::Figure(number) = &figure.mention.value else { continue };
        if !significant(number) {
            continue;
        }
        let rereads = neighbours(&number.unit).iter().filter(|unit| admits(figure.kind, unit));
        for unit in rereads.filter(|unit| factors.contains(&factor_between(&number.unit, unit))) {
            let reading = Reading { reread: Some((figure.mention.span, unit)), ..interpreter.reading };
            let rereading = Interpreter { reading, ..*interpreter };
            if rereading.boolean(compared.expr, &mut Vec::new()) == Ok(true) {
                holding.push(Slip { figure: figure.clone(), number, unit: unit.clone(), partner: None });
            }
        }
    }
    match holding.as_slice() {
        [_] => holding.pop(),
        // Each in the other's unit: say both, reading the report's rarer
        // unit as its more common one.
        [first, second] if first.unit == second.number.unit && second.unit == first.number.unit => {
            let (mut slip, partner) = if uses(facts, &first.number.unit) <= uses(facts, &second.number.unit) {
                (first.clone(), second)
            } else {
                (second.clone(), first)
            };
            slip.partner = Some(partner.figure.clone());
            Some(slip)
        }
        _ => None,
    }
}

/// The factors a unit slip makes: 元 for 万元 (or 万元 for 亿元), and a
/// percentage for a fraction.
const FACTORS: [Decimal; 2] = [Decimal::from_parts(10_000, 0, 0, false, 0), Decimal::ONE_HUNDRED];

/// Whether the left side of `compared`, scaled by `factor`, equals the right
/// by the check's own rounding semantics.
fn apart_by(interpreter: &Interpreter<'_>, compared: &Compared<'_>, factor: Decimal) -> bool {
    let Value::Quantity(left) = &compared.left else { return false };
    let Ok(interval) = left.interval().mul(&Interval::point(factor)) else { return false };
    let scaled = Value::Quantity(Quantity::new(interval, left.dimension()));
    interpreter.compare(Comparison::Equal, &scaled, &compared.right) == Ok(true)
}

fn inverse(factor: Decimal) -> Decimal {
    Decimal::ONE.checked_div(factor).unwrap_or(factor)
}

/// The factor between two neighbouring units, at least 1: 10,000 between
/// 元 and 万元, 100 between % and a bare number.
fn factor_between(from: &Unit, to: &Unit) -> Decimal {
    let (from, to) = (factor(from), factor(to));
    let ratio = if from > to { from.checked_div(to) } else { to.checked_div(from) };
    ratio.unwrap_or(Decimal::ONE).normalize()
}

/// Whether two statements of one fact agree once `later` is read in the
/// unit of `first`: 942.42元 for 942.42万元. The unit it was meant in.
pub fn restated<'a>(first: &'a Number, later: &Number, kind: Kind) -> Option<&'a Unit> {
    let unit = &first.unit;
    let fits = significant(later) && neighbours(&later.unit).contains(unit) && admits(kind, unit);
    let reread = Number { unit: unit.clone(), ..later.clone() };
    (fits && super::conflict::agree_numbers(first, &reread)).then_some(unit)
}

/// How `number` reads in `unit`: 831.06 in 万元 is 831.06万元, the bare
/// fraction 0.95 (a % figure read without its %) is 95%.
pub fn reread_text(number: &Number, unit: &Unit) -> String {
    match unit {
        Unit::None => as_percent(number.value),
        unit => format!("{}{}", number.value, suffix(unit)),
    }
}

/// How a unit is named in "按万元计": a bare number is a fraction.
pub fn unit_name(unit: &Unit) -> &str {
    match unit {
        Unit::Percent => "百分数",
        Unit::None => "小数",
        unit => suffix(unit),
    }
}

/// The units a figure may have been meant in: a factor of 10,000 for money,
/// of 100 between a percentage and a fraction.
fn neighbours(unit: &Unit) -> &'static [Unit] {
    match unit {
        Unit::Yuan => &[Unit::WanYuan],
        Unit::WanYuan => &[Unit::Yuan, Unit::YiYuan],
        Unit::YiYuan => &[Unit::WanYuan],
        Unit::Percent => &[Unit::None],
        Unit::None => &[Unit::Percent],
        Unit::Points | Unit::Count(_) => &[],
    }
}

/// Whether a figure of `kind` may be written in `unit`.
fn admits(kind: Kind, unit: &Unit) -> bool {
    match unit {
        Unit::Yuan | Unit::WanYuan | Unit::YiYuan => matches!(kind, Kind::Money | Kind::Number),
        Unit::Percent | Unit::None => matches!(kind, Kind::Ratio | Kind::Number),
        Unit::Points | Unit::Count(_) => false,
    }
}

/// Two significant digits or more: at least ten of its last written place.
fn significant(number: &Number) -> bool {
    number.value.abs() >= Decimal::new(10, number.decimals.min(28))
}

/// How many of the report's figures are written in `unit`.
fn uses(facts: &Facts, unit: &Unit) -> usize {
    let items = facts.collections.values().flatten().flat_map(|item| item.fields.values());
    facts
        .values
        .values()
        .flatten()
        .chain(items)
        .filter(|mention| matches!(&mention.value, Written::Figure(number) if number.unit == *unit))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn number(text: &str, unit: Unit) -> Number {
        let value: Decimal = text.parse().unwrap();
        Number { value, decimals: value.scale(), unit, relation: None, span: Span::default() }
    }

    #[test]
    fn a_restatement_in_a_neighbouring_unit_agrees_only_by_an_exact_factor() {
        let wan = number("942.42", Unit::WanYuan);
        assert_eq!(restated(&wan, &number("942.42", Unit::Yuan), Kind::Money), Some(&Unit::WanYuan));
        assert_eq!(restated(&wan, &number("942.45", Unit::Yuan), Kind::Money), None);
        // 1 元 is within rounding of too much to say it was 1 万元.
        assert_eq!(restated(&number("1", Unit::WanYuan), &number("1", Unit::Yuan), Kind::Money), None);
        // A rate read as a fraction: 0.95% where 95% was meant.
        let rate = number("95", Unit::Percent);
        assert_eq!(restated(&rate, &number("95", Unit::None), Kind::Number), Some(&Unit::Percent));
        assert_eq!(restated(&rate, &number("95", Unit::None), Kind::Score), None);
        assert_eq!(restated(&number("95", Unit::Points), &number("95", Unit::None), Kind::Number), None);
    }

    #[test]
    fn rereadings_are_written_as_meant() {
        assert_eq!(reread_text(&number("831.06", Unit::Yuan), &Unit::WanYuan), "831.06万元");
        assert_eq!(reread_text(&number("0.95", Unit::Percent), &Unit::None), "95%");
        assert_eq!(reread_text(&number("100", Unit::None), &Unit::Percent), "100%");
        assert_eq!(unit_name(&Unit::WanYuan), "万元");
        assert_eq!(unit_name(&Unit::None), "小数");
    }
}
