//! Lines of words → column boundaries, and each line's text as fragments
//! placed in the columns they cover.
//!
//! A *segment* is a run of words closer than [`Metrics::join`]: the words
//! of one cell on one line. A boundary candidate `b` is *supported* by every
//! line with a gap strictly around it (text on both sides, none at `b`) and
//! *covered* by every segment strictly across it. A boundary stands where
//! support is at least two lines and coverage at most half of it, or where
//! one line has a gap and nothing at all crosses (a column with one entry,
//! such as a 备注 written once). Segments that cross a boundary span columns;
//! they are not counted against the boundaries found in the next round, so
//! that a title or a merged cell does not hide the columns under it. Among
//! consecutive accepted candidates (a corridor) the boundary is the one
//! crossed least, then supported most, in the middle of ties.
//!
//! A segment crossing a boundary by more than [`Metrics::slack`] on both
//! sides is cut at a word gap by that boundary when both halves then fit in
//! one column (`分值 执行率` written one space apart); otherwise it is one
//! fragment spanning the columns (a narrative cell).

use super::{Line, Metrics, is_value};

/// Rounds of boundary finding (each ignores the segments that span the
/// boundaries of the round before); it settles in two or three.
const ROUNDS: usize = 6;

/// Part of a line's text that stands in `first_column..=last_column`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Fragment {
    pub line: usize,
    /// Its words, `first..end` of the line's words.
    pub first: usize,
    pub end: usize,
    pub x0: f64,
    pub x1: f64,
    pub first_column: usize,
    pub last_column: usize,
    /// The whole fragment is a figure or a blank mark (`—`).
    pub value: bool,
}

/// Words `first..end` of a line and their extent.
#[derive(Debug, Clone, Copy)]
struct Segment {
    first: usize,
    end: usize,
    x0: f64,
    x1: f64,
}

fn segments(line: &Line, join: f64) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    for (index, word) in line.words.iter().enumerate() {
        match segments.last_mut() {
            Some(last) if word.x0 - last.x1 <= join => {
                last.end = index.saturating_add(1);
                last.x1 = last.x1.max(word.x1);
            }
            _ => segments.push(Segment { first: index, end: index.saturating_add(1), x0: word.x0, x1: word.x1 }),
        }
    }
    segments
}

/// Open intervals `(lo, hi)`, sorted by each end for counting those that
/// contain a point.
struct Intervals {
    los: Vec<f64>,
    his: Vec<f64>,
}

impl Intervals {
    fn new(intervals: impl Iterator<Item = (f64, f64)>) -> Intervals {
        let (mut los, mut his): (Vec<f64>, Vec<f64>) = intervals.unzip();
        los.sort_by(f64::total_cmp);
        his.sort_by(f64::total_cmp);
        Intervals { los, his }
    }

    /// How many intervals have `lo < x < hi`.
    fn containing(&self, x: f64) -> usize {
        let started = self.los.partition_point(|lo| *lo < x);
        let ended = self.his.partition_point(|hi| *hi <= x);
        started.saturating_sub(ended)
    }
}

/// The x positions between columns, left to right.
pub(super) fn boundaries(lines: &[Line], metrics: &Metrics) -> Vec<f64> {
    let segments: Vec<Vec<Segment>> = lines.iter().map(|line| segments(line, metrics.join)).collect();
    let gaps = Intervals::new(segments.iter().flat_map(|line| {
        line.windows(2).filter_map(|pair| match pair {
            [left, right] if left.x1 < right.x0 => Some((left.x1, right.x0)),
            _ => None,
        })
    }));
    let mut edges: Vec<f64> = segments.iter().flatten().flat_map(|segment| [segment.x0, segment.x1]).collect();
    edges.sort_by(f64::total_cmp);
    edges.dedup();
    let mut candidates: Vec<f64> = edges
        .windows(2)
        .filter_map(|pair| pair.first().zip(pair.last()))
        .flat_map(|(a, b)| [*a, (a + b) / 2.0])
        .collect();
    candidates.extend(edges.last());
    let support: Vec<usize> = candidates.iter().map(|x| gaps.containing(*x)).collect();
    let mut found: Vec<f64> = Vec::new();
    for _ in 0..ROUNDS {
        let crosses = |segment: &Segment| found.iter().any(|b| segment.x0 < *b && *b < segment.x1);
        let cover = Intervals::new(
            segments.iter().flatten().filter(|segment| !crosses(segment)).map(|segment| (segment.x0, segment.x1)),
        );
        let mut next = Vec::new();
        let mut corridor: Vec<(f64, usize, usize)> = Vec::new();
        for (x, support) in candidates.iter().zip(&support) {
            let covered = cover.containing(*x);
            let accepted = (*support >= 2 && covered.saturating_mul(2) <= *support) || (*support >= 1 && covered == 0);
            if accepted {
                corridor.push((*x, *support, covered));
            } else {
                next.extend(best_in(&corridor));
                corridor.clear();
            }
        }
        next.extend(best_in(&corridor));
        if next == found {
            break;
        }
        found = next;
    }
    found
}

/// The boundary a corridor of accepted candidates stands for: crossed
/// least, then supported most, the middle of ties.
fn best_in(corridor: &[(f64, usize, usize)]) -> Option<f64> {
    let least = corridor.iter().map(|(_, _, covered)| *covered).min()?;
    let most = corridor.iter().filter(|(_, _, covered)| *covered == least).map(|(_, support, _)| *support).max()?;
    let mut best = corridor.iter().filter(|(_, support, covered)| *covered == least && *support == most);
    let first = best.next()?.0;
    let last = best.next_back().map_or(first, |(x, _, _)| *x);
    Some((first + last) / 2.0)
}

/// The columns `x0..x1` covers: boundaries it crosses by less than the
/// slack do not count.
fn columns_of(bounds: &[f64], x0: f64, x1: f64, slack: f64) -> (usize, usize) {
    let first = bounds.iter().filter(|b| **b - x0 <= slack).count();
    let last = bounds.iter().filter(|b| x1 - **b > slack).count();
    (first, last.max(first))
}

/// Each line's text as fragments in columns, left to right; fragments of
/// one line in the same first column are one.
pub(super) fn fragments(lines: &[Line], metrics: &Metrics, bounds: &[f64]) -> Vec<Vec<Fragment>> {
    lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let mut out: Vec<Fragment> = Vec::new();
            for segment in segments(line, metrics.join) {
                for (first, end) in cut(line, segment, bounds, metrics.slack) {
                    let fragment = fragment(line, index, first, end, bounds, metrics.slack);
                    match out.last_mut() {
                        Some(last) if last.first_column == fragment.first_column => {
                            last.end = fragment.end;
                            last.x1 = fragment.x1;
                            last.last_column = last.last_column.max(fragment.last_column);
                            last.value = is_value(&joined(line, last.first, last.end));
                        }
                        _ => out.push(fragment),
                    }
                }
            }
            out
        })
        .collect()
}

fn fragment(line: &Line, index: usize, first: usize, end: usize, bounds: &[f64], slack: f64) -> Fragment {
    let words = line.words.get(first..end).unwrap_or_default();
    let x0 = words.first().map_or(0.0, |word| word.x0);
    let x1 = words.last().map_or(x0, |word| word.x1);
    let (first_column, last_column) = columns_of(bounds, x0, x1, slack);
    Fragment { line: index, first, end, x0, x1, first_column, last_column, value: is_value(&joined(line, first, end)) }
}

/// The words `first..end` with the spaces between them dropped.
fn joined(line: &Line, first: usize, end: usize) -> String {
    line.words.get(first..end).unwrap_or_default().iter().map(|word| word.text).collect()
}

/// A segment's words cut at the boundaries that separate cells written one
/// word space apart: word ranges, left to right.
fn cut(line: &Line, segment: Segment, bounds: &[f64], slack: f64) -> Vec<(usize, usize)> {
    let extent = |first: usize, end: usize| {
        let words = line.words.get(first..end).unwrap_or_default();
        let x0 = words.first().map_or(0.0, |word| word.x0);
        let x1 = words.last().map_or(x0, |word| word.x1);
        columns_of(bounds, x0, x1, slack)
    };
    let fits = |first: usize, end: usize| {
        let (a, b) = extent(first, end);
        a == b
    };
    let mut done = Vec::new();
    let mut todo = vec![(segment.first, segment.end)];
    while let Some((first, end)) = todo.pop() {
        let split = (first.saturating_add(1)..end).find(|&at| {
            let gap_start = line.words.get(at.saturating_sub(1)).map_or(0.0, |word| word.x1);
            let gap_end = line.words.get(at).map_or(0.0, |word| word.x0);
            !fits(first, end)
                && bounds.iter().any(|b| gap_start - slack <= *b && *b <= gap_end + slack)
                && fits(first, at)
                && fits(at, end)
        });
        match split {
            Some(at) => {
                todo.push((at, end));
                todo.push((first, at));
            }
            None => done.push((first, end)),
        }
    }
    done
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests {
    use super::super::tests::{laid_out, text_lines};
    use super::*;

    #[test]
    fn columns_between_aligned_cells_and_under_a_spanning_title() {
        let text = laid_out(&[
            &[(2, "二〇二四年度部门资金使用情况表")],
            &[(0, "项目"), (8, "预算数"), (16, "执行数")],
            &[(0, "甲"), (8, "12.00"), (16, "11.50")],
            &[(0, "乙"), (8, "8.00"), (16, "8.00")],
        ]);
        let lines = text_lines(&text);
        let bounds = boundaries(&lines, &Metrics::text());
        assert_eq!(bounds.len(), 2, "{bounds:?}");
        let fragments = fragments(&lines, &Metrics::text(), &bounds);
        let places: Vec<(usize, usize)> = fragments[2].iter().map(|f| (f.first_column, f.last_column)).collect();
        assert_eq!(places, [(0, 0), (1, 1), (2, 2)]);
        assert!(fragments[2][1].value && !fragments[2][0].value);
        // The title spans the columns it crosses and hides none of them.
        assert!(fragments[0][0].last_column > fragments[0][0].first_column, "{:?}", fragments[0]);
    }

    #[test]
    fn cells_one_space_apart_are_cut_at_the_boundary() {
        let text = laid_out(&[
            &[(0, "分值"), (3, "执行率"), (14, "得分")],
            &[(0, "10"), (5, "95.00%"), (14, "8.5")],
            &[(0, "6"), (5, "90.00%"), (14, "5.4")],
        ]);
        let lines = text_lines(&text);
        let bounds = boundaries(&lines, &Metrics::text());
        let fragments = fragments(&lines, &Metrics::text(), &bounds);
        let header: Vec<usize> = fragments[0].iter().map(|f| f.first_column).collect();
        assert_eq!(header, [0, 1, 2], "{bounds:?} {:?}", fragments[0]);
    }
}
