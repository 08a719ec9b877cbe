//! baseline: the findings a team has accepted for now, so that a run shows
//! only new ones.
//!
//! [`Baseline::record`] turns outcomes into a baseline; [`Baseline::to_json`]
//! and [`Baseline::parse`] store it as a small JSON document:
//!
//! ```text
//! {"version": 1, "files": {PATH: [{"rule", "fingerprint", "message"}]}}
//! ```
//!
//! [`filter`] then hides every finding whose (path, fingerprint) pair the
//! baseline holds and returns how many it hid. A path matches as given on
//! the command line (`reports/a.txt` and `./reports/a.txt` differ), and the
//! fingerprint is built from the rule and the figures involved, never from
//! positions: inserting lines or moving a paragraph keeps a finding hidden,
//! changing one of its figures brings it back. Matching is by set, not by
//! count: a baseline entry hides every finding of its file with that
//! fingerprint. The message is stored for the people who read the file and
//! is not compared. Files are sorted by path and entries keep document
//! order, so that recording the same run twice gives the same bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::lint::FileOutcome;

/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Most bytes of a baseline file read: 64 MiB is some 400,000 findings,
/// hundreds of times a large batch's.
pub const MAX_BYTES: u64 = 64 << 20;

/// Accepted findings per file path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub files: BTreeMap<String, Vec<Entry>>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub fingerprint: String,
    pub message: String,
}

/// A baseline file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("不是有效的基线文件：{0}")]
    Syntax(#[from] serde_json::Error),
    #[error("基线文件版本为 {found}，本程序只支持版本 {VERSION}")]
    Version { found: u32 },
}

/// Only the version, read first so that a future format gets a clear
/// message instead of a field error.
#[derive(Deserialize)]
struct Header {
    version: u32,
}

impl Default for Baseline {
    fn default() -> Self {
        Baseline { version: VERSION, files: BTreeMap::new() }
    }
}

impl Baseline {
    /// Adds the findings of one outcome; an unreadable file or a file
    /// without findings adds nothing.
    pub fn record(&mut self, outcome: &FileOutcome) {
        let FileOutcome::Linted(file) = outcome else { return };
        if file.findings.is_empty() {
            return;
        }
        let entries = self.files.entry(file.path.clone()).or_default();
        entries.extend(file.findings.iter().map(Entry::from));
    }

    /// The baseline of a whole run.
    pub fn from_outcomes(outcomes: &[FileOutcome]) -> Self {
        let mut baseline = Baseline::default();
        outcomes.iter().for_each(|outcome| baseline.record(outcome));
        baseline
    }

    /// Reads a baseline written by [`Baseline::to_json`].
    pub fn parse(text: &str) -> Result<Self, BaselineError> {
        let header: Header = serde_json::from_str(text)?;
        if header.version != VERSION {
            return Err(BaselineError::Version { found: header.version });
        }
        Ok(serde_json::from_str(text)?)
    }

    /// Pretty JSON ending in a newline, ready to be committed.
    pub fn to_json(&self) -> String {
        // Strings, numbers and sorted maps always serialise.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Whether `path` has an accepted finding with this fingerprint.
    pub fn contains(&self, path: &str, fingerprint: &str) -> bool {
        self.files.get(path).is_some_and(|entries| entries.iter().any(|entry| entry.fingerprint == fingerprint))
    }

    /// How many findings the baseline holds.
    pub fn len(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.files.values().all(Vec::is_empty)
    }
}

impl From<&Finding> for Entry {
    fn from(finding: &Finding) -> Self {
        Entry { rule: finding.rule.clone(), fingerprint: finding.fingerprint.clone(), message: finding.message.clone() }
    }
}

/// Removes the findings the baseline accepts and returns how many it removed.
pub fn filter(baseline: &Baseline, outcomes: &mut [FileOutcome]) -> usize {
    let mut hidden = 0usize;
    for outcome in outcomes {
        let FileOutcome::Linted(file) = outcome else { continue };
        let before = file.findings.len();
        file.findings.retain(|finding| !baseline.contains(&file.path, &finding.fingerprint));
        hidden = hidden.saturating_add(before.saturating_sub(file.findings.len()));
    }
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::lint::{FailedFile, LintedFile};
    use crate::source::{Document, Format, SourceError};

    fn finding(rule: &str, fingerprint: &str) -> Finding {
        Finding {
            rule: rule.to_owned(),
            title: format!("{rule} 的标题"),
            severity: Severity::Error,
            message: format!("{rule} 不符"),
            primary: None,
            related: Vec::new(),
            help: None,
            expected: None,
            actual: None,
            fingerprint: fingerprint.to_owned(),
        }
    }

    fn linted(path: &str, findings: Vec<Finding>) -> FileOutcome {
        let document = Document::new(path, "正文。".to_owned(), Format::Text, Vec::new());
        FileOutcome::Linted(LintedFile {
            path: path.to_owned(),
            pack: "national".to_owned(),
            document,
            findings,
            skipped: Vec::new(),
            passed: Vec::new(),
            notes: Vec::new(),
            forms: Vec::new(),
        })
    }

    fn outcomes() -> Vec<FileOutcome> {
        vec![
            linted("乙.txt", vec![finding("budget-execution-rate", "00aa"), finding("project-share", "00bb")]),
            linted("甲.txt", vec![finding("budget-execution-rate", "00cc")]),
            linted("丙.txt", Vec::new()),
            FileOutcome::Failed(FailedFile { path: "丁.txt".to_owned(), error: SourceError::Empty }),
        ]
    }

    fn rules(outcome: &FileOutcome) -> Vec<&str> {
        match outcome {
            FileOutcome::Linted(file) => file.findings.iter().map(|finding| finding.rule.as_str()).collect(),
            FileOutcome::Failed(_) => Vec::new(),
        }
    }

    #[test]
    fn records_files_with_findings_sorted_by_path() {
        insta::assert_snapshot!(Baseline::from_outcomes(&outcomes()).to_json(), @r#"
        {
          "version": 1,
          "files": {
            "乙.txt": [
              {
                "rule": "budget-execution-rate",
                "fingerprint": "00aa",
                "message": "budget-execution-rate 不符"
              },
              {
                "rule": "project-share",
                "fingerprint": "00bb",
                "message": "project-share 不符"
              }
            ],
            "甲.txt": [
              {
                "rule": "budget-execution-rate",
                "fingerprint": "00cc",
                "message": "budget-execution-rate 不符"
              }
            ]
          }
        }
        "#);
    }

    #[test]
    fn round_trips_through_json() {
        let baseline = Baseline::from_outcomes(&outcomes());
        assert_eq!(Baseline::parse(&baseline.to_json()).unwrap(), baseline);
        assert_eq!(baseline.len(), 3);
    }

    #[test]
    fn hides_by_path_and_fingerprint() {
        let mut baseline = Baseline::default();
        baseline.files.insert("乙.txt".to_owned(), vec![Entry::from(&finding("project-share", "00bb"))]);
        // The same fingerprint in another file is not accepted there.
        baseline.files.insert("丙.txt".to_owned(), vec![Entry::from(&finding("budget-execution-rate", "00cc"))]);
        let mut outcomes = outcomes();
        assert_eq!(filter(&baseline, &mut outcomes), 1);
        assert_eq!(rules(&outcomes[0]), ["budget-execution-rate"]);
        assert_eq!(rules(&outcomes[1]), ["budget-execution-rate"]);
    }

    #[test]
    fn a_recorded_run_hides_everything() {
        let mut outcomes = outcomes();
        let baseline = Baseline::from_outcomes(&outcomes);
        assert_eq!(filter(&baseline, &mut outcomes), 3);
        assert!(outcomes.iter().all(|outcome| rules(outcome).is_empty()));
    }

    #[test]
    fn rejects_other_versions_and_other_documents() {
        let future = Baseline::parse(r#"{"version": 2, "files": {}}"#);
        assert_eq!(future.unwrap_err().to_string(), "基线文件版本为 2，本程序只支持版本 1");
        let lint_output = Baseline::parse(r#"{"files": [], "summary": {}}"#);
        assert!(lint_output.unwrap_err().to_string().contains("missing field `version`"));
        assert!(matches!(Baseline::parse("{\"version\": 1"), Err(BaselineError::Syntax(_))));
        assert!(Baseline::parse(r#"{"version": 1, "files": {}}"#).unwrap().is_empty());
    }
}
