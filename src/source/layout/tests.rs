//! Tables laid out as text, rebuilt: the helpers read a text the way the
//! `pdftotext -layout` reader does (one column a character).

use super::*;

/// Each line of `text` as layout words: x in characters, y the line number.
pub(super) fn text_lines(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .enumerate()
        .map(|(number, line)| {
            let mut words = Vec::new();
            let mut start: Option<(usize, usize)> = None;
            for (column, (at, character)) in line.char_indices().chain([(line.len(), ' ')]).enumerate() {
                match (character.is_whitespace(), start) {
                    (true, Some((from, x0))) => {
                        let text = line.get(from..at).unwrap_or_default();
                        words.push(Word { x0: x0 as f64, x1: column as f64, text });
                        start = None;
                    }
                    (false, None) => start = Some((at, column)),
                    _ => {}
                }
            }
            Line { y: number as f64, words }
        })
        .collect()
}

/// The grid as text: one row a line, cells `column[xwidth][xheight]:text`.
fn show(lines: &[Line], grid: &Grid) -> Vec<String> {
    (0..grid.rows)
        .map(|row| {
            grid.cells
                .iter()
                .filter(|cell| cell.row == row)
                .map(|cell| {
                    let text: String = cell
                        .pieces
                        .iter()
                        .flat_map(|piece| &lines[piece.line].words[piece.first..piece.end])
                        .map(|word| word.text)
                        .collect();
                    let mut place = cell.column.to_string();
                    if cell.width > 1 {
                        place.push_str(&format!("-{}", cell.column + cell.width - 1));
                    }
                    if cell.height > 1 {
                        place.push_str(&format!("x{}", cell.height));
                    }
                    format!("{place}:{text}")
                })
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

/// A text whose lines hold these words starting at these character
/// columns, the way `pdftotext -layout` writes them (one column a
/// character, Chinese or not).
pub(super) fn laid_out(lines: &[&[(usize, &str)]]) -> String {
    let mut text = String::new();
    for words in lines {
        let mut column = 0;
        for (at, word) in *words {
            let gap = if column == 0 { *at } else { at.saturating_sub(column).max(1) };
            text.push_str(&" ".repeat(gap));
            text.push_str(word);
            column += gap + word.chars().count();
        }
        text.push('\n');
    }
    text
}

fn rebuilt(text: &str) -> Option<Vec<String>> {
    let lines = text_lines(text);
    rebuild(&lines, &Metrics::text(), &[]).first().map(|grid| show(&lines, grid))
}

#[test]
fn a_header_wrapped_over_three_lines_is_one_cell() {
    let text = laid_out(&[
        &[(18, "全年预算"), (26, "全年执行")],
        &[(9, "年初预算数"), (34, "分值")],
        &[(20, "数"), (28, "数")],
        &[(0, "年度资金总额"), (10, "250.00"), (18, "260.00"), (26, "239.98"), (34, "10")],
        &[(0, "其他资金"), (11, "20.00"), (19, "24.00"), (27, "20.58"), (34, "—")],
    ]);
    assert_eq!(
        rebuilt(&text).unwrap(),
        [
            "1:年初预算数 | 2:全年预算数 | 3:全年执行数 | 4:分值",
            "0:年度资金总额 | 1:250.00 | 2:260.00 | 3:239.98 | 4:10",
            "0:其他资金 | 1:20.00 | 2:24.00 | 3:20.58 | 4:—",
        ]
    );
}

#[test]
fn wrapped_names_stand_above_and_below_their_row() {
    let text = laid_out(&[
        &[(0, "名称"), (12, "目标"), (22, "实际"), (30, "得分")],
        &[(0, "维修养护农村集")],
        &[(12, "≥120 处"), (22, "126 处"), (30, "10")],
        &[(0, "中供水工程")],
        &[(0, "开展水源地水质")],
        &[(12, "≥4 次"), (22, "4次"), (30, "6")],
        &[(0, "巡检")],
    ]);
    assert_eq!(
        rebuilt(&text).unwrap(),
        [
            "0:名称 | 1:目标 | 2:实际 | 3:得分",
            "0:维修养护农村集中供水工程 | 1:≥120处 | 2:126处 | 3:10",
            "0:开展水源地水质巡检 | 1:≥4次 | 2:4次 | 3:6",
        ]
    );
}

#[test]
fn group_labels_cover_their_rows() {
    // 产出 is centred over three rows, 效益 over two: each label is placed
    // in its group's first row, as tall as its group.
    let text = laid_out(&[
        &[(0, "一级"), (8, "三级"), (16, "分值"), (22, "得分")],
        &[(8, "甲项"), (16, "10"), (22, "10")],
        &[(0, "产出"), (8, "乙项"), (16, "10"), (22, "9")],
        &[(8, "丙项"), (16, "10"), (22, "10")],
        &[(8, "丁项"), (16, "10"), (22, "10")],
        &[(0, "效益")],
        &[(8, "戊项"), (16, "10"), (22, "8")],
    ]);
    assert_eq!(
        rebuilt(&text).unwrap(),
        [
            "0:一级 | 1:三级 | 2:分值 | 3:得分",
            "0x3:产出 | 1:甲项 | 2:10 | 3:10",
            "1:乙项 | 2:10 | 3:9",
            "1:丙项 | 2:10 | 3:10",
            "0x2:效益 | 1:丁项 | 2:10 | 3:10",
            "1:戊项 | 2:10 | 3:8",
        ]
    );
}

#[test]
fn prose_is_not_a_table() {
    let text = "本年度项目按计划实施，各项资金使用规范。\n全年完成支出 239.98 万元，执行率 92.30%。\n";
    assert_eq!(rebuilt(text), None);
}

#[test]
fn the_national_form_laid_out_by_pdftotext_is_rebuilt_whole() {
    let text = include_str!("../../../tests/fixtures/national-form/clean.pdftotext-layout.txt");
    let lines = text_lines(text);
    let grids = rebuild(&lines, &Metrics::text(), &[]);
    assert_eq!(grids.len(), 1);
    let rows = show(&lines, &grids[0]);
    assert_eq!(rows[2], "3:年初预算数 | 4:全年预算数 | 5:全年执行数 | 6:分值 | 7:执行率 | 8:得分");
    assert_eq!(rows[4], "0:（万元） | 1:其中：当年财政拨款 | 3:220.00 | 4:236.00 | 5:219.40 | 6:— | 8:—");
    assert_eq!(
        rows[10],
        "0x10:绩效指标 | 1x7:产出指标（50分） | 2x3:数量指标 | 3:维修养护农村集中供水工程 | 4:≥120处 | 5:126处 | 6:10 | 7:10"
    );
    assert_eq!(
        rows[20],
        "1x2:满意度指标（10分） | 2x2:服务对象满意度指标 | 3:受益群众满意度 | 4:≥90% | 5:93.5% | 6:5 | 7:5"
    );
    assert_eq!(rows[22], "3:总分 | 6:100 | 7:98.43 | 8:优");
}
