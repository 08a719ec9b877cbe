//! Whole-report properties: determinism, size, injected lines.

use crate::{Options, generate};

fn options(seed: u64, count: usize, target_bytes: usize, faulty_per_mille: u32) -> Options {
    Options { seed, count, target_bytes, faulty_per_mille }
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
