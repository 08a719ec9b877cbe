//! stated: a report's text → what it says about itself for the summary
//! table: the unit's name, the overall score and the grade.
//!
//! The renderer sees outcomes, not extracted facts, so these are read with
//! a few patterns of the template's own wording; anything not found is
//! `None` (shown as "—"). They label a row for a reviewer and are never
//! checked: the rule packs do that.
//!
//! - unit: the value after 部门单位名称 / 部门名称 / 单位名称 (with an optional
//!   bracket such as （公章）), behind a colon, a table bar or a tab, or in
//!   the cell on the next line; the first one in the text.
//! - score: the last 综合得分 … 分; failing that the last 总分 / 整体支出
//!   … 分, failing that the last 评分结果为 … 分. Per-indicator 自评得分
//!   never counts.
//! - grade: the last 评价结果为 / 评价等级为 followed by a grade word.

use std::sync::LazyLock;

use regex::Regex;

/// The values a report states, as written.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Stated {
    pub unit: Option<String>,
    pub score: Option<String>,
    pub grade: Option<String>,
}

const UNIT: &str =
    r"(?:部门单位名称|部门名称|单位名称)(?:[（(][^）)\n]{0,8}[）)])?(?:[ \t]*[：:|][ \t]*|\t+|[ \t]*\n\t+)([^\t\n|]+)";
const SCORES: [&str; 3] = [
    r"综合得分[^0-9\n]{0,6}?(\d+(?:\.\d+)?)[ \t]*分",
    r"(?:总分|整体支出)[^0-9\n。]{0,8}?(\d+(?:\.\d+)?)[ \t]*分",
    r"评分结果为[ \t]*(\d+(?:\.\d+)?)[ \t]*分",
];
// Longer words first: the regex takes the first alternative that matches.
const GRADE: &str = r#"(?:评价结果|评价等级)(?:为|是|：|:)[ \t]*[“"「]?(优秀|良好|中等|不合格|较差|合格|优|良|中|差)"#;

static UNIT_PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(UNIT).ok());
static SCORE_PATTERNS: LazyLock<Vec<Regex>> =
    LazyLock::new(|| SCORES.iter().filter_map(|pattern| Regex::new(pattern).ok()).collect());
static GRADE_PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(GRADE).ok());

pub(super) fn read(text: &str) -> Stated {
    let unit = UNIT_PATTERN
        .as_ref()
        .and_then(|pattern| pattern.captures_iter(text).find_map(|captures| trimmed(captures.get(1)?.as_str())));
    let score = SCORE_PATTERNS.iter().find_map(|pattern| last(pattern, text)).map(|score| format!("{score} 分"));
    let grade = GRADE_PATTERN.as_ref().and_then(|pattern| last(pattern, text));
    Stated { unit, score, grade }
}

fn last(pattern: &Regex, text: &str) -> Option<String> {
    pattern.captures_iter(text).filter_map(|captures| Some(captures.get(1)?.as_str().to_string())).last()
}

fn trimmed(value: &str) -> Option<String> {
    let value = value.trim().trim_end_matches(['。', '；', ';']).trim();
    (!value.is_empty()).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_unit_score_and_grade_of_the_conclusion() {
        let text = "部门单位名称（公章）：东湖街道办事处\n\
                    该指标权重分值为 10 分，自评得分 7.5 分。\n\
                    街道 2024 年度整体支出绩效自评综合得分 91.25 分，评价结果为“优”。\n";
        let stated = read(text);
        assert_eq!(stated.unit.as_deref(), Some("东湖街道办事处"));
        assert_eq!(stated.score.as_deref(), Some("91.25 分"));
        assert_eq!(stated.grade.as_deref(), Some("优"));
    }

    #[test]
    fn unit_in_a_table_cell_and_other_score_wordings() {
        let text = "\t部门名称\n\t西山区档案馆\n最终评分结果为83.5分，评价等级为良好。\n";
        let stated = read(text);
        assert_eq!(stated.unit.as_deref(), Some("西山区档案馆"));
        assert_eq!(stated.score.as_deref(), Some("83.5 分"));
        assert_eq!(stated.grade.as_deref(), Some("良好"));
        let total = read("我单位整体支出自评得分 77 分，综合绩效评价等级为中。");
        assert_eq!((total.score.as_deref(), total.grade.as_deref()), (Some("77 分"), Some("中")));
    }

    #[test]
    fn nothing_stated() {
        assert_eq!(read("一、部门基本情况\n该指标权重分值为 8 分，自评得分 8 分。\n"), Stated::default());
    }
}
