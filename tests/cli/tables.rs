//! `reportlint tables`: every table as the engine sees it and what each
//! form read from it, for two small reports of our own — a 项目支出绩效自评表
//! flattened one cell a line (a space for an empty cell), and the same form
//! as a Markdown pipe table — in both formats; and a budget block whose
//! header a PDF conversion cut apart, whose rows are declined.
//!
//! The JSON snapshots fold every object or array that fits on a line onto
//! one, so that a snapshot reads as the structure rather than as a column of
//! braces; the values are the command's own.

use serde_json::Value;

use crate::common::{Run, Scratch, reportlint};

/// Flattened one cell a line, as a Word export without tabs leaves it.
const FLAT: &str = "西河村便民桥维修项目支出绩效自评报告
一、项目概况
本项目维修村内便民桥两座，由村委会组织实施。
项目支出绩效自评表
项目名称
西河村便民桥维修项目
项目资金（万元）
年初预算数
全年预算数
全年执行数
分值
执行率
得分
年度资金总额
12.00
12.00
11.40
10
95.00%
9.5
其中：当年财政拨款
12.00
12.00
11.40
—
 
—
其他资金
 
 
 
—
 
—
绩效指标
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标
数量指标
维修便民桥数量
=2座
2座
50
50
 
满意度指标
服务对象满意度指标
村民满意度
≥90%
92%
40
40
 
总分
100
99.5
优
二、自评结论
本项目自评得分 99.5 分，评价等级为优。
";

/// The same form as a pipe table, its 得分 of the 总分 row written 98.5.
const PIPE: &str = "# 西河村便民桥维修项目支出绩效自评表

| 项目名称 | 西河村便民桥维修项目 | | | | | | |
|---|---|---|---|---|---|---|---|
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |
| 年度资金总额 | 12.00 | 12.00 | 11.40 | 10 | 95.00% | 9.5 | |
| 其中：当年财政拨款 | 12.00 | 12.00 | 11.40 | — | | — | |
| 其他资金 | | | | — | | — | |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 维修便民桥数量 | =2座 | 2座 | 50 | 50 | |
| 满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥90% | 92% | 40 | 40 | |
| 总分 | | | | | 100 | 98.5 | 优 |

评价结论：本项目自评得分 98.5 分，评价等级为优。
";

/// A budget block as `pdftotext` writes a page's text blocks: the wrapped
/// 全年预算数 and 全年执行数 cut apart and out of order, the rows in order.
const SCRAMBLED: &str = "东坪镇垃圾转运项目支出绩效自评表
项目名称
东坪镇垃圾转运项目
全年预算
全年执行
年初预算数
分值 执行率
得分
数
数
年度资金总额
36.00
40.00
38.00
10
95.00%
9.50
其中：当年财政拨款
30.00
34.00
32.40
其他资金
6.00
6.00
5.60
年度总体目标
全镇生活垃圾日产日清。
";

/// `reportlint tables NAME [--format FORMAT]` on `text` written as NAME.
fn tables(name: &str, text: &str, format: &str) -> Run {
    let scratch = Scratch::new(&format!("tables-{name}-{format}"));
    scratch.write(name, text);
    let run = reportlint(&["tables", name, "--format", format]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 0, "{run:?}");
    run
}

/// `value` as JSON, an object or array on one line when it fits in 130
/// characters at its indentation.
fn folded(value: &Value, indent: usize) -> String {
    let compact = value.to_string();
    let fits = indent + compact.chars().count() <= 130;
    let inner = " ".repeat(indent + 2);
    match value {
        Value::Array(items) if !fits && !items.is_empty() => {
            let items: Vec<String> = items.iter().map(|item| format!("{inner}{}", folded(item, indent + 2))).collect();
            format!("[\n{}\n{}]", items.join(",\n"), " ".repeat(indent))
        }
        Value::Object(map) if !fits && !map.is_empty() => {
            let fields: Vec<String> =
                map.iter().map(|(key, item)| format!("{inner}{key:?}: {}", folded(item, indent + 2))).collect();
            format!("{{\n{}\n{}}}", fields.join(",\n"), " ".repeat(indent))
        }
        _ => compact,
    }
}

#[test]
fn flattened_form_human() {
    insta::assert_snapshot!(tables("西河村-展平.txt", FLAT, "human").stdout);
}

#[test]
fn flattened_form_json() {
    let document = tables("西河村-展平.txt", FLAT, "json").json();
    let reading = &document["tables"][0]["readings"][0];
    assert_eq!(reading["form"], "project");
    assert_eq!(reading["grids"][0]["rows"][0]["cells"][0]["text"], "12.00");
    insta::assert_snapshot!(folded(&document, 0));
}

#[test]
fn pipe_table_human() {
    insta::assert_snapshot!(tables("西河村-管道表.md", PIPE, "human").stdout);
}

#[test]
fn pipe_table_json() {
    let document = tables("西河村-管道表.md", PIPE, "json").json();
    assert_eq!(document["tables"][0]["layout"], "grid");
    let total = document["tables"][0]["readings"][0]["cells"]
        .as_array()
        .and_then(|cells| cells.iter().find(|cell| cell["target"] == "score.total"))
        .expect("score.total was read from a cell");
    assert_eq!((&total["text"], &total["at"]["line"]), (&Value::from("98.5"), &Value::from(12)));
    insta::assert_snapshot!(folded(&document, 0));
}

#[test]
fn scrambled_header_declines_the_rows_human() {
    insta::assert_snapshot!(tables("东坪镇-打乱.txt", SCRAMBLED, "human").stdout);
}

#[test]
fn scrambled_header_declines_the_rows_json() {
    let document = tables("东坪镇-打乱.txt", SCRAMBLED, "json").json();
    let table = &document["tables"][0];
    assert!(table["readings"].as_array().is_some_and(|readings| readings.iter().all(|r| r["form"] != "project")));
    assert_eq!(table["declined"][0]["form"], "project");
    assert_eq!(table["declined"][0]["lines"]["first"], 11);
}

#[test]
fn a_report_without_tables() {
    let run = tables("无表格.txt", "一、部门概况\n本部门 2024 年度预算执行率为 95.00%。\n", "human");
    assert_eq!(run.stdout, "规则包 national\n\n没有表格。\n");
}

#[test]
fn tables_of_a_missing_file() {
    let run = reportlint(&["tables", "examples/没有这个文件.txt"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("没有这个文件"), "{}", run.stderr);
}
