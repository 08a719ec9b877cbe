//! One spreadsheet cell (value and number format) → the text Excel shows.
//!
//! Numbers are written in decimal without binary noise: Excel keeps 15
//! significant digits, so a value is first cut to 15 significant digits
//! (`0.1 + 0.2` is `0.3`, `353.21` stays `353.21`). A cell whose format fixes
//! its decimals (`0.00`, `#,##0.0`, `0.00%`) shows exactly those, rounded
//! half away from zero as Excel does (四舍五入); a percent format multiplies
//! by 100 and appends `%`. What the text leaves out of a format: thousands
//! separators, literal text such as `"万元"`, colours and conditions.
//! Errors (`#DIV/0!`) and empty cells are empty text. The text never holds a
//! tab or a line break, so one sheet row stays one line.

use calamine::{Data, ExcelDateTime};
use rust_decimal::{Decimal, RoundingStrategy};

/// The text a cell shows, trimmed; `format` is the cell's number format
/// code (`0.00%`), if it has one.
pub(super) fn cell_text(value: &Data, format: Option<&str>) -> String {
    let shape = format.map_or(Shape::GENERAL, Shape::of);
    let text = match value {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => one_line(text),
        Data::Bool(true) => "TRUE".to_string(),
        Data::Bool(false) => "FALSE".to_string(),
        Data::Int(integer) => shape.show(Decimal::from(*integer)),
        Data::Float(float) if !float.is_finite() => String::new(),
        Data::Float(float) => significant(*float).map_or_else(|| float.to_string(), |decimal| shape.show(decimal)),
        Data::DateTime(date) => date_text(date),
    };
    text.trim().to_string()
}

/// How a number format shows a number: percent or not, and the fewest and
/// most decimals (`0.0#` is 1 and 2; `General` has no fixed decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    percent: bool,
    decimals: Option<(u32, u32)>,
}

impl Shape {
    const GENERAL: Shape = Shape { percent: false, decimals: None };

    /// Reads the first section of a format code (the one for positive
    /// numbers), skipping quoted text, `[...]` colours and conditions, and
    /// escaped characters.
    fn of(code: &str) -> Shape {
        let mut percent = false;
        let mut has_digit = false;
        let mut scientific = false;
        let mut in_decimals = false;
        let (mut fewest, mut most) = (0u32, 0u32);
        let mut characters = code.chars();
        while let Some(character) = characters.next() {
            match character {
                ';' => break,
                '"' => characters.by_ref().take_while(|&inner| inner != '"').for_each(drop),
                '[' => characters.by_ref().take_while(|&inner| inner != ']').for_each(drop),
                '\\' | '_' | '*' => {
                    characters.next();
                }
                '%' => percent = true,
                'E' | 'e' => scientific = true,
                '.' => in_decimals = true,
                '0' | '#' | '?' => {
                    has_digit = true;
                    if in_decimals {
                        most = most.saturating_add(1);
                        if character == '0' {
                            fewest = most;
                        }
                    }
                }
                _ => {}
            }
        }
        let decimals = (has_digit && !scientific).then_some((fewest, most));
        Shape { percent, decimals }
    }

    fn show(self, value: Decimal) -> String {
        let mut value = if self.percent { value.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(value) } else { value };
        match self.decimals {
            Some((fewest, most)) => {
                value = value.round_dp_with_strategy(most, RoundingStrategy::MidpointAwayFromZero).normalize();
                if value.scale() < fewest {
                    value.rescale(fewest);
                }
            }
            None => value = value.normalize(),
        }
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        if self.percent { format!("{value}%") } else { value.to_string() }
    }
}

/// `value` with Excel's 15 significant digits, or `None` when it does not
/// fit a decimal (beyond 10²⁸, or not finite).
fn significant(value: f64) -> Option<Decimal> {
    Decimal::from_scientific_lossy(&format!("{value:.14e}")).ok()
}

/// A date as Chinese reports write it (`2024年3月15日`), with the time of
/// day when there is one; a duration as its number of days.
fn date_text(date: &ExcelDateTime) -> String {
    if date.is_duration() {
        return significant(date.as_f64()).map_or_else(String::new, |days| days.normalize().to_string());
    }
    let (year, month, day, hour, minute, second, _) = date.to_ymd_hms_milli();
    let time = (hour, minute, second) != (0, 0, 0);
    let time_text =
        format!("{hour:02}:{minute:02}{}", if second > 0 { format!(":{second:02}") } else { String::new() });
    if date.as_f64() < 1.0 {
        time_text
    } else if time {
        format!("{year}年{month}月{day}日 {time_text}")
    } else {
        format!("{year}年{month}月{day}日")
    }
}

/// Line breaks (Alt+Enter in a cell), tabs and other control characters
/// become spaces.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").chars().map(|character| if character.is_control() { ' ' } else { character }).collect()
}

#[cfg(test)]
#[path = "xlsx_cell_tests.rs"]
mod tests;
