//! compose: figures and a layout → the text of one report.
//!
//! Input: [`Figures`] (possibly with injected errors) and a [`Layout`].
//! Output: the report text in the shape of a 部门整体支出绩效自评报告
//! (一 基本情况 … 六 改进措施), every figure in a sentence the national rule
//! pack's patterns read, and the line of every [`Place`]. Narrative prose
//! comes from separate random streams per region, so the core of a report
//! is the same text whatever amount of narrative is asked for; only the
//! narrative grows to reach the requested size. A 项目支出绩效自评表 goes
//! after the last section, or is a report of its own ([`form_report`]).

use std::collections::BTreeMap;

use crate::amount::{money, percent, trimmed};
use crate::figures::Figures;
use crate::form::Attached;
use crate::indicators::{Bound, Indicator, Measure};
use crate::page::{Page, Place, Typeset};

mod budget;
mod form;
mod narrative;
use crate::prose;
use crate::random::Random;
use crate::vocabulary::{chinese_numeral, circled};

pub use form::form_report;

/// Choices about the text that are not figures.
#[derive(Debug, Clone)]
pub struct Layout {
    /// `东湖区文化旅游服务中心`.
    pub unit: String,
    /// How the unit names itself in running text (`本单位`).
    pub own: &'static str,
    pub typeset: Typeset,
    /// Month and day of 填报时间.
    pub filled: (i64, i64),
    pub prose_seed: u64,
    /// Where the `%万元` slip is written, if anywhere.
    pub unit_clash: Option<ClashSpot>,
    /// Index of the first heading of section 二 numbered one too high.
    pub heading_gap: Option<usize>,
    /// Bytes of narrative to add beyond the core of the report.
    pub narrative: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClashSpot {
    Duties,
    Problems,
}

/// The narrative regions and their share of [`Layout::narrative`], in ‰.
const WORK: (u64, i64) = (1, 450);
const MANAGEMENT: (u64, i64) = (2, 250);
const PROBLEMS: (u64, i64) = (3, 150);
const MEASURES: (u64, i64) = (4, 150);

/// The department report, with `appendix` after its last section if given.
pub fn compose(figures: &Figures, layout: &Layout, appendix: Option<&Attached>) -> (String, BTreeMap<Place, usize>) {
    let mut writer = Writer { page: Page::new(), figures, layout, random: Random::fork(layout.prose_seed, 0) };
    writer.header();
    writer.basics();
    writer.budget();
    writer.indicators();
    writer.closing();
    if let Some(attached) = appendix {
        writer.appendix(attached);
    }
    writer.page.finish()
}

struct Writer<'a> {
    page: Page,
    figures: &'a Figures,
    layout: &'a Layout,
    /// The stream for prose inside the core of the report.
    random: Random,
}

impl Writer<'_> {
    fn header(&mut self) {
        let (figures, layout) = (self.figures, self.layout);
        self.page.paragraph(&format!("{}部门整体支出绩效自评报告", layout.unit));
        self.page.paragraph(&format!("（{}年度）", figures.year));
        self.page.paragraph(&format!("单位名称（公章）：{}", layout.unit));
        self.page.mark(Place::Fact("fill.year"));
        self.page.paragraph(&format!("填报时间：{}年{}月{}日", figures.fill_year, layout.filled.0, layout.filled.1));
        self.page.blank();
    }

    fn basics(&mut self) {
        let own = self.layout.own;
        self.page.paragraph("一、部门基本情况");
        self.page.paragraph("（一）部门职能及机构设置");
        let mut duties = format!(
            "{}主要承担本级{}、{}等方面的管理与服务职能，内设科室{}个，核定编制{}名，年末实有在职人员{}名。",
            self.layout.unit,
            self.random.pick(crate::vocabulary::TOPICS),
            self.random.pick(crate::vocabulary::TOPICS),
            self.random.between(3, 12),
            self.random.between(12, 90),
            self.random.between(10, 85),
        );
        if self.layout.unit_clash == Some(ClashSpot::Duties) {
            duties.push_str(&prose::unit_clash(&mut self.random, own));
            self.page.mark(Place::UnitClash);
        }
        self.page.paragraph(&duties);
        self.page.paragraph("（二）年度重点工作");
        self.page.paragraph(&format!("{}年，{own}紧扣年度工作要点，重点做好以下工作：", self.figures.year));
        self.items(WORK, 2, |random| format!("{}。", prose::work_title(random)));
        self.page.blank();
    }

    fn indicators(&mut self) {
        let (figures, own) = (self.figures, self.layout.own);
        let table = &figures.table;
        let mut level1: Vec<&str> = table.groups.iter().map(|group| group.level1).collect();
        level1.dedup();
        self.page.paragraph("三、部门整体支出绩效分析");
        self.page.mark(Place::Fact("level3_indicators"));
        self.page.paragraph(&format!(
            "{own}整体绩效目标共设一级指标{}个，二级指标{}个，三级指标{}个，逐项说明如下：",
            level1.len(),
            table.groups.len(),
            figures.level3_count
        ));
        self.page.mark(Place::Fact("score.execution"));
        self.page.paragraph(&format!(
            "预算执行率指标分值权重10分，全年预算执行率为{}，得{}分。",
            percent(figures.execution_rate),
            trimmed(figures.execution_score)
        ));
        let mut index = 0;
        for (first_number, first) in level1.iter().enumerate() {
            self.page.paragraph(&format!("（{}）{first}", chinese_numeral(first_number + 1)));
            let groups = table.groups.iter().enumerate().filter(|(_, group)| group.level1 == *first);
            for (second_number, (group_index, group)) in groups.enumerate() {
                self.page.paragraph(&format!("{}. {}：", second_number + 1, group.level2));
                let members = table.indicators.iter().filter(|indicator| indicator.group == group_index);
                for (position, indicator) in members.enumerate() {
                    self.page.mark(Place::Indicator(index));
                    let line = indicator_line(position + 1, indicator, &mut self.random);
                    self.page.paragraph(&line);
                    index += 1;
                }
            }
        }
        self.page.blank();
    }

    fn closing(&mut self) {
        let (figures, own) = (self.figures, self.layout.own);
        self.page.paragraph("四、评价结论");
        self.page.mark(Place::Fact("score.total"));
        self.page.mark(Place::Fact("score.grade"));
        self.page.paragraph(&format!(
            "经对照指标逐项自评，{own}{}年度部门整体支出绩效自评综合得分{}分，评价结果为“{}”。",
            figures.year,
            trimmed(figures.total),
            figures.grade
        ));
        if let Some(restated) = figures.restated_spent {
            self.page.mark(Place::Restatement);
            self.page.paragraph(&format!(
                "本年度全年实际支出资金{}，资金主要用于保障机构正常运转和重点工作开展。",
                money_plain(restated)
            ));
        }
        self.page.blank();
        self.page.paragraph("五、存在的主要问题");
        if self.layout.unit_clash == Some(ClashSpot::Problems) {
            self.page.mark(Place::UnitClash);
            let clash = prose::unit_clash(&mut self.random, own);
            self.page.paragraph(&format!("{own}在推进线上服务时发现，{clash}但线下渠道仍承担了较多业务量。"));
        }
        self.items(PROBLEMS, 1, prose::problem);
        self.page.blank();
        self.page.paragraph("六、改进措施和建议");
        self.items(MEASURES, 1, prose::measure);
    }
}

fn money_plain(cents: i64) -> String {
    format!("{}万元", money(cents))
}

fn indicator_line(position: usize, indicator: &Indicator, random: &mut Random) -> String {
    let target = match (&indicator.measure, indicator.bound) {
        (Measure::Percent, _) => format!("≥{}%", trimmed(indicator.target)),
        (Measure::Count(word), Bound::AtLeast) => format!("≥{}{word}", indicator.target),
        (Measure::Count(word), Bound::Exactly) => format!("{}{word}", indicator.target),
        (Measure::Count(word), Bound::AtMost) => format!("≤{}{word}", indicator.target),
    };
    let actual = match &indicator.measure {
        Measure::Percent => percent(indicator.actual),
        Measure::Count(word) => format!("{}{word}", indicator.actual),
    };
    let weight_label = if random.chance(500) { "分值权重" } else { "权重分值" };
    let remark = if indicator.score < indicator.weight * 100 {
        format!("未完全达标的原因是{}", prose::problem(random))
    } else {
        "已达到年初设定的目标。".to_string()
    };
    format!(
        "指标{}：{}，指标值：{target}，自评完成值：{actual}，指标完成率{}，{weight_label}{}分，自评得分{}分。{remark}",
        circled(position),
        indicator.name,
        percent(indicator.completion),
        indicator.weight,
        trimmed(indicator.score)
    )
}
