//! The heading numbering at the start of a flow line: `一、` `(一)` `1.`
//! `1、` `(1)` `①`.
//!
//! Works on flow text, where full-width forms are already ASCII (`（一）` is
//! `(一)`, `1．` is `1.`). `1.` counts only when no digit follows, so a
//! line starting with a decimal (`1.5万元…`) has no numbering; the flow keeps
//! the space in `1. 2023年…` for exactly this reason.

use super::NumberingStyle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LeadingNumbering {
    pub style: NumberingStyle,
    pub value: u32,
    /// Flow bytes of the numbering itself.
    pub length: usize,
}

impl NumberingStyle {
    /// 1 for 一、, 2 for （一）, 3 for 1. / 1、, 4 for （1）, 5 for ①.
    pub fn level(self) -> u8 {
        match self {
            NumberingStyle::ChineseComma => 1,
            NumberingStyle::ChineseParen => 2,
            NumberingStyle::ArabicDot => 3,
            NumberingStyle::ArabicParen => 4,
            NumberingStyle::Circled => 5,
        }
    }
}

pub(super) fn leading_numbering(line: &str) -> Option<LeadingNumbering> {
    let first = line.chars().next()?;
    if let Some(value) = circled_value(first) {
        return Some(LeadingNumbering { style: NumberingStyle::Circled, value, length: first.len_utf8() });
    }
    if let Some(inner) = line.strip_prefix('(') {
        let close = inner.find(')')?;
        let label = inner.get(..close)?;
        let (style, value) = match chinese_value(label) {
            Some(value) => (NumberingStyle::ChineseParen, value),
            None => (NumberingStyle::ArabicParen, arabic_value(label)?),
        };
        // The two parentheses are one byte each.
        return Some(LeadingNumbering { style, value, length: close.saturating_add(2) });
    }
    let chinese_length =
        line.char_indices().find(|&(_, character)| !is_chinese_digit(character)).map_or(line.len(), |(at, _)| at);
    if chinese_length > 0 {
        let (label, rest) = line.split_at_checked(chinese_length)?;
        let value = chinese_value(label)?;
        let mark = if rest.starts_with('、') { '、'.len_utf8() } else { dot_length(rest)? };
        let length = chinese_length.saturating_add(mark);
        return Some(LeadingNumbering { style: NumberingStyle::ChineseComma, value, length });
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let (label, rest) = line.split_at_checked(digits)?;
    let value = arabic_value(label)?;
    let mark = if rest.starts_with('、') { '、'.len_utf8() } else { dot_length(rest)? };
    Some(LeadingNumbering { style: NumberingStyle::ArabicDot, value, length: digits.saturating_add(mark) })
}

/// `.` not followed by a digit (that would be a decimal point).
fn dot_length(rest: &str) -> Option<usize> {
    let after = rest.strip_prefix('.')?;
    (!after.starts_with(|character: char| character.is_ascii_digit())).then_some(1)
}

/// One or two ASCII digits: `2023.` is a year, not a numbering.
fn arabic_value(label: &str) -> Option<u32> {
    if label.is_empty() || label.len() > 2 || !label.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    label.parse().ok()
}

fn circled_value(character: char) -> Option<u32> {
    let code = u32::from(character);
    (0x2460..=0x2473).contains(&code).then(|| code.saturating_sub(0x2460).saturating_add(1))
}

fn is_chinese_digit(character: char) -> bool {
    digit_value(character).is_some() || character == '十'
}

fn digit_value(character: char) -> Option<u32> {
    "零一二三四五六七八九".chars().position(|digit| digit == character).map(|at| at as u32)
}

/// 一 … 九十九: `十`, `十二`, `二十`, `二十三`.
fn chinese_value(label: &str) -> Option<u32> {
    let characters: Vec<char> = label.chars().collect();
    let value = match characters.as_slice() {
        ['十'] => 10,
        [unit] => digit_value(*unit)?,
        ['十', unit] => digit_value(*unit)?.checked_add(10)?,
        [tens, '十'] => digit_value(*tens)?.checked_mul(10)?,
        [tens, '十', unit] => digit_value(*tens)?.checked_mul(10)?.checked_add(digit_value(*unit)?)?,
        _ => return None,
    };
    (value > 0).then_some(value)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;
    use NumberingStyle::*;

    fn numbering(line: &str) -> Option<(NumberingStyle, u32, &str)> {
        leading_numbering(line).map(|found| (found.style, found.value, &line[..found.length]))
    }

    #[test]
    fn styles() {
        assert_eq!(numbering("一、概况"), Some((ChineseComma, 1, "一、")));
        assert_eq!(numbering("十二、其他"), Some((ChineseComma, 12, "十二、")));
        assert_eq!(numbering("(三)情况:"), Some((ChineseParen, 3, "(三)")));
        assert_eq!(numbering("(十)工作"), Some((ChineseParen, 10, "(十)")));
        assert_eq!(numbering("3.决策过程"), Some((ArabicDot, 3, "3.")));
        assert_eq!(numbering("6、整改"), Some((ArabicDot, 6, "6、")));
        assert_eq!(numbering("1. 2023年度"), Some((ArabicDot, 1, "1.")));
        assert_eq!(numbering("(12)明细"), Some((ArabicParen, 12, "(12)")));
        assert_eq!(numbering("②印发"), Some((Circled, 2, "②")));
    }

    #[test]
    fn lookalikes_are_not_numberings() {
        assert_eq!(numbering("1.5万元用于"), None);
        assert_eq!(numbering("2023.12.31"), None);
        assert_eq!(numbering("(2023年度)"), None);
        assert_eq!(numbering("一是加强管理"), None);
        assert_eq!(numbering("指标①:数量"), None);
        assert_eq!(numbering("100%,占总支出的"), None);
    }
}
