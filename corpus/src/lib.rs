//! reportlint-corpus: synthetic 部门整体支出绩效自评报告 texts with known errors.
//!
//! Input: [`Options`] (seed, how many reports, their size, how many carry
//! errors). Output: reports, lazily, each with the list of errors that
//! were put into it: the check of reportlint's national rule pack that must
//! find each one, and the 1-based line that check points at.
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
//!   lints them with the national pack.
//!
//! Pipeline: `figures` (consistent numbers, with `indicators`) →
//! `inject` (+ `inject_scores`) → `compose` (text, with `page` keeping line
//! numbers and `prose` the narrative) → [`Generated`]; `manifest` writes a
//! corpus to a folder.

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
mod indicators;
mod inject;
mod inject_scores;
mod manifest;
mod page;
mod prose;
mod random;
mod vocabulary;

use serde::{Deserialize, Serialize};

pub use manifest::{Manifest, ManifestFile, write};

use compose::Layout;
use page::Typeset;
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
}

/// One report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Generated {
    /// A file name: `report-00042.txt`.
    pub name: String,
    pub text: String,
    /// The injected errors, by line.
    pub injected: Vec<Injected>,
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
}

/// The reports of `options`, generated one at a time when iterated.
pub fn generate(options: &Options) -> impl Iterator<Item = Generated> + use<> {
    let options = options.clone();
    (0..options.count).map(move |index| generate_one(&options, index))
}

/// The check ids an injected error can carry.
pub fn injectable_checks() -> impl Iterator<Item = &'static str> {
    inject::KINDS.iter().map(|kind| kind.check())
}

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
    let planted = inject::inject(&mut random, &mut figures, &mut layout, errors);
    let (core, _) = compose::compose(&figures, &layout);
    layout.narrative = target.saturating_sub(core.len());
    let (text, lines) = compose::compose(&figures, &layout);
    let mut injected: Vec<Injected> = planted
        .into_iter()
        .flat_map(|planted| {
            let follows = planted.follows.map(|(check, place)| Injected {
                check: check.to_string(),
                line: lines.get(&place).copied().unwrap_or(0),
                description: format!("{}：由此算出的数也不符", planted.description),
            });
            let first = Injected {
                check: planted.kind.check().to_string(),
                // Every place an injected kind points at is written; 0 would be a
                // bug in `compose`, and the tests look for it.
                line: lines.get(&planted.place).copied().unwrap_or(0),
                description: planted.description,
            };
            std::iter::once(first).chain(follows)
        })
        .collect();
    injected.sort_by(|left, right| (left.line, &left.check).cmp(&(right.line, &right.check)));
    Generated { name: format!("report-{index:05}.txt"), text, injected }
}

#[cfg(test)]
mod tests;
