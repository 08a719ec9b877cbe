//! One fact stated twice with values that cannot be equal.
//!
//! 954.81万元 and 9548199.71元 are the same figure only if their rounding
//! intervals overlap once both are in 元; 942.42元 against 942.42万元 is a
//! unit slip. Each later mention that disagrees with the first is a finding
//! pointing at both.

use super::quantity::Quantity;
use super::resolve::written;
use crate::extract::{Facts, Mention, Value};
use crate::finding::{Finding, Label, Severity};
use crate::rules::Pack;

pub const RULE: &str = "fact-conflict";

pub fn findings(pack: &Pack, facts: &Facts) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (name, mentions) in &facts.values {
        let Some((first, rest)) = mentions.split_first() else { continue };
        let label = pack.facts.get(name).map_or(name.as_str(), |fact| fact.label.as_str());
        for later in rest {
            if agree(first, later) {
                continue;
            }
            let (first_text, later_text) = (written(first), written(later));
            findings.push(Finding {
                rule: RULE.into(),
                severity: Severity::Error,
                message: format!("“{label}”前后不一致：{first_text} 与 {later_text}"),
                primary: Some(Label { span: later.span, text: format!("此处为 {later_text}") }),
                related: vec![Label { span: first.span, text: format!("前文为 {first_text}") }],
                help: Some(format!("同一数字在报告中应一致；核对后统一为正确的值（前文为 {first_text}）")),
                expected: Some(first_text.clone()),
                actual: Some(later_text.clone()),
                fingerprint: super::fingerprint(RULE, &[name.clone(), first_text, later_text]),
            });
        }
    }
    findings
}

fn agree(first: &Mention, later: &Mention) -> bool {
    match (&first.value, &later.value) {
        (Value::Figure(first), Value::Figure(later)) => {
            match (Quantity::from_number(first), Quantity::from_number(later)) {
                (Ok(first), Ok(later)) => first.interval().overlaps(later.interval()),
                _ => true,
            }
        }
        (Value::Text(first), Value::Text(later)) => first == later,
        _ => true,
    }
}
