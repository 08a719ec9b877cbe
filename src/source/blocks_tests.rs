//! Lines → blocks on small texts shaped like the exports seen in practice.

use super::*;

/// One line per block: `P text`, or `T` (a grid) or `F` (a flattening)
/// followed by `  | cell | cell |` rows.
fn render(text: &str) -> String {
    let mut out = String::new();
    for block in split(text) {
        match block {
            Block::Paragraph(span) => {
                out.push_str(&format!("P {}\n", &text[span.start..span.end]));
            }
            Block::Table(table) => {
                out.push_str(if table.layout == Layout::Flat { "F\n" } else { "T\n" });
                for row in &table.rows {
                    let cells: Vec<&str> = row.cells.iter().map(|cell| &text[cell.span.start..cell.span.end]).collect();
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
fn a_merged_row_without_a_tab_stays_in_its_table() {
    let text = "资金\t年初预算数\t全年预算数\n年度资金总额\t500\t560\n按支出性质分\n基本支出\t420\t430\n说明：本表金额为万元。\n基本支出\t1\t2\n";
    assert_eq!(
        render(text),
        "T\n  | 资金 | 年初预算数 | 全年预算数 |\n  | 年度资金总额 | 500 | 560 |\n  | 按支出性质分 |\n  | 基本支出 | 420 | 430 |\nP 说明：本表金额为万元。\nT\n  | 基本支出 | 1 | 2 |\n"
    );
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

#[test]
fn pipe_rows_with_one_pipe_or_dropped_cells_are_a_flattening() {
    let text = "项目名称 |\n|\n年初预算 |\n12.50 |\n\n| 总额 | 12.50 |\n| — |\n";
    assert_eq!(
        render(text),
        "F\n  | 项目名称 |\n  |  |\n  | 年初预算 |\n  | 12.50 |\nF\n  | 总额 | 12.50 |\n  | — |\n"
    );
}

#[test]
fn regular_pipe_rows_without_a_separator_are_a_grid() {
    assert_eq!(render("指标 | 分值 |\n数量 | 10 |\n"), "T\n  | 指标 | 分值 |\n  | 数量 | 10 |\n");
}

/// Cells of a one-cell-a-line export with a blank line after each cell.
fn cell_lines(cells: &[&str]) -> String {
    cells.iter().map(|cell| format!("{cell}\n\n")).collect()
}

#[test]
fn one_cell_a_line_with_blank_lines_is_a_flattening() {
    let cells = [
        "项目资金",
        "年初",
        "预算数",
        "全年",
        "执行数",
        "年度资金总额",
        "43.2",
        "37.24",
        "10",
        "86%",
        "9",
        "其中：当年财政拨款",
        " ",
        "上年结转资金",
    ];
    let text = format!("一、项目情况\n\n{}说明。\n", cell_lines(&cells));
    let rendered = render(&text);
    assert!(rendered.starts_with("P 一、项目情况\nF\n  | 项目资金 |\n  | 年初 |\n"), "{rendered}");
    assert!(rendered.contains("  | 其中：当年财政拨款 |\n  |  |\n  | 上年结转资金 |\n"), "{rendered}");
    // Its lines are paragraphs too (a run of short paragraphs looks the same).
    assert!(rendered.contains("\nP 项目资金\nP 年初\n"), "{rendered}");
}

#[test]
fn prose_with_blank_lines_between_paragraphs_is_not_a_table() {
    let paragraphs = ["一、基本情况", "全年预算 120 万元。", "（一）机构", "设科室 3 个。", "二、绩效", "已完成。"];
    let text = cell_lines(&paragraphs).repeat(3);
    assert!(!render(&text).contains('F'));
}

#[test]
fn a_table_run_together_on_one_line_is_a_flat_row() {
    let text = "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0\n";
    let rendered = render(text);
    assert!(rendered.starts_with("F\n  | 项目资金 | (万元) | 年初预算数 |"), "{rendered}");
    // It may be prose after all: the line is a paragraph too.
    assert!(rendered.ends_with("| 0 | 10 | 0 | 0 |\nP 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0\n"), "{rendered}");
}

#[test]
fn prose_with_spaced_figures_stays_prose() {
    let text = "专项年初预算 267.65 万元，全年预算 426.79 万元，实际支出 372.80 万元，执行率 87.35 %，占比 40 %。\n";
    assert!(render(text).starts_with("P "));
}

#[test]
fn one_cell_a_line_without_blank_lines_is_a_flattening() {
    // LibreOffice's text export: an empty line for an empty cell.
    let cells = [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        "年度资金总额",
        "250.00",
        "260.00",
        "239.98",
        "10",
        "92.30%",
        "9.23",
        "其中：当年财政拨款",
        "220.00",
        "",
        "—",
    ];
    let text = format!("{}\n", cells.join("\n"));
    let rendered = render(&text);
    assert!(rendered.starts_with("F\n  | 年初预算数 |\n"), "{rendered}");
    assert!(rendered.contains("  | 220.00 |\n  |  |\n  | — |\n"), "{rendered}");
}

#[test]
fn cells_aligned_by_spaces_are_a_flattening() {
    let rows = [
        "             年初预算数     全年预算数   全年执行数   分值  执行率   得分",
        "年度资金总额     250.00        260.00      239.98      10    92.30%   9.23",
        "其中：当年财政拨款 220.00      236.00      219.40      —              —",
    ];
    let text = format!("{}\n", rows.join("\n\n"));
    let rendered = render(&text);
    assert!(rendered.contains("  | 年度资金总额 | 250.00 | 260.00 | 239.98 | 10 | 92.30% | 9.23 |\n"), "{rendered}");
}
