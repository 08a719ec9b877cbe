//! figures: every number a report states, drawn so that all of them agree.
//!
//! Input: a random stream and the table and project sizes. Output:
//! [`Figures`] in which, exactly (money) or after 四舍五入 to the written
//! decimals (rates, scores):
//! adjusted = initial + adjustment; each total = 上级 + 本级 + 其他;
//! totals = 基本支出 + 项目支出; rates and shares are the rounded quotients;
//! projects add up to 项目支出; net assets = original − depreciation;
//! execution score = 10 × execution rate; total = execution score + Σ
//! indicator scores; the grade is the 90/80/60 band of the total.
//! `inject` then breaks chosen relations on purpose.

use crate::amount::{divide_rounded, ratio, share_of};
use crate::indicators::{self, Table};
use crate::random::Random;
use crate::vocabulary::PROJECTS;

/// Where money comes from: 上级安排, 本级安排, 其他资金.
#[derive(Debug, Clone, Copy)]
pub struct Sources {
    pub superior: i64,
    pub local: i64,
    pub other: i64,
}

/// 基本支出 or 项目支出.
#[derive(Debug, Clone, Copy)]
pub struct Part {
    pub initial: i64,
    pub adjusted: i64,
    pub spent: i64,
    pub execution_rate: i64,
    /// Share of the whole year's spending, basis points.
    pub share: i64,
}

/// A planned amount, what was used of it, and the rate.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    pub budget: i64,
    pub actual: i64,
    pub rate: i64,
}

#[derive(Debug, Clone, Copy)]
pub struct Assets {
    pub original: i64,
    pub depreciation: i64,
    pub net: i64,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub name: &'static str,
    pub budget: i64,
    pub spent: i64,
}

/// Money in hundredths of 万元, rates in basis points, scores in
/// hundredths of a point (see `amount`).
#[derive(Debug, Clone)]
pub struct Figures {
    pub year: i64,
    pub fill_year: i64,
    pub initial: i64,
    pub initial_sources: Sources,
    /// Negative for a cut (调减).
    pub adjustment: i64,
    pub adjusted: i64,
    pub adjusted_sources: Sources,
    pub adjustment_rate: i64,
    pub spent: i64,
    pub spent_sources: Sources,
    pub execution_rate: i64,
    pub basic: Part,
    pub project: Part,
    /// 工资福利, 商品和服务, 对个人和家庭的补助, 资本性支出: adds up to basic.spent.
    pub categories: [i64; 4],
    pub projects: Vec<Project>,
    pub procurement: Usage,
    pub assets: Assets,
    pub three_public: Usage,
    pub table: Table,
    /// The 三级指标 count the text states.
    pub level3_count: usize,
    pub execution_score: i64,
    pub total: i64,
    pub grade: &'static str,
    /// 全年实际支出资金 restated in the conclusion, if it is.
    pub restated_spent: Option<i64>,
}

pub fn draw(random: &mut Random, indicator_count: usize, project_count: usize) -> Figures {
    let year = random.between(2019, 2024);
    // 150.00 to 30000.00 万元.
    let initial = random.between(15_000, 3_000_000);
    let superior = if random.chance(400) { share_of(initial, random.between(10, 200)) } else { 0 };
    let other = if random.chance(400) { share_of(initial, random.between(5, 50)) } else { 0 };
    let initial_sources = Sources { superior, local: initial - superior - other, other };

    let adjustment = match share_of(initial, random.between(-150, 400)) {
        0 => 1_00,
        value => value,
    };
    let adjusted = initial + adjustment;
    let adjusted_superior = divide_rounded(superior * adjusted, initial);
    let adjusted_sources = Sources { superior: adjusted_superior, local: adjusted - adjusted_superior - other, other };

    let basic_initial = share_of(initial, random.between(550, 900));
    let project_initial = initial - basic_initial;
    let project_change = (share_of(adjustment, random.between(0, 1000))).max(-project_initial / 2);
    let basic_adjusted = basic_initial + adjustment - project_change;
    let project_adjusted = project_initial + project_change;
    let basic_spent = share_of(basic_adjusted, random.between(920, 1000));
    let project_spent = share_of(project_adjusted, random.between(700, 1000));
    let spent = basic_spent + project_spent;

    let spent_superior = share_of(adjusted_sources.superior, random.between(800, 1000));
    let spent_other = share_of(other, random.between(800, 1000));
    let spent_sources =
        Sources { superior: spent_superior, local: spent - spent_superior - spent_other, other: spent_other };

    let part = |initial, adjusted, spent| Part {
        initial,
        adjusted,
        spent,
        execution_rate: ratio(spent, adjusted),
        share: ratio(spent, basic_spent + project_spent),
    };
    let personnel = share_of(basic_spent, random.between(600, 750));
    let services = share_of(basic_spent, random.between(120, 200));
    let household = share_of(basic_spent, random.between(0, 40));
    let categories = [personnel, services, household, basic_spent - personnel - services - household];

    let procurement_budget = share_of(basic_adjusted, random.between(20, 100)).max(1_00);
    let procurement_actual = share_of(procurement_budget, random.between(850, 1000));
    let original = share_of(initial, random.between(300, 2000));
    let depreciation = share_of(original, random.between(200, 700));
    let three_public_budget = random.between(1_00, 30_00);
    let three_public_spent = share_of(three_public_budget, random.between(600, 1000));
    let table = indicators::draw(random, indicator_count);
    let level3_count = table.indicators.len();

    let mut figures = Figures {
        year,
        fill_year: year + 1,
        initial,
        initial_sources,
        adjustment,
        adjusted,
        adjusted_sources,
        adjustment_rate: ratio(adjustment, initial),
        spent,
        spent_sources,
        execution_rate: ratio(spent, adjusted),
        basic: part(basic_initial, basic_adjusted, basic_spent),
        project: part(project_initial, project_adjusted, project_spent),
        categories,
        projects: projects(random, project_count, project_adjusted, project_spent),
        procurement: Usage {
            budget: procurement_budget,
            actual: procurement_actual,
            rate: ratio(procurement_actual, procurement_budget),
        },
        assets: Assets { original, depreciation, net: original - depreciation },
        three_public: Usage {
            budget: three_public_budget,
            actual: three_public_spent,
            rate: ratio(three_public_spent, three_public_budget),
        },
        table,
        level3_count,
        execution_score: 0,
        total: 0,
        grade: "",
        restated_spent: random.chance(500).then_some(spent),
    };
    figures.settle_scores();
    figures
}

impl Figures {
    /// Recomputes what follows from the written execution rate and
    /// indicator scores: the execution score, the total and the grade.
    pub fn settle_scores(&mut self) {
        // 10 points × rate in basis points = rate ÷ 10 hundredths of a point.
        self.execution_score = divide_rounded(self.execution_rate, 10);
        self.total = self.execution_score + self.table.indicators.iter().map(|indicator| indicator.score).sum::<i64>();
        self.grade = grade(self.total);
    }
}

/// The national 90/80/60 bands.
pub fn grade(total: i64) -> &'static str {
    match total {
        9000.. => "优",
        8000.. => "良",
        6000.. => "中",
        _ => "差",
    }
}

/// Splits the project budget and spending over `count` projects, each
/// spending no more than its budget.
fn projects(random: &mut Random, count: usize, budget: i64, spent: i64) -> Vec<Project> {
    let count = count.clamp(1, PROJECTS.len());
    let mut names: Vec<&'static str> = PROJECTS.to_vec();
    random.shuffle(&mut names);
    let weights: Vec<i64> = (0..count).map(|_| random.between(1, 10)).collect();
    let total_weight: i64 = weights.iter().sum();
    let mut projects: Vec<Project> = names
        .into_iter()
        .zip(&weights)
        .map(|(name, weight)| Project { name, budget: budget * weight / total_weight, spent: 0 })
        .collect();
    let assigned: i64 = projects.iter().map(|project| project.budget).sum();
    if let Some(first) = projects.first_mut() {
        first.budget += budget - assigned;
    }
    for project in &mut projects {
        project.spent = project.budget * spent / budget.max(1);
    }
    let mut missing = spent - projects.iter().map(|project| project.spent).sum::<i64>();
    while missing > 0 {
        let before = missing;
        for project in projects.iter_mut().filter(|project| project.spent < project.budget) {
            if missing == 0 {
                break;
            }
            project.spent += 1;
            missing -= 1;
        }
        if missing == before {
            break;
        }
    }
    projects
}

#[cfg(test)]
mod tests {
    use super::{Figures, draw, grade};
    use crate::amount::ratio;
    use crate::random::Random;

    fn check(figures: &Figures) {
        let sum = |sources: &super::Sources| sources.superior + sources.local + sources.other;
        assert_eq!(figures.adjusted, figures.initial + figures.adjustment);
        assert_eq!(sum(&figures.initial_sources), figures.initial);
        assert_eq!(sum(&figures.adjusted_sources), figures.adjusted);
        assert_eq!(sum(&figures.spent_sources), figures.spent);
        assert!(figures.initial_sources.local >= 0 && figures.adjusted_sources.local >= 0);
        assert!(figures.spent_sources.local >= 0);
        assert_eq!(figures.basic.initial + figures.project.initial, figures.initial);
        assert_eq!(figures.basic.adjusted + figures.project.adjusted, figures.adjusted);
        assert_eq!(figures.basic.spent + figures.project.spent, figures.spent);
        assert!(figures.project.adjusted > 0 && figures.project.spent <= figures.project.adjusted);
        assert_eq!(figures.adjustment_rate, ratio(figures.adjustment, figures.initial));
        assert_eq!(figures.execution_rate, ratio(figures.spent, figures.adjusted));
        assert!(figures.execution_rate <= 10_000);
        assert_eq!(figures.basic.share, ratio(figures.basic.spent, figures.spent));
        assert_eq!(figures.categories.iter().sum::<i64>(), figures.basic.spent);
        assert!(figures.categories.iter().all(|category| *category >= 0));
        assert_eq!(figures.projects.iter().map(|project| project.budget).sum::<i64>(), figures.project.adjusted);
        assert_eq!(figures.projects.iter().map(|project| project.spent).sum::<i64>(), figures.project.spent);
        assert!(figures.projects.iter().all(|project| project.spent <= project.budget));
        assert_eq!(figures.assets.net, figures.assets.original - figures.assets.depreciation);
        let scores: i64 = figures.table.indicators.iter().map(|indicator| indicator.score).sum();
        assert_eq!(figures.total, figures.execution_score + scores);
        assert_eq!(figures.grade, grade(figures.total));
        assert_eq!(figures.level3_count, figures.table.indicators.len());
    }

    #[test]
    fn drawn_figures_agree() {
        for seed in 0..500 {
            let mut random = Random::new(seed);
            check(&draw(&mut random, 3 + seed as usize % 20, 1 + seed as usize % 9));
        }
    }
}
