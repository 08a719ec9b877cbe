//! amount: fixed-point figures and how a report writes them.
//!
//! Money is an `i64` count of hundredths of 万元 (`64000` is 640.00 万元),
//! ratios are basis points (`9627` is 96.27%), scores are hundredths of a
//! point. Every quotient is rounded half away from zero (四舍五入), the
//! convention of the real reports, so a written rate is always the
//! rounding of the exact quotient of the written operands. No floating
//! point touches a figure.

/// `numerator / denominator`, rounded half away from zero (0 when the
/// denominator is 0, which callers avoid).
pub fn divide_rounded(numerator: i64, denominator: i64) -> i64 {
    if denominator == 0 {
        return 0;
    }
    let magnitude =
        (2 * i128::from(numerator.abs()) + i128::from(denominator.abs())) / (2 * i128::from(denominator.abs()));
    let magnitude = i64::try_from(magnitude).unwrap_or(i64::MAX);
    if (numerator < 0) != (denominator < 0) { -magnitude } else { magnitude }
}

/// `part / whole` in basis points: 650.00 ÷ 675.20 → 9627.
pub fn ratio(part: i64, whole: i64) -> i64 {
    divide_rounded(part.saturating_mul(10_000), whole)
}

/// `value × rate`, both fixed-point (value in hundredths, rate in basis
/// points), rounded to hundredths.
pub fn scale(value: i64, rate: i64) -> i64 {
    divide_rounded(value.saturating_mul(rate), 10_000)
}

/// `whole × per_mille / 1000`, truncated: used to split a sum into parts.
pub fn share_of(whole: i64, per_mille: i64) -> i64 {
    whole.saturating_mul(per_mille) / 1000
}

/// Money in 万元 with two decimals (`640.00`); zero is written `0`, as the
/// reports do for an empty source of funds.
pub fn money(cents: i64) -> String {
    if cents == 0 {
        return "0".into();
    }
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// A ratio with two decimals (`96.27%`); exactly one is written `100%`.
pub fn percent(basis_points: i64) -> String {
    if basis_points == 10_000 {
        return "100%".into();
    }
    let sign = if basis_points < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}%", basis_points.abs() / 100, basis_points.abs() % 100)
}

/// A score or other hundredths without trailing zeros: `30`, `28.5`, `9.63`.
pub fn trimmed(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let (whole, fraction) = (hundredths.abs() / 100, hundredths.abs() % 100);
    match fraction {
        0 => format!("{sign}{whole}"),
        _ if fraction % 10 == 0 => format!("{sign}{whole}.{}", fraction / 10),
        _ => format!("{sign}{whole}.{fraction:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{divide_rounded, money, percent, ratio, scale, trimmed};

    #[test]
    fn quotients_round_half_away_from_zero() {
        assert_eq!(ratio(65_000, 67_520), 9627);
        assert_eq!(divide_rounded(5, 10), 1);
        assert_eq!(divide_rounded(-5, 10), -1);
        assert_eq!(ratio(-3_520, 64_000), -550);
        assert_eq!(scale(3000, 9500), 2850);
    }

    #[test]
    fn figures_are_written_as_reports_write_them() {
        assert_eq!(money(64_000), "640.00");
        assert_eq!(money(5), "0.05");
        assert_eq!(money(0), "0");
        assert_eq!(percent(9627), "96.27%");
        assert_eq!(percent(10_000), "100%");
        assert_eq!(percent(-550), "-5.50%");
        assert_eq!(trimmed(3000), "30");
        assert_eq!(trimmed(2850), "28.5");
        assert_eq!(trimmed(963), "9.63");
    }
}
