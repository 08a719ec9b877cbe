//! One column's fragments, top to bottom → the cells they make, given the
//! rows' anchor lines.
//!
//! A cell of one row is *centred* on its anchor (as many of its lines above
//! the anchor as below, the anchor line itself holding its middle line or
//! none) or, in a table whose cells are top-aligned, *starts* on it; its
//! lines are consecutive (no step over [`Metrics::step`]) and stay between
//! the neighbouring anchors. A group of fragments that is no such cell but
//! evenly spaced is a cell merged over several rows (its rows are found in
//! `place`); it may not reach from a header row into a row of figures. A
//! fragment that is neither is left over (*orphan*): the table does not
//! explain it.
//!
//! The grouping is the one with the fewest merged cells and leftovers (a
//! leftover weighs three merged cells), then the fewest cells: a dynamic
//! programme over the fragments, each cell at most [`MAX_CELL_LINES`] lines.

use super::Metrics;

/// The most lines one cell's text is read over.
const MAX_CELL_LINES: usize = 12;

const MERGED_COST: f64 = 1.0;
const ORPHAN_COST: f64 = 3.0;
/// Two cells one above the other with no rule between them, where the
/// input has rules: more than a merged cell, so that a label wrapped beside
/// two rows is read whole.
const UNRULED_COST: f64 = 2.0;

/// How the text of a cell stands in its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Model {
    Centred,
    Top,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A cell of the row whose anchor is `anchors[index]`.
    Single(usize),
    /// A cell over several rows.
    Merged,
    /// Text the table does not explain.
    Orphan,
}

/// A cell: its fragments' lines (ascending) and what kind it is.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stack {
    pub lines: Vec<usize>,
    pub kind: Kind,
}

/// What the grouping needs to know about the rows.
pub(super) struct Rows<'a> {
    /// Anchor lines, ascending.
    pub anchors: &'a [usize],
    /// Whether an anchor line holds figures (a data row), by line.
    pub data: &'a dyn Fn(usize) -> bool,
    /// Vertical position of a line.
    pub y: &'a dyn Fn(usize) -> f64,
    pub model: Model,
}

/// The cells of a column whose fragments stand on `lines` (ascending), and
/// their cost. `ruled`, when the input has rules, says for each line but
/// the last whether a rule stands below it: a cell never reaches across
/// one, and cells not parted by one cost [`UNRULED_COST`].
pub(super) fn stacks(lines: &[usize], rows: &Rows, metrics: &Metrics, ruled: Option<&[bool]>) -> (Vec<Stack>, f64) {
    let count = lines.len();
    // best[j]: (cost, cells) of grouping lines[..j]; from[j]: where its last cell starts.
    let mut best: Vec<(f64, usize)> = vec![(f64::INFINITY, 0); count.saturating_add(1)];
    let mut from: Vec<Option<(usize, Kind)>> = vec![None; count.saturating_add(1)];
    if let Some(first) = best.first_mut() {
        *first = (0.0, 0);
    }
    for end in 1..=count {
        for start in end.saturating_sub(MAX_CELL_LINES)..end {
            let Some(group) = lines.get(start..end) else { continue };
            let crossed = ruled.is_some_and(|ruled| {
                ruled.get(start..end.saturating_sub(1)).unwrap_or_default().iter().any(|ruled| *ruled)
            });
            if crossed {
                continue;
            }
            let Some(kind) = kind_of(group, rows, metrics) else { continue };
            let Some(&(before, cells)) = best.get(start) else { continue };
            let unparted =
                start > 0 && ruled.is_some_and(|ruled| !ruled.get(start.saturating_sub(1)).copied().unwrap_or(true));
            let cost = before
                + if unparted { UNRULED_COST } else { 0.0 }
                + match kind {
                    Kind::Single(_) => 0.0,
                    Kind::Merged => MERGED_COST,
                    Kind::Orphan => ORPHAN_COST,
                };
            let candidate = (cost, cells.saturating_add(1));
            if best.get(end).is_some_and(|current| better(candidate, *current)) {
                if let (Some(slot), Some(origin)) = (best.get_mut(end), from.get_mut(end)) {
                    *slot = candidate;
                    *origin = Some((start, kind));
                }
            }
        }
    }
    let mut stacks = Vec::new();
    let mut end = count;
    while end > 0 {
        let Some(Some((start, kind))) = from.get(end).copied() else { break };
        stacks.push(Stack { lines: lines.get(start..end).unwrap_or_default().to_vec(), kind });
        end = start;
    }
    stacks.reverse();
    (stacks, best.get(count).map_or(f64::INFINITY, |(cost, _)| *cost))
}

fn better(candidate: (f64, usize), current: (f64, usize)) -> bool {
    candidate.0 < current.0 - 1e-9 || ((candidate.0 - current.0).abs() <= 1e-9 && candidate.1 < current.1)
}

/// What a group of consecutive fragments can be, if anything.
fn kind_of(group: &[usize], rows: &Rows, metrics: &Metrics) -> Option<Kind> {
    let (&lo, &hi) = (group.first()?, group.last()?);
    let y = rows.y;
    let compact = group.windows(2).all(|pair| matches!(pair, [a, b] if y(*b) - y(*a) <= metrics.step + 1e-9));
    let first = rows.anchors.partition_point(|anchor| *anchor < lo);
    let past = rows.anchors.partition_point(|anchor| *anchor <= hi);
    let inside = rows.anchors.get(first..past).unwrap_or_default();
    if compact {
        if let [anchor] = inside {
            if is_single(group, *anchor, rows, metrics) {
                return Some(Kind::Single(first));
            }
        }
    }
    let lone = group.len() == 1;
    let straddles =
        inside.iter().any(|anchor| (rows.data)(*anchor)) && inside.iter().any(|anchor| !(rows.data)(*anchor));
    let unanchored = rows.model == Model::Top && rows.anchors.binary_search(&lo).is_err();
    if !compact || straddles || unanchored {
        return lone.then_some(Kind::Orphan);
    }
    let steps: Vec<f64> = group.windows(2).filter_map(|pair| Some(y(*pair.last()?) - y(*pair.first()?))).collect();
    let (least, most) = steps.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), s| (a.min(*s), b.max(*s)));
    if steps.len() > 1 && most - least > metrics.tolerance + 1e-9 {
        return None;
    }
    Some(Kind::Merged)
}

/// Whether a compact group with `anchor` its only anchor is a cell of that
/// anchor's row.
fn is_single(group: &[usize], anchor: usize, rows: &Rows, metrics: &Metrics) -> bool {
    let (Some(&lo), Some(&hi)) = (group.first(), group.last()) else { return false };
    match rows.model {
        Model::Top => lo == anchor,
        Model::Centred => {
            let above = group.iter().filter(|line| **line < anchor).count();
            let below = group.iter().filter(|line| **line > anchor).count();
            let y = rows.y;
            above == below && ((y(lo) + y(hi)) / 2.0 - y(anchor)).abs() <= metrics.tolerance + 1e-9
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn group(lines: &[usize], anchors: &[usize], data: &[usize], model: Model) -> Vec<(Vec<usize>, Kind)> {
        let data = |line: usize| data.contains(&line);
        let y = |line: usize| line as f64;
        let rows = Rows { anchors, data: &data, y: &y, model };
        stacks(lines, &rows, &Metrics::text(), None).0.into_iter().map(|stack| (stack.lines, stack.kind)).collect()
    }

    #[test]
    fn wrapped_cells_are_centred_on_their_anchor() {
        // 维修养护农村集 / (anchor 2) / 中供水工程, then a one-line cell on 4.
        let cells = group(&[1, 3, 4], &[2, 4], &[2, 4], Model::Centred);
        assert_eq!(cells, [(vec![1, 3], Kind::Single(0)), (vec![4], Kind::Single(1))]);
    }

    #[test]
    fn a_label_centred_between_rows_is_merged() {
        // 满意度指 / 标（9 分）: lines 54 and 56 around anchors 53 and 56.
        let cells = group(&[54, 56], &[53, 56, 58], &[53, 56, 58], Model::Centred);
        assert_eq!(cells, [(vec![54, 56], Kind::Merged)]);
    }

    #[test]
    fn a_merged_cell_does_not_reach_from_a_header_into_figures() {
        // 二级指标 on the header anchor 2, 数量指标 between rows 3 and 5.
        let cells = group(&[2, 4], &[2, 3, 5], &[3, 5], Model::Centred);
        assert_eq!(cells, [(vec![2], Kind::Single(0)), (vec![4], Kind::Merged)]);
    }

    #[test]
    fn top_aligned_cells_start_on_their_anchor() {
        let cells = group(&[3, 4, 6, 7], &[3, 6], &[3, 6], Model::Top);
        assert_eq!(cells, [(vec![3, 4], Kind::Single(0)), (vec![6, 7], Kind::Single(1))]);
        // Text above the first anchor is not a top-aligned cell.
        assert_eq!(group(&[1], &[3], &[3], Model::Top), [(vec![1], Kind::Orphan)]);
    }
}
