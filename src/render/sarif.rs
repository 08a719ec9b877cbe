//! sarif: outcomes + the rule set → one SARIF 2.1.0 log, for code-scanning
//! dashboards (GitHub code scanning, the VS Code SARIF viewer).
//!
//! One run. `tool.driver.rules` describes every rule a result names plus the
//! built-in rules (`sarif::descriptor`); each result points at its rule by id
//! and index. Positions come from [`LineIndex`]: 1-based lines, columns
//! counted in characters (`columnKind: unicodeCodePoints`), the end being the
//! position of the span's exclusive end byte. A finding without a primary
//! span is located at its file alone. An unreadable file is a tool execution
//! notification, and the invocation is then not successful. Artifact URIs are
//! URI references (`sarif::uri`). Keys keep struct order; output is pretty
//! JSON ending in a newline.
//!
//! A long run is written from summaries ([`SarifFile`]): each file's results
//! are placed in lines and columns as soon as it is linted, and its text is
//! dropped; the log is assembled at the end, when the rules it names are
//! known, since `tool.driver.rules` comes before the results.

mod descriptor;
mod log;
mod uri;

use std::collections::BTreeMap;

use self::log::{
    ArtifactLocation, Driver, Invocation, Location, Log, Notification, PhysicalLocation, Properties, Region, Run,
    SarifResult, Text, Tool,
};
use crate::finding::{Finding, Label, Severity};
use crate::lint::{FailedFile, FileOutcome, LintedFile};
use crate::rules::RuleSet;
use crate::span::LineIndex;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of `partialFingerprints`; bump the suffix if fingerprints change meaning.
const FINGERPRINT_KEY: &str = "reportlint/v1";

/// Renders every outcome as one SARIF log. `rules` supplies the title,
/// rationale and basis of each check a finding names.
pub fn sarif(outcomes: &[FileOutcome], rules: &RuleSet) -> String {
    sarif_log(outcomes.iter().map(sarif_file).collect(), rules)
}

/// One file's share of a SARIF log: its results placed, or why it could
/// not be read. It holds no report text but the findings' snippets.
pub struct SarifFile(Part);

enum Part {
    Linted { pack: String, results: Vec<SarifResult> },
    Failed(Notification),
}

impl SarifFile {
    /// Each result with the pack that produced it.
    fn results(&self) -> impl Iterator<Item = (&str, &SarifResult)> {
        let (pack, results) = match &self.0 {
            Part::Linted { pack, results } => (pack.as_str(), results.as_slice()),
            Part::Failed(_) => ("", [].as_slice()),
        };
        results.iter().map(move |result| (pack, result))
    }
}

/// The summary of one outcome, for [`sarif_log`].
pub fn sarif_file(outcome: &FileOutcome) -> SarifFile {
    SarifFile(match outcome {
        FileOutcome::Linted(file) => {
            let locator = Locator::new(file);
            Part::Linted { pack: file.pack.clone(), results: file.findings.iter().map(|f| locator.result(f)).collect() }
        }
        FileOutcome::Failed(file) => Part::Failed(notification(file)),
    })
}

/// The SARIF log of a run from its files' summaries, in input order.
pub fn sarif_log(files: Vec<SarifFile>, rules: &RuleSet) -> String {
    let descriptors = descriptor::descriptors(&files, rules);
    let index: BTreeMap<&str, usize> =
        descriptors.iter().enumerate().map(|(position, descriptor)| (descriptor.id.as_str(), position)).collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for SarifFile(part) in files {
        match part {
            Part::Linted { results: placed, .. } => results.extend(placed.into_iter().map(|mut result| {
                result.rule_index = index.get(result.rule_id.as_str()).copied().unwrap_or_default();
                result
            })),
            Part::Failed(notification) => notifications.push(notification),
        }
    }
    let invocation =
        Invocation { execution_successful: notifications.is_empty(), tool_execution_notifications: notifications };
    let driver = Driver { name: "reportlint", version: env!("CARGO_PKG_VERSION"), rules: &descriptors };
    let run = Run { tool: Tool { driver }, invocations: [invocation], column_kind: "unicodeCodePoints", results };
    let log = Log { schema: SCHEMA, version: "2.1.0", runs: [run] };
    // Plain structs of strings, numbers and sorted maps always serialise.
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// SARIF's three levels for our three severities.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn notification(file: &FailedFile) -> Notification {
    Notification {
        level: "error",
        message: Text::new(format!("无法读取 {}：{}", file.path, file.error)),
        locations: [Location { id: None, physical_location: artifact(&file.path, None), message: None }],
    }
}

fn artifact(path: &str, region: Option<Region>) -> PhysicalLocation {
    PhysicalLocation { artifact_location: ArtifactLocation { uri: uri::from_path(path) }, region }
}

/// One report's text and line starts, to place its findings.
struct Locator<'t> {
    path: &'t str,
    text: &'t str,
    lines: LineIndex,
}

impl<'t> Locator<'t> {
    fn new(file: &'t LintedFile) -> Self {
        let text = file.document.text.as_str();
        Locator { path: &file.path, text, lines: LineIndex::new(text) }
    }

    /// The finding's result; its `rule_index` is set when the log is made.
    fn result(&self, finding: &Finding) -> SarifResult {
        let message = match &finding.help {
            Some(help) => format!("{}（{help}）", finding.message),
            None => finding.message.clone(),
        };
        let primary = match &finding.primary {
            Some(label) => self.location(None, label),
            None => Location { id: None, physical_location: artifact(self.path, None), message: None },
        };
        let related =
            finding.related.iter().enumerate().map(|(at, label)| self.location(Some(at.saturating_add(1)), label));
        SarifResult {
            rule_id: finding.rule.clone(),
            rule_index: 0,
            level: level(finding.severity),
            message: Text::new(message),
            locations: [primary],
            related_locations: related.collect(),
            partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, finding.fingerprint.clone())]),
            properties: Properties { expected: finding.expected.clone(), actual: finding.actual.clone() },
        }
    }

    fn location(&self, id: Option<usize>, label: &Label) -> Location {
        let start = self.lines.position(self.text, label.span.start);
        let end = self.lines.position(self.text, label.span.end);
        let snippet = self.text.get(label.span.start..label.span.end).unwrap_or_default();
        let region = Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
            snippet: Text::new(snippet),
        };
        Location { id, physical_location: artifact(self.path, Some(region)), message: Some(Text::new(&label.text)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    fn log() -> serde_json::Value {
        let rules = RuleSet { packs: BTreeMap::new() };
        serde_json::from_str(&sarif(&fixture::outcomes(), &rules)).unwrap_or_default()
    }

    #[test]
    fn results_point_at_character_columns() {
        let log = log();
        let rate = &log["runs"][0]["results"][1];
        assert_eq!(rate["ruleId"], "budget-execution-rate");
        let region = &rate["locations"][0]["physicalLocation"]["region"];
        // `100%` is characters 49..=52 of line 3; the end is the column after it.
        assert_eq!((&region["startLine"], &region["startColumn"]), (&3.into(), &49.into()));
        assert_eq!((&region["endLine"], &region["endColumn"]), (&3.into(), &53.into()));
        assert_eq!(region["snippet"]["text"], "100%");
        assert_eq!(rate["relatedLocations"][1]["message"]["text"], "实际支出");
        assert_eq!(rate["message"]["text"], "资金执行率与全年预算、实际支出不符（应为 91.49%（298.62 ÷ 326.40））");
        assert_eq!(rate["partialFingerprints"][FINGERPRINT_KEY], "budget-execution-rate:budget.execution_rate=100%");
        let whole_report = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
        assert!(whole_report.get("region").is_none());
        assert_eq!(log["runs"][0]["results"][2]["level"], "note");
    }

    #[test]
    fn rules_unknown_to_every_pack_are_still_described() {
        let log = log();
        let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().cloned().unwrap_or_default();
        let ids: Vec<_> = rules.iter().filter_map(|rule| rule["id"].as_str()).collect();
        assert_eq!(
            ids,
            [
                "budget-execution-rate",
                "fact-conflict",
                "indicator-table-missing",
                "pack-fallback",
                "source-notice",
                "training-count"
            ]
        );
        assert_eq!(log["runs"][0]["results"][2]["ruleIndex"], 5);
        assert_eq!(rules[5]["defaultConfiguration"]["level"], "note");
    }

    #[test]
    fn an_unreadable_file_fails_the_invocation() {
        let log = log();
        let invocation = &log["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let notification = &invocation["toolExecutionNotifications"][0];
        assert_eq!(
            notification["message"]["text"],
            "无法读取 旧档案.txt：不是 UTF-8 或 GB18030 文本：字节偏移 17 处无法解码"
        );
    }
}
