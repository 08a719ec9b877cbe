//! Fragments by line → the rows: each row's anchor line, and whether cells
//! are centred on it or start on it.
//!
//! A line holding two or more figures (or blank marks) is a row of data. So
//! is a line with one, unless it is a wrapped piece of a figure (`239.98 万`
//! above `元`) beside a data row that has nothing in its columns. Two
//! text-only lines where a cell spanning columns stands above two or more
//! cells inside its span are two header rows (`预算数` over `年初` and
//! `调整后`). The other text-only lines with two or more fragments may be
//! header rows or the wrapped lines of the rows around them: between two
//! data rows, every choice of them is tried (at most [`MAX_CHOICES`]
//! lines) and the one that leaves the fewest merged cells, leftovers and
//! cells overlapping in a row wins, each header row costing [`ROW_COST`].
//! On a page, two rows are never closer than [`Metrics::row_gap`].
//!
//! Both models of vertical alignment are tried; the one that explains the
//! lines at less cost is kept, and only if it is better by [`MODEL_MARGIN`].

use super::columns::Fragment;
use super::stacks::{Kind, Model, Rows, stacks};
use super::{Line, Metrics, Ruling};

/// Text-only lines between two data rows tried as header rows, at most.
const MAX_CHOICES: usize = 8;
/// What a row without figures costs: it must explain more than one merged
/// cell to be worth it.
const ROW_COST: f64 = 1.5;
/// What two cells of one row overlapping in a column cost.
const OVERLAP_COST: f64 = 3.0;
/// Fixed rows on each side of a run of choices whose cells are compared.
const WINDOW: usize = 3;
/// Lines costed over the whole search, at most: each choice of header
/// rows costs the lines of its window (a few hundred lines of a real form
/// take five thousand).
const MAX_WORK: usize = 50_000;
/// How much better one model must explain the table than the other.
const MODEL_MARGIN: f64 = 1.0;

/// The rows found: anchor lines ascending, which of them hold figures, and
/// the vertical model.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Anchors {
    pub lines: Vec<usize>,
    pub data: Vec<bool>,
    pub model: Model,
}

/// The rows of the table, if one model explains it clearly better.
pub(super) fn choose(
    fragments: &[Vec<Fragment>],
    lines: &[Line],
    metrics: &Metrics,
    ruling: &Ruling,
) -> Option<Anchors> {
    let centred = search(fragments, lines, metrics, ruling, Model::Centred)?;
    let top = search(fragments, lines, metrics, ruling, Model::Top)?;
    let (best, other) = if centred.1 <= top.1 { (centred, top) } else { (top, centred) };
    (best.1 + MODEL_MARGIN <= other.1 && best.0.lines.len() >= 2).then_some(best.0)
}

/// The anchors under one model, and what they leave unexplained.
fn search(
    fragments: &[Vec<Fragment>],
    lines: &[Line],
    metrics: &Metrics,
    ruling: &Ruling,
    model: Model,
) -> Option<(Anchors, f64)> {
    let values: Vec<usize> = fragments.iter().map(|line| line.iter().filter(|f| f.value).count()).collect();
    let count = |line: usize| values.get(line).copied().unwrap_or(0);
    let mut data: Vec<usize> = (0..fragments.len()).filter(|line| count(*line) >= 2).collect();
    let lone: Vec<usize> =
        (0..fragments.len()).filter(|line| count(*line) == 1 && !wrapped_figure(fragments, *line, &data)).collect();
    data.extend(lone);
    data.sort_unstable();
    let mut fixed = data.clone();
    let mut text_only: Vec<usize> = (0..fragments.len())
        .filter(|line| count(*line) == 0 && fragments.get(*line).is_some_and(|f| f.len() >= 2))
        .collect();
    for (upper, lower) in header_levels(fragments, &text_only) {
        fixed.extend([upper, lower]);
    }
    fixed.sort_unstable();
    fixed.dedup();
    text_only.retain(|line| fixed.binary_search(line).is_err());
    let table = Table { fragments, lines, metrics, ruling, model, data: &data, text_only: &text_only };
    let mut anchors = fixed.clone();
    let mut work = 0usize;
    for _ in 0..2 {
        let mut bounds: Vec<Option<usize>> = vec![None];
        bounds.extend(fixed.iter().map(|line| Some(*line)));
        bounds.push(None);
        for (index, pair) in bounds.windows(2).enumerate() {
            let (lo, hi) = (pair.first().copied().flatten(), pair.last().copied().flatten());
            let inside = |line: &usize| lo.is_none_or(|lo| *line > lo) && hi.is_none_or(|hi| *line < hi);
            let choices: Vec<usize> = text_only.iter().copied().filter(inside).take(MAX_CHOICES).collect();
            if choices.is_empty() {
                continue;
            }
            // The choice changes how the rows around it group their lines:
            // compare from a few fixed rows before to a few after.
            let from = index.checked_sub(WINDOW).and_then(|before| bounds.get(before).copied().flatten()).unwrap_or(0);
            let to = bounds
                .get(index.saturating_add(WINDOW).saturating_add(1))
                .copied()
                .flatten()
                .unwrap_or(fragments.len());
            // Each trial costs the lines of its window: the search stops,
            // not confident, past its budget.
            work = work.saturating_add(to.saturating_sub(from).saturating_mul(1usize << choices.len()));
            if work > MAX_WORK {
                return None;
            }
            let kept: Vec<usize> = anchors.iter().copied().filter(|line| !inside(line)).collect();
            let mut best: Option<(f64, Vec<usize>)> = None;
            for mask in 0u32..(1u32 << choices.len()) {
                let mut trial = kept.clone();
                trial.extend(choices.iter().enumerate().filter(|(bit, _)| mask >> bit & 1 == 1).map(|(_, line)| *line));
                trial.sort_unstable();
                if !table.spaced(&trial, &choices) {
                    continue;
                }
                let cost = table.cost(&trial, from, to);
                if best.as_ref().is_none_or(|(least, _)| cost < *least - 1e-9) {
                    best = Some((cost, trial));
                }
            }
            if let Some((_, trial)) = best {
                anchors = trial;
            }
        }
    }
    let cost = table.cost(&anchors, 0, fragments.len());
    let data = anchors.iter().map(|line| data.binary_search(line).is_ok()).collect();
    Some((Anchors { lines: anchors, data, model }, cost))
}

/// A line whose one figure can be a wrapped piece of a data row within two
/// lines that has nothing in its columns (`239.98 万` above `≤260 万元 6 6`).
fn wrapped_figure(fragments: &[Vec<Fragment>], line: usize, data: &[usize]) -> bool {
    let Some(pieces) = fragments.get(line) else { return false };
    let Some(figure) = pieces.iter().find(|f| f.value) else { return false };
    pieces.len() <= 2
        && data.iter().filter(|other| **other != line && other.abs_diff(line) <= 2).any(|other| {
            fragments.get(*other).is_some_and(|row| {
                !row.iter().any(|f| f.first_column <= figure.last_column && figure.first_column <= f.last_column)
            })
        })
}

/// Pairs of text-only lines that are two rows of a header: a fragment
/// spanning columns, and on the next line (or the one after, when the line
/// between has nothing under the span) two or more fragments inside it.
fn header_levels(fragments: &[Vec<Fragment>], text_only: &[usize]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for &upper in text_only {
        for wide in fragments.get(upper).into_iter().flatten().filter(|f| f.last_column > f.first_column) {
            let under = |line: usize| {
                fragments.get(line).map_or(0, |pieces| {
                    pieces
                        .iter()
                        .filter(|f| f.first_column >= wide.first_column && f.last_column <= wide.last_column)
                        .count()
                })
            };
            let touches = |line: usize| {
                fragments.get(line).is_some_and(|pieces| {
                    pieces.iter().any(|f| f.first_column <= wide.last_column && wide.first_column <= f.last_column)
                })
            };
            let next = upper.saturating_add(1);
            let after = upper.saturating_add(2);
            for lower in [next, after] {
                if lower == after && touches(next) {
                    break;
                }
                if text_only.binary_search(&lower).is_ok() && under(lower) >= 2 {
                    pairs.push((upper, lower));
                    break;
                }
            }
        }
    }
    pairs
}

/// What the cost of a choice of anchors is computed from.
struct Table<'a> {
    fragments: &'a [Vec<Fragment>],
    lines: &'a [Line<'a>],
    metrics: &'a Metrics,
    ruling: &'a Ruling,
    model: Model,
    data: &'a [usize],
    text_only: &'a [usize],
}

impl Table<'_> {
    fn y(&self, line: usize) -> f64 {
        self.lines.get(line).map_or(0.0, |line| line.y)
    }

    /// On a page, no chosen header row is closer than a row gap to another.
    fn spaced(&self, anchors: &[usize], choices: &[usize]) -> bool {
        self.metrics.numbered
            || anchors.windows(2).all(|pair| match pair {
                [a, b] => {
                    !(choices.contains(a) || choices.contains(b)) || self.y(*b) - self.y(*a) >= self.metrics.row_gap
                }
                _ => true,
            })
    }

    /// Merged cells, leftovers, overlapping cells and header rows among the
    /// fragments of lines `from..=to` (the rest of the table is the same for
    /// every choice compared).
    fn cost(&self, anchors: &[usize], from: usize, to: usize) -> f64 {
        let anchors: Vec<usize> = anchors.iter().copied().filter(|line| (from..=to).contains(line)).collect();
        let data = |line: usize| self.data.binary_search(&line).is_ok();
        let y = |line: usize| self.y(line);
        let rows = Rows { anchors: &anchors, data: &data, y: &y, model: self.model };
        let columns = self.fragments.iter().flatten().map(|f| f.first_column).max().map_or(0, |c| c.saturating_add(1));
        let mut cost = 0.0;
        // Cells of one row: (row, first column, last column).
        let mut cells: Vec<(usize, usize, usize)> = Vec::new();
        for column in 0..columns {
            let placed: Vec<&Fragment> = self
                .fragments
                .get(from..to.saturating_add(1).min(self.fragments.len()))
                .unwrap_or_default()
                .iter()
                .flatten()
                .filter(|f| f.first_column == column)
                .collect();
            let lines: Vec<usize> = placed.iter().map(|f| f.line).collect();
            let ruled = self.ruling.below(column, &lines);
            let (stacks, stacked) = stacks(&lines, &rows, self.metrics, ruled.as_deref());
            cost += stacked;
            for stack in stacks {
                if let Kind::Single(row) = stack.kind {
                    let last = placed.iter().filter(|f| stack.lines.contains(&f.line)).map(|f| f.last_column).max();
                    cells.push((row, column, last.unwrap_or(column)));
                }
            }
        }
        cells.sort_unstable();
        let overlaps = cells
            .windows(2)
            .filter(|pair| matches!(pair, [(row, _, last), (next_row, first, _)] if row == next_row && first <= last))
            .count();
        let header_rows = anchors.iter().filter(|line| self.text_only.binary_search(line).is_ok()).count();
        cost + OVERLAP_COST * overlaps as f64 + ROW_COST * header_rows as f64
    }
}
