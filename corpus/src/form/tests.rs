//! The form on its own: drawn consistent, each injected kind breaks exactly
//! what it records, each rendering writes what it claims.

use std::collections::BTreeSet;

use super::audit::{Failures, audit};
use super::inject::{FORM_KINDS, FormKind, inject_kinds};
use super::measure::Measure;
use super::render::Rendering;
use super::{Attached, Form, FormPlace, Placement, draw, write};
use crate::inject::Planted;
use crate::page::{Page, Place};
use crate::random::Random;

fn form(seed: u64) -> Form {
    let mut random = Random::new(seed);
    let rendering = Rendering::ALL[seed as usize % Rendering::ALL.len()];
    draw(&mut random, 2023, "便民服务窗口运行", "东湖区政务服务中心", rendering)
}

/// What the records of `planted` say must fail.
fn recorded(planted: &[Planted]) -> Failures {
    let place = |place: Place| match place {
        Place::Form(place) => place,
        other => panic!("a form error recorded at {other:?}"),
    };
    planted
        .iter()
        .flat_map(|planted| {
            let follows = planted.follows.map(|(check, at)| (check, place(at)));
            std::iter::once((planted.check, place(planted.place))).chain(follows)
        })
        .collect()
}

#[test]
fn drawn_forms_are_consistent() {
    for seed in 0..2_000 {
        let form = form(seed);
        assert_eq!(audit(&form), Failures::new(), "seed {seed}: {form:#?}");
        assert!((8..=14).contains(&form.indicators.len()));
        assert!(form.indicators.iter().any(|indicator| indicator.score < indicator.weight * 100));
        assert!(form.indicators.iter().all(|indicator| indicator.weight >= 2));
        assert_eq!(form.budget.weight + form.categories.iter().map(|category| category.share).sum::<i64>(), 100);
        for (index, indicator) in form.indicators.iter().enumerate() {
            if form.meets(index) == Some(false) {
                assert!(indicator.reason.is_some(), "seed {seed}: {indicator:?}");
            }
            if let Measure::Worded(..) = indicator.measure {
                assert_eq!(form.meets(index), None, "a worded target is never compared");
            }
        }
    }
}

#[test]
fn each_kind_breaks_exactly_what_it_records() {
    for &kind in FORM_KINDS {
        let mut injected = 0;
        for seed in 0..300 {
            let mut form = form(seed);
            let mut random = Random::new(seed ^ 0xABCD);
            let planted = inject_kinds(&mut random, &mut form, &[kind]);
            if planted.is_empty() {
                continue;
            }
            injected += 1;
            assert_eq!(planted.len(), 1);
            assert_eq!(audit(&form), recorded(&planted), "{kind:?}, seed {seed}: {}", planted[0].description);
        }
        // Every kind fits most forms (a rate on 其中 rows and shares in
        // labels are choices of the style).
        assert!(injected >= 50, "{kind:?} injected into {injected} of 300 forms");
    }
}

#[test]
fn several_errors_in_one_form_each_give_their_findings() {
    let mut kinds_seen = BTreeSet::new();
    for seed in 0..1_000 {
        let mut form = form(seed);
        let mut random = Random::new(seed ^ 0x1234);
        let planted = super::inject::inject(&mut random, &mut form, 1 + seed as usize % 3);
        kinds_seen.extend(planted.iter().map(|planted| planted.check));
        assert_eq!(audit(&form), recorded(&planted), "seed {seed}");
    }
    let all: BTreeSet<&str> = FORM_KINDS.iter().map(|kind| kind.check()).collect();
    assert_eq!(kinds_seen, all);
}

#[test]
fn exclusive_kinds_never_go_together() {
    for seed in 0..300 {
        let mut form = form(seed);
        let mut random = Random::new(seed);
        let planted = inject_kinds(&mut random, &mut form, &[FormKind::ExecutionRate, FormKind::ExecutionScore]);
        assert!(planted.len() <= 1);
    }
}

/// Every cell an error may point at, with the line the rendering wrote it on.
fn rendered(seed: u64, rendering: Rendering) -> (Form, String, Vec<(Place, usize)>) {
    let form = form(seed);
    let attached = Attached { form: form.clone(), rendering, placement: Placement::Appendix, seed };
    let mut page = Page::new();
    write(&mut page, &attached, &["（2023年度）".to_string()]);
    let (text, marks) = page.finish();
    (form, text, marks.into_iter().collect())
}

#[test]
fn every_rendering_writes_every_cell_an_error_points_at() {
    for rendering in Rendering::ALL {
        for seed in 0..50 {
            let (form, text, marks) = rendered(seed, rendering);
            let lines = text.lines().count();
            let places: BTreeSet<Place> = marks.iter().map(|(place, _)| *place).collect();
            let mut expected = vec![FormPlace::Total, FormPlace::Grade];
            expected.extend(
                (0..form.indicators.len()).flat_map(|index| [FormPlace::Actual(index), FormPlace::Score(index)]),
            );
            expected.extend((0..form.categories.len()).map(FormPlace::Category));
            let rated = form.budget.sources.iter().enumerate().filter(|(_, source)| source.rate.is_some());
            expected.extend(rated.map(|(row, _)| FormPlace::SourceRate(row)));
            for place in expected {
                assert!(places.contains(&Place::Form(place)), "{rendering:?}: {place:?}");
            }
            assert!(marks.iter().all(|(_, line)| (1..=lines).contains(line)));
        }
    }
}

#[test]
fn renderings_look_as_their_converters_leave_tables() {
    let (_, text, marks) = rendered(3, Rendering::OneLine);
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with("（2023年度） 项目名称 ") && !text.contains("  "));
    assert!(marks.iter().all(|(_, line)| *line == 1));

    let (_, text, _) = rendered(3, Rendering::CellLines);
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert!(lines.chunks(2).all(|pair| matches!(pair, [cell, ""] if !cell.is_empty())));
    assert!(lines.contains(&" "), "an empty cell is a space");

    let (_, text, _) = rendered(3, Rendering::PipeCellLines);
    assert!(text.lines().skip(1).all(|line| line == "|" || (line.ends_with(" |") && !line.starts_with('|'))));

    for seed in 0..20 {
        let (_, text, _) = rendered(seed, Rendering::PipeTable);
        let widths: BTreeSet<usize> = text.lines().skip(1).map(|line| line.matches('|').count()).collect();
        assert_eq!(widths.len(), 1, "a regular pipe table: {text}");
        let (_, text, _) = rendered(seed, Rendering::TabRows);
        let widths: BTreeSet<usize> = text.lines().skip(1).map(|line| line.matches('\t').count()).collect();
        assert_eq!(widths.len(), 1, "every tab row as wide as the grid: {text}");
    }

    let ragged: Vec<(usize, String)> = (0..20)
        .map(|seed| {
            let (form, text, _) = rendered(seed, Rendering::RaggedPipes);
            (super::layout::rows(&form).len(), text)
        })
        .collect();
    assert!(ragged.iter().all(|(_, text)| !text.contains("|  |")), "empty cells are dropped");
    assert!(ragged.iter().any(|(_, text)| text.contains(" | ||\n")), "stray cells after a row");
    assert!(ragged.iter().any(|(rows, text)| text.lines().count() > rows + 1), "a row broken over two lines");
}
