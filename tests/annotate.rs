//! Commented copies of reports (issue 13): `annotate` and
//! `lint --format docx`, end to end.
//!
//! Inputs are packages written by the test itself (tests/docx/writer.rs)
//! and the examples; outputs are read back part by part: the marks undone
//! must give the original `document.xml` byte for byte, every other part
//! must be as it was, every comment must be complete and on its figure.
//! LibreOffice and python-docx open the copies when they are installed.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

#[path = "docx/writer.rs"]
#[allow(dead_code, reason = "shared with tests/docx.rs, which uses all of it")]
mod writer;

#[path = "support/scratch.rs"]
mod scratch;
#[path = "annotate/support.rs"]
mod support;

#[path = "annotate/cli.rs"]
mod cli;
#[path = "annotate/in_place.rs"]
mod in_place;
#[path = "annotate/text.rs"]
mod text;
#[path = "annotate/tools.rs"]
mod tools;
