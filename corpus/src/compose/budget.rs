//! compose::budget: section 二, the budget figures.
//!
//! Input: the writer's figures and layout. Output: the headings （一）…（八）
//! (one numbered too high from the injected gap on, if any) and one sentence
//! per relation, in the phrasing of the national pack's fact patterns, each
//! marked with the [`Place`] of the facts it states first.

use super::{MANAGEMENT, Writer, money_plain};
use crate::amount::percent;
use crate::figures::Sources;
use crate::page::{Page, Place};
use crate::prose;
use crate::vocabulary::chinese_numeral;

impl Writer<'_> {
    pub(super) fn sources(&self, sources: &Sources) -> String {
        let typeset = self.layout.typeset;
        format!(
            "上级安排{}，本级安排{}，其他资金{}",
            typeset.money(sources.superior),
            typeset.money(sources.local),
            typeset.money(sources.other)
        )
    }

    pub(super) fn budget(&mut self) {
        let (figures, layout, own, typeset) = (self.figures, self.layout, self.layout.own, self.layout.typeset);
        self.page.paragraph("二、部门整体预算安排与执行情况");
        let headings = ["预算安排情况", "预算调整情况", "预算执行情况", "基本支出情况", "项目支出情况"];
        let later = ["政府采购和资产管理情况", "“三公”经费控制情况", "预算管理情况"];
        let mut number = 0;
        let mut heading = |page: &mut Page, title: &str| {
            number += 1;
            let shown = number + usize::from(layout.heading_gap.is_some_and(|gap| number > gap));
            if layout.heading_gap == Some(number - 1) {
                page.mark(Place::HeadingGap);
            }
            page.paragraph(&format!("（{}）{title}", chinese_numeral(shown)));
        };

        heading(&mut self.page, headings[0]);
        self.page.mark(Place::Fact("budget.initial"));
        let initial = format!(
            "{}年{own}年初安排预算数{}，其中：{}。",
            figures.year,
            typeset.money(figures.initial),
            self.sources(&figures.initial_sources)
        );
        self.page.paragraph(&initial);

        heading(&mut self.page, headings[1]);
        let verb = if figures.adjustment < 0 { "调减" } else { self.random.pick(&["调整", "追加"]) };
        self.page.mark(Place::Fact("budget.adjusted"));
        self.page.mark(Place::Fact("budget.adjustment_rate"));
        self.page.paragraph(&format!(
            "{own}年初批复预算数{}，年中{verb}数{}，调整后全年预算数{}，预算调整率{}。调整的主要原因是年度工作任务有所变化，相关经费据实调整。",
            typeset.money(figures.initial),
            typeset.money(figures.adjustment.abs()),
            typeset.money(figures.adjusted),
            typeset.percent(figures.adjustment_rate),
        ));
        self.page.paragraph(&format!(
            "调整后{own}全年预算数{}，其中：{}。",
            typeset.money(figures.adjusted),
            self.sources(&figures.adjusted_sources)
        ));

        heading(&mut self.page, headings[2]);
        self.page.mark(Place::Fact("budget.spent"));
        self.page.mark(Place::Fact("budget.execution_rate"));
        self.page.paragraph(&format!(
            "{}年{own}全年实际支出资金{}，预算执行率{}。其中：{}。资金主要用于保障人员工资、日常运转和重点项目实施。",
            figures.year,
            typeset.money(figures.spent),
            typeset.percent(figures.execution_rate),
            self.sources(&figures.spent_sources)
        ));

        heading(&mut self.page, headings[3]);
        let (basic, categories) = (figures.basic, figures.categories);
        self.page.mark(Place::Fact("basic.share"));
        self.page.mark(Place::Fact("basic.execution_rate"));
        self.page.paragraph(&format!(
            "基本支出年初预算数{}，基本支出全年预算数{}，基本支出全年实际支出{}，占总支出的{}，基本支出执行率{}。按经济分类，工资福利支出{}、商品和服务支出{}、对个人和家庭的补助{}、资本性支出{}。",
            money_plain(basic.initial),
            money_plain(basic.adjusted),
            money_plain(basic.spent),
            percent(basic.share),
            percent(basic.execution_rate),
            money_plain(categories[0]),
            money_plain(categories[1]),
            money_plain(categories[2]),
            money_plain(categories[3]),
        ));

        heading(&mut self.page, headings[4]);
        let project = figures.project;
        self.page.mark(Place::Fact("project.share"));
        self.page.mark(Place::Fact("project.execution_rate"));
        self.page.paragraph(&format!(
            "项目支出年初预算数{}，项目支出全年预算数{}，项目支出全年实际支出{}，占总支出的{}，项目支出执行率{}。{own}全年实施项目{}个，具体如下：",
            money_plain(project.initial),
            money_plain(project.adjusted),
            money_plain(project.spent),
            percent(project.share),
            percent(project.execution_rate),
            figures.projects.len(),
        ));
        for (index, item) in figures.projects.iter().enumerate() {
            let remark = prose::sentence(&mut self.random, own);
            self.page.paragraph(&format!(
                "{}. {}项目：安排资金{}，已支付{}。{remark}",
                index + 1,
                item.name,
                money_plain(item.budget),
                money_plain(item.spent)
            ));
        }

        heading(&mut self.page, later[0]);
        let (procurement, assets) = (figures.procurement, figures.assets);
        self.page.mark(Place::Fact("procurement.rate"));
        self.page.paragraph(&format!(
            "{own}严格执行政府采购程序。全年政府采购预算数{}，实际政府采购数{}，政府采购执行率{}。",
            money_plain(procurement.budget),
            money_plain(procurement.actual),
            percent(procurement.rate)
        ));
        self.page.mark(Place::Fact("assets.net"));
        self.page.paragraph(&format!(
            "截至年末，{own}固定资产原值{}，累计折旧{}，固定资产净值{}，资产账实相符。",
            money_plain(assets.original),
            money_plain(assets.depreciation),
            money_plain(assets.net)
        ));

        heading(&mut self.page, later[1]);
        let three = figures.three_public;
        self.page.mark(Place::Fact("three_public.control_rate"));
        self.page.paragraph(&format!(
            "{own}从严控制一般性支出。“三公”经费预算数{}，实际支出{}，“三公”经费控制率{}。",
            money_plain(three.budget),
            money_plain(three.actual),
            percent(three.rate)
        ));

        heading(&mut self.page, later[2]);
        self.paragraphs(MANAGEMENT);
        self.page.blank();
    }
}
