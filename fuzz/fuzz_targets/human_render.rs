//! Fuzzes the human renderer (`render::human_file`) and the rendering of a
//! rule error: any text, any spans, lines of any length, control
//! characters. The input's layout and what is checked are in
//! `tests/support/human_render.rs`, which `cargo test` replays too.
#![no_main]

#[path = "../../tests/support/human_render.rs"]
mod human_render;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| human_render::check(data));
