//! The check of the `docx_annotate` fuzz target, shared by the target
//! (`fuzz/fuzz_targets/docx_annotate.rs`) and its replay in
//! `tests/fuzz_regressions.rs` through `#[path]`, so the two never drift.
//!
//! Every figure the report stage finds in the fuzzed document gets a
//! finding (and one finding is about the whole report), so that the copy
//! must place a comment on each — on runs split anywhere, entities,
//! fields, tables, whatever the bytes say. Checked: no panic; a copy that
//! is written reads back to the same text, with one comment per finding.
//!
//! As for `docx_read`, an even first byte wraps the rest, as
//! `word/document.xml`, into a stored zip (`stored_docx`); an odd first byte
//! hands the rest over as the file itself.

use std::io::{Cursor, Read};

use reportlint::annotate::{self, Options};
use reportlint::finding::{Finding, Label, Severity};
use reportlint::lint::LintedFile;
use reportlint::report;
use reportlint::source::docx::{Limits, read_with_limits};
use zip::ZipArchive;

use super::stored_docx::{FUZZ_LIMITS, fuzzed_docx};

/// Fails (panics) when the copy of the document `data` describes is wrong.
pub fn check(data: &[u8]) {
    let Some(bytes) = fuzzed_docx(data) else { return };
    let Ok(document) = read_with_limits("fuzz.docx", &bytes, &FUZZ_LIMITS) else { return };
    let parsed = report::parse(&document);
    let mut findings: Vec<Finding> = parsed
        .numbers
        .iter()
        .take(64)
        .map(|mention| finding(Some(Label { span: mention.number.span, text: "数字".to_string() })))
        .collect();
    findings.push(finding(None));
    let file = LintedFile {
        path: "fuzz.docx".to_string(),
        pack: "national".to_string(),
        document,
        findings,
        skipped: Vec::new(),
        passed: Vec::new(),
        notes: Vec::new(),
        forms: Vec::new(),
    };
    let Ok(copy) = annotate::annotate(&bytes, &file, &Options::default()) else { return };
    assert_eq!(copy.comments, file.findings.len(), "one comment per finding");
    let reread = read_with_limits("fuzz.docx", &copy.bytes, &Limits::default()).expect("the copy reads back");
    assert_eq!(reread.text, file.document.text, "the comments change nothing the reader sees");
    let mut comments = String::new();
    ZipArchive::new(Cursor::new(&copy.bytes))
        .expect("the copy is a zip")
        .by_name("word/comments.xml")
        .expect("the copy has its comments part")
        .read_to_string(&mut comments)
        .expect("the comments part is UTF-8");
    assert_eq!(comments.matches("w:author=\"reportlint\"").count(), file.findings.len());
}

fn finding(primary: Option<Label>) -> Finding {
    Finding {
        rule: "fuzz".to_string(),
        title: "模糊测试".to_string(),
        severity: Severity::Error,
        message: "数字有误 <&>".to_string(),
        primary,
        related: Vec::new(),
        help: Some("应为 1（1 ÷ 1）".to_string()),
        expected: Some("1".to_string()),
        actual: None,
        fingerprint: "0".to_string(),
    }
}
