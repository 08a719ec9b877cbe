//! vocabulary: the words reports are built from.
//!
//! Places and units are invented (none is a regional pack's `detect`
//! text, so every report falls back to the national pack); indicator names
//! and work topics are ordinary template vocabulary. Sentences are built
//! in `prose`, never copied from real reports.

pub const PLACES: &[&str] = &[
    "东湖区",
    "南屏县",
    "北坪区",
    "西岭县",
    "青川区",
    "云港市",
    "松岩县",
    "白沙区",
    "金河县",
    "柳塘区",
    "河阳县",
    "平川区",
    "安宁县",
    "长乐区",
    "清溪县",
    "梅林区",
    "丰源县",
    "星桥区",
    "鹿鸣县",
    "溪口区",
];

pub const AGENCIES: &[&str] = &[
    "文化旅游服务中心",
    "农业农村局",
    "市场监督管理局",
    "教育局",
    "卫生健康委员会",
    "民政局",
    "自然资源局",
    "住房和城乡建设局",
    "交通运输局",
    "人力资源和社会保障局",
    "档案馆",
    "图书馆",
    "机关事务服务中心",
    "退役军人事务局",
    "水利局",
    "统计局",
    "司法局",
    "应急管理局",
    "医疗保障局",
    "政务服务中心",
];

/// How a unit refers to itself in running text.
pub const SELF_NAMES: &[&str] = &["本单位", "我单位", "本部门", "我部门"];

/// Count indicators: name and the measure word of its target.
pub const COUNT_INDICATORS: &[(&str, &str)] = &[
    ("开展业务培训", "次"),
    ("组织政策宣传活动", "场"),
    ("完成专项督查", "次"),
    ("办结群众来信来访", "件"),
    ("编发工作简报", "期"),
    ("主动公开政务信息", "条"),
    ("整理归档案卷", "卷"),
    ("开展安全隐患排查", "次"),
    ("走访服务对象", "户"),
    ("完成基层调研", "篇"),
    ("举办公益讲座", "场"),
    ("更新维护服务设备", "台"),
    ("召开工作推进会", "次"),
    ("受理业务申请", "件"),
    ("培训基层工作人员", "人"),
    ("开展联合执法检查", "次"),
    ("发放宣传资料", "份"),
    ("完成设施维修", "处"),
];

/// Rate indicators: name and the usual lower bound in percent.
pub const RATE_INDICATORS: &[(&str, i64)] = &[
    ("服务对象满意度", 90),
    ("群众满意度", 90),
    ("业务办理及时率", 95),
    ("资金支付准确率", 98),
    ("设备完好率", 95),
    ("政策知晓率", 85),
    ("采购验收合格率", 98),
    ("问题整改完成率", 90),
    ("信息公开及时率", 95),
    ("干部职工满意度", 90),
];

/// Indicators with an upper bound (`≤`): name and measure word.
pub const CEILING_INDICATORS: &[(&str, &str)] =
    &[("安全责任事故", "起"), ("有效投诉", "件"), ("审计发现违规问题", "个"), ("业务办理超时", "件")];

pub const OUTPUT_GROUPS: &[&str] = &["数量指标", "质量指标", "时效指标"];
pub const EFFECT_GROUPS: &[&str] = &["社会效益指标", "可持续影响指标"];
pub const SATISFACTION_GROUPS: &[&str] = &["服务对象满意度指标"];

pub const PROJECTS: &[&str] = &[
    "公共服务设施运行维护",
    "信息化系统升级改造",
    "业务能力提升培训",
    "档案数字化加工",
    "便民服务窗口运行",
    "专项宣传活动",
    "办公场所安全改造",
    "基层服务站点建设",
    "第三方评估服务",
    "应急物资储备",
    "重点工作调研",
    "志愿服务活动",
    "数据共享平台运维",
    "业务用房修缮",
];

/// Work topics for the narrative sections.
pub const TOPICS: &[&str] = &[
    "制度建设",
    "内部控制",
    "预算绩效管理",
    "信息化建设",
    "队伍建设",
    "便民服务",
    "安全生产",
    "资产管理",
    "政务公开",
    "作风建设",
    "数据治理",
    "风险防控",
    "档案管理",
    "基层联络",
    "应急保障",
    "宣传引导",
];

pub const ACTIONS: &[&str] = &["完善", "梳理", "细化", "健全", "优化", "推进", "压实", "规范", "统筹", "落实"];

pub const OBJECTS: &[&str] = &[
    "工作台账",
    "岗位职责",
    "审批流程",
    "考核办法",
    "业务规程",
    "监督机制",
    "服务标准",
    "协调机制",
    "责任清单",
    "信息报送制度",
    "资金拨付程序",
    "跟踪问效机制",
];

pub const OUTCOMES: &[&str] = &[
    "工作效率明显提升",
    "服务质量稳步提高",
    "各项任务按期完成",
    "资金使用更加规范",
    "群众办事更加便利",
    "管理漏洞得到及时堵塞",
    "基础工作更加扎实",
    "部门协作更加顺畅",
];

pub const PROBLEMS: &[&str] = &[
    "绩效目标的量化程度不够",
    "部分项目前期论证不够充分",
    "预算执行进度前松后紧",
    "绩效监控的深度不足",
    "资产清查更新不够及时",
    "业务人员的专业能力有待提高",
    "部分指标口径与实际工作衔接不紧",
    "跨部门数据共享程度不高",
];

pub const MEASURES: &[&str] = &[
    "提高绩效目标编制质量",
    "加快预算执行进度",
    "强化绩效运行监控",
    "加强财务人员业务培训",
    "完善资产动态管理",
    "推动评价结果与预算安排挂钩",
    "健全项目储备与论证机制",
    "加强与主管部门的沟通衔接",
];

pub const GRADE_LABELS: &[&str] = &["优", "良", "中", "差"];

/// 一 … 二十, for headings of the first two levels.
pub fn chinese_numeral(value: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |n: usize| DIGITS.get(n).copied().unwrap_or_default();
    match value {
        0 => "零".into(),
        1..=9 => digit(value).into(),
        10 => "十".into(),
        11..=19 => format!("十{}", digit(value % 10)),
        _ => format!("{}十{}", digit((value / 10) % 10), digit(value % 10)),
    }
}

/// ① … ⑳: the markers of indicator blocks.
pub fn circled(value: usize) -> char {
    char::from_u32(0x2460 + (value.clamp(1, 20) as u32) - 1).unwrap_or('①')
}

#[cfg(test)]
mod tests {
    use super::{chinese_numeral, circled};

    #[test]
    fn numerals() {
        assert_eq!(chinese_numeral(3), "三");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(chinese_numeral(21), "二十一");
        assert_eq!(circled(1), '①');
        assert_eq!(circled(20), '⑳');
    }
}
