//! Lines → blocks on small texts shaped like the exports seen in practice.

use super::*;

/// One line per block: `P text` or `T` followed by `  | cell | cell |` rows.
fn render(text: &str) -> String {
    let mut out = String::new();
    for block in split(text) {
        match block {
            Block::Paragraph(span) => {
                out.push_str(&format!("P {}\n", &text[span.start..span.end]));
            }
            Block::Table(table) => {
                out.push_str("T\n");
                for row in &table.rows {
                    let cells: Vec<&str> = row.cells.iter().map(|cell| &text[cell.start..cell.end]).collect();
                    out.push_str(&format!("  | {} |\n", cells.join(" | ")));
                }
            }
        }
    }
    out
}

#[test]
fn lines_are_paragraphs_and_blank_lines_are_not_blocks() {
    let text = "  一、基本情况 \r\n\r\n年初预算数为 86.40 万\r\n\r\n元。\r\n";
    assert_eq!(render(text), "P 一、基本情况\nP 年初预算数为 86.40 万\nP 元。\n");
}

#[test]
fn tab_rows_form_one_table() {
    let text = "附表\n项目\t年初预算数\t执行率\n\t合计\t42.10\t99%\n\t其中：本级\t—\t\n说明文字";
    assert_eq!(
        render(text),
        "P 附表\nT\n  | 项目 | 年初预算数 | 执行率 |\n  |  | 合计 | 42.10 | 99% |\n  |  | 其中：本级 | — |  |\nP 说明文字\n"
    );
}

#[test]
fn pipe_rows_form_one_table_without_the_separator() {
    let text = "| 指标 | 目标值 |\n|---|:---:|\n| 培训场次 | ≥ 6 场 |\n\n结束。";
    assert_eq!(render(text), "T\n  | 指标 | 目标值 |\n  | 培训场次 | ≥ 6 场 |\nP 结束。\n");
}

#[test]
fn one_cell_a_line_tables_have_blank_line_separated_rows() {
    let text = "如下表：\n\t项目\n\t金额（万元）\n\n\t\n\t办公经费\n\t12.30\n\n\n\t\n\n二、下一节";
    let blocks = split(text);
    assert_eq!(render(text), "P 如下表：\nT\n  | 项目 | 金额（万元） |\n  |  | 办公经费 | 12.30 |\nP 二、下一节\n");
    let Some(Block::Table(table)) = blocks.get(1) else { panic!("no table: {blocks:?}") };
    assert_eq!(&text[table.rows[1].span.start..table.rows[1].span.end], "\t\n\t办公经费\n\t12.30");
}

#[test]
fn tab_indented_prose_is_not_a_table() {
    let text = "\t第一段文字。\n\n\t第二段文字。\n";
    assert_eq!(render(text), "P 第一段文字。\nP 第二段文字。\n");
}

#[test]
fn a_stray_tab_does_not_make_a_table() {
    assert_eq!(render("标题\t\n正文。"), "P 标题\nP 正文。\n");
}

#[test]
fn html_paragraphs_in_cells_are_unwrapped() {
    let text = "目标\t<p>完成 3 项任务。</p>\t\t实际\n";
    assert_eq!(render(text), "T\n  | 目标 | 完成 3 项任务。 |  | 实际 |\n");
}
