//! json: outcomes → one pretty JSON document for tools.
//!
//! The shape is a contract other tools read; change it only with them:
//!
//! ```text
//! {"files": [{"path", "pack", "findings": [{"rule", "severity", "message",
//!    "line", "column", "end_line", "end_column", "expected", "actual", "help",
//!    "related": [{"line", "column", "end_line", "end_column", "label"}],
//!    "fingerprint"}]}],
//!  "summary": {"files", "errors", "warnings", "infos", "failed", "by_rule": {rule: count}}}
//! ```
//!
//! With `-v` ([`JsonOptions::verbose`]) a linted file also has, after its
//! findings, `"notes"` (what its tables showed but was not read, and why),
//! `"passed"` (`[{"rule", "detail", "scope"?}]`: each check that held, with
//! its figures) and `"skipped"` (`[{"rule", "reason", "rule_error",
//! "scope"?}]`), so that a batch tells a clean report from one whose form
//! was not read. Without `-v` the shape is as above, byte for byte.
//!
//! An unreadable file is `{"path", "pack": null, "error", "findings": []}`;
//! so is a folder a batch walk passed over. The summary also has `hidden`
//! (findings a baseline hid) and `unsupported` (files of other types in the
//! linted folders) when they are not zero.
//! Positions are 1-based, columns count characters, an end is the position
//! of the span's exclusive end byte; all four are null for a finding without
//! a primary span. A finding or related entry whose span lies in a
//! spreadsheet cell also has `"location": "Sheet1!F12"` after its position
//! (absent otherwise). Keys keep struct order; `by_rule` is sorted.
//!
//! A streaming caller renders each file with [`json_file`] (on any thread)
//! and joins the parts in input order with a [`JsonStream`]; [`json`] is
//! that same stream over a whole run, so both give the same bytes.

use serde::Serialize;

use crate::eval::{Passed, Skipped};
use crate::finding::{Finding, Label, Severity};
use crate::lint::FileOutcome;
use crate::render::tally::Tally;
use crate::source::Document;
use crate::span::{LineIndex, Position, Span};

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    pack: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    findings: Vec<JsonFinding<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    passed: Option<&'a [Passed]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<&'a [Skipped]>,
}

/// What a file's JSON holds besides its findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonOptions {
    /// The notes, passed and skipped checks of `-v`.
    pub verbose: bool,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    title: &'a str,
    severity: Severity,
    message: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    expected: Option<&'a str>,
    actual: Option<&'a str>,
    help: Option<&'a str>,
    related: Vec<Related<'a>>,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct Related<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    label: &'a str,
}

/// Renders every outcome and the summary as pretty JSON ending in a newline.
pub fn json(outcomes: &[FileOutcome], options: &JsonOptions) -> String {
    let mut stream = JsonStream::default();
    let mut text: String = outcomes.iter().map(|outcome| stream.push(&json_file(outcome, options))).collect();
    text.push_str(&stream.finish(&Tally::count(outcomes)));
    text
}

/// One element of the `files` array, pretty and indented to its place.
pub fn json_file(outcome: &FileOutcome, options: &JsonOptions) -> String {
    // Plain structs of strings, numbers and sorted maps always serialise.
    indent(&serde_json::to_string_pretty(&file(outcome, options)).unwrap_or_default(), "    ")
}

/// Joins [`json_file`] parts into the document `serde_json` would print for
/// the whole run: `{"files": [parts…], "summary": {…}}`.
#[derive(Debug, Default)]
pub struct JsonStream {
    files: usize,
}

impl JsonStream {
    /// The text to write before and with the next file's part.
    pub fn push(&mut self, part: &str) -> String {
        let before = if self.files == 0 { "{\n  \"files\": [\n    " } else { ",\n    " };
        self.files = self.files.saturating_add(1);
        format!("{before}{part}")
    }

    /// The end of the document, with the run's summary.
    pub fn finish(self, tally: &Tally) -> String {
        let summary = indent(&serde_json::to_string_pretty(tally).unwrap_or_default(), "  ");
        let files = if self.files == 0 { "{\n  \"files\": [],\n" } else { "\n  ],\n" };
        format!("{files}  \"summary\": {summary}\n}}\n")
    }
}

/// Indents every line but the first, which goes after a prefix already
/// written. JSON strings hold no raw line breaks, so lines are safe to split.
fn indent(pretty: &str, prefix: &str) -> String {
    pretty.replace('\n', &format!("\n{prefix}"))
}

fn file<'a>(outcome: &'a FileOutcome, options: &JsonOptions) -> File<'a> {
    match outcome {
        FileOutcome::Linted(linted) => {
            let document = &linted.document;
            let locator = Locator { document, lines: LineIndex::new(&document.text) };
            let verbose = options.verbose;
            File {
                path: &linted.path,
                pack: Some(&linted.pack),
                error: None,
                findings: linted.findings.iter().map(|finding| locator.finding(finding)).collect(),
                notes: verbose.then_some(linted.notes.as_slice()),
                passed: verbose.then_some(linted.passed.as_slice()),
                skipped: verbose.then_some(linted.skipped.as_slice()),
            }
        }
        FileOutcome::Failed(failed) => File {
            path: &failed.path,
            pack: None,
            error: Some(failed.error.to_string()),
            findings: Vec::new(),
            notes: None,
            passed: None,
            skipped: None,
        },
    }
}

/// One document and its line starts, to place its spans.
struct Locator<'t> {
    document: &'t Document,
    lines: LineIndex,
}

impl<'t> Locator<'t> {
    fn finding<'a>(&self, finding: &'a Finding) -> JsonFinding<'a>
    where
        't: 'a,
    {
        let primary = finding.primary.as_ref().map(|label| self.place(label.span));
        JsonFinding {
            rule: &finding.rule,
            title: &finding.title,
            severity: finding.severity,
            message: &finding.message,
            line: primary.map(|(start, _)| start.line),
            column: primary.map(|(start, _)| start.column),
            end_line: primary.map(|(_, end)| end.line),
            end_column: primary.map(|(_, end)| end.column),
            location: finding.primary.as_ref().and_then(|label| self.location(label.span)),
            expected: finding.expected.as_deref(),
            actual: finding.actual.as_deref(),
            help: finding.help.as_deref(),
            related: finding.related.iter().map(|label| self.related(label)).collect(),
            fingerprint: &finding.fingerprint,
        }
    }

    fn related<'a>(&self, label: &'a Label) -> Related<'a>
    where
        't: 'a,
    {
        let (start, end) = self.place(label.span);
        Related {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            location: self.location(label.span),
            label: &label.text,
        }
    }

    fn place(&self, span: Span) -> (Position, Position) {
        let text = &self.document.text;
        (self.lines.position(text, span.start), self.lines.position(text, span.end))
    }

    /// The spreadsheet cell a span starts in, if any.
    fn location(&self, span: Span) -> Option<&'t str> {
        self.document.anchor_at(span.start).map(|anchor| anchor.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn renders_files_findings_failures_and_summary() {
        insta::assert_snapshot!(json(&fixture::outcomes(), &JsonOptions::default()));
    }

    #[test]
    fn is_valid_json_with_character_columns() -> serde_json::Result<()> {
        let value: serde_json::Value = serde_json::from_str(&json(&fixture::outcomes(), &JsonOptions::default()))?;
        let rate = &value["files"][0]["findings"][1];
        assert_eq!(rate["rule"], "budget-execution-rate");
        // `100%` spans characters 49..=52 of line 3: the end is the column after it.
        assert_eq!((rate["line"].as_u64(), rate["column"].as_u64()), (Some(3), Some(49)));
        assert_eq!((rate["end_line"].as_u64(), rate["end_column"].as_u64()), (Some(3), Some(53)));
        let report_level = &value["files"][0]["findings"][0];
        assert!(report_level["line"].is_null() && report_level["end_column"].is_null());
        assert!(value["files"][1].get("error").is_none());
        assert!(value["files"][2]["pack"].is_null());
        Ok(())
    }

    #[test]
    fn stream_gives_what_serde_json_gives_for_the_whole_run() {
        #[derive(Serialize)]
        struct Output<'a> {
            files: Vec<File<'a>>,
            summary: Tally,
        }
        for outcomes in [fixture::outcomes(), Vec::new()] {
            let whole = Output {
                files: outcomes.iter().map(|outcome| file(outcome, &JsonOptions::default())).collect(),
                summary: Tally::count(&outcomes),
            };
            let expected = format!("{}\n", serde_json::to_string_pretty(&whole).unwrap_or_default());
            assert_eq!(json(&outcomes, &JsonOptions::default()), expected);
        }
    }

    #[test]
    fn empty_run() {
        insta::assert_snapshot!(json(&[], &JsonOptions::default()), @r#"
        {
          "files": [],
          "summary": {
            "files": 0,
            "errors": 0,
            "warnings": 0,
            "infos": 0,
            "failed": 0,
            "by_rule": {}
          }
        }
        "#);
    }
}
