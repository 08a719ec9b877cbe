//! A batch of 1,000 synthetic 20 KB reports (`reportlint-corpus`, about a
//! third with injected errors): in-process on two threads, and through the
//! release binary as a reviewer runs it (`lint --format json DIR`).
//!
//! `cargo bench --bench batch`. Target (README): 1,000 reports in under 2 s
//! through the CLI on 2 cores. Peak memory and the comparison with ripgrep
//! are measured by `benches/compare.sh`, since criterion times only.

#![allow(clippy::unwrap_used, reason = "a benchmark whose input is broken should stop at once")]

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use reportlint::lint::{FileOutcome, Linter};
use reportlint_corpus::Options;

const REPORTS: usize = 1_000;

fn corpus() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("batch-corpus");
    let options = Options { seed: 1, count: REPORTS, target_bytes: 20_000, faulty_per_mille: 300, forms_per_mille: 0 };
    if !folder.join("manifest.json").is_file() {
        reportlint_corpus::write(&folder, &options).unwrap();
    }
    folder
}

fn reports(folder: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), REPORTS);
    paths
}

fn batch(c: &mut Criterion) {
    let folder = corpus();
    let paths = reports(&folder);
    let mut group = c.benchmark_group("batch of 1000 reports");
    group.sample_size(10);
    let linter = Linter::new(reportlint::rules::load_embedded().unwrap());
    let two = NonZeroUsize::new(2).unwrap();
    group.bench_function("in-process, 2 threads", |b| {
        b.iter(|| {
            let mut findings = 0usize;
            linter.lint_paths_with(
                &paths,
                two,
                |outcome| match outcome {
                    FileOutcome::Linted(file) => file.findings.len(),
                    FileOutcome::Failed(_) => 0,
                },
                |count| findings = findings.saturating_add(count),
            );
            findings
        })
    });
    group.bench_function("CLI, --jobs 2, JSON", |b| {
        b.iter(|| {
            let status = Command::new(env!("CARGO_BIN_EXE_reportlint"))
                .args(["lint", "--jobs", "2", "--format", "json"])
                .arg(&folder)
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert_eq!(status.code(), Some(1), "the corpus holds error findings");
        })
    });
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
