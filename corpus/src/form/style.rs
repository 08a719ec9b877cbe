//! form::style: how one copy of the form is worded, chosen once per form.
//!
//! The national header (年初预算数 全年预算数 全年执行数 分值 执行率 得分) or
//! the Sichuan one (年初预算 调整后预算数 预算执行数 预算执行率 权重 得分 原因,
//! a 总额 row and a rate on every 其中 row); the synonyms of the indicator
//! header; a 指标性质 and a 度量单位 column or the comparison and unit written
//! with the figures; shares in the 一级指标 labels or not. Every choice is
//! one reportlint's national form declares.
//!
//! Two choices depend on the rendering, because reportlint misreads them
//! today in flattenings (the fields say how): the 指标性质 and 度量单位
//! columns only in the renderings that keep the grid, and, where empty cells
//! are dropped, 其中 rows filled in every money column or in none. When the
//! engine reads those, drop the conditions and the corpus covers them.

use crate::random::Random;

use super::render::Rendering;

use super::vocabulary::FISCAL_LABELS;

#[derive(Debug, Clone)]
pub struct Style {
    /// The Sichuan budget block (`年度预算数（万元）`, 总额, rates on 其中 rows).
    pub sichuan: bool,
    /// A national block that fills the 执行率 of its 其中 rows too.
    pub source_rates: bool,
    /// 全年预算数 or 调整后预算数 (national header).
    pub adjusted: &'static str,
    /// 分值 or 权重, in both blocks.
    pub weight: &'static str,
    /// 实际完成值 or 完成值.
    pub actual: &'static str,
    /// `指标性质 | 指标值 | 度量单位` columns rather than `≥1200件` in one cell.
    pub nature: bool,
    /// Whether a 其中 row may leave a money cell empty (上年结转资金 with no
    /// 年初预算数).
    pub partial_rows: bool,
    /// `≧ ≦ ═` in the 指标性质 column, as the Yunnan copies write them.
    pub wide_relations: bool,
    /// `产出指标（50分）` rather than `产出指标`.
    pub shares: bool,
    /// The first 其中 row: 当年财政拨款, 本年财政拨款 or 财政资金.
    pub fiscal: &'static str,
    /// `（50分）` or `(50分)`.
    pub ascii_brackets: bool,
}

impl Style {
    pub fn draw(random: &mut Random, rendering: Rendering) -> Style {
        let sichuan = random.chance(300);
        Style {
            sichuan,
            source_rates: !sichuan && random.chance(250),
            adjusted: random.pick(&["全年预算数", "调整后预算数"]),
            weight: random.pick(&["分值", "权重"]),
            actual: random.pick(&["实际完成值", "完成值"]),
            // A 偏差原因 before a row of small bare figures reads as the start
            // of a row once rows are not lines; a line with `≥ 6 次` as prose.
            nature: rendering.keeps_grid() && random.chance(350),
            // `上年结转资金 | 24.21 | 23.36` without its empty 年初预算数 cell is
            // read as 年初预算数 and 全年预算数.
            partial_rows: !rendering.drops_empty_cells(),
            wide_relations: random.chance(300),
            shares: random.chance(800),
            fiscal: if sichuan { "其中：财政资金" } else { random.pick(FISCAL_LABELS) },
            ascii_brackets: random.chance(400),
        }
    }

    /// `（50分）` in the copy's brackets.
    pub fn bracketed(&self, text: &str) -> String {
        if self.ascii_brackets { format!("({text})") } else { format!("（{text}）") }
    }
}
