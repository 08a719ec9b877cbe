//! form::layout: a form → the grid of the printed table.
//!
//! Input: a [`Form`]. Output: its rows, every row as wide as the grid (9
//! columns, 11 with 指标性质 and 度量单位), in the layout of the 财预〔2020〕10号
//! appendix: 项目名称 / 主管部门 rows, the budget block under a section cell
//! (`项目资金（万元）`) merged down its rows, 年度总体目标, the indicator block
//! under `绩效指标`, the 总分 row. A merged cell is written once, at its top
//! left; the positions it covers are [`Slot::Across`] or [`Slot::Below`], so
//! each rendering can flatten merges as its converter does. Cells an
//! injected error may point at carry their [`FormPlace`].

use crate::amount::{percent, trimmed};

use super::measure::Measure;
use super::{Column, Form, FormPlace, Indicator, Source};

#[derive(Clone)]
pub enum Slot {
    Cell(Cell),
    /// Covered by a cell merged from the left.
    Across,
    /// Covered by a cell merged from above.
    Below,
}

#[derive(Clone)]
pub struct Cell {
    pub text: String,
    pub place: Option<FormPlace>,
}

pub type Row = Vec<Slot>;

pub fn rows(form: &Form) -> Vec<Row> {
    let style = &form.style;
    let width = if style.nature { 11 } else { 9 };
    let mut rows = vec![
        [vec![cell("项目名称")], merged(&form.project, width - 1)].concat(),
        [
            vec![cell("主管部门")],
            merged(&form.department, 3),
            vec![cell("实施单位")],
            merged(&form.implementer, width - 5),
        ]
        .concat(),
    ];
    budget_rows(form, width, &mut rows);
    let half = (width - 1) / 2;
    rows.push(
        [vec![cell("年度总体目标")], merged("预期目标", half), merged("实际完成情况", width - 1 - half)].concat(),
    );
    let (planned, achieved) = goals(form);
    rows.push([vec![Slot::Below], merged(&planned, half), merged(&achieved, width - 1 - half)].concat());
    indicator_rows(form, &mut rows);
    let total = vec![
        placed(trimmed(form.full_marks * 100), None),
        placed(trimmed(form.total), Some(FormPlace::Total)),
        placed(form.grade.to_string(), Some(FormPlace::Grade)),
    ];
    rows.push([merged("总分", width - total.len()), total].concat());
    rows
}

fn cell(text: &str) -> Slot {
    placed(text.to_string(), None)
}

fn placed(text: String, place: Option<FormPlace>) -> Slot {
    Slot::Cell(Cell { text, place })
}

/// A cell merged across `span` columns.
fn merged(text: &str, span: usize) -> Vec<Slot> {
    let mut slots = vec![cell(text)];
    slots.extend((1..span).map(|_| Slot::Across));
    slots
}

fn money(cents: Option<i64>) -> String {
    cents.map_or_else(String::new, |cents| format!("{}.{:02}", cents / 100, cents % 100))
}

fn budget_rows(form: &Form, width: usize, rows: &mut Vec<Row>) {
    let (style, budget) = (&form.style, &form.budget);
    let at = |column| Some(FormPlace::Budget(column));
    let (section, header, total_label): (&str, Vec<&str>, &str) = if style.sichuan {
        (
            "年度预算数",
            vec!["年初预算", "调整后预算数", "预算执行数", "预算执行率", style.weight, "得分", "原因"],
            "总额",
        )
    } else {
        ("项目资金", vec!["年初预算数", style.adjusted, "全年执行数", style.weight, "执行率", "得分"], "年度资金总额")
    };
    let label_span = width - 1 - header.len();
    let section = format!("{section}{}", style.bracketed("万元"));
    rows.push(
        [vec![cell(&section)], merged("", label_span), header.iter().map(|label| cell(label)).collect()].concat(),
    );
    let amounts = [
        placed(money(Some(budget.initial)), at(Column::Initial)),
        placed(money(Some(budget.adjusted)), at(Column::Adjusted)),
        placed(money(Some(budget.spent)), at(Column::Spent)),
    ];
    let (weight, rate, score) = (
        placed(budget.weight.to_string(), at(Column::Weight)),
        placed(percent(budget.rate), at(Column::Rate)),
        placed(trimmed(budget.score), at(Column::Score)),
    );
    let values: Vec<Slot> = if style.sichuan {
        [amounts.into(), vec![rate, weight, score, cell("")]].concat()
    } else {
        [amounts.into(), vec![weight, rate, score]].concat()
    };
    rows.push([vec![Slot::Below], merged(total_label, label_span), values].concat());
    for (index, source) in form.budget.sources.iter().enumerate() {
        rows.push([vec![Slot::Below], merged(source.label, label_span), source_values(form, index, source)].concat());
    }
}

fn source_values(form: &Form, index: usize, source: &Source) -> Vec<Slot> {
    let amounts = [source.initial, source.adjusted, source.spent].map(|cents| placed(money(cents), None));
    let rate = placed(source.rate.map(percent).unwrap_or_default(), Some(FormPlace::SourceRate(index)));
    if form.style.sichuan {
        [amounts.into(), vec![rate, cell("/"), cell("/"), cell("")]].concat()
    } else {
        [amounts.into(), vec![cell("—"), rate, cell("—")]].concat()
    }
}

fn indicator_rows(form: &Form, rows: &mut Vec<Row>) {
    let style = &form.style;
    let mut header = vec!["绩效指标", "一级指标", "二级指标", "三级指标"];
    if style.nature {
        header.extend(["指标性质", "指标值", "度量单位"]);
    } else {
        header.push("年度指标值");
    }
    let reason = if style.nature { "未完成原因分析" } else { "偏差原因分析及改进措施" };
    header.extend([style.actual, style.weight, "得分", reason]);
    rows.push(header.iter().map(|label| cell(label)).collect());
    for (index, indicator) in form.indicators.iter().enumerate() {
        let previous = index.checked_sub(1).and_then(|before| form.indicators.get(before));
        let first_of_category = previous.is_none_or(|before| before.category != indicator.category);
        let first_of_group = first_of_category || previous.is_some_and(|before| before.group != indicator.group);
        let level1 = if first_of_category {
            let category = form.categories.get(indicator.category);
            let name = category.map(|category| category.name).unwrap_or_default();
            let text = match category {
                Some(category) if style.shares => {
                    format!("{name}{}", style.bracketed(&format!("{}分", category.share)))
                }
                _ => name.to_string(),
            };
            placed(text, Some(FormPlace::Category(indicator.category)))
        } else {
            Slot::Below
        };
        let level2 = if first_of_group { cell(indicator.group) } else { Slot::Below };
        let mut row = vec![Slot::Below, level1, level2, cell(indicator.name)];
        row.extend(figures(form, index, indicator));
        row.push(placed(indicator.weight.to_string(), None));
        row.push(placed(trimmed(indicator.score), Some(FormPlace::Score(index))));
        row.push(placed(indicator.reason.clone().unwrap_or_default(), None));
        rows.push(row);
    }
}

/// The target and actual cells: `≥1200件 | 1350件`, or with the comparison
/// and unit in columns of their own, `≥ | 1200 | 件 | 1350`.
fn figures(form: &Form, index: usize, indicator: &Indicator) -> Vec<Slot> {
    let actual_at = Some(FormPlace::Actual(index));
    if let Measure::Worded(target, actual) = indicator.measure {
        let actual = placed(actual.to_string(), actual_at);
        return if form.style.nature {
            vec![cell(""), cell(target), cell(""), actual]
        } else {
            vec![cell(target), actual]
        };
    }
    let unit = indicator.measure.unit();
    let (target, actual) = (indicator.target.digits(), indicator.actual.digits());
    if form.style.nature {
        let relation =
            if form.style.wide_relations { indicator.relation.wide_symbol() } else { indicator.relation.symbol() };
        vec![cell(relation), cell(&target), cell(unit), placed(actual, actual_at)]
    } else {
        vec![
            cell(&format!("{}{target}{unit}", indicator.relation.symbol())),
            placed(format!("{actual}{unit}"), actual_at),
        ]
    }
}

/// The 年度总体目标 cells: what was planned and what was done, in words
/// built from the first two quantified indicators.
fn goals(form: &Form) -> (String, String) {
    let quantified: Vec<&Indicator> =
        form.indicators.iter().filter(|indicator| !matches!(indicator.measure, Measure::Worded(..))).take(2).collect();
    let mut planned = format!("按计划实施{}", form.project);
    let mut achieved = format!("{}已按计划实施", form.project);
    for indicator in quantified {
        let unit = indicator.measure.unit();
        let target = format!("{}{}{unit}", indicator.relation.symbol(), indicator.target.digits());
        planned.push_str(&format!("，{}{target}", indicator.name));
        achieved.push_str(&format!("，{}{}{unit}", indicator.name, indicator.actual.digits()));
    }
    planned.push('。');
    achieved.push_str("，总体达到预期目标。");
    (planned, achieved)
}
