use std::collections::BTreeMap;

use calamine::Dimensions;

use super::{Layout, Limits, cell_reference, read, reference_prefix};
use crate::source::{Block, SourceError};

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

/// Each row of the sheet's table as `column:text`, with `(width×height)`
/// for a merged cell.
fn grid(text: &str, blocks: &[Block]) -> Vec<String> {
    let Some(Block::Table(table)) = blocks.iter().find(|block| matches!(block, Block::Table(_))) else {
        panic!("{blocks:?}")
    };
    table
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|cell| {
                    let shown = text.get(cell.span.start..cell.span.end).unwrap();
                    let extent = if (cell.width, cell.height) == (1, 1) {
                        String::new()
                    } else {
                        format!("({}×{})", cell.width, cell.height)
                    };
                    format!("{}:{shown}{extent}", cell.column)
                })
                .collect();
            cells.join(" ")
        })
        .collect()
}

#[test]
fn merged_ranges_give_their_top_left_cell_its_extent() {
    // B1:C1 指标值 over two columns; A2:A5 产出指标 down to a row without
    // any value, which the table leaves out; B4:C4 empty at its top-left,
    // with a stray value inside; A6:C7 合计 over a row holding only D7.
    let values = [
        ((0, 0), "一级指标"),
        ((0, 1), "指标值"),
        ((0, 3), "分值"),
        ((1, 0), "产出指标"),
        ((1, 1), "≥12次"),
        ((1, 2), "14次"),
        ((1, 3), "20"),
        ((2, 1), "≥95%"),
        ((2, 3), "20"),
        ((3, 2), "遗留"),
        ((5, 0), "合计"),
        ((6, 3), "备注"),
    ];
    let cells: BTreeMap<(u32, u32), String> =
        values.iter().map(|&(position, text)| (position, text.to_string())).collect();
    let merged = [
        Dimensions { start: (0, 1), end: (0, 2) },
        Dimensions { start: (1, 0), end: (4, 0) },
        Dimensions { start: (3, 1), end: (3, 2) },
        Dimensions { start: (5, 0), end: (6, 2) },
    ];
    let mut layout = Layout::new(&Limits::default());
    layout.push_sheet("Sheet1", &cells, &merged).unwrap();
    // The text is as without merges: every position keeps its tab.
    assert_eq!(
        layout.text,
        "Sheet1\n一级指标\t指标值\t\t分值\n产出指标\t≥12次\t14次\t20\n\t≥95%\t\t20\n\t\t遗留\n合计\n\t\t\t备注\n"
    );
    assert_eq!(
        grid(&layout.text, &layout.blocks),
        [
            "0:一级指标 1:指标值(2×1) 3:分值",
            "0:产出指标(1×3) 1:≥12次 2:14次 3:20",
            "1:≥95% 2: 3:20",
            // What C4 holds is covered: Excel shows only the top-left value.
            "1:(2×1)",
            "0:合计(3×2)",
            "3:备注",
        ]
    );
    // Anchors stay as they are, covered values included.
    let names: Vec<&str> = layout.anchors.iter().map(|anchor| anchor.name.as_str()).collect();
    assert_eq!(names.len(), values.len());
    assert!(names.contains(&"Sheet1!C4"));
}
