//! The check of the `human_render` fuzz target, shared by the target
//! (`fuzz/fuzz_targets/human_render.rs`) and its replay in
//! `tests/fuzz_regressions.rs` through `#[path]`, so the two never drift.
//!
//! Input: 4 header bytes, then 4 bytes per label, then the text.
//! - byte 0: the number of labels (mod 12) and, in bit 7, colour on;
//! - byte 1: how many times the text is repeated (×64, up to 256 KB), so
//!   that a short input makes a line of any length;
//! - byte 2: the width;
//! - byte 3: bit 0 adds a finding without a primary label, bit 1 a
//!   finding without spans.
//!
//! Each label is two `u16`s, start and length, scaled to the text (and a
//! little past its end, or inside a character). The message and label texts
//! are taken from the text, control characters included.
//!
//! Checked: `render::human_file` and a rule error's graphical rendering
//! never panic; without colour, nothing [`terminal::is_unsafe`] reaches
//! the output; no output line is as wide as miette's 65,535-column limit.

// Test code: a failed expectation panics on purpose, and the input's
// arithmetic is on small bounded numbers.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, reason = "test code of known bounds")]

use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme};
use reportlint::finding::{Finding, Label, Severity};
use reportlint::lint::{FileOutcome, LintedFile};
use reportlint::render::{HumanOptions, human_file};
use reportlint::rules::{RuleError, RuleSource};
use reportlint::source::{Document, Format};
use reportlint::span::Span;
use reportlint::terminal::{self, Escaped};

const MAX_TEXT: usize = 256 << 10;

/// Far under miette's limit: a clipped line of 9 labels, every character
/// escaped, is about 20,000 columns.
const MAX_OUTPUT_LINE: usize = 30_000;

pub fn check(data: &[u8]) {
    let Some((header, rest)) = data.split_first_chunk::<4>() else { return };
    let [flags, repeat, width, extra] = *header;
    let count = usize::from(flags & 0x7f) % 12;
    let Some((spans, unit)) = rest.split_at_checked(count * 4) else { return };
    let unit = String::from_utf8_lossy(unit);
    let times = (usize::from(repeat) * 64 + 1).min(MAX_TEXT / unit.len().max(1)).max(1);
    let text = unit.repeat(times);
    let short = |at: usize| -> String { unit.chars().skip(at % 7).take(12 + at % 40).collect() };
    let labels: Vec<Label> = spans
        .chunks_exact(4)
        .enumerate()
        .map(|(index, bytes)| {
            let scale = text.len() / 65_535 + 1;
            let start = usize::from(u16::from_le_bytes([bytes[0], bytes[1]])) * scale;
            let length = usize::from(u16::from_le_bytes([bytes[2], bytes[3]])) % 4096;
            Label { span: Span::new(start, start + length), text: short(index) }
        })
        .collect();
    let finding = |primary: Option<Label>, related: Vec<Label>| Finding {
        rule: short(1),
        title: short(6),
        severity: Severity::Error,
        message: short(2),
        primary,
        related,
        help: Some(short(3)),
        expected: None,
        actual: None,
        fingerprint: String::new(),
    };
    let mut findings = Vec::new();
    if let Some((primary, related)) = labels.split_first() {
        findings.push(finding(Some(primary.clone()), related.to_vec()));
    }
    if extra & 1 != 0 {
        findings.push(finding(None, labels.clone()));
    }
    if extra & 2 != 0 {
        findings.push(finding(None, Vec::new()));
    }
    let color = flags & 0x80 != 0;
    let width = usize::from(width) + 1;
    let file = LintedFile {
        path: short(4),
        pack: short(5),
        document: Document::new("fuzz.txt", text.clone(), Format::Text, Vec::new()),
        findings,
        skipped: Vec::new(),
        passed: Vec::new(),
        notes: vec![short(6)],
        forms: Vec::new(),
    };
    let options = HumanOptions { color, width, verbose: true, hidden: 0 };
    let rendered = human_file(&FileOutcome::Linted(file), &options);
    assert_safe(&rendered, color);

    // A rule error at the first label, drawn as `rules check` draws it.
    let span = labels.first().map_or(Span::new(0, 0), |label| label.span);
    let source = RuleSource { name: short(7), text: Arc::new(text) };
    let error = RuleError::new("rules::fuzz", short(8)).at(&source, span).label(short(9)).help(short(10));
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(width);
    let mut rendered = String::new();
    let _ = handler.render_report(&mut rendered, &Escaped::new(&error));
    assert_safe(&rendered, false);
}

fn assert_safe(rendered: &str, color: bool) {
    if !color {
        assert!(!rendered.chars().any(terminal::is_unsafe), "a control character was printed raw: {rendered:?}");
    }
    for line in rendered.lines() {
        assert!(line.chars().count() < MAX_OUTPUT_LINE, "a line of {} characters", line.chars().count());
    }
}
