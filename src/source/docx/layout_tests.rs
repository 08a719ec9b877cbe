#![allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]

use super::*;
use crate::source::Cell as GridCell;
use crate::source::docx::grid::Place;
use crate::source::docx::nested::NestedCell;

/// A cell at `column`, one column wide.
fn cell(column: usize, paragraphs: &[&str]) -> Cell {
    spanning(column, 1, VerticalMerge::None, paragraphs)
}

fn spanning(column: usize, width: usize, merge: VerticalMerge, paragraphs: &[&str]) -> Cell {
    Cell {
        paragraphs: paragraphs.iter().map(|paragraph| paragraph.to_string()).collect(),
        place: Some(Place { column, width, merge }),
        nested: Vec::new(),
    }
}

/// The empty text position after a merged cell or before a `w:gridBefore` row.
fn padding() -> Cell {
    Cell::default()
}

fn slices<'t>(text: &'t str, cells: &[GridCell]) -> Vec<&'t str> {
    cells.iter().map(|cell| &text[cell.span.start..cell.span.end]).collect()
}

/// Each row's cells as `column:width×height`.
fn shape(table: &Table) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> =
                row.cells.iter().map(|cell| format!("{}:{}×{}", cell.column, cell.width, cell.height)).collect();
            cells.join(" ")
        })
        .collect()
}

fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            Block::Paragraph(_) => None,
        })
        .collect()
}

#[test]
fn paragraphs_are_lines_and_empty_ones_are_not_blocks() {
    let items = [
        Item::Paragraph("  一、基本情况".into()),
        Item::Paragraph(String::new()),
        Item::Paragraph("全年预算\n共 12 万元。".into()),
    ];
    let (text, blocks) = lay_out(&items);
    assert_eq!(text, "  一、基本情况\n\n全年预算\n共 12 万元。");
    let Block::Paragraph(first) = blocks[0] else { panic!("{blocks:?}") };
    assert_eq!(&text[first.start..first.end], "一、基本情况");
    assert_eq!(blocks.len(), 2);
}

#[test]
fn a_table_is_one_line_a_row_with_exact_cell_spans() {
    let items = [
        Item::Paragraph("表一".into()),
        Item::Table(vec![
            vec![cell(0, &["项目"]), cell(1, &["年初", "预算数"]), cell(2, &[])],
            vec![cell(0, &[]), cell(1, &[" "]), cell(2, &[])],
            vec![cell(0, &["办公费"]), cell(1, &["12.50"]), cell(2, &["备注"])],
        ]),
    ];
    let (text, blocks) = lay_out(&items);
    assert_eq!(text, "表一\n项目\t年初 预算数\t\n办公费\t12.50\t备注");
    let Block::Table(table) = &blocks[1] else { panic!("{blocks:?}") };
    assert_eq!(table.rows.len(), 2);
    assert_eq!(slices(&text, &table.rows[0].cells), ["项目", "年初 预算数", ""]);
    assert_eq!(slices(&text, &table.rows[1].cells), ["办公费", "12.50", "备注"]);
    assert_eq!(&text[table.span.start..table.span.end], "项目\t年初 预算数\t\n办公费\t12.50\t备注");
}

#[test]
fn a_single_column_frame_is_prose() {
    let items = [Item::Table(vec![vec![cell(0, &["第一段。", "", "第二段。"]), cell(1, &[])]])];
    let (text, blocks) = lay_out(&items);
    assert_eq!(text, "第一段。\n第二段。");
    assert_eq!(blocks, [Block::Paragraph(Span::new(0, 12)), Block::Paragraph(Span::new(13, 25))]);
}

#[test]
fn padding_keeps_its_place_in_the_text_but_is_no_cell() {
    let restart = VerticalMerge::Restart;
    let items = [Item::Table(vec![
        vec![cell(0, &["一级指标"]), spanning(1, 2, VerticalMerge::None, &["指标值"]), padding(), cell(3, &["分值"])],
        vec![spanning(0, 1, restart, &["产出指标"]), cell(1, &["年度"]), cell(2, &["实际"]), cell(3, &["20"])],
        vec![spanning(0, 1, VerticalMerge::Continue, &[]), cell(1, &["≥10次"]), cell(2, &["12次"]), cell(3, &["10"])],
        vec![padding(), cell(1, &["小计"])],
    ])];
    let (text, blocks) = lay_out(&items);
    assert_eq!(text, "一级指标\t指标值\t\t分值\n产出指标\t年度\t实际\t20\n\t≥10次\t12次\t10\n\t小计");
    let tables = tables(&blocks);
    let [table] = tables.as_slice() else { panic!("{blocks:?}") };
    assert_eq!(shape(table), ["0:1×1 1:2×1 3:1×1", "0:1×2 1:1×1 2:1×1 3:1×1", "1:1×1 2:1×1 3:1×1", "1:1×1"]);
    assert_eq!(slices(&text, &table.rows[0].cells), ["一级指标", "指标值", "分值"]);
    assert_eq!(table.rows[0].cell_at(2).map(|cell| cell.column), Some(1));
    assert!(table.rows[2].cell_at(0).is_none(), "covered from above");
    assert!(table.rows[3].cell_at(0).is_none(), "left out by w:gridBefore");
}

#[test]
fn a_merge_runs_through_a_row_left_out_of_the_text() {
    let items = [Item::Table(vec![
        vec![spanning(0, 1, VerticalMerge::Restart, &["效益指标"]), cell(1, &["社会效益"])],
        vec![spanning(0, 1, VerticalMerge::Continue, &[]), cell(1, &[])],
        vec![spanning(0, 1, VerticalMerge::Continue, &[]), cell(1, &["可持续影响"])],
    ])];
    let (text, blocks) = lay_out(&items);
    assert_eq!(text, "效益指标\t社会效益\n\t可持续影响");
    let tables = tables(&blocks);
    assert_eq!(shape(tables[0]), ["0:1×2 1:1×1", "1:1×1"]);
}

fn nested(paragraph: usize, rows: Vec<Vec<(std::ops::Range<usize>, usize, usize)>>) -> NestedTable {
    let rows = rows
        .into_iter()
        .map(|cells| {
            cells
                .into_iter()
                .map(|(range, column, width)| NestedCell {
                    range,
                    place: Place { column, width, merge: VerticalMerge::None },
                })
                .collect()
        })
        .collect();
    NestedTable { paragraph, rows }
}

#[test]
fn a_nested_table_is_a_block_of_its_own_inside_its_cell() {
    // The builder flattened a 2×2 table into the second paragraph: " 项目 金额 办公费 12.50".
    let flattened = " 项目 金额 办公费 12.50";
    let at = |piece: &str| {
        let start = flattened.find(piece).unwrap();
        start..start + piece.len()
    };
    let mut outer = cell(1, &["明细：", flattened]);
    outer.nested = vec![nested(
        1,
        vec![vec![(at("项目"), 0, 1), (at("金额"), 1, 1)], vec![(at("办公费"), 0, 1), (at("12.50"), 1, 1)]],
    )];
    let items = [Item::Table(vec![vec![cell(0, &["说明"]), outer]]), Item::Paragraph("下一段。".into())];
    let (text, blocks) = lay_out(&items);
    assert_eq!(text, "说明\t明细： 项目 金额 办公费 12.50\n下一段。");
    assert!(matches!(blocks[0], Block::Table(_)), "{blocks:?}");
    let Block::Table(inner) = &blocks[1] else { panic!("{blocks:?}") };
    assert!(matches!(blocks[2], Block::Paragraph(_)), "{blocks:?}");
    assert_eq!(slices(&text, &inner.rows[0].cells), ["项目", "金额"]);
    assert_eq!(slices(&text, &inner.rows[1].cells), ["办公费", "12.50"]);
    assert_eq!(&text[inner.rows[1].span.start..inner.rows[1].span.end], "办公费 12.50");
    assert_eq!(&text[inner.span.start..inner.span.end], "项目 金额 办公费 12.50");
    assert_eq!(shape(inner), ["0:1×1 1:1×1", "0:1×1 1:1×1"]);
}

#[test]
fn a_nested_table_in_a_frame_points_into_its_paragraph() {
    let flattened = "指标 得分 满意度 9.5";
    let at = |piece: &str| {
        let start = flattened.find(piece).unwrap();
        start..start + piece.len()
    };
    let mut frame = cell(0, &["附表", "", flattened]);
    frame.nested = vec![nested(
        2,
        vec![vec![(at("指标"), 0, 1), (at("得分"), 1, 1)], vec![(at("满意度"), 0, 1), (at("9.5"), 1, 1)]],
    )];
    let (text, blocks) = lay_out(&[Item::Table(vec![vec![frame]])]);
    assert_eq!(text, "附表\n指标 得分 满意度 9.5");
    assert!(matches!(blocks[..2], [Block::Paragraph(_), Block::Paragraph(_)]), "{blocks:?}");
    let Block::Table(inner) = &blocks[2] else { panic!("{blocks:?}") };
    assert_eq!(slices(&text, &inner.rows[1].cells), ["满意度", "9.5"]);
}

#[test]
fn an_empty_nested_table_is_no_block() {
    let mut outer = cell(1, &["甲", ""]);
    outer.nested = vec![nested(1, vec![vec![(0..0, 0, 1)]])];
    let (_, blocks) = lay_out(&[Item::Table(vec![vec![cell(0, &["乙"]), outer]])]);
    assert_eq!(blocks.len(), 1, "{blocks:?}");
}
