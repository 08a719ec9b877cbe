//! baseline: the findings a team has accepted for now, so that a run shows
//! only new ones.
//!
//! [`Baseline::record`] adds a linted file under its key (the path
//! relative to the baseline file's folder, [`Anchor::key`]);
//! [`Baseline::to_json`] and [`Baseline::parse`] store it as a small JSON
//! document:
//!
//! ```text
//! {"version": 2, "files": {KEY: [{"rule", "fingerprint", "message"}]}}
//! ```
//!
//! [`Baseline::apply`] then hides every finding of a file whose fingerprint
//! the baseline holds under the file's key, and says how many it hid, or
//! that the file has no entry at all (a renamed or a new report, whose
//! findings all show). The key makes `reports/a.txt`, `./reports/a.txt` and
//! the absolute path one file, from any working directory. The fingerprint
//! is built from the rule and the figures involved, never from positions:
//! inserting lines or moving a paragraph keeps a finding hidden, changing one
//! of its figures brings it back. Matching is by set, not by count: an entry
//! hides every finding of its file with that fingerprint. The message is
//! stored for the people who read the file and is not compared. Every
//! linted file is recorded, one without findings as an empty list, so that
//! "no entry" means the file was not linted when the baseline was written.
//! Files are sorted by key and entries keep document order, so that
//! recording the same run twice gives the same bytes.
//!
//! Version 1 files (written before keys) hold paths as given on the command
//! line and only files with findings: their paths are read as relative to
//! the working directory, and a file missing from one is not noted.

mod key;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::lint::FileOutcome;

pub use key::Anchor;

/// The format version this build writes; it reads this one and version 1.
pub const VERSION: u32 = 2;

/// Most bytes of a baseline file read: 64 MiB is some 400,000 findings,
/// hundreds of times a large batch's.
pub const MAX_BYTES: u64 = 64 << 20;

/// Accepted findings per file key.
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
    #[error("不是有效的基线文件：{}", json_problem(.0))]
    Syntax(#[from] serde_json::Error),
    #[error("基线文件版本为 {found}，本程序只支持版本 1 和 {VERSION}")]
    Version { found: u32 },
}

/// What a baseline did to one file's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The file has an entry; this many of its findings were hidden.
    Hidden(usize),
    /// The file has no entry: none of its findings was hidden.
    NoEntry,
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
    /// Adds the findings of one linted file under `key`, an empty list for
    /// a file without findings; an unreadable file adds nothing.
    pub fn record(&mut self, key: String, outcome: &FileOutcome) {
        let FileOutcome::Linted(file) = outcome else { return };
        let entries = self.files.entry(key).or_default();
        entries.extend(file.findings.iter().map(Entry::from));
    }

    /// The baseline of a whole run, each file under its path as given.
    pub fn from_outcomes(outcomes: &[FileOutcome]) -> Self {
        let mut baseline = Baseline::default();
        for outcome in outcomes {
            if let FileOutcome::Linted(file) = outcome {
                baseline.record(file.path.clone(), outcome);
            }
        }
        baseline
    }

    /// Reads a baseline written by [`Baseline::to_json`] (version 2, keys
    /// normalised against `anchor`) or by an earlier build (version 1,
    /// paths re-keyed as relative to the working directory).
    pub fn parse(text: &str, anchor: &Anchor) -> Result<Self, BaselineError> {
        let header: Header = serde_json::from_str(text)?;
        if header.version != VERSION && header.version != 1 {
            return Err(BaselineError::Version { found: header.version });
        }
        let stored: Baseline = serde_json::from_str(text)?;
        let mut files: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
        for (path, entries) in stored.files {
            let key = if stored.version == 1 { anchor.key(&path) } else { anchor.rekey(&path) };
            files.entry(key).or_default().extend(entries);
        }
        Ok(Baseline { version: stored.version, files })
    }

    /// Pretty JSON ending in a newline, ready to be committed.
    pub fn to_json(&self) -> String {
        // Strings, numbers and sorted maps always serialise.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Whether `key` has an accepted finding with this fingerprint.
    pub fn contains(&self, key: &str, fingerprint: &str) -> bool {
        self.files.get(key).is_some_and(|entries| entries.iter().any(|entry| entry.fingerprint == fingerprint))
    }

    /// Removes the findings of the file at `key` that the baseline accepts.
    /// A version 1 baseline recorded only files with findings, so a file
    /// missing from it is not reported as [`Applied::NoEntry`].
    pub fn apply(&self, key: &str, outcome: &mut FileOutcome) -> Applied {
        let FileOutcome::Linted(file) = outcome else { return Applied::Hidden(0) };
        let Some(entries) = self.files.get(key) else {
            return if self.version == 1 { Applied::Hidden(0) } else { Applied::NoEntry };
        };
        let before = file.findings.len();
        file.findings.retain(|finding| !entries.iter().any(|entry| entry.fingerprint == finding.fingerprint));
        Applied::Hidden(before.saturating_sub(file.findings.len()))
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

/// Removes the findings the baseline accepts, each file under its path as
/// given, and returns how many it removed.
pub fn filter(baseline: &Baseline, outcomes: &mut [FileOutcome]) -> usize {
    let mut hidden = 0usize;
    for outcome in outcomes {
        let FileOutcome::Linted(file) = outcome else { continue };
        let key = file.path.clone();
        if let Applied::Hidden(count) = baseline.apply(&key, outcome) {
            hidden = hidden.saturating_add(count);
        }
    }
    hidden
}

/// Where a JSON document stops being a baseline, in Chinese: serde's own
/// messages are English.
fn json_problem(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Syntax => "JSON 语法有误",
        Category::Eof => "文件不完整",
        Category::Data => "缺少字段或字段类型不对",
        Category::Io => "读取出错",
    };
    format!("第 {} 行第 {} 列：{what}", error.line(), error.column())
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

    /// Keys relative to `/审计/项目`, the run's working directory too.
    fn beside() -> Anchor {
        Anchor::new(std::path::Path::new("基线.json"), std::path::Path::new("/审计/项目"))
    }

    #[test]
    fn records_every_linted_file_sorted_by_key() {
        insta::assert_snapshot!(Baseline::from_outcomes(&outcomes()).to_json(), @r#"
        {
          "version": 2,
          "files": {
            "丙.txt": [],
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
        assert_eq!(Baseline::parse(&baseline.to_json(), &beside()).unwrap(), baseline);
        assert_eq!(baseline.len(), 3);
    }

    #[test]
    fn hides_by_key_and_fingerprint() {
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
    fn a_file_without_an_entry_is_told_apart() {
        let baseline = Baseline::from_outcomes(&outcomes());
        let mut renamed = linted("乙（修改稿）.txt", vec![finding("project-share", "00bb")]);
        assert_eq!(baseline.apply("乙（修改稿）.txt", &mut renamed), Applied::NoEntry);
        assert_eq!(rules(&renamed), ["project-share"]);
        let mut clean = linted("丙.txt", Vec::new());
        assert_eq!(baseline.apply("丙.txt", &mut clean), Applied::Hidden(0), "a clean file has an entry");
    }

    #[test]
    fn a_recorded_run_hides_everything() {
        let mut outcomes = outcomes();
        let baseline = Baseline::from_outcomes(&outcomes);
        assert_eq!(filter(&baseline, &mut outcomes), 3);
        assert!(outcomes.iter().all(|outcome| rules(outcome).is_empty()));
    }

    #[test]
    fn version_one_paths_are_read_from_the_working_directory() {
        let old = r#"{"version": 1, "files": {"./报告/甲.txt": [{"rule": "r", "fingerprint": "00aa", "message": "m"}],
                      "/审计/项目/报告/乙.txt": [{"rule": "r", "fingerprint": "00bb", "message": "m"}]}}"#;
        let anchor = Anchor::new(std::path::Path::new("ci/基线.json"), std::path::Path::new("/审计/项目"));
        let baseline = Baseline::parse(old, &anchor).unwrap();
        let keys: Vec<&str> = baseline.files.keys().map(String::as_str).collect();
        assert_eq!(keys, ["../报告/乙.txt", "../报告/甲.txt"]);
        assert!(baseline.contains(&anchor.key("报告/甲.txt"), "00aa"));
        // A version 1 file lists only files with findings: a missing one is not noted.
        let mut clean = linted("报告/丙.txt", Vec::new());
        assert_eq!(baseline.apply("../报告/丙.txt", &mut clean), Applied::Hidden(0));
    }

    #[test]
    fn rejects_other_versions_and_other_documents() {
        let future = Baseline::parse(r#"{"version": 3, "files": {}}"#, &beside());
        assert_eq!(future.unwrap_err().to_string(), "基线文件版本为 3，本程序只支持版本 1 和 2");
        let lint_output = Baseline::parse(r#"{"files": [], "summary": {}}"#, &beside());
        assert_eq!(lint_output.unwrap_err().to_string(), "不是有效的基线文件：第 1 行第 28 列：缺少字段或字段类型不对");
        let cut = Baseline::parse("{\"version\": 2", &beside());
        assert_eq!(cut.unwrap_err().to_string(), "不是有效的基线文件：第 1 行第 13 列：文件不完整");
        assert!(Baseline::parse(r#"{"version": 2, "files": {}}"#, &beside()).unwrap().is_empty());
    }
}
