//! Number mentions: the [`NUMBER_PATTERN`] and the parsing of one match into
//! a [`Number`].
//!
//! A mention is `relation? sign? digits unit?` in flow text:
//! - relation, only directly before the figure: `≥ > ≤ < =`, `>=`, `<=`, and
//!   the words 大于等于 不低于 不少于 不小于 (≥), 大于 高于 (>), 小于等于 不高于
//!   不超过 不大于 (≤), 小于 低于 (<), 等于 (=);
//! - digits: `1,234.56` (comma groups of three) or `1234.56`; `decimals` is
//!   the count of digits written after the point;
//! - unit: 万元 亿元 元 % (also written 百分比) 分, a count word (个 次 场 场次 人次 户次 家次
//!   架次 人 名 件 篇 份 项 批 台 辆 家 户 期 天 座 套 本 条) or a measure (分钟 小时 公里 千米 平方米 ㎡
//!   公顷 亩 吨 架 所 处 张 册 课时 学时), optionally scaled (`16.3万件` → `Count("万件")`),
//!   the date words 年 月 日 (`2024年3月25日` gives three Count mentions, so a
//!   rule can tell dates from amounts), or a bare 万 / 亿 (`Count("万")`: a
//!   scale without a unit word is never taken for 万元).
//!
//! Years, dates and plain counts are mentions like any other; numbering
//! (`1.` `(2)`) is not: the scan in [`super::mentions`] starts after it.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::{Number, Relation, Unit};
use crate::span::Span;

/// Regex source (regex crate syntax, no captures, no look-around) matching
/// one number mention in flow text exactly as the recogniser does. The
/// `extract` pattern compiler embeds it and then asks
/// [`super::Report::number_at`] for the [`Number`] at the capture start.
pub const NUMBER_PATTERN: &str = concat!(
    "(?:大于等于|小于等于|不低于|不少于|不小于|不高于|不超过|不大于|大于|高于|小于|低于|等于|>=|<=|≥|≤|>|<|=)?",
    "[-−]?",
    "(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?",
    "(?:万元|亿元|元|%|百分比|分钟|分",
    "|[万亿]?(?:人次|场次|户次|家次|架次|个|次|场|人|名|件|篇|份|项|批|台|辆|家|户|期|天|座|套|本|条",
    "|小时|公里|千米|平方米|㎡|公顷|亩|吨|架|所|处|张|册|课时|学时)",
    "|年|月|日|万|亿)?",
);

const RELATIONS: [(&str, Relation); 20] = [
    ("大于等于", Relation::Ge),
    ("小于等于", Relation::Le),
    ("不低于", Relation::Ge),
    ("不少于", Relation::Ge),
    ("不小于", Relation::Ge),
    ("不高于", Relation::Le),
    ("不超过", Relation::Le),
    ("不大于", Relation::Le),
    ("大于", Relation::Gt),
    ("高于", Relation::Gt),
    ("小于", Relation::Lt),
    ("低于", Relation::Lt),
    ("等于", Relation::Eq),
    (">=", Relation::Ge),
    ("<=", Relation::Le),
    ("≥", Relation::Ge),
    ("≤", Relation::Le),
    (">", Relation::Gt),
    ("<", Relation::Lt),
    ("=", Relation::Eq),
];

// The patterns are constants a test compiles; `None` (never seen) would only
// mean "no mentions", not a panic.
pub(super) static MENTION: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(NUMBER_PATTERN).ok());

/// A whole cell that is exactly one mention.
pub(super) static WHOLE_MENTION: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!("^(?:{NUMBER_PATTERN})$")).ok());

/// Parses one matched mention (`mention` is the matched flow text, `span`
/// its original span). `None` when the digits do not fit a [`Decimal`].
pub(super) fn parse_mention(mention: &str, span: Span) -> Option<Number> {
    let (relation, rest) = split_relation(mention);
    let (negative, rest) = match rest.strip_prefix('-').or_else(|| rest.strip_prefix('−')) {
        Some(unsigned) => (true, unsigned),
        None => (false, rest),
    };
    let digits_length = rest.bytes().take_while(|byte| byte.is_ascii_digit() || matches!(byte, b',' | b'.')).count();
    let (digits, unit) = rest.split_at(digits_length);
    let decimals = digits.split_once('.').map_or(0, |(_, fraction)| fraction.len());
    let mut value = if digits.contains(',') {
        Decimal::from_str(&digits.replace(',', "")).ok()?
    } else {
        Decimal::from_str(digits).ok()?
    };
    value.set_sign_negative(negative);
    Some(Number { value, decimals: u32::try_from(decimals).ok()?, unit: unit_of(unit), relation, span })
}

/// The relation written at the start of `mention`, and the rest.
pub(super) fn split_relation(mention: &str) -> (Option<Relation>, &str) {
    for (word, relation) in RELATIONS {
        if let Some(rest) = mention.strip_prefix(word) {
            return (Some(relation), rest);
        }
    }
    (None, mention)
}

fn unit_of(unit: &str) -> Unit {
    match unit {
        "" => Unit::None,
        "元" => Unit::Yuan,
        "万元" => Unit::WanYuan,
        "亿元" => Unit::YiYuan,
        "%" | "百分比" => Unit::Percent,
        "分" => Unit::Points,
        count => Unit::Count(count.to_string()),
    }
}

#[cfg(test)]
#[path = "numbers_tests.rs"]
mod tests;
