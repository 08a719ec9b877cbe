//! tally: outcomes → the counts of a run's summary.
//!
//! `files` counts every input, read or not; `failed` counts those that could
//! not be read, and `unreadable` names them in input order. Finding counts
//! are per severity and per rule id; the rule map is sorted so that output
//! is stable. `hidden` (findings a baseline hid), `not_in_baseline` (files
//! a baseline has no entry for) and `unsupported` (files of other types in
//! the linted folders) are not in the outcomes: the caller sets them. A streaming caller adds outcomes one at a time
//! ([`Tally::add`]) or merges per-file tallies in input order ([`Tally::merge`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::finding::Severity;
use crate::lint::FileOutcome;

/// The summary of a run. Serialised as the JSON `summary` object, so field
/// names are part of the JSON contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub failed: usize,
    pub by_rule: BTreeMap<String, usize>,
    /// Findings a baseline hid. Left out of JSON when zero, so that a run
    /// without a baseline keeps the documented shape.
    #[serde(skip_serializing_if = "is_zero")]
    pub hidden: usize,
    /// Files found in linted folders whose type is no report format, not
    /// linted and not listed. Left out of JSON when zero; the caller sets it.
    #[serde(skip_serializing_if = "is_zero")]
    pub unsupported: usize,
    /// Linted files the `--baseline` has no entry for (renamed or new
    /// reports, none of whose findings was hidden), in input order. Left
    /// out of JSON when empty; the caller sets it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_in_baseline: Vec<String>,
    /// The paths of the files that could not be read, in input order. Not
    /// serialised: the JSON `files` list already carries each one's error.
    #[serde(skip)]
    pub unreadable: Vec<String>,
    /// The title of each check in `by_rule`, for people. Not serialised:
    /// each JSON finding carries its title.
    #[serde(skip)]
    pub titles: BTreeMap<String, String>,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

impl Tally {
    pub fn count(outcomes: &[FileOutcome]) -> Self {
        let mut tally = Tally::default();
        outcomes.iter().for_each(|outcome| tally.add(outcome));
        tally
    }

    /// The run in one sentence ending in `。`, for the terminal and the HTML
    /// page alike. Finding counts are always shown, zeros included (a
    /// reviewer reads "0 个错误" as the good news it is); unreadable files,
    /// hidden findings, files a baseline has no entry for and files of
    /// other types only when there are some.
    pub fn sentence(&self) -> String {
        let mut line = String::new();
        // Writing to a String cannot fail.
        let _ = write!(
            line,
            "共检查 {} 个文件：{} 个错误，{} 个警告，{} 条提示",
            self.files, self.errors, self.warnings, self.infos
        );
        if self.failed > 0 {
            let _ = write!(line, "；{} 个文件无法读取", self.failed);
        }
        if self.hidden > 0 {
            let _ = write!(line, "；已按基线隐藏 {} 条", self.hidden);
        }
        match self.not_in_baseline.as_slice() {
            [] => {}
            [_] if self.files == 1 => line.push_str("；基线中没有此文件的记录，其问题全部列出"),
            paths => {
                let _ = write!(line, "；{} 个文件在基线中没有记录", paths.len());
            }
        }
        if self.unsupported > 0 {
            let _ = write!(line, "；文件夹中另有 {} 个文件不是报告格式，未检查", self.unsupported);
        }
        line.push('。');
        line
    }

    /// Counts one more input.
    pub fn add(&mut self, outcome: &FileOutcome) {
        self.files = self.files.saturating_add(1);
        match outcome {
            FileOutcome::Failed(file) => {
                self.failed = self.failed.saturating_add(1);
                self.unreadable.push(file.path.clone());
            }
            FileOutcome::Linted(file) => {
                for finding in &file.findings {
                    let severity_count = match finding.severity {
                        Severity::Error => &mut self.errors,
                        Severity::Warning => &mut self.warnings,
                        Severity::Info => &mut self.infos,
                    };
                    *severity_count = severity_count.saturating_add(1);
                    match self.by_rule.get_mut(&finding.rule) {
                        Some(count) => *count = count.saturating_add(1),
                        None => {
                            self.by_rule.insert(finding.rule.clone(), 1);
                            self.titles.insert(finding.rule.clone(), finding.title.clone());
                        }
                    }
                }
            }
        }
    }

    /// Adds the counts of later inputs.
    pub fn merge(&mut self, later: Tally) {
        self.files = self.files.saturating_add(later.files);
        self.errors = self.errors.saturating_add(later.errors);
        self.warnings = self.warnings.saturating_add(later.warnings);
        self.infos = self.infos.saturating_add(later.infos);
        self.failed = self.failed.saturating_add(later.failed);
        self.hidden = self.hidden.saturating_add(later.hidden);
        self.unsupported = self.unsupported.saturating_add(later.unsupported);
        for (rule, count) in later.by_rule {
            let total = self.by_rule.entry(rule).or_default();
            *total = total.saturating_add(count);
        }
        self.unreadable.extend(later.unreadable);
        self.not_in_baseline.extend(later.not_in_baseline);
        for (rule, title) in later.titles {
            self.titles.entry(rule).or_insert(title);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn counts_every_input_and_every_finding() {
        let outcomes = fixture::outcomes();
        let tally = Tally::count(&outcomes);
        assert_eq!((tally.files, tally.failed), (3, 1));
        assert_eq!((tally.errors, tally.warnings, tally.infos), (1, 1, 1));
        let rules: Vec<_> = tally.by_rule.keys().map(String::as_str).collect();
        assert_eq!(rules, ["budget-execution-rate", "indicator-table-missing", "training-count"]);
        assert_eq!(tally.unreadable, ["旧档案.txt"]);
    }

    #[test]
    fn hidden_appears_in_json_only_when_set() {
        let mut tally = Tally { files: 1, ..Tally::default() };
        assert!(!serde_json::to_string(&tally).unwrap_or_default().contains("hidden"));
        tally.hidden = 2;
        assert!(serde_json::to_string(&tally).unwrap_or_default().contains(r#""hidden":2"#));
    }
}
