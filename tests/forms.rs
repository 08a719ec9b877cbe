//! The national forms read from flattenings that lose a table's shape: what
//! is read, what is left unread, and that nothing is guessed.
//!
//! Each input is the smallest table that shows one way a conversion breaks
//! a form; the national pack is the embedded one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use reportlint::finding::Severity;
use reportlint::lint::{LintedFile, Linter};
use reportlint::rules;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter::new(rules::load_embedded().unwrap()).with_pack("national").unwrap())
}

fn lint(text: &str) -> LintedFile {
    linter().lint_text("表.txt", text).unwrap()
}

/// Warnings and errors, by rule id.
fn flagged(file: &LintedFile) -> Vec<&str> {
    file.findings.iter().filter(|finding| finding.severity != Severity::Info).map(|f| f.rule.as_str()).collect()
}

fn passed(file: &LintedFile) -> Vec<&str> {
    file.passed.iter().filter(|passed| passed.scope.is_some()).map(|passed| passed.rule.as_str()).collect()
}

const SPLIT_FORM: &str = "\
项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t50.00\t60.00\t54.00\t10\t90.00%\t9
其中：当年财政拨款\t50.00\t60.00\t54.00\t—\t\t—

年度总体目标：全年完成农村道路养护 40 公里，群众出行条件得到改善，道路完好率保持在较高水平。实际完成情况：完成养护 42 公里。

一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
产出指标（90分）\t数量指标\t道路养护里程\t≥40公里\t42公里\t90\t90\t
总分\t\t\t\t\t100\t98\t优
";

#[test]
fn a_form_broken_by_prose_is_one_copy() {
    // The budget block and the indicators stand in two tables: the 总分 is
    // checked against the 执行率 得分 of the first (9 + 90 ≠ 98 only if
    // both are read as one copy).
    let file = lint(SPLIT_FORM);
    assert_eq!(file.forms.len(), 1, "{:#?}", file.forms.iter().map(|f| f.table).collect::<Vec<_>>());
    assert_eq!(flagged(&file), ["score-total"]);
    assert!(passed(&file).contains(&"weights-total"), "{:?}", passed(&file));
}

#[test]
fn a_reason_is_not_taken_for_the_next_row() {
    // With 指标性质 and 度量单位 columns, the row after a filled 偏差原因
    // has as many cells as the columns; read as written, its name would
    // stand under 指标性质.
    let file = lint(
        "\
| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 分值 | 得分 | 未完成原因分析 |
| 产出指标 | 数量指标 | 开展培训 | ≥ | 6 | 次 | 5 | 45 | 40 | 场地紧张，少办一次 |
| 举办讲座 | ≥ | 4 | 场 | 4 | 45 | 45 |
| 总分 | 100 | 85 | 良 |
",
    );
    assert_eq!(flagged(&file), Vec::<&str>::new(), "{:#?}", file.findings);
    let indicators = &file.forms[0].facts.collections["indicators"];
    assert_eq!(indicators.len(), 2);
    assert!(file.notes.is_empty(), "{:?}", file.notes);
}

#[test]
fn stray_cells_do_not_make_up_for_a_dropped_one() {
    // 上年结转资金 lost its empty 年初预算数 and gained `||`: which amount is
    // which cannot be told, so the row is not read and nothing is flagged.
    let file = lint(
        "\
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 100.00 | 124.00 | 120.00 | 10 | 96.77% | 9.68 |
| 其中：当年财政拨款 | 100.00 | 100.00 | 97.00 | — | | — |
| 上年结转资金 | 24.00 | 23.00 | — | — | ||
| 年度总体目标 | 预期目标 | 实际完成情况 |
",
    );
    assert_eq!(flagged(&file), Vec::<&str>::new(), "{:#?}", file.findings);
}

#[test]
fn numbered_rows_are_told_apart_by_their_numbers() {
    // A scoring framework whose cells ran into ragged pipe rows: the 序号
    // starts each row, a weight may equal the number due, and a `(2分)`
    // in the 评分标准 is a note, not a group.
    let file = lint(
        "\
| 序号 | 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 | 得分 |
| 1 | 决策 (10分) |
| 目标设定 (6分) | 目标完整性 | 2 | 目标齐全得满分(2分) | 2 |
| 2 | 目标明确性 | 3 | 目标量化得满分(3分) | 3 | |
| 3 | 目标合理性 | 1 | 符合实际(1分) | 1 | ||
| 4 | 决策程序 (4分) | 程序规范性 | 4 | 按程序决策(4分) | 4 | |
| 合计 | 10 | 10 |
",
    );
    assert_eq!(flagged(&file), Vec::<&str>::new(), "{:#?}", file.findings);
    let shares: Vec<&str> = file.passed.iter().map(|passed| passed.detail.as_str()).collect();
    for group in ["“决策”：分值 10分 = 10分（6 + 4）", "“目标设定”：分值 6分 = 6分（2 + 3 + 1）"]
    {
        assert!(shares.contains(&group), "{group} not among {shares:#?}");
    }
}

#[test]
fn a_group_label_given_to_two_rows_is_read_whole() {
    // A text-only layout gave the pieces of 服务对象满意度指标, wrapped
    // beside two rows, to one row each. Joined they are a known 二级指标
    // and 服务对象 alone is none: one label over both rows. 数量指标 above
    // 质量指标 are two labels, each a label of its own.
    let file = lint(
        "\
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
产出指标（80分）\t数量指标\t巡查河道\t≥30公里\t32公里\t40\t40\t
\t质量指标\t巡查记录完整率\t100%\t100%\t40\t40\t
满意度指标（20分）\t服务对象\t沿河群众满意度\t≥90%\t94%\t10\t10\t
\t满意度指标\t镇村干部满意度\t≥90%\t96%\t10\t10\t
总分\t\t\t\t\t100\t100\t优
",
    );
    let level2: Vec<String> = file.forms[0].facts.collections["indicators"]
        .iter()
        .map(|item| match &item.fields["level2"].value {
            reportlint::extract::Value::Text(text) => text.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(level2, ["数量指标", "质量指标", "服务对象满意度指标", "服务对象满意度指标"]);
}

#[test]
fn the_sentences_of_a_grid_cell_are_read_as_prose() {
    // The 实际完成情况 of a grid form is a cell, not a line of its own: its
    // 全年完成支出 is read all the same and checked against the 其中 rows.
    let form = |stated: &str| {
        format!(
            "\
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 说明 |
|---|---|---|---|---|---|---|---|
| 年度资金总额 | 30.00 | 32.00 | 31.20 | 10 | 97.50% | 9.75 | |
| 其中：当年财政拨款 | 30.00 | 32.00 | 31.20 | — | | — | |
| 年度总体目标 | 预期目标 | 完成 8 座便民桥维修 | | 实际完成情况 | 全年完成支出 {stated} 万元，维修便民桥 8 座，通行条件改善。 | | |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标（90分） | 数量指标 | 维修便民桥 | ≥8座 | 8座 | 90 | 90 | |
| 总分 | | | | | 100 | 99.75 | 优 |
"
        )
    };
    let agreeing = lint(&form("31.20"));
    assert!(passed(&agreeing).contains(&"stated-spending"), "{:#?}", agreeing.passed);
    let disagreeing = lint(&form("28.60"));
    let hints: Vec<&str> = disagreeing
        .findings
        .iter()
        .filter(|finding| finding.severity == Severity::Info)
        .map(|finding| finding.rule.as_str())
        .collect();
    assert!(hints.contains(&"stated-spending"), "{:#?}", disagreeing.findings);
    assert_eq!(flagged(&disagreeing), Vec::<&str>::new(), "a hint, not an alarm");
}
