//! One report through the pipeline, and loading the rule packs.
//!
//! `cargo bench --bench pipeline`. Targets (README): a 20 KB report linted
//! in under 1 ms once the packs are loaded; loading the (embedded) packs in
//! under 5 ms.
//! The report is a synthetic one from `reportlint-corpus` (fixed seed, with
//! injected errors, so the findings path is measured too).

#![allow(clippy::unwrap_used, reason = "a benchmark whose input is broken should stop at once")]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reportlint::lint::Linter;
use reportlint_corpus::{Options, generate};

fn report(target_bytes: usize) -> String {
    let options = Options { seed: 7, count: 1, target_bytes, faulty_per_mille: 1000, forms_per_mille: 0 };
    generate(&options).next().unwrap().text
}

/// The embedded packs load from their build-time stored form; a folder on
/// disk is parsed from YAML, which is most of its cost.
fn pack_loading(c: &mut Criterion) {
    c.bench_function("load embedded packs", |b| b.iter_with_large_drop(|| reportlint::rules::load_embedded().unwrap()));
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    c.bench_function("load rules folder from YAML", |b| {
        b.iter_with_large_drop(|| reportlint::rules::load(&rules).unwrap())
    });
    let national = rules.join("national");
    c.bench_function("load national pack from YAML", |b| {
        b.iter_with_large_drop(|| reportlint::rules::load(&national).unwrap())
    });
}

fn one_report(c: &mut Criterion) {
    let linter = Linter::new(reportlint::rules::load_embedded().unwrap());
    for (name, size) in [("lint 20 KB report", 20_000), ("lint 200 KB report", 200_000)] {
        let text = report(size);
        // The first lint compiles the regexes the pack uses; measured apart.
        linter.lint_text("report.txt", &text).unwrap();
        c.bench_function(name, |b| b.iter(|| black_box(linter.lint_text("report.txt", &text).unwrap())));
    }
}

/// The one-off cost a run pays on its first report: compiling the regexes
/// of the pack it uses (they are built on first use, then shared).
fn first_report(c: &mut Criterion) {
    let text = report(20_000);
    c.bench_function("load packs and lint first 20 KB report", |b| {
        b.iter_with_large_drop(|| {
            let linter = Linter::new(reportlint::rules::load_embedded().unwrap());
            linter.lint_text("report.txt", &text).unwrap();
            linter
        })
    });
}

criterion_group!(benches, pack_loading, one_report, first_report);
criterion_main!(benches);
