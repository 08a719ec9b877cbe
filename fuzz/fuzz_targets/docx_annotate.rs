//! Fuzzes `annotate::annotate` on a .docx with a finding on every figure:
//! the input's layout and what is checked are in
//! `tests/support/docx_annotate.rs`, which `cargo test` replays too.
#![no_main]

#[path = "../../tests/support/docx_annotate.rs"]
mod docx_annotate;
#[path = "../../tests/support/stored_docx.rs"]
mod stored_docx;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| docx_annotate::check(data));
