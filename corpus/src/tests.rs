//! Whole-report properties: determinism, size, injected lines, forms.

use std::collections::BTreeSet;

use crate::{Options, Placement, Rendering, form_checks, generate};

fn options(seed: u64, count: usize, target_bytes: usize, faulty_per_mille: u32) -> Options {
    Options { seed, count, target_bytes, faulty_per_mille, forms_per_mille: 0 }
}

fn with_forms(seed: u64, count: usize, target_bytes: usize, forms_per_mille: u32) -> Options {
    Options { forms_per_mille, ..options(seed, count, target_bytes, 800) }
}

#[test]
fn same_seed_same_reports() {
    let first: Vec<_> = generate(&options(9, 5, 12_000, 600)).map(|report| (report.text, report.injected)).collect();
    let second: Vec<_> = generate(&options(9, 5, 12_000, 600)).map(|report| (report.text, report.injected)).collect();
    assert_eq!(first, second);
    let other: Vec<_> = generate(&options(10, 5, 12_000, 600)).map(|report| report.text).collect();
    assert_ne!(first.iter().map(|(text, _)| text.clone()).collect::<Vec<_>>(), other);
}

#[test]
fn target_size_is_reached() {
    for target in [8_000, 20_000, 60_000, 250_000, 1_000_000] {
        for report in generate(&options(target as u64, 3, target, 500)) {
            let length = report.text.len();
            assert!(length <= target && length + 1_000 >= target, "{target}: {length}");
        }
    }
}

#[test]
fn small_targets_give_the_core() {
    for report in generate(&options(2, 5, 0, 0)) {
        assert!((3_000..9_000).contains(&report.text.len()), "{}", report.text.len());
    }
}

#[test]
fn injected_errors_point_at_written_lines() {
    let mut faulty = 0;
    for report in generate(&options(4, 60, 10_000, 700)) {
        assert!(report.injected.len() <= 3);
        faulty += usize::from(!report.injected.is_empty());
        let lines = report.text.lines().count();
        for injected in &report.injected {
            assert!((1..=lines).contains(&injected.line), "{}: {injected:?}", report.name);
        }
    }
    assert!((25..=55).contains(&faulty), "{faulty}");
}

#[test]
fn no_regional_pack_is_detected() {
    for report in generate(&options(5, 40, 6_000, 500)) {
        for detect in ["临泽县", "张掖", "石家庄", "石发〔2019〕8号", "克拉玛依区", "乌鲁木齐"] {
            assert!(!report.text.contains(detect), "{detect}");
        }
    }
}

/// FNV-1a, to pin a report's text without storing it.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[test]
fn reports_without_forms_are_what_they_always_were() {
    // The input of `lint 20 KB report` and `lint 200 KB report` in
    // benches/pipeline.rs: a change here makes the bench incomparable.
    let bench = |target_bytes| generate(&options(7, 1, target_bytes, 1000)).next().map(|report| report.text);
    let pinned: Vec<(usize, u64)> = [20_000, 200_000]
        .into_iter()
        .map(|size| bench(size).map_or((0, 0), |text| (text.len(), digest(&text))))
        .collect();
    assert_eq!(pinned, [(19_937, 7_915_394_259_523_291_669), (199_777, 13_768_103_399_084_111_138)]);
}

#[test]
fn forms_come_in_every_rendering_and_placement() {
    let reports: Vec<_> = generate(&with_forms(21, 120, 9_000, 1000)).collect();
    let renderings: BTreeSet<Rendering> =
        reports.iter().filter_map(|report| report.form).map(|form| form.rendering).collect();
    assert_eq!(renderings, Rendering::ALL.into_iter().collect());
    for placement in [Placement::Appendix, Placement::Alone] {
        assert!(reports.iter().any(|report| report.form.is_some_and(|form| form.placement == placement)));
    }
    let checks: BTreeSet<&str> = reports
        .iter()
        .flat_map(|report| &report.injected)
        .filter(|error| error.form)
        .map(|error| error.check.as_str())
        .collect();
    assert_eq!(checks, form_checks().collect());
    assert!(generate(&options(21, 40, 9_000, 800)).all(|report| report.form.is_none()));
}

#[test]
fn form_errors_point_into_the_form() {
    for report in generate(&with_forms(22, 80, 12_000, 700)) {
        let lines: Vec<&str> = report.text.lines().collect();
        // The form starts at its title (alone) or its appendix heading.
        let start = lines.iter().position(|line| line.contains("项目支出绩效自评表")).map_or(usize::MAX, |at| at + 1);
        for error in &report.injected {
            assert!((1..=lines.len()).contains(&error.line), "{}: {error:?}", report.name);
            assert_eq!(error.form, error.line >= start, "{}: {error:?}", report.name);
        }
        match report.form.map(|form| form.placement) {
            Some(Placement::Alone) => assert!(report.injected.iter().all(|error| error.form)),
            None => assert!(report.injected.iter().all(|error| !error.form)),
            Some(Placement::Appendix) => {}
        }
    }
}

#[test]
fn reports_with_forms_reach_their_size() {
    for target in [10_000, 30_000, 150_000] {
        for report in generate(&with_forms(target as u64, 12, target, 1000)) {
            let length = report.text.len();
            assert!(length <= target && length + 1_000 >= target, "{target}: {length} ({:?})", report.form);
        }
    }
}
