//! inject: the known errors a generated report may carry.
//!
//! Input: consistent [`Figures`] and [`Layout`], the kinds to inject.
//! (The 项目支出绩效自评表's own errors are in `form::inject`.)
//! Output: the same report with each kind breaking exactly one relation,
//! and for each a [`Planted`] record: the check of the national pack that
//! must fire, the [`Place`] it points at, and a description.
//!
//! Each kind changes one written figure, and whatever the author would
//! have derived from it is derived again from the wrong figure (a wrong
//! execution rate gives its own execution score and total), so that one
//! error gives one finding, as a real slip does. Kinds are applied in the
//! order of [`Kind`], causes before the scores that follow from them.

use crate::amount::{money, percent, ratio, trimmed};
use crate::compose::{ClashSpot, Layout};
use crate::figures::{Figures, grade};
use crate::indicators::Bound;
use crate::page::Place;
use crate::random::Random;
use crate::vocabulary::GRADE_LABELS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    AdjustedSum,
    AdjustmentRate,
    InitialSources,
    AdjustedSources,
    SpentSources,
    BasicPlusProjectInitial,
    ExecutionRate,
    BasicExecutionRate,
    ProjectExecutionRate,
    BasicShare,
    ProjectShare,
    ProcurementRate,
    AssetsNet,
    ThreePublicRate,
    IndicatorCount,
    WeightsTotal,
    IndicatorCompletion,
    IndicatorScore,
    ScoreTotal,
    GradeBand,
    UnitClash,
    HeadingGap,
    FactConflict,
    ReportYear,
}

pub const KINDS: &[Kind] = &[
    Kind::AdjustedSum,
    Kind::AdjustmentRate,
    Kind::InitialSources,
    Kind::AdjustedSources,
    Kind::SpentSources,
    Kind::BasicPlusProjectInitial,
    Kind::ExecutionRate,
    Kind::BasicExecutionRate,
    Kind::ProjectExecutionRate,
    Kind::BasicShare,
    Kind::ProjectShare,
    Kind::ProcurementRate,
    Kind::AssetsNet,
    Kind::ThreePublicRate,
    Kind::IndicatorCount,
    Kind::WeightsTotal,
    Kind::IndicatorCompletion,
    Kind::IndicatorScore,
    Kind::ScoreTotal,
    Kind::GradeBand,
    Kind::UnitClash,
    Kind::HeadingGap,
    Kind::FactConflict,
    Kind::ReportYear,
];

impl Kind {
    /// The id of the national pack's check that finds this error.
    pub fn check(self) -> &'static str {
        match self {
            Kind::AdjustedSum => "budget-adjusted",
            Kind::AdjustmentRate => "budget-adjustment-rate",
            Kind::InitialSources => "initial-sources",
            Kind::AdjustedSources => "adjusted-sources",
            Kind::SpentSources => "spent-sources",
            Kind::BasicPlusProjectInitial => "basic-plus-project-initial",
            Kind::ExecutionRate => "budget-execution-rate",
            Kind::BasicExecutionRate => "basic-execution-rate",
            Kind::ProjectExecutionRate => "project-execution-rate",
            Kind::BasicShare => "basic-share",
            Kind::ProjectShare => "project-share",
            Kind::ProcurementRate => "procurement-rate",
            Kind::AssetsNet => "assets-net-value",
            Kind::ThreePublicRate => "three-public-control-rate",
            Kind::IndicatorCount => "indicator-count",
            Kind::WeightsTotal => "weights-total",
            Kind::IndicatorCompletion => "indicator-completion",
            Kind::IndicatorScore => "indicator-score",
            Kind::ScoreTotal => "score-total",
            Kind::GradeBand => "grade-band",
            Kind::UnitClash => "unit-clash",
            Kind::HeadingGap => "heading-numbering",
            Kind::FactConflict => "fact-conflict",
            Kind::ReportYear => "report-year",
        }
    }
}

/// An error put into a report, before its line is known.
#[derive(Debug, Clone)]
pub struct Planted {
    /// The id of the check that must find it.
    pub check: &'static str,
    pub place: Place,
    pub description: String,
    /// A figure the author derived from the wrong one, which a check of its
    /// own then finds wrong too: (check, where).
    pub follows: Option<(&'static str, Place)>,
}

/// Injects up to `count` distinct kinds, drawn at random among those that
/// fit this report; returns what was injected, in the order of [`Kind`].
pub fn inject(random: &mut Random, figures: &mut Figures, layout: &mut Layout, count: usize) -> Vec<Planted> {
    let mut kinds = KINDS.to_vec();
    random.shuffle(&mut kinds);
    kinds.truncate(count);
    kinds.sort();
    let mut used = Vec::new();
    kinds.into_iter().filter_map(|kind| apply(kind, random, figures, layout, &mut used)).collect()
}

/// A wrong rate for `right`: `mistake` if it is a plausible one (a wrong
/// denominator) far enough from `right`, else `right` moved by 1–6
/// points. Always at least one point off, so that no rounding covers it,
/// not even the half point of a written `100%`.
pub fn wrong_rate(random: &mut Random, right: i64, mistake: i64) -> i64 {
    if (mistake - right).abs() >= 100 && (1..=10_000).contains(&mistake) {
        return mistake;
    }
    let step = random.between(100, 600);
    if right - step > 0 { right - step } else { right + step }
}

/// A wrong amount: `right` moved by a visible, not roundable, step.
pub fn wrong_money(random: &mut Random, right: i64) -> i64 {
    let step = (right.abs() / random.between(8, 40)).max(random.between(1_00, 9_00));
    if right > step { right - step } else { right + step }
}

fn planted(kind: Kind, place: Place, description: String) -> Option<Planted> {
    Some(Planted { check: kind.check(), place, description, follows: None })
}

fn apply(
    kind: Kind,
    random: &mut Random,
    figures: &mut Figures,
    layout: &mut Layout,
    used: &mut Vec<usize>,
) -> Option<Planted> {
    let fact = Place::Fact;
    match kind {
        Kind::AdjustedSum => {
            let written = figures.adjustment.signum() * wrong_money(random, figures.adjustment.abs());
            let description = format!(
                "年中调整数写为 {}，调整后全年预算数 {} 应为年初 {} 加调整数（调整率按写错的数计算）",
                money(written.abs()),
                money(figures.adjusted),
                money(figures.initial)
            );
            figures.adjustment = written;
            figures.adjustment_rate = ratio(written, figures.initial);
            planted(kind, fact("budget.adjusted"), description)
        }
        Kind::AdjustmentRate => {
            // Work on magnitudes: a cut (调减) keeps its minus sign.
            let right = figures.adjustment_rate;
            let mistake = ratio(figures.adjustment, figures.adjusted).abs();
            let written = wrong_rate(random, right.abs(), mistake);
            figures.adjustment_rate = right.signum() * written;
            let description = format!("预算调整率写为 {}，应为 {}", percent(figures.adjustment_rate), percent(right));
            planted(kind, fact("budget.adjustment_rate"), description)
        }
        Kind::InitialSources => {
            let sources = &mut figures.initial_sources;
            let right = sources.local;
            sources.local = if sources.other > 0 { right + sources.other } else { wrong_money(random, right) };
            let description = format!("年初预算本级安排写为 {}，应为 {}", money(sources.local), money(right));
            planted(kind, fact("budget.initial"), description)
        }
        Kind::AdjustedSources => {
            let sources = &mut figures.adjusted_sources;
            let right = sources.local;
            sources.local = wrong_money(random, right);
            let description = format!("全年预算本级安排写为 {}，应为 {}", money(sources.local), money(right));
            planted(kind, fact("budget.adjusted"), description)
        }
        Kind::SpentSources => {
            let sources = &mut figures.spent_sources;
            let right = sources.local;
            sources.local = wrong_money(random, right);
            let description = format!("实际支出本级安排写为 {}，应为 {}", money(sources.local), money(right));
            planted(kind, fact("budget.spent"), description)
        }
        Kind::BasicPlusProjectInitial => {
            let right = figures.project.initial;
            let adjusted = figures.project.adjusted;
            figures.project.initial =
                if (adjusted - right).abs() >= 1_00 { adjusted } else { wrong_money(random, right) };
            let description =
                format!("项目支出年初预算数写为 {}，应为 {}", money(figures.project.initial), money(right));
            planted(kind, fact("budget.initial"), description)
        }
        Kind::ExecutionRate => {
            let right = figures.execution_rate;
            figures.execution_rate = wrong_rate(random, right, ratio(figures.spent, figures.initial));
            figures.settle_scores();
            let description = format!(
                "预算执行率写为 {}，应为 {}（执行率得分与综合得分按写错的执行率计算）",
                percent(figures.execution_rate),
                percent(right)
            );
            // The execution score is checked against 全年执行数 ÷ 全年预算数,
            // so the score derived from the wrong rate is found wrong too.
            let mut planted = planted(kind, fact("budget.execution_rate"), description)?;
            planted.follows = Some(("execution-score", fact("score.execution")));
            Some(planted)
        }
        Kind::BasicExecutionRate | Kind::ProjectExecutionRate => {
            let (part, name, label) = match kind {
                Kind::BasicExecutionRate => (&mut figures.basic, "basic.execution_rate", "基本支出"),
                _ => (&mut figures.project, "project.execution_rate", "项目支出"),
            };
            let right = part.execution_rate;
            part.execution_rate = wrong_rate(random, right, 10_000);
            let description = format!("{label}执行率写为 {}，应为 {}", percent(part.execution_rate), percent(right));
            planted(kind, fact(name), description)
        }
        Kind::BasicShare | Kind::ProjectShare => {
            let adjusted = figures.adjusted;
            let (part, name, label) = match kind {
                Kind::BasicShare => (&mut figures.basic, "basic.share", "基本支出"),
                _ => (&mut figures.project, "project.share", "项目支出"),
            };
            let right = part.share;
            part.share = wrong_rate(random, right, ratio(part.spent, adjusted));
            let description = format!("{label}占总支出的比例写为 {}，应为 {}", percent(part.share), percent(right));
            planted(kind, fact(name), description)
        }
        Kind::ProcurementRate => {
            let right = figures.procurement.rate;
            figures.procurement.rate = wrong_rate(random, right, 10_000);
            let description =
                format!("政府采购执行率写为 {}，应为 {}", percent(figures.procurement.rate), percent(right));
            planted(kind, fact("procurement.rate"), description)
        }
        Kind::AssetsNet => {
            let right = figures.assets.net;
            figures.assets.net = wrong_money(random, right);
            let description = format!("固定资产净值写为 {}，应为 {}", money(figures.assets.net), money(right));
            planted(kind, fact("assets.net"), description)
        }
        Kind::ThreePublicRate => {
            let right = figures.three_public.rate;
            figures.three_public.rate = wrong_rate(random, right, 10_000);
            let description =
                format!("“三公”经费控制率写为 {}，应为 {}", percent(figures.three_public.rate), percent(right));
            planted(kind, fact("three_public.control_rate"), description)
        }
        Kind::IndicatorCount => {
            let right = figures.level3_count;
            figures.level3_count = if random.chance(500) || right <= 1 { right + 1 } else { right - 1 };
            let description = format!("三级指标个数写为 {} 个，实际列出 {} 个", figures.level3_count, right);
            planted(kind, fact("level3_indicators"), description)
        }
        Kind::WeightsTotal | Kind::IndicatorCompletion | Kind::IndicatorScore => {
            crate::inject_scores::apply(kind, random, figures, used)
        }
        Kind::ScoreTotal => {
            let right = figures.total;
            let forgot = figures.execution_score;
            let written = if random.chance(500) { right - forgot } else { right - random.between(1, 6) * 50 };
            figures.total = written;
            figures.grade = grade(written);
            let description = format!("综合得分写为 {}，各项得分合计为 {}", trimmed(written), trimmed(right));
            planted(kind, fact("score.total"), description)
        }
        Kind::GradeBand => {
            let right = figures.grade;
            let others: Vec<&str> = GRADE_LABELS.iter().copied().filter(|label| *label != right).collect();
            figures.grade = random.pick(&others);
            let description =
                format!("评价结果写为“{}”，综合得分 {} 应为“{right}”", figures.grade, trimmed(figures.total));
            planted(kind, fact("score.grade"), description)
        }
        Kind::UnitClash => {
            layout.unit_clash = Some(if random.chance(500) { ClashSpot::Duties } else { ClashSpot::Problems });
            planted(kind, Place::UnitClash, "一个百分数后又写了“万元”".into())
        }
        Kind::HeadingGap => {
            let gap = random.between(1, 7) as usize;
            layout.heading_gap = Some(gap);
            let description = format!("第二部分的第 {} 个小标题跳过了一个编号", gap + 1);
            planted(kind, Place::HeadingGap, description)
        }
        Kind::FactConflict => {
            let restated = wrong_money(random, figures.spent);
            figures.restated_spent = Some(restated);
            let description =
                format!("评价结论重述全年实际支出资金为 {}，前文为 {}", money(restated), money(figures.spent));
            planted(kind, Place::Restatement, description)
        }
        Kind::ReportYear => {
            figures.fill_year = figures.year;
            planted(kind, fact("fill.year"), format!("填报时间写为 {} 年，与评价年度相同", figures.year))
        }
    }
}

/// Whether an indicator may carry an injected error: not yet used by
/// another kind, and (for completion) not a `≤` indicator, whose
/// completion the pack does not recompute.
pub fn available(figures: &Figures, used: &[usize], completion: bool) -> Vec<usize> {
    (0..figures.table.indicators.len())
        .filter(|index| !used.contains(index))
        .filter(|&index| {
            !completion || figures.table.indicators.get(index).is_some_and(|indicator| indicator.bound != Bound::AtMost)
        })
        .collect()
}
