//! reportlint-corpus: synthetic 部门整体支出绩效自评报告 texts with known errors.
//!
//! Input: [`Options`] (seed, how many reports, their size, how many carry
//! errors, how many a 项目支出绩效自评表). Output: reports, lazily, each with
//! the list of errors that were put into it: the check of reportlint's
//! national rule pack that must find each one, and the 1-based line that
//! check points at.
//!
//! Invariants:
//! - the same options give the same reports, byte for byte, on any platform;
//! - a report without injected errors is consistent: every relation the
//!   national pack checks holds once the rounding of written figures is
//!   allowed for (四舍五入 to the written decimals), sums are exact;
//! - each injected error breaks exactly one check, once;
//! - a report is about `target_bytes` long (a little less, by at most a
//!   sentence per narrative region) unless its core alone is longer;
//! - no report contains a regional pack's `detect` text, so reportlint
//!   lints them with the national pack;
//! - a report with a form draws it from a random stream of its own, so
//!   with `forms_per_mille` 0 every report is the same, byte for byte, as
//!   before forms existed.
//!
//! Pipeline: `figures` (consistent numbers, with `indicators`) and `form`
//! (the 项目支出绩效自评表, if any) → `inject` (+ `inject_scores`,
//! `form::inject`) → `compose` (text, with `page` keeping line numbers,
//! `prose` the narrative, `form` the table in one of its renderings) →
//! [`Generated`]; `manifest` writes a corpus to a folder.

// The generator's figures are i64 hundredths of 万元, basis points and
// small counts drawn from fixed ranges: `figures::draw` takes the budget
// from 15_000..=3_000_000 and every other figure is a share of it, so the
// largest product (of two such figures) is below 10^14, far from i64::MAX
// (about 9.2 × 10^18). The generator runs in tests and benchmarks only,
// never on a user's input.
#![allow(
    clippy::arithmetic_side_effects,
    reason = "figures come from fixed ranges (budget ≤ 3_000_000 hundredths): products stay below 10^14"
)]

mod amount;
mod compose;
mod figures;
mod form;
mod indicators;
mod inject;
mod inject_scores;
mod manifest;
mod page;
mod prose;
mod random;
mod vocabulary;

use serde::{Deserialize, Serialize};

pub use form::{Placement, Rendering};
pub use manifest::{Manifest, ManifestFile, write};

use compose::Layout;
use page::{Place, Typeset};
use random::Random;

/// What to generate.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Options {
    pub seed: u64,
    pub count: usize,
    /// The length each report should reach, in bytes of UTF-8 (any size,
    /// from about 5 KB, the core of a small report, to megabytes).
    pub target_bytes: usize,
    /// How many reports in a thousand carry injected errors (1 to 3 each).
    pub faulty_per_mille: u32,
    /// How many reports in a thousand carry a national 项目支出绩效自评表:
    /// two in three as an appendix, one in three as the whole report. A
    /// faulty report with a form has at least one of its errors in it (all
    /// of them when the form is the report).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub forms_per_mille: u32,
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

/// One report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Generated {
    /// A file name: `report-00042.txt`.
    pub name: String,
    pub text: String,
    /// The injected errors, by line.
    pub injected: Vec<Injected>,
    /// The 项目支出绩效自评表 it carries, if any.
    pub form: Option<FormSummary>,
}

/// How a report carries its 项目支出绩效自评表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSummary {
    pub rendering: Rendering,
    pub placement: Placement,
}

/// An error put into a report on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Injected {
    /// The id of the national pack's check that must report it
    /// (`budget-execution-rate`).
    pub check: String,
    /// The 1-based line of the figure or heading the finding points at.
    pub line: usize,
    /// What was changed, in Chinese (`预算执行率写为 97.27%，应为 96.27%`).
    pub description: String,
    /// Whether it is in the 项目支出绩效自评表 (whose facts reportlint
    /// checks apart from the report's own statements).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub form: bool,
}

/// The reports of `options`, generated one at a time when iterated.
pub fn generate(options: &Options) -> impl Iterator<Item = Generated> + use<> {
    let options = options.clone();
    (0..options.count).map(move |index| generate_one(&options, index))
}

/// The check ids an injected error in the report's own statements can carry.
pub fn injectable_checks() -> impl Iterator<Item = &'static str> {
    inject::KINDS.iter().map(|kind| kind.check())
}

/// The check ids an error in a 项目支出绩效自评表 can carry, the findings it
/// brings with it included.
pub fn form_checks() -> impl Iterator<Item = &'static str> {
    form::inject::FORM_KINDS.iter().map(|kind| kind.check()).chain(form::inject::FOLLOWING_CHECKS)
}

/// Salt of the forms' random streams, apart from the reports' own.
const FORM_STREAM: u64 = 0x5EED_F0A7_2020_0010;

fn generate_one(options: &Options, index: usize) -> Generated {
    let mut random = Random::fork(options.seed, index as u64);
    let target = options.target_bytes;
    let indicator_count = (3 + target / 12_000).min(24) + random.index(3);
    let project_count = 1 + (target / 15_000).min(10) + random.index(3);
    let mut figures = figures::draw(&mut random, indicator_count, project_count);
    let mut layout = Layout {
        unit: format!("{}{}", random.pick(vocabulary::PLACES), random.pick(vocabulary::AGENCIES)),
        own: random.pick::<&str>(vocabulary::SELF_NAMES),
        typeset: Typeset { bold: random.chance(300), spaced: random.chance(500) },
        filled: (random.between(1, 4), random.between(1, 28)),
        prose_seed: random.next(),
        unit_clash: None,
        heading_gap: None,
        narrative: 0,
    };
    let errors = if random.chance(options.faulty_per_mille) { random.between(1, 3) as usize } else { 0 };
    let mut form_random = Random::fork(options.seed ^ FORM_STREAM, index as u64);
    let mut attached = form_random.chance(options.forms_per_mille).then(|| attach(&mut form_random, &figures, &layout));
    let form_errors = match &attached {
        Some(attached) if attached.placement == Placement::Alone => errors,
        Some(_) if errors > 0 => form_random.between(1, errors as i64) as usize,
        _ => 0,
    };
    let mut planted = inject::inject(&mut random, &mut figures, &mut layout, errors - form_errors);
    if let Some(attached) = attached.as_mut() {
        planted.extend(form::inject::inject(&mut form_random, &mut attached.form, form_errors));
    }
    let write = |layout: &Layout| match &attached {
        Some(attached) if attached.placement == Placement::Alone => compose::form_report(&figures, layout, attached),
        appendix => compose::compose(&figures, layout, appendix.as_ref()),
    };
    let (core, _) = write(&layout);
    layout.narrative = target.saturating_sub(core.len());
    let (text, lines) = write(&layout);
    let mut injected: Vec<Injected> = planted
        .into_iter()
        .flat_map(|planted| {
            let form = matches!(planted.place, Place::Form(_));
            let follows = planted.follows.map(|(check, place)| Injected {
                check: check.to_string(),
                line: lines.get(&place).copied().unwrap_or(0),
                description: format!("{}：由此算出的数也不符", planted.description),
                form,
            });
            let first = Injected {
                check: planted.check.to_string(),
                // Every place an injected kind points at is written; 0 would be a
                // bug in `compose`, and the tests look for it.
                line: lines.get(&planted.place).copied().unwrap_or(0),
                description: planted.description,
                form,
            };
            std::iter::once(first).chain(follows)
        })
        .collect();
    injected.sort_by(|left, right| (left.line, &left.check).cmp(&(right.line, &right.check)));
    let form = attached.map(|attached| FormSummary { rendering: attached.rendering, placement: attached.placement });
    Generated { name: format!("report-{index:05}.txt"), text, injected, form }
}

/// A form for one of the report's projects, in a rendering and placement
/// drawn for it.
fn attach(random: &mut Random, figures: &figures::Figures, layout: &Layout) -> form::Attached {
    let project =
        figures.projects.get(random.index(figures.projects.len())).map_or("专项业务", |project| project.name);
    let rendering = random.pick(&Rendering::ALL);
    let form = form::draw(random, figures.year, project, &layout.unit, rendering);
    let placement = if random.chance(333) { Placement::Alone } else { Placement::Appendix };
    form::Attached { form, rendering, placement, seed: random.next() }
}

#[cfg(test)]
mod tests;
