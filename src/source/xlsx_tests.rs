use super::{cell_reference, read, reference_prefix};
use crate::source::SourceError;

#[test]
fn cell_references_use_excel_column_letters() {
    assert_eq!(cell_reference(0, 0), "A1");
    assert_eq!(cell_reference(11, 5), "F12");
    assert_eq!(cell_reference(0, 25), "Z1");
    assert_eq!(cell_reference(0, 26), "AA1");
    assert_eq!(cell_reference(1_048_575, 16_383), "XFD1048576");
}

#[test]
fn sheet_names_are_quoted_as_excel_quotes_them() {
    assert_eq!(reference_prefix("Sheet1"), "Sheet1!");
    assert_eq!(reference_prefix("自评表"), "自评表!");
    assert_eq!(reference_prefix("2023年"), "'2023年'!");
    assert_eq!(reference_prefix("整体 自评"), "'整体 自评'!");
    assert_eq!(reference_prefix("王's"), "'王''s'!");
}

#[test]
fn bytes_that_are_no_workbook_are_an_error_not_a_panic() {
    for bytes in [&b""[..], b"PK\x03\x04", "部门整体支出绩效自评表".as_bytes(), &[0xD0, 0xCF, 0x11, 0xE0]] {
        let error = read("坏表.xlsx", bytes).err();
        assert!(matches!(error, Some(SourceError::Spreadsheet { .. } | SourceError::Encrypted)), "{error:?}");
    }
}
