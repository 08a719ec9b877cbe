//! `reportlint serve` as people and programs use it (issue 13): the real
//! binary on a free loopback port, called with a real HTTP client (ureq)
//! and, for the hostile requests, with bytes on a socket.
//!
//! Every case starts its own server, so that cases run in parallel and one
//! server's queue never holds another case's request. No test asserts how
//! fast an answer comes; the load run with figures is `benches/serve_load.rs`.

// clippy.toml allows these inside `#[test]` functions only; the helpers
// shared by the tests fail the same way on purpose.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "a failed expectation is a failed test")]
#![allow(
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::arithmetic_side_effects,
    reason = "tests may panic by design: their inputs are fixtures of known shape"
)]

#[path = "serve/api.rs"]
mod api;
#[path = "serve/browser.rs"]
mod browser;
#[path = "support/chromium.rs"]
mod chromium;
#[path = "serve/cli.rs"]
mod cli;
#[path = "support/devtools.rs"]
mod devtools;
#[path = "serve/hostile.rs"]
mod hostile;
#[path = "serve/load.rs"]
mod load;
#[path = "serve/page.rs"]
mod page;
#[path = "serve/review.rs"]
mod review;
#[path = "support/scratch.rs"]
#[allow(dead_code, reason = "the browser test needs only a folder of its own")]
mod scratch;
#[path = "serve/server.rs"]
mod server;
#[path = "docx/writer.rs"]
#[allow(dead_code, reason = "the zip bomb is the only package these tests build")]
mod writer;

/// A report that takes the debug binary a second or more to lint: the
/// text of 4 MiB, one sentence of figures a line.
pub fn slow_upload() -> Vec<u8> {
    let paragraph = "调整后全年预算数为200.00万元，全年实际支出资金150.00万元，预算执行率为75.00%。\n";
    let mut text = String::from("一、部门基本情况\n");
    while text.len() + paragraph.len() < 4 << 20 {
        text.push_str(paragraph);
    }
    text.into_bytes()
}
