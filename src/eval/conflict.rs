//! One fact stated twice with values that cannot be equal.
//!
//! 954.81万元 and 9548199.71元 are the same figure only if their rounding
//! intervals overlap once both are in 元; 942.42元 against 942.42万元 is a
//! unit slip, and the help says so. Each later mention that disagrees with
//! the first is a finding pointing at both.

use super::quantity::Quantity;
use super::resolve::written;
use crate::extract::{Facts, Mention, Value, Via};
use crate::finding::{Finding, Label, Severity};
use crate::report::Number;
use crate::rules::{Kind, Pack};

pub const RULE: &str = "fact-conflict";

pub fn findings(pack: &Pack, facts: &Facts) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (name, mentions) in &facts.values {
        // A synonym's reading that disagrees is about something else.
        let strong: Vec<&Mention> = mentions.iter().filter(|mention| mention.via != Via::Synonym).collect();
        let Some((first, rest)) = strong.split_first() else { continue };
        let label = pack.facts.get(name).map_or(name.as_str(), |fact| fact.label.as_str());
        for later in rest.iter().copied() {
            if agree(first, later) {
                continue;
            }
            let (first_text, later_text) = (written(first), written(later));
            let (help, note) = match slip(pack, name, first, later) {
                Some(meant) => (format!("单位可能有误：此处的 {later_text} 按{meant}，与前文一致"), "（单位可能有误）"),
                None => (format!("同一数字在报告中应一致；核对后统一为正确的值（前文为 {first_text}）"), ""),
            };
            findings.push(Finding {
                rule: RULE.into(),
                title: crate::finding::built_in_title(RULE).into(),
                severity: Severity::Error,
                message: format!("“{label}”前后不一致：{first_text} 与 {later_text}"),
                primary: Some(Label { span: later.span, text: format!("此处为 {later_text}{note}") }),
                related: vec![Label { span: first.span, text: format!("前文为 {first_text}") }],
                help: Some(help),
                expected: Some(first_text.clone()),
                actual: Some(later_text.clone()),
                fingerprint: super::fingerprint(RULE, &[name.clone(), first_text, later_text]),
            });
        }
    }
    findings
}

/// Facts stated more than once, every statement agreeing: what `-v` lists
/// as held (`“全年实际支出”两处一致：89.974万元、89.97万元`).
pub fn agreements(pack: &Pack, facts: &Facts) -> Vec<String> {
    let mut agreements = Vec::new();
    for (name, mentions) in &facts.values {
        let filled: Vec<&Mention> = mentions.iter().filter(|mention| mention.value != Value::Empty).collect();
        let Some(first) = filled.first() else { continue };
        let mut texts: Vec<String> = filled.iter().map(|mention| written(mention)).collect();
        texts.dedup();
        if filled.len() < 2 || !filled.iter().all(|other| agree(first, other)) {
            continue;
        }
        let label = pack.facts.get(name).map_or(name.as_str(), |fact| fact.label.as_str());
        agreements.push(format!("“{label}”{} 处写法一致：{}", filled.len(), texts.join("、")));
    }
    agreements
}

/// "万元计应为 942.42万元" when `later` is `first` written in a neighbouring
/// unit by mistake (942.42元 for 942.42万元).
fn slip(pack: &Pack, name: &str, first: &Mention, later: &Mention) -> Option<String> {
    let (Value::Figure(first), Value::Figure(later)) = (&first.value, &later.value) else { return None };
    let kind = pack.facts.get(name).map_or(Kind::Number, |fact| fact.kind);
    let unit = super::slip::restated(first, later, kind)?;
    Some(format!("{}计应为 {}", super::slip::unit_name(unit), super::slip::reread_text(later, unit)))
}

pub fn agree(first: &Mention, later: &Mention) -> bool {
    match (&first.value, &later.value) {
        (Value::Figure(first), Value::Figure(later)) => agree_numbers(first, later),
        (Value::Text(first), Value::Text(later)) => first == later,
        _ => true,
    }
}

/// Whether two figures may be one value: their rounding intervals overlap
/// once both are in one unit.
pub fn agree_numbers(first: &Number, later: &Number) -> bool {
    match (Quantity::from_number(first), Quantity::from_number(later)) {
        (Ok(first), Ok(later)) => first.interval().overlaps(later.interval()),
        _ => true,
    }
}
