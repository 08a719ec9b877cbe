//! form: the national 项目支出绩效自评表 (财预〔2020〕10号), drawn consistent,
//! laid out as a grid and written in one of the flattenings reportlint reads.
//!
//! Input: a random stream, the report's year and names. Output: a [`Form`]:
//! a budget block (年度资金总额 and its 其中 rows, some left empty), 8–14
//! indicators under 产出/效益/满意度 with shares in their labels, and the 总分
//! row, such that, by reportlint's rules (a figure with d decimals stands for
//! ±½·10⁻ᵈ, counts and scores are exact):
//! - each money column of 年度资金总额 is the sum of its 其中 rows (empty = 0);
//! - every written 执行率 is the rounded 执行数 ÷ 全年预算数;
//! - 得分 = round(min(分值 × 执行数 ÷ 全年预算数, 分值), 2);
//! - 分值 10 + the category shares = 10 + Σ indicator 分值 = 100, and each
//!   category's indicators add up to its share;
//! - no indicator scores above its 分值; one that misses its target by its own
//!   ≥/≤/= loses points, and every indicator that loses points says why;
//! - 总分 = 执行率得分 + Σ 得分, and the grade is its 90/80/60 band.
//!
//! Pipeline: [`budget`] and [`indicators`] draw the figures, [`style`] the
//! wording of the copy, [`inject`] (with `inject_indicators`) breaks chosen
//! relations, [`layout`] makes the grid, [`render`] writes it onto a page.

mod budget;
mod indicators;
pub mod inject;
mod inject_indicators;
mod layout;
pub mod measure;
mod render;
mod style;
mod vocabulary;

#[cfg(test)]
mod audit;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::figures::grade;
use crate::page::Page;
use crate::random::Random;

pub use measure::{Figure, Measure, Relation};
pub use render::Rendering;
pub use style::Style;

/// A 项目支出绩效自评表, in hundredths of 万元, basis points and hundredths of
/// a point (see `amount`).
#[derive(Debug, Clone)]
pub struct Form {
    pub year: i64,
    /// 项目名称, 主管部门, 实施单位.
    pub project: String,
    pub department: String,
    pub implementer: String,
    pub style: Style,
    pub budget: Budget,
    pub categories: Vec<Category>,
    pub indicators: Vec<Indicator>,
    /// The 总分 row: 分值 (100), 得分 and the grade.
    pub full_marks: i64,
    pub total: i64,
    pub grade: &'static str,
}

/// The budget block: the 年度资金总额 row and the rows under it.
#[derive(Debug, Clone)]
pub struct Budget {
    pub initial: i64,
    pub adjusted: i64,
    pub spent: i64,
    /// Whole points (10).
    pub weight: i64,
    pub rate: i64,
    pub score: i64,
    pub sources: Vec<Source>,
}

/// A 其中 row; `None` is a cell not filled in.
#[derive(Debug, Clone)]
pub struct Source {
    pub label: &'static str,
    pub initial: Option<i64>,
    pub adjusted: Option<i64>,
    pub spent: Option<i64>,
    pub rate: Option<i64>,
}

/// A 一级指标 and the share its label states (`产出指标（50分）`).
#[derive(Debug, Clone)]
pub struct Category {
    pub name: &'static str,
    pub share: i64,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    /// Index into [`Form::categories`].
    pub category: usize,
    /// The 二级指标.
    pub group: &'static str,
    pub name: &'static str,
    pub measure: Measure,
    pub relation: Relation,
    pub target: Figure,
    pub actual: Figure,
    /// Whole points.
    pub weight: i64,
    /// Hundredths of a point.
    pub score: i64,
    /// 偏差原因分析及改进措施; `None` is an empty cell.
    pub reason: Option<String>,
}

/// A cell an injected error's finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormPlace {
    /// A cell of the 年度资金总额 row.
    Budget(Column),
    /// The 执行率 of a 其中 row.
    SourceRate(usize),
    /// The 一级指标 label of a category (`产出指标（45分）`).
    Category(usize),
    /// An indicator's 实际完成值 and 得分.
    Actual(usize),
    Score(usize),
    /// The 总分 row's 得分 and grade.
    Total,
    Grade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Initial,
    Adjusted,
    Spent,
    Weight,
    Rate,
    Score,
}

/// Where the form stands in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    /// After the report's last section, under `附件：项目支出绩效自评表`.
    Appendix,
    /// The form is the report, with a short narrative after it.
    Alone,
}

/// A form as one report carries it.
#[derive(Debug, Clone)]
pub struct Attached {
    pub form: Form,
    pub rendering: Rendering,
    pub placement: Placement,
    /// The stream of the rendering's own choices (stray cells, wrapped
    /// rows), so that every composition of the report writes it alike.
    pub seed: u64,
}

/// A consistent form for `project` of `year`, worded for `rendering`.
pub fn draw(random: &mut Random, year: i64, project: &str, unit: &str, rendering: Rendering) -> Form {
    let style = Style::draw(random, rendering);
    let budget = budget::draw(random, &style);
    let shares = random.pick(vocabulary::SHARES);
    let (categories, indicators) = indicators::draw(random, &budget, shares);
    let mut form = Form {
        year,
        project: format!("{project}项目"),
        department: unit.to_string(),
        implementer: unit.to_string(),
        style,
        budget,
        categories,
        indicators,
        full_marks: 100,
        total: 0,
        grade: "",
    };
    form.settle();
    form
}

impl Form {
    /// Recomputes what the author derives from the written scores: the
    /// total and its grade.
    pub fn settle(&mut self) {
        self.total = self.budget.score + self.indicators.iter().map(|indicator| indicator.score).sum::<i64>();
        self.grade = grade(self.total);
    }

    /// Whether the indicator meets its target as reportlint judges it.
    pub fn meets(&self, index: usize) -> Option<bool> {
        let indicator = self.indicators.get(index)?;
        self.would_meet(indicator, indicator.actual)
    }

    /// Whether `actual` would meet the indicator's target in this copy.
    pub fn would_meet(&self, indicator: &Indicator, actual: Figure) -> Option<bool> {
        measure::meets(indicator.measure, indicator.relation, indicator.target, actual)
    }
}

/// Writes the form onto `page`: `title` lines, then the table.
pub fn write(page: &mut Page, attached: &Attached, title: &[String]) {
    let rows = layout::rows(&attached.form);
    let mut random = Random::new(attached.seed);
    render::render(page, &mut random, attached.rendering, title, &rows);
}
