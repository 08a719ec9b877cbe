//! Hostile input (issue 5): reports and rule folders built to break the
//! linter, each given to the real binary.
//!
//! Every case builds its input at run time in a scratch folder (nothing big
//! is committed) and checks three things: the documented exit code (0 no
//! error finding, 1 error findings, 2 a file or a rule could not be read),
//! a diagnostic that names the file and the problem, and no panic. A
//! watchdog kills a run that hangs, which fails the test; no test asserts
//! how long a run takes.

// clippy.toml allows these inside `#[test]` functions only; the helpers
// shared by the tests fail the same way on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "a failed expectation is a failed test")]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

#[path = "hostile/batch.rs"]
mod batch;
#[path = "hostile/harness.rs"]
mod harness;
#[path = "hostile/inputs.rs"]
mod inputs;
#[path = "hostile/reports.rs"]
mod reports;
#[path = "hostile/rules.rs"]
mod rules;
#[allow(dead_code, reason = "only the package writer is used here; the zip bomb is built with the zip crate")]
#[path = "docx/writer.rs"]
mod writer;
