//! One report through the pipeline, and loading the rule packs.
//!
//! `cargo bench --bench pipeline`. Targets (README): a 20 KB report in
//! under 1 ms once the packs are loaded; loading every embedded pack in
//! under 5 ms.

#![allow(clippy::unwrap_used, reason = "a benchmark whose input is missing should stop at once")]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reportlint::lint::Linter;

fn report_text() -> String {
    std::fs::read_to_string("../shared/seeds/003_80b251a725951dfe.txt").unwrap()
}

fn pack_loading(c: &mut Criterion) {
    c.bench_function("load embedded packs", |b| b.iter_with_large_drop(|| reportlint::rules::load_embedded().unwrap()));
}

fn one_pack(c: &mut Criterion) {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/national");
    c.bench_function("load national pack", |b| b.iter_with_large_drop(|| reportlint::rules::load(&folder).unwrap()));
}

fn one_report(c: &mut Criterion) {
    let linter = Linter::new(reportlint::rules::load_embedded().unwrap());
    let text = report_text();
    c.bench_function("lint one report", |b| b.iter(|| black_box(linter.lint_text("report.txt", &text).unwrap())));
}

criterion_group!(benches, pack_loading, one_pack, one_report);
criterion_main!(benches);
