#![allow(clippy::unwrap_used, reason = "tests may panic by design")]

use super::*;

#[test]
fn references_read_and_write_as_excel_names_cells() {
    for (reference, row, column) in [("A1", 0, 0), ("F12", 11, 5), ("AA3", 2, 26), ("XFD1048576", 1_048_575, 16_383)] {
        let cell = Cell::parse(reference).unwrap();
        assert_eq!((cell.row, cell.column), (row, column));
        assert_eq!(cell.to_string(), reference);
    }
    assert_eq!(Cell::parse("f12").unwrap().to_string(), "F12");
    for bad in ["", "A", "12", "A0", "$A$1", "A1:B2", "XFE1", "A1048577", "ABCD1", "A1x"] {
        assert_eq!(Cell::parse(bad), None, "{bad}");
    }
}

#[test]
fn anchors_name_a_sheet_and_a_cell() {
    let sheets = [
        Sheet { name: "Sheet1".to_string(), path: "a".to_string() },
        Sheet { name: "年度 自评's".to_string(), path: "b".to_string() },
    ];
    assert_eq!(place("Sheet1!F12", &sheets), Some((0, Cell { row: 11, column: 5 })));
    assert_eq!(place("'年度 自评''s'!B3", &sheets), Some((1, Cell { row: 2, column: 1 })));
    assert_eq!(place("Sheet2!B3", &sheets), None);
    assert_eq!(place("F12", &sheets), None);
}
