//! One report through the pipeline, and loading the rule packs.
//!
//! `cargo bench --bench pipeline`. Targets (README): a 20 KB report linted
//! in under 1 ms once the packs are loaded; loading the (embedded) packs in
//! under 5 ms.
//! The report is a synthetic one from `reportlint-corpus` (fixed seed, with
//! injected errors, so the findings path is measured too). The benches
//! `lint 20 KB report with form` (a 部门整体支出绩效自评报告 with a
//! 项目支出绩效自评表 appended) and `lint 20 KB form report` (the form and a
//! narrative) measure the form reader (seed 7 draws both as one cell a line
//! ending in ` |`); `lint form report, RENDERING` gives each rendering's
//! cost on the form alone. `lint 20 KB report` keeps its input, byte for
//! byte (a test of reportlint-corpus pins it), so it stays comparable.

#![allow(clippy::unwrap_used, reason = "a benchmark whose input is broken should stop at once")]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reportlint::lint::Linter;
use reportlint_corpus::{Options, Placement, Rendering, generate};

fn report(target_bytes: usize) -> String {
    let options = Options { seed: 7, count: 1, target_bytes, faulty_per_mille: 1000, forms_per_mille: 0 };
    generate(&options).next().unwrap().text
}

/// The first report of the seed that carries its form as `placement`
/// (with injected errors in the form too).
fn report_with_form(target_bytes: usize, placement: Placement) -> String {
    let options = Options { seed: 7, count: 100, target_bytes, faulty_per_mille: 1000, forms_per_mille: 1000 };
    generate(&options).find(|report| report.form.is_some_and(|form| form.placement == placement)).unwrap().text
}

/// The embedded packs load from their build-time stored form; a folder on
/// disk is parsed from YAML, which is most of its cost, and `--rules` adds
/// one to the embedded packs.
fn pack_loading(c: &mut Criterion) {
    c.bench_function("load embedded packs", |b| b.iter_with_large_drop(|| reportlint::rules::load_embedded().unwrap()));
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    c.bench_function("load rules folder from YAML", |b| {
        b.iter_with_large_drop(|| reportlint::rules::load(&rules).unwrap())
    });
    // What `--rules DIR` costs for a region: the embedded packs as stored,
    // and one pack folder parsed from YAML over them (replacing its twin).
    let region = rules.join("xinjiang-karamay");
    c.bench_function("load embedded packs and a region folder", |b| {
        b.iter_with_large_drop(|| reportlint::rules::load_with_embedded(std::slice::from_ref(&region)).unwrap())
    });
    let national = rules.join("national");
    c.bench_function("load national pack from YAML", |b| {
        b.iter_with_large_drop(|| reportlint::rules::load(&national).unwrap())
    });
}

fn one_report(c: &mut Criterion) {
    let linter = Linter::new(reportlint::rules::load_embedded().unwrap());
    let inputs = [
        ("lint 20 KB report", report(20_000)),
        ("lint 200 KB report", report(200_000)),
        ("lint 20 KB report with form", report_with_form(20_000, Placement::Appendix)),
        ("lint 20 KB form report", report_with_form(20_000, Placement::Alone)),
    ];
    for (name, text) in inputs {
        // The first lint compiles the regexes the pack uses; measured apart.
        linter.lint_text("report.txt", &text).unwrap();
        c.bench_function(name, |b| b.iter(|| black_box(linter.lint_text("report.txt", &text).unwrap())));
    }
}

/// The form alone (a report of about 3 KB: the table and a few lines), in
/// each rendering: what reading one flattening costs against another.
fn form_renderings(c: &mut Criterion) {
    let linter = Linter::new(reportlint::rules::load_embedded().unwrap());
    let options = Options { seed: 7, count: 200, target_bytes: 0, faulty_per_mille: 1000, forms_per_mille: 1000 };
    for rendering in Rendering::ALL {
        let text = generate(&options)
            .find(|report| {
                report.form.is_some_and(|form| form.placement == Placement::Alone && form.rendering == rendering)
            })
            .unwrap()
            .text;
        linter.lint_text("report.txt", &text).unwrap();
        c.bench_function(&format!("lint form report, {}", rendering.name()), |b| {
            b.iter(|| black_box(linter.lint_text("report.txt", &text).unwrap()))
        });
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

criterion_group!(benches, pack_loading, one_report, form_renderings, first_report);
criterion_main!(benches);
