use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};

use super::cell_text;

fn number(value: f64, format: &str) -> String {
    cell_text(&Data::Float(value), Some(format))
}

#[test]
fn general_numbers_have_no_binary_noise() {
    assert_eq!(cell_text(&Data::Float(353.21), None), "353.21");
    assert_eq!(cell_text(&Data::Float(0.1 + 0.2), None), "0.3");
    assert_eq!(cell_text(&Data::Float(241.86 / 353.21), None), "0.684748449930636");
    assert_eq!(number((0.1 + 0.7) * 10.0, "General"), "8");
    assert_eq!(cell_text(&Data::Float(-0.0), None), "0");
    assert_eq!(cell_text(&Data::Int(12), None), "12");
}

#[test]
fn fixed_decimals_round_half_away_from_zero() {
    assert_eq!(number(12.0, "0.00"), "12.00");
    assert_eq!(number(2.5, "0"), "3");
    assert_eq!(number(-2.5, "0"), "-3");
    assert_eq!(number(1234.565, "#,##0.00"), "1234.57");
    assert_eq!(number(0.125, "0.0#"), "0.13");
    assert_eq!(number(0.1, "0.0#"), "0.1");
    assert_eq!(number(353.21, "0.00\"万元\""), "353.21");
    assert_eq!(number(7.0, "[Red]0.0;[Blue]-0.0"), "7.0");
    assert_eq!(number(31_000.0, "0.00E+00"), "31000");
}

#[test]
fn percent_formats_show_a_percentage() {
    assert_eq!(number(241.86 / 353.21, "0.00%"), "68.47%");
    assert_eq!(number(0.6848, "0.00%"), "68.48%");
    assert_eq!(number(1.0, "0%"), "100%");
    assert_eq!(number(0.85, "General%"), "85%");
    assert_eq!(number(0.9999, "0.0%"), "100.0%");
}

#[test]
fn errors_are_empty_and_text_stays_on_one_line() {
    assert_eq!(cell_text(&Data::Error(CellErrorType::Div0), Some("0.00%")), "");
    assert_eq!(cell_text(&Data::Empty, None), "");
    assert_eq!(cell_text(&Data::String(" 办事群众\n满意度\t".into()), None), "办事群众 满意度");
    assert_eq!(cell_text(&Data::Bool(true), None), "TRUE");
}

#[test]
fn dates_read_as_chinese_dates() {
    let date = ExcelDateTime::new(45_366.0, ExcelDateTimeType::DateTime, false);
    assert_eq!(cell_text(&Data::DateTime(date), None), "2024年3月15日");
    let with_time = ExcelDateTime::new(45_366.75, ExcelDateTimeType::DateTime, false);
    assert_eq!(cell_text(&Data::DateTime(with_time), None), "2024年3月15日 18:00");
}

#[test]
fn extreme_values_do_not_panic() {
    assert!(cell_text(&Data::Float(1e-30), None).starts_with("0.0000"));
    assert!(!cell_text(&Data::Float(1e30), None).is_empty());
    assert_eq!(cell_text(&Data::Float(f64::NAN), Some("0.00")), "");
}
