//! A cell's text as a form reads it: the key labels are compared by, a
//! share written after a label (`产出指标(50分)`), the unit a header names
//! (`项目资金（万元）`), and the words of the 指标性质 and 度量单位 columns.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::report::{Relation, Unit};
pub use crate::rules::label::key;
use crate::rules::label::trailing_parenthesis;

/// A label that states a share: `产出指标(50分)`, `效益指标（30分）` →
/// (label key, share). The share is a whole or decimal number of points;
/// a label needs a name.
pub fn share(text: &str) -> Option<(String, Decimal)> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '·').collect();
    let (before, inside) = trailing_parenthesis(&compact)?;
    let digits = inside.trim_end_matches('分');
    let digits = digits.trim_start_matches(|c: char| !c.is_ascii_digit());
    let share = Decimal::from_str(digits).ok()?;
    // A share alone (`(50分)`, a cell broken off its name) labels nothing.
    let name = key(before);
    (!name.is_empty() && share > Decimal::ZERO && share <= Decimal::ONE_HUNDRED).then_some((name, share))
}

/// The unit a header cell names in parentheses: `项目资金(万元)`, `(元)`.
pub fn unit_in(text: &str) -> Option<Unit> {
    const UNITS: [(&str, Unit); 3] = [("(万元)", Unit::WanYuan), ("(亿元)", Unit::YiYuan), ("(元)", Unit::Yuan)];
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    UNITS.into_iter().find(|(written, _)| compact.contains(written)).map(|(_, unit)| unit)
}

/// A 指标性质 cell: `≥`, `≧`, `═`, `大于等于`.
pub fn relation(text: &str) -> Option<Relation> {
    Some(match text.trim() {
        "≥" | "≧" | ">=" | "大于等于" | "不低于" | "不少于" | "不小于" => Relation::Ge,
        "≤" | "≦" | "<=" | "小于等于" | "不高于" | "不超过" | "不大于" => Relation::Le,
        ">" | "大于" | "高于" => Relation::Gt,
        "<" | "小于" | "低于" => Relation::Lt,
        "=" | "═" | "==" | "等于" => Relation::Eq,
        _ => return None,
    })
}

/// A 指标性质 cell that states no comparison: the indicator's kind
/// (`定量`) or its direction (`正向`).
pub fn nature_word(text: &str) -> bool {
    matches!(text.trim(), "定量" | "定性" | "正向" | "反向" | "共性" | "个性")
}

/// Words of a 度量单位 cell. Units the engine cannot compute with (小时,
/// 架, 公里) are still units: they sit in this column, not in the target's.
const UNIT_WORDS: [&str; 52] = [
    "%",
    "百分比",
    "元",
    "万元",
    "亿元",
    "分",
    "个",
    "次",
    "人",
    "人次",
    "户",
    "户次",
    "家",
    "家次",
    "所",
    "名",
    "件",
    "篇",
    "份",
    "项",
    "批",
    "台",
    "辆",
    "套",
    "本",
    "条",
    "天",
    "日",
    "月",
    "年",
    "小时",
    "分钟",
    "公里",
    "千米",
    "米",
    "平方米",
    "㎡",
    "亩",
    "公顷",
    "吨",
    "架",
    "架次",
    "场",
    "场次",
    "期",
    "座",
    "处",
    "张",
    "册",
    "课时",
    "学时",
    "元/人",
];

/// A 度量单位 cell as the unit of the figures in its row.
pub fn unit_word(text: &str) -> Option<Unit> {
    let word = text.trim();
    if !UNIT_WORDS.contains(&word) {
        return None;
    }
    Some(match word {
        "%" | "百分比" => Unit::Percent,
        "元" => Unit::Yuan,
        "万元" => Unit::WanYuan,
        "亿元" => Unit::YiYuan,
        "分" => Unit::Points,
        other => Unit::Count(other.to_string()),
    })
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, reason = "tests may panic by design")]
mod tests {
    use super::*;

    #[test]
    fn shares_are_points_in_parentheses() {
        assert_eq!(share("产出指标(50分)"), Some(("产出指标".into(), Decimal::from(50))));
        assert_eq!(share("部门决 策(25 分)"), Some(("部门决策".into(), Decimal::from(25))));
        assert_eq!(share("(特性指标70分)"), None, "a share alone labels nothing");
        assert_eq!(share("(20)"), None);
        assert_eq!(share("项目资金(万元)"), None);
        assert_eq!(share("年度(2023)"), None);
    }

    #[test]
    fn units_and_relations() {
        assert_eq!(unit_in("项目资金 (万元)"), Some(Unit::WanYuan));
        assert_eq!(unit_in("项目资金(元)"), Some(Unit::Yuan));
        assert_eq!(relation("≧"), Some(Relation::Ge));
        assert_eq!(relation("═"), Some(Relation::Eq));
        assert_eq!(unit_word("人次"), Some(Unit::Count("人次".into())));
        assert_eq!(unit_word("百分比"), Some(Unit::Percent));
        assert_eq!(unit_word("有效"), None);
    }
}
