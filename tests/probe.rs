//! The outside probe of issue 11: inputs that crashed, hung or exhausted
//! reportlint, each run in a fresh child process under a 1 GB memory cap
//! ([`capped`]), asserting the outcome and the peak memory, never a time.
//!
//! Every input is generated in the test (nothing large is committed). The
//! cases are grouped by what they attack: `files` what is read and
//! written (FIFOs, devices, outputs over inputs, folder walks),
//! `terminal` what reaches the terminal and the renderer, `readers` the
//! budgets of the .xlsx, .pdf and text readers, `packs` rule folders, `batch` long runs.

// clippy.toml allows these inside `#[test]` functions only; the helpers
// shared by the tests fail the same way on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "a failed expectation is a failed test")]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

#[path = "probe/batch.rs"]
mod batch;
#[path = "probe/capped.rs"]
mod capped;
#[path = "probe/docx.rs"]
mod docx;
#[path = "probe/files.rs"]
mod files;
#[path = "probe/packs.rs"]
mod packs;
#[path = "probe/pdf.rs"]
mod pdf;
#[path = "support/scratch.rs"]
mod scratch;
#[path = "probe/terminal.rs"]
mod terminal;

#[path = "probe/readers.rs"]
mod readers;

use capped::CAP_BYTES;
use scratch::Scratch;

/// The harness measures: a normal report lints under the cap, and its peak
/// is a real figure (a few MB), not the zero of a missing measurement.
#[test]
fn an_ordinary_report_is_measured_under_the_cap() {
    let scratch = Scratch::new("ordinary");
    scratch.write("报告.txt", "一、基本情况\n年初预算数为 100.00 万元，全年预算数为 120.00 万元。\n");
    let run = capped::run(scratch.path(), &["lint", "报告.txt"]);
    run.assert_ends(0, CAP_BYTES);
    assert!(run.peak > 1 << 20, "a peak of {} bytes was not measured", run.peak);
    assert!(run.prints("报告.txt"), "{}", run.brief());
}
