//! A computed value → text in the unit and form of the figure it is
//! compared with.
//!
//! Input: a [`Quantity`] (best the nominal one, computed from the points
//! written) and the figure beside it. Output: the value as that figure
//! would be written: a rate as 84.99% even where the report wrote a bare
//! 100, money in the 万元 or 元 of the figure, with at least its decimals and
//! those of the operands written in the same unit.

use rust_decimal::Decimal;

use super::quantity::Quantity;
use super::unit::{Dimension, suffix};
use super::value::Value;
use crate::report::{Number, Unit};

/// Most places shown; past this a difference is noise, not a message.
const MOST_PLACES: u32 = 6;

/// `quantity` written like `figure`: in its unit (a bare figure takes the
/// unit of the quantity's kind: % for a ratio, the operands' money unit for
/// an amount), with at least its decimals, those of `operands` in that unit,
/// and 2 for percentages and money so that 84.99% does not show as 85%.
/// When `differs` (the comparison failed) places are added until the text
/// is not the figure's own: an exact 9 against 8.995 shows 8.995, not 9.
pub fn like_figure(quantity: &Quantity, figure: &Number, operands: &[&Number], differs: bool) -> String {
    let unit = unit_for(quantity.dimension(), &figure.unit, operands);
    let mut places = figure.decimals;
    if matches!(unit, Unit::Percent | Unit::Yuan | Unit::WanYuan | Unit::YiYuan | Unit::Points | Unit::None) {
        places = places.max(2);
    }
    for operand in operands.iter().filter(|operand| operand.unit == unit) {
        places = places.max(operand.decimals);
    }
    let written = format!("{}{}", figure.value, suffix(&figure.unit));
    let mut places = places.min(MOST_PLACES);
    loop {
        let text = tidy(quantity.display_as(&unit, places), &unit);
        if !differs || text != written || places >= MOST_PLACES {
            return text;
        }
        places = places.saturating_add(1);
    }
}

/// `value` where neither side is one written figure (`weights + … = 100`):
/// an amount in the money unit most of `figures` are written in, at their
/// decimals; anything else as [`show`] writes it.
pub fn like_figures(value: &Value, figures: &[&Number]) -> String {
    let Value::Quantity(quantity) = value else { return show(value) };
    if quantity.dimension() != Dimension::Money {
        return show(value);
    }
    let money: Vec<&&Number> = figures.iter().filter(|figure| is_money(&figure.unit)).collect();
    let count = |unit: &Unit| money.iter().filter(|figure| figure.unit == *unit).count();
    let unit = [Unit::WanYuan, Unit::Yuan, Unit::YiYuan]
        .into_iter()
        .max_by_key(|unit| count(unit))
        .filter(|unit| count(unit) > 0)
        .unwrap_or(Unit::WanYuan);
    let places = money.iter().filter(|figure| figure.unit == unit).map(|figure| figure.decimals).fold(2, u32::max);
    quantity.display_as(&unit, places.min(MOST_PLACES))
}

/// A value on its own: ratios as %, money as 万元 with 2 decimals, true
/// and false as 是 and 否, alternative texts joined with 或.
pub fn show(value: &Value) -> String {
    match value {
        Value::Quantity(quantity) => quantity.to_string(),
        Value::Bool(true) => "是".into(),
        Value::Bool(false) => "否".into(),
        Value::Text(texts) => texts.join("或"),
    }
}

/// `value` shown in the unit of `model` when it is a bare number: the bound
/// 100 of a sum of scores reads 100分, like the sum.
pub fn like(value: &Value, model: &Value) -> Value {
    match (value, model) {
        (Value::Quantity(quantity), Value::Quantity(model)) if quantity.dimension() == Dimension::Plain => {
            Value::Quantity(Quantity::new(*quantity.interval(), model.dimension()))
        }
        _ => value.clone(),
    }
}

/// The unit a quantity of `dimension` is shown in beside a figure written
/// in `written`.
fn unit_for(dimension: Dimension, written: &Unit, operands: &[&Number]) -> Unit {
    match (written, dimension) {
        (Unit::None, Dimension::Ratio) => Unit::Percent,
        (Unit::None, Dimension::Money) => {
            operands.iter().map(|operand| &operand.unit).find(|unit| is_money(unit)).cloned().unwrap_or(Unit::WanYuan)
        }
        (unit, _) => unit.clone(),
    }
}

fn is_money(unit: &Unit) -> bool {
    matches!(unit, Unit::Yuan | Unit::WanYuan | Unit::YiYuan)
}

/// Scores and counts read best without padding (98, not 98.00); amounts and
/// percentages keep their places (19.70%).
fn tidy(text: String, unit: &Unit) -> String {
    match unit {
        Unit::Points | Unit::None | Unit::Count(_) => trim_zeros(&text),
        _ => text,
    }
}

/// `98.00分` → `98分`, `2.50` → `2.5`.
fn trim_zeros(text: &str) -> String {
    let digits_end = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    if !number.contains('.') {
        return text.to_string();
    }
    format!("{}{unit}", number.trim_end_matches('0').trim_end_matches('.'))
}

/// A figure's value as a percentage: the fraction 0.95 is 95%.
pub fn as_percent(value: Decimal) -> String {
    let percent = value.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(value).normalize();
    format!("{percent}%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::interval::Interval;
    use crate::span::Span;

    fn number(text: &str, unit: Unit) -> Number {
        let value: Decimal = text.parse().unwrap();
        Number { value, decimals: value.scale(), unit, relation: None, span: Span::default() }
    }

    fn point(text: &str, dimension: Dimension) -> Quantity {
        Quantity::new(Interval::point(text.parse().unwrap()), dimension)
    }

    #[test]
    fn values_take_the_unit_and_places_of_their_figure() {
        let yuan = number("9548199.71", Unit::Yuan);
        let wan = number("863.57", Unit::WanYuan);
        let lines = [
            // A rate written as a bare number is still a rate.
            like_figure(&point("1", Dimension::Ratio), &number("0.9", Unit::None), &[], true),
            like_figure(&point("0.849874", Dimension::Ratio), &number("100", Unit::Percent), &[], true),
            // Money in the figure's unit, at the operands' places.
            like_figure(&point("8635700", Dimension::Money), &number("863.5", Unit::WanYuan), &[&wan], true),
            like_figure(&point("9548100", Dimension::Money), &yuan, &[], true),
            // A bare amount takes the operands' money unit.
            like_figure(&point("8635700", Dimension::Money), &number("1", Unit::None), &[&yuan], true),
            // An exact score: places until it differs from the figure.
            like_figure(&point("8.995", Dimension::Score), &number("9", Unit::Points), &[], true),
            like_figure(&point("9", Dimension::Score), &number("9", Unit::Points), &[], false),
            like_figures(&Value::Quantity(point("8635700", Dimension::Money)), &[&yuan, &yuan, &wan]),
            like_figures(&Value::Quantity(point("8635700", Dimension::Money)), &[]),
            show(&Value::Bool(false)),
            show(&Value::Text(vec!["优".into(), "良".into()])),
            as_percent("0.95".parse().unwrap()),
        ];
        insta::assert_snapshot!(lines.join("\n"), @r"
        100.00%
        84.99%
        863.57万元
        9548100.00元
        8635700.00元
        8.995分
        9分
        8635700.00元
        863.57万元
        否
        优或良
        95%
        ");
    }
}
