//! Properties of the library checked on generated inputs (issue #5):
//!
//! 1. every span lies on character boundaries inside its text
//!    (`properties/spans.rs`, texts from `properties/report_text.rs`);
//! 2. an interval result contains the exact result of the unrounded
//!    operands (`properties/intervals.rs`, exact arithmetic in
//!    `properties/exact.rs`);
//! 3. printing an expression and parsing it again gives it back
//!    (`properties/expressions.rs`, other spellings in
//!    `properties/spelling.rs`).
//!
//! proptest runs 256 cases a property and keeps every failure it finds in
//! `proptest-regressions/`, which is committed so the case is replayed first.

// Helpers of a test crate fail the test by panicking; clippy's in-tests
// allowance covers only `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

#[path = "properties/exact.rs"]
mod exact;
#[path = "properties/expressions.rs"]
mod expressions;
#[path = "properties/intervals.rs"]
mod intervals;
#[path = "properties/report_text.rs"]
mod report_text;
#[path = "properties/spans.rs"]
mod spans;
#[path = "properties/spelling.rs"]
mod spelling;
