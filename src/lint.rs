//! lint: the whole pipeline for one report, as data.
//!
//! `source::load → report::parse → extract → evaluate`, with the pack chosen
//! beforehand. Returns a [`FileOutcome`] for every input, so that a batch
//! goes on past a file that cannot be read.

use crate::finding::Finding;
use crate::source::{Document, SourceError};

/// A report that was read and checked.
#[derive(Debug)]
pub struct LintedFile {
    pub path: String,
    /// The id of the rule pack used (`xinjiang-karamay`).
    pub pack: String,
    pub document: Document,
    /// In document order of their primary span; report-level findings first.
    pub findings: Vec<Finding>,
    /// Checks that did not apply to this report, and why.
    pub skipped: Vec<crate::eval::Skipped>,
}

/// A file that could not be read as a report.
#[derive(Debug)]
pub struct FailedFile {
    pub path: String,
    pub error: SourceError,
}

#[derive(Debug)]
pub enum FileOutcome {
    Linted(LintedFile),
    Failed(FailedFile),
}

use std::path::Path;

use crate::extract;
use crate::finding::{Label, Severity};
use crate::report;
use crate::rules::{Pack, RuleSet};
use crate::source;
use crate::{eval, finding};

/// Runs the pipeline with one rule set, choosing a pack per report unless
/// one is forced.
#[derive(Debug, Clone)]
pub struct Linter {
    rules: RuleSet,
    forced: Option<String>,
}

/// `--pack` named a pack the rule set does not have.
#[derive(Debug, Clone, thiserror::Error)]
#[error("no rule pack `{name}`; the packs are: {known}")]
pub struct UnknownPack {
    pub name: String,
    pub known: String,
}

impl Linter {
    pub fn new(rules: RuleSet) -> Self {
        Linter { rules, forced: None }
    }

    /// Uses `id` for every report instead of detecting the template.
    pub fn with_pack(mut self, id: &str) -> Result<Self, UnknownPack> {
        if self.rules.pack(id).is_none() {
            let known = self.rules.packs.keys().cloned().collect::<Vec<_>>().join(", ");
            return Err(UnknownPack { name: id.to_string(), known });
        }
        self.forced = Some(id.to_string());
        Ok(self)
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Reads and lints one file; a file that cannot be read is an outcome
    /// too, so a batch goes on.
    pub fn lint_path(&self, path: &Path) -> FileOutcome {
        match source::load(path) {
            Ok(document) => FileOutcome::Linted(self.lint_document(path.display().to_string(), document)),
            Err(error) => FileOutcome::Failed(FailedFile { path: path.display().to_string(), error }),
        }
    }

    /// The pack this linter uses for a text, and whether it was detected.
    pub fn pack_for(&self, text: &str) -> Option<(&Pack, bool)> {
        if let Some(id) = &self.forced {
            return self.rules.pack(id).map(|pack| (pack, true));
        }
        self.rules.select(text).map(|selection| (selection.pack, selection.detected))
    }

    pub fn lint_document(&self, path: String, document: source::Document) -> LintedFile {
        let Some((pack, detected)) = self.pack_for(&document.text) else {
            return LintedFile { path, pack: String::new(), document, findings: Vec::new(), skipped: Vec::new() };
        };
        let report = report::parse(&document);
        let facts = extract::extract(pack, &report);
        let eval::Evaluation { mut findings, skipped } = eval::evaluate(pack, &report, &facts);
        if !detected {
            findings.insert(0, fallback_notice(pack));
        }
        for (index, notice) in document.notices.iter().enumerate() {
            findings.insert(index, source_notice(notice));
        }
        LintedFile { path, pack: pack.id.clone(), document, findings, skipped }
    }
}

/// Something about the file itself (a scanned PDF), as an info finding.
fn source_notice(notice: &str) -> finding::Finding {
    finding::Finding {
        rule: "source-notice".into(),
        severity: Severity::Info,
        message: notice.to_string(),
        primary: None,
        related: Vec::new(),
        help: None,
        expected: None,
        actual: None,
        fingerprint: eval::fingerprint("source-notice", &[notice.to_string()]),
    }
}

fn fallback_notice(pack: &Pack) -> finding::Finding {
    finding::Finding {
        rule: "pack-fallback".into(),
        severity: Severity::Info,
        message: format!("未识别出报告所属的地区模板，已使用通用规则包 {}（{}）", pack.id, pack.title),
        primary: None::<Label>,
        related: Vec::new(),
        help: Some("用 --pack 指定规则包，或在地区规则包的 detect 中加入能识别本报告的文字".into()),
        expected: None,
        actual: None,
        fingerprint: eval::fingerprint("pack-fallback", std::slice::from_ref(&pack.id)),
    }
}
