//! End-to-end tests of the `reportlint` binary, one file per command or
//! concern. Everything runs the real binary; see `common` for the helpers.

// clippy.toml allows these inside `#[test]` functions only; the helpers
// shared by the tests fail the same way on purpose.
#![allow(clippy::expect_used, clippy::panic, reason = "a failed expectation is a failed test")]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

mod batch;
mod common;
mod config;
mod encoding;
mod facts;
mod help;
mod inputs;
mod lint;
mod packs;
mod rule_mistakes;
mod rules;
mod scaffold;
mod tables;
