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
use crate::finding::{BUILT_INS, BuiltIn};
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

/// The descriptors of a run, sorted by id.
pub(super) fn descriptors(files: &[SarifFile], rules: &RuleSet) -> Vec<Descriptor> {
    let mut by_id: BTreeMap<&str, Descriptor> = BUILT_INS.iter().map(|rule| (rule.id, built_in(rule))).collect();
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

fn built_in(rule: &BuiltIn) -> Descriptor {
    Descriptor {
        id: rule.id.to_owned(),
        short_description: Text::new(rule.title),
        full_description: Some(Text::new(rule.rationale)),
        help: None,
        default_configuration: Configuration { level: level(rule.severity) },
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
