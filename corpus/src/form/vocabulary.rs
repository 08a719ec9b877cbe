//! form::vocabulary: the indicators, labels and reasons a 项目支出绩效自评表 is
//! written with.
//!
//! Indicator names are ordinary template vocabulary, invented here. None
//! starts with a character a unit can start with (项, 人, 年 …): in a table
//! run together on one line, a score followed by such a name reads to the
//! engine like prose with a spaced figure (`10 项目…` as `10 项`), and the
//! whole line would not be read as a table. No name, reason or goal holds a
//! label the form is found by (资金, 合计, 总分, 指标).

use super::measure::{Measure, Relation};

/// An indicator template: its 二级指标, name, what it measures, the
/// comparison and the range its target is drawn from (for `Money`, unused:
/// the target follows the budget).
pub type Template = (&'static str, &'static str, Measure, Relation, (i64, i64));

pub const TEMPLATES: &[Template] = &[
    ("数量指标", "开展业务培训", Measure::Count("次"), Relation::AtLeast, (4, 24)),
    ("数量指标", "服务群众", Measure::Count("人次"), Relation::AtLeast, (500, 8000)),
    ("数量指标", "购置办公设备", Measure::Count("台"), Relation::AtLeast, (5, 60)),
    ("数量指标", "举办宣传活动", Measure::Count("场"), Relation::AtLeast, (3, 20)),
    ("数量指标", "发放宣传资料", Measure::Count("份"), Relation::AtLeast, (1000, 9000)),
    ("数量指标", "新建便民服务点", Measure::Count("个"), Relation::Exactly, (2, 30)),
    ("数量指标", "受理群众诉求", Measure::Count("件"), Relation::AtLeast, (100, 2000)),
    ("数量指标", "完成工程验收", Measure::Count("项"), Relation::Exactly, (3, 12)),
    ("数量指标", "改造乡村道路", Measure::Other("公里"), Relation::AtLeast, (5, 40)),
    ("数量指标", "走访困难家庭", Measure::Count("户"), Relation::AtLeast, (100, 900)),
    ("质量指标", "工程验收合格率", Measure::Percent, Relation::Exactly, (100, 100)),
    ("质量指标", "档案归档完整率", Measure::Percent, Relation::AtLeast, (90, 98)),
    ("质量指标", "设备运行完好率", Measure::Percent, Relation::AtLeast, (95, 98)),
    ("质量指标", "问题整改到位率", Measure::Percent, Relation::AtLeast, (90, 98)),
    ("质量指标", "服务规范达标率", Measure::Percent, Relation::AtLeast, (85, 95)),
    ("时效指标", "经费支付及时率", Measure::Percent, Relation::AtLeast, (95, 98)),
    ("时效指标", "按期完工率", Measure::Percent, Relation::Exactly, (100, 100)),
    ("时效指标", "故障响应时间", Measure::Other("小时"), Relation::AtMost, (2, 48)),
    ("时效指标", "诉求办结时限", Measure::Count("天"), Relation::AtMost, (3, 30)),
    ("成本指标", "总成本控制数", Measure::Money, Relation::AtMost, (0, 0)),
    ("社会效益指标", "政策知晓率", Measure::Percent, Relation::AtLeast, (80, 95)),
    ("社会效益指标", "受益群众", Measure::Count("名"), Relation::AtLeast, (200, 5000)),
    ("社会效益指标", "办事便利程度", Measure::Worded("有效提升", "明显提升"), Relation::AtLeast, (0, 0)),
    ("社会效益指标", "公共服务水平", Measure::Worded("逐步提高", "达到预期"), Relation::AtLeast, (0, 0)),
    ("经济效益指标", "带动农户增收", Measure::Worded("有所增加", "达到预期"), Relation::AtLeast, (0, 0)),
    ("生态效益指标", "村容村貌", Measure::Worded("明显改善", "明显改善"), Relation::AtLeast, (0, 0)),
    ("可持续影响指标", "长效管护机制", Measure::Worded("健全", "已建立"), Relation::AtLeast, (0, 0)),
    ("可持续影响指标", "设施正常使用率", Measure::Percent, Relation::AtLeast, (90, 98)),
    ("可持续影响指标", "有效投诉", Measure::Count("件"), Relation::AtMost, (1, 5)),
    ("服务对象满意度指标", "服务对象满意度", Measure::Percent, Relation::AtLeast, (85, 95)),
    ("服务对象满意度指标", "受益群众满意度", Measure::Percent, Relation::AtLeast, (85, 95)),
    ("服务对象满意度指标", "参训学员满意度", Measure::Percent, Relation::AtLeast, (85, 95)),
];

/// The 二级指标 groups in the order of the form, each with its 一级指标
/// (index into [`CATEGORIES`]), how many indicators it has at least and at most.
pub const GROUPS: &[(&str, usize, usize, usize)] = &[
    ("数量指标", 0, 1, 3),
    ("质量指标", 0, 1, 2),
    ("时效指标", 0, 1, 2),
    ("成本指标", 0, 0, 1),
    ("社会效益指标", 1, 1, 3),
    ("经济效益指标", 1, 0, 1),
    ("生态效益指标", 1, 0, 1),
    ("可持续影响指标", 1, 0, 2),
    ("服务对象满意度指标", 2, 1, 2),
];

pub const CATEGORIES: [&str; 3] = ["产出指标", "效益指标", "满意度指标"];

/// Shares of 产出, 效益 and 满意度 (the other 10 points are the execution
/// rate's): the national 50/30/10 and variants regions use.
pub const SHARES: &[[i64; 3]] = &[[50, 30, 10], [50, 30, 10], [40, 40, 10], [60, 20, 10], [45, 35, 10], [50, 20, 20]];

/// Why an indicator fell short, then what will be done (no figures, so a
/// reason never reads as a value of the row).
pub const CAUSES: &[&str] = &[
    "受施工季节影响，部分工作推迟开展",
    "服务对象需求变化，实际参与人数少于预期",
    "前期准备时间不足，进度略有滞后",
    "配套经费到位较晚，影响实施进度",
    "部分任务与其他工作时间冲突，未能按计划完成",
    "供应商交货延迟，影响了后续安排",
];

pub const REMEDIES: &[&str] = &[
    "下一步将提前谋划、倒排工期",
    "今后加强过程监控，及时纠偏",
    "已纳入下年度工作计划继续推进",
    "将优化实施方案，提高执行效率",
    "将加强与相关单位的沟通协调",
];

/// Why an indicator that met its target still lost points.
pub const MET_CAUSES: &[&str] =
    &["完成质量仍有提升空间，酌情扣分", "部分环节资料不够完整，酌情扣分", "完成时间略晚于计划，酌情扣分"];

/// The rows under 年度资金总额: national labels (the first is the 财政拨款
/// row, chosen among its synonyms) and the Sichuan copy's.
pub const FISCAL_LABELS: &[&str] = &["其中：当年财政拨款", "其中：本年财政拨款", "其中：财政资金"];
pub const NATIONAL_PARTS: [&str; 2] = ["上年结转资金", "其他资金"];
pub const SICHUAN_PARTS: [&str; 3] = ["财政专户管理资金", "单位资金", "其他资金"];

#[cfg(test)]
mod tests {
    use super::{CATEGORIES, CAUSES, GROUPS, MET_CAUSES, Measure, REMEDIES, TEMPLATES};

    /// What may follow a figure in a table run together on one line.
    const UNIT_STARTS: [char; 14] = ['万', '亿', '元', '%', '％', '年', '月', '日', '个', '次', '人', '项', '分', '户'];

    #[test]
    fn reasons_and_words_never_start_like_a_unit_nor_hold_a_figure() {
        let worded = TEMPLATES.iter().flat_map(|template| match template.2 {
            Measure::Worded(target, actual) => vec![target, actual],
            _ => vec![],
        });
        for text in CAUSES.iter().chain(MET_CAUSES).chain(REMEDIES).copied().chain(worded) {
            assert!(!text.starts_with(UNIT_STARTS), "{text}");
            assert!(!text.contains(|c: char| c.is_ascii_digit() || c.is_whitespace()), "{text}");
        }
    }

    #[test]
    fn names_never_start_like_a_unit_nor_hold_a_form_label() {
        for (group, name, ..) in TEMPLATES {
            assert!(!name.starts_with(UNIT_STARTS), "{name}");
            for label in ["资金", "合计", "总分", "指标", "总额"] {
                assert!(!name.contains(label), "{name}");
            }
            assert!(GROUPS.iter().any(|(known, ..)| known == group), "{group}");
        }
        for (group, category, low, high) in GROUPS {
            assert!(*category < CATEGORIES.len() && low <= high, "{group}");
            let templates = TEMPLATES.iter().filter(|(known, ..)| known == group).count();
            assert!(templates >= *high, "{group}: {templates} templates for up to {high} indicators");
        }
    }
}
