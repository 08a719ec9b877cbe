//! lint: the whole pipeline for one report, as data.
//!
//! `source::load → report::parse → extract → evaluate`, with the pack chosen
//! beforehand. Returns a [`FileOutcome`] for every input, so that a batch
//! goes on past a file that cannot be read.
//!
//! Entry points, from a path to a string: [`Linter::lint_paths`] (a batch,
//! in parallel), [`Linter::lint_path`], [`Linter::lint_bytes`] (bytes in any
//! supported format), [`Linter::lint_text`] (text already in memory).
//!
//! A batch hands each outcome over in input order, as soon as that file and
//! every file before it are done, whatever the threads' scheduling, so its
//! output is the same for any number of threads. Memory is the caller's
//! choice: only a bounded window of files is in flight or waiting for an
//! earlier one, and [`Linter::lint_paths_with`] lets a caller reduce each
//! outcome on the worker thread (render it, keep the counts, drop the
//! document) before it is handed over; a caller that keeps every outcome
//! keeps every document.

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
    /// Checks that ran and held, with their figures.
    pub passed: Vec<crate::eval::Passed>,
    /// What was seen in the report's tables but not read, and why.
    pub notes: Vec<String>,
    /// Every copy of a form read from the report's tables, with the grid the
    /// engine rebuilt for each block (the reviewer's page draws them).
    pub forms: Vec<crate::extract::forms::Reading>,
}

/// A file that could not be read as a report.
#[derive(Debug)]
pub struct FailedFile {
    pub path: String,
    pub error: SourceError,
}

#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "made once per file and moved a few times; boxing would change every match of library users"
)]
pub enum FileOutcome {
    Linted(LintedFile),
    Failed(FailedFile),
}

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::{Path, PathBuf};

use crate::extract;
use crate::finding::Severity;
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
#[error("没有规则包 {name}；可用的规则包：{known}")]
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
        self.pack(id)?;
        self.forced = Some(id.to_string());
        Ok(self)
    }

    /// The pack `id`, or the error that names the packs there are.
    pub fn pack(&self, id: &str) -> Result<&Pack, UnknownPack> {
        self.rules.pack(id).ok_or_else(|| {
            let known = self.rules.packs.keys().cloned().collect::<Vec<_>>().join("、");
            UnknownPack { name: id.to_string(), known }
        })
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The pack every report gets, if one was forced ([`Linter::with_pack`]).
    pub fn forced_pack(&self) -> Option<&str> {
        self.forced.as_deref()
    }

    /// Reads and lints one file; a file that cannot be read is an outcome
    /// too, so a batch goes on.
    pub fn lint_path(&self, path: &Path) -> FileOutcome {
        match source::load(path) {
            Ok(document) => FileOutcome::Linted(self.lint_document(path.display().to_string(), document)),
            Err(error) => FileOutcome::Failed(FailedFile { path: path.display().to_string(), error }),
        }
    }

    /// Lints the bytes of one report, decoded as `format` (see
    /// [`source::decode`]); `name` is the path shown in findings.
    ///
    /// ```
    /// use reportlint::lint::{FileOutcome, Linter};
    /// use reportlint::source::Format;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let linter = Linter::new(reportlint::rules::load_embedded()?).with_pack("national")?;
    /// let bytes = "一、部门基本情况\n调整后全年预算数为 200.00 万元，全年实际支出资金 150.00 万元，预算执行率为 90%。\n";
    /// match linter.lint_bytes("草稿.txt", bytes.as_bytes(), Format::Text) {
    ///     FileOutcome::Linted(file) => assert_eq!(file.findings[0].expected.as_deref(), Some("75.00%")),
    ///     FileOutcome::Failed(failed) => return Err(failed.error.into()),
    /// }
    /// // A file that cannot be read is an outcome too, not a panic.
    /// assert!(matches!(linter.lint_bytes("空.txt", b"", Format::Text), FileOutcome::Failed(_)));
    /// # Ok(())
    /// # }
    /// ```
    pub fn lint_bytes(&self, name: &str, bytes: &[u8], format: source::Format) -> FileOutcome {
        match source::decode(name, bytes, format) {
            Ok(document) => FileOutcome::Linted(self.lint_document(name.to_string(), document)),
            Err(error) => FileOutcome::Failed(FailedFile { path: name.to_string(), error }),
        }
    }

    /// Lints a report already in memory as text: Markdown when `name` ends
    /// in `.md` or `.markdown`, plain text otherwise. Fails only for text
    /// that is blank, holds NUL characters, is mostly control characters or
    /// is over [`source::MAX_TEXT_BYTES`], as a file would.
    ///
    /// ```
    /// use reportlint::lint::Linter;
    /// use reportlint::span::LineIndex;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let linter = Linter::new(reportlint::rules::load_embedded()?).with_pack("national")?;
    /// let text = "一、部门基本情况\n调整后全年预算数为 200.00 万元，全年实际支出资金 150.00 万元，预算执行率为 90%。\n";
    /// let file = linter.lint_text("草稿.txt", text)?;
    /// let finding = &file.findings[0];
    /// assert_eq!(finding.rule, "budget-execution-rate");
    /// assert_eq!(finding.help.as_deref(), Some("预算执行率应为 75.00%（150.00 ÷ 200.00），报告为 90%"));
    /// // Spans are byte offsets; a LineIndex gives line and character column.
    /// let span = finding.primary.as_ref().map(|label| label.span).ok_or("no span")?;
    /// let position = LineIndex::new(text).position(text, span.start);
    /// assert_eq!((position.line, position.column), (2, 47));
    /// # Ok(())
    /// # }
    /// ```
    pub fn lint_text(&self, name: &str, text: &str) -> Result<LintedFile, SourceError> {
        let format = match source::Format::from_path(Path::new(name)) {
            source::Format::Markdown => source::Format::Markdown,
            _ => source::Format::Text,
        };
        source::decode(name, text.as_bytes(), format).map(|document| self.lint_document(name.to_string(), document))
    }

    /// Lints `paths` on `jobs` threads and hands each outcome to `visit` in
    /// the order of `paths`, as soon as it and every earlier one are done.
    pub fn lint_paths(&self, paths: &[PathBuf], jobs: NonZeroUsize, visit: impl FnMut(FileOutcome)) {
        self.lint_paths_with(paths, jobs, |outcome| outcome, visit);
    }

    /// [`Linter::lint_paths`] with a step that runs on the worker thread
    /// right after each file is linted: filter, render a file's part of the
    /// output, keep only what the caller needs and drop the document there.
    ///
    /// `jobs` is capped at [`MAX_JOBS_PER_CORE`] threads per processor and
    /// at one per file: threads beyond that only cost their start (100,000
    /// of them took minutes for one file). At most `4 × jobs` files are in
    /// flight or waiting for an earlier one. The threads are a pool of this
    /// call's own (rayon's global pool is left alone); if they cannot be
    /// started, the files are linted on the calling thread, with the same
    /// result.
    ///
    /// A panic while linting or preparing a file (a bug, whatever the input)
    /// costs that file only: its outcome becomes a failure,
    /// [`SourceError::Internal`] with the panic's message, prepared like any
    /// other, and the batch goes on to its summary. Only a `prepare` that
    /// panics on that failure too is resumed on the calling thread.
    pub fn lint_paths_with<T: Send>(
        &self,
        paths: &[PathBuf],
        jobs: NonZeroUsize,
        prepare: impl Fn(FileOutcome) -> T + Sync,
        mut visit: impl FnMut(T),
    ) {
        let jobs = jobs.get().min(max_jobs().get()).min(paths.len()).max(1);
        let lint_one = |path: &Path| {
            catch_unwind(AssertUnwindSafe(|| prepare(self.lint_path(path)))).or_else(|payload| {
                let error = SourceError::Internal { detail: panic_message(payload.as_ref()) };
                let failed = FailedFile { path: path.display().to_string(), error };
                catch_unwind(AssertUnwindSafe(|| prepare(FileOutcome::Failed(failed))))
            })
        };
        let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(jobs).build() else {
            for path in paths {
                match lint_one(path) {
                    Ok(prepared) => visit(prepared),
                    Err(payload) => resume_unwind(payload),
                }
            }
            return;
        };
        let window = jobs.saturating_mul(4);
        let lint_one = &lint_one;
        let (sender, receiver) = std::sync::mpsc::channel();
        pool.in_place_scope(|scope| {
            // Finished files that wait for an earlier one, by input index.
            let mut waiting = BTreeMap::new();
            let (mut started, mut next) = (0, 0);
            while next < paths.len() {
                for (index, path) in paths.iter().enumerate().take(next.saturating_add(window)).skip(started) {
                    let sender = sender.clone();
                    scope.spawn(move |_| {
                        let prepared = lint_one(path);
                        // The receiver outlives the scope, so sending cannot fail.
                        let _ = sender.send((index, prepared));
                    });
                    started = index.saturating_add(1);
                }
                // This thread holds a sender, so `recv` waits rather than fails.
                let Ok((index, prepared)) = receiver.recv() else { break };
                match prepared {
                    Ok(prepared) => waiting.insert(index, prepared),
                    Err(payload) => resume_unwind(payload),
                };
                while let Some(prepared) = waiting.remove(&next) {
                    visit(prepared);
                    next = next.saturating_add(1);
                }
            }
        });
    }

    /// The pack this linter uses for a text, and whether it was detected.
    pub fn pack_for(&self, text: &str) -> Option<(&Pack, bool)> {
        if let Some(id) = &self.forced {
            return self.rules.pack(id).map(|pack| (pack, true));
        }
        self.rules.select(text).map(|selection| (selection.pack, selection.detected))
    }

    /// [`Linter::lint_bytes`] with the pack `id` for this report instead of
    /// the linter's choice, as `--pack` would: a service lints each request
    /// with the pack it names, and one linter (one copy of the rules) serves
    /// them all.
    pub fn lint_bytes_with_pack(
        &self,
        name: &str,
        bytes: &[u8],
        format: source::Format,
        id: &str,
    ) -> Result<FileOutcome, UnknownPack> {
        let pack = self.pack(id)?;
        Ok(match source::decode(name, bytes, format) {
            Ok(document) => FileOutcome::Linted(lint_with(name.to_string(), document, Some((pack, true)))),
            Err(error) => FileOutcome::Failed(FailedFile { path: name.to_string(), error }),
        })
    }

    pub fn lint_document(&self, path: String, document: source::Document) -> LintedFile {
        let chosen = self.pack_for(&document.text);
        lint_with(path, document, chosen)
    }
}

/// The pipeline after the pack is chosen: `detected` is false when the
/// fallback pack stands in for an unrecognised template.
fn lint_with(path: String, document: source::Document, chosen: Option<(&Pack, bool)>) -> LintedFile {
    let Some((pack, detected)) = chosen else {
        return LintedFile {
            path,
            pack: String::new(),
            document,
            findings: Vec::new(),
            skipped: Vec::new(),
            passed: Vec::new(),
            notes: Vec::new(),
            forms: Vec::new(),
        };
    };
    let report = report::parse(&document);
    let mut facts = extract::extract(pack, &report);
    let eval::Evaluation { mut findings, skipped, passed } = eval::evaluate(pack, &report, &facts);
    let notes = table_notes(&facts);
    if !detected {
        findings.insert(0, fallback_notice(pack));
    }
    for (index, notice) in document.notices.iter().enumerate() {
        findings.insert(index, source_notice(notice));
    }
    let forms = std::mem::take(&mut facts.forms);
    LintedFile { path, pack: pack.id.clone(), document, findings, skipped, passed, notes, forms }
}

/// What the forms stage saw in the tables but did not read, each after its
/// form's title, in the order of the text: a reading's notes and the rows
/// it declined ([`crate::extract::forms::Declined`]).
fn table_notes(facts: &extract::Facts) -> Vec<String> {
    let read = facts.forms.iter().flat_map(|reading| {
        reading.notes.iter().map(move |note| (reading.span.start, format!("{}：{note}", reading.title)))
    });
    let declined =
        facts.declined.iter().map(|declined| (declined.span.start, format!("{}：{}", declined.title, declined.note)));
    let mut notes: Vec<(usize, String)> = read.chain(declined).collect();
    notes.sort_by_key(|(start, _)| *start);
    notes.into_iter().map(|(_, note)| note).collect()
}

/// Most threads a batch runs per processor: linting is CPU work, and a
/// few threads a core cover the time spent waiting for the disk.
pub const MAX_JOBS_PER_CORE: usize = 4;

/// The most threads a batch runs on this machine: [`MAX_JOBS_PER_CORE`]
/// per processor.
pub fn max_jobs() -> NonZeroUsize {
    let cores = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    cores.saturating_mul(NonZeroUsize::new(MAX_JOBS_PER_CORE).unwrap_or(NonZeroUsize::MIN))
}

/// What a panic said, when it said it with a string (as `panic!` does).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|message| (*message).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知原因".to_owned())
}

/// Something about the file itself (a scanned PDF), as an info finding.
fn source_notice(notice: &str) -> finding::Finding {
    info("source-notice", notice.to_string(), None, notice)
}

fn fallback_notice(pack: &Pack) -> finding::Finding {
    info(
        "pack-fallback",
        format!("未识别出报告所属的地区模板，已使用通用规则包 {}（{}）", pack.id, pack.title),
        Some("用 --pack 指定规则包，或在地区规则包的 detect 中加入能识别本报告的文字".into()),
        &pack.id,
    )
}

/// An info finding about the report as a whole (no span), identified by
/// `identity` rather than by position.
fn info(rule: &str, message: String, help: Option<String>, identity: &str) -> finding::Finding {
    finding::Finding {
        rule: rule.into(),
        title: finding::built_in_title(rule).into(),
        severity: Severity::Info,
        message,
        primary: None,
        related: Vec::new(),
        help,
        expected: None,
        actual: None,
        fingerprint: eval::fingerprint(rule, &[identity.to_string()]),
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn a_pack_named_for_one_report_is_used_for_it_and_an_unknown_one_is_refused() {
        let linter = Linter::new(crate::rules::load_embedded().unwrap());
        let text = "克拉玛依区部门整体支出绩效自评报告\n一、部门基本情况\n";
        let detected = linter.lint_bytes("甲.txt", text.as_bytes(), source::Format::Text);
        assert!(matches!(&detected, FileOutcome::Linted(file) if file.pack == "xinjiang-karamay"), "{detected:?}");
        let named = linter.lint_bytes_with_pack("甲.txt", text.as_bytes(), source::Format::Text, "national").unwrap();
        let FileOutcome::Linted(file) = named else { panic!("the text is readable") };
        assert_eq!(file.pack, "national");
        // Named, the pack is not "detected": no fallback notice.
        assert!(file.findings.iter().all(|finding| finding.rule != "pack-fallback"));
        let unknown = linter.lint_bytes_with_pack("甲.txt", text.as_bytes(), source::Format::Text, "atlantis");
        assert_eq!(unknown.map(drop).unwrap_err().name, "atlantis");
        assert_eq!(linter.forced_pack(), None);
    }

    /// Issue 11: a worker's panic was resumed and took the whole batch down.
    #[test]
    fn a_panic_on_one_file_fails_that_file_and_the_batch_goes_on() {
        let linter = Linter::new(RuleSet { packs: BTreeMap::new() });
        let paths: Vec<PathBuf> = ["甲.txt", "乙.txt", "丙.txt"].iter().map(PathBuf::from).collect();
        let mut seen = Vec::new();
        let jobs = NonZeroUsize::new(2).unwrap_or(NonZeroUsize::MIN);
        linter.lint_paths_with(
            &paths,
            jobs,
            |outcome| match outcome {
                FileOutcome::Failed(FailedFile { path, error: SourceError::Io { .. } }) if path == "乙.txt" => {
                    std::panic::panic_any("渲染出错".to_owned())
                }
                FileOutcome::Failed(FailedFile { path, error }) => format!("{path}: {error}"),
                FileOutcome::Linted(file) => file.path,
            },
            |prepared| seen.push(prepared),
        );
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0], "甲.txt: 文件或文件夹不存在");
        assert_eq!(seen[1], "乙.txt: 内部错误，请将此文件报告给 reportlint 的维护者：渲染出错");
        assert_eq!(seen[2], "丙.txt: 文件或文件夹不存在");
    }
}
