//! descriptor: the rules a SARIF log describes (`tool.driver.rules`).
//!
//! Every rule id a finding names, plus the built-in rules the engine emits
//! without a YAML check, sorted by id so that `ruleIndex` is stable. A
//! check's descriptor comes from the pack that produced the finding: the
//! first report (in the order given) naming the id decides, since packs may
//! override a check's title or severity. An id no pack and no built-in knows
//! (a rule folder changed under us) still gets a descriptor, built from the
//! finding, so every result resolves.

use std::collections::BTreeMap;

use serde::Serialize;

use super::SarifFile;
use super::level;
use super::log::{SarifResult, Text};
use crate::finding::Severity;
use crate::rules::{Check, RuleSet};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Descriptor {
    pub id: String,
    short_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

/// (id, title, rationale, default severity) of the rules `lint` and `eval`
/// emit on their own.
const BUILT_INS: [(&str, &str, &str, Severity); 3] = [
    (
        "fact-conflict",
        "同一数字在报告各处应一致",
        "报告在不同段落或表格中重复写到同一项数字（如年初预算数）时，各处必须相同；不一致说明至少有一处抄错或算错。",
        Severity::Error,
    ),
    (
        "pack-fallback",
        "未识别出地区模板，已改用通用规则包",
        "规则包按报告中能识别地区或模板的文字选择；识别不出时使用全国通用规则，地区特有的检查不会运行。",
        Severity::Info,
    ),
    (
        "source-notice",
        "关于文件本身的提示",
        "文件本身的情况会影响检查结果，例如 PDF 没有文字层时读不出任何数字。",
        Severity::Info,
    ),
];

/// The descriptors of a run, sorted by id.
pub(super) fn descriptors(files: &[SarifFile], rules: &RuleSet) -> Vec<Descriptor> {
    let mut by_id: BTreeMap<&str, Descriptor> = BUILT_INS
        .iter()
        .map(|&(id, title, rationale, severity)| (id, built_in(id, title, rationale, severity)))
        .collect();
    for (pack, result) in files.iter().flat_map(SarifFile::results) {
        let pack = rules.pack(pack);
        by_id.entry(result.rule_id.as_str()).or_insert_with(|| {
            match pack.and_then(|pack| pack.check(&result.rule_id)) {
                Some(check) => from_check(check),
                None => from_result(result),
            }
        });
    }
    by_id.into_values().collect()
}

fn built_in(id: &str, title: &str, rationale: &str, severity: Severity) -> Descriptor {
    Descriptor {
        id: id.to_owned(),
        short_description: Text::new(title),
        full_description: Some(Text::new(rationale)),
        help: None,
        default_configuration: Configuration { level: level(severity) },
    }
}

fn from_check(check: &Check) -> Descriptor {
    Descriptor {
        id: check.id.clone(),
        short_description: Text::new(&check.title),
        full_description: check.rationale.as_deref().map(Text::new),
        help: check.basis.as_deref().map(|basis| Text::new(format!("依据：{basis}"))),
        default_configuration: Configuration { level: level(check.severity) },
    }
}

/// An id no pack knows (a rule folder changed under us), described by its
/// first result.
fn from_result(result: &SarifResult) -> Descriptor {
    Descriptor {
        id: result.rule_id.clone(),
        short_description: Text::new(&result.rule_id),
        full_description: None,
        help: None,
        default_configuration: Configuration { level: result.level },
    }
}
