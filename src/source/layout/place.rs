//! Rows and the cells of every column → the grid, merged cells given the
//! rows they cover.
//!
//! Heights: on a page, a row stands from the top of its text to the bottom
//! (cells' padding is the same above and below, so the middle of a merged
//! cell's text is the middle of its rows). In a text, where every printed
//! line is one line whatever its height, a row is as many lines as its
//! tallest cell plus [`TEXT_PADDING`], and a line's height is placed by the
//! cells around it.
//!
//! A run of rows with figures is a *section*. In a section, a column whose
//! cells include a merged one, or which is left of the first column filled
//! in every row and empty in the section's first row, holds group labels:
//! each label covers the rows from the one after the label above to the one
//! that puts the middle of its rows nearest the middle of its text (a
//! least-squares fit over all of the column's labels). Any other merged
//! cell is given the two or more rows whose middle is nearest its text.
//! With cells top-aligned, a merged cell starts in the row it starts on.

use super::anchors::Anchors;
use super::columns::Fragment;
use super::stacks::{Kind, Model, Rows, Stack, stacks};
use super::{Grid, GridCell, Line, MAX_FIT, Metrics, Piece, Ruling};

/// Padding of a row in a text, in lines (the rule and the cell's margins).
const TEXT_PADDING: f64 = 0.3;

/// A cell before placement.
#[derive(Debug, Clone)]
struct Draft {
    first_column: usize,
    last_column: usize,
    kind: Kind,
    /// Lines of its fragments, ascending, and its pieces in reading order.
    lines: Vec<usize>,
    pieces: Vec<Piece>,
    /// Middle of its text, in the vertical units of the geometry.
    middle: f64,
    /// Row and rows covered, once placed.
    row: Option<usize>,
    height: usize,
}

/// The grid, if every cell can be placed with confidence.
pub(super) fn grid(
    fragments: &[Vec<Fragment>],
    lines: &[Line],
    anchors: &Anchors,
    columns: usize,
    metrics: &Metrics,
    ruling: &Ruling,
) -> Option<Grid> {
    let rows_count = anchors.lines.len();
    let (first_anchor, last_anchor) = (*anchors.lines.first()?, *anchors.lines.last()?);
    let data = |line: usize| anchors.lines.binary_search(&line).is_ok_and(|row| anchors.data.get(row) == Some(&true));
    let y = |line: usize| lines.get(line).map_or(0.0, |line| line.y);
    let rows = Rows { anchors: &anchors.lines, data: &data, y: &y, model: anchors.model };
    let mut drafts = Vec::new();
    for column in 0..columns {
        let placed: Vec<&Fragment> = fragments.iter().flatten().filter(|f| f.first_column == column).collect();
        let column_lines: Vec<usize> = placed.iter().map(|f| f.line).collect();
        let ruled = ruling.below(column, &column_lines);
        for Stack { lines: stack_lines, kind } in stacks(&column_lines, &rows, metrics, ruled.as_deref()).0 {
            let (Some(&lo), Some(&hi)) = (stack_lines.first(), stack_lines.last()) else { continue };
            // Text above the first row or below the last that no row
            // explains (a title, a note) is not part of the table.
            if hi < first_anchor || lo > last_anchor {
                continue;
            }
            if kind == Kind::Orphan {
                return None;
            }
            let members: Vec<&&Fragment> = placed.iter().filter(|f| stack_lines.contains(&f.line)).collect();
            let last_column = members.iter().map(|f| f.last_column).max().unwrap_or(column);
            let pieces = members.iter().map(|f| Piece { line: f.line, first: f.first, end: f.end }).collect();
            let row = match kind {
                Kind::Single(row) => Some(row),
                _ => None,
            };
            drafts.push(Draft {
                first_column: column,
                last_column,
                kind,
                lines: stack_lines,
                pieces,
                middle: 0.0,
                row,
                height: 1,
            });
        }
    }
    let geometry = Geometry::new(&drafts, lines, anchors, metrics);
    for draft in &mut drafts {
        let (Some(&lo), Some(&hi)) = (draft.lines.first(), draft.lines.last()) else { continue };
        draft.middle = (geometry.y(lo) + geometry.y(hi)) / 2.0;
    }
    if anchors.model == Model::Centred {
        for section in sections(&anchors.data) {
            tile(&mut drafts, &section, &geometry, columns)?;
        }
    }
    place_merged(&mut drafts, anchors, &geometry)?;
    finish(drafts, rows_count, columns, anchors)
}

/// Vertical positions: of each line, and the extent of each row.
struct Geometry {
    /// y of each input line.
    ys: Vec<f64>,
    tops: Vec<f64>,
    bottoms: Vec<f64>,
    /// A typical row height.
    unit: f64,
}

impl Geometry {
    fn new(drafts: &[Draft], lines: &[Line], anchors: &Anchors, metrics: &Metrics) -> Geometry {
        let rows = anchors.lines.len();
        let singles = || {
            drafts.iter().filter_map(|draft| if let Kind::Single(row) = draft.kind { Some((row, draft)) } else { None })
        };
        let (ys, tops, bottoms) = if metrics.numbered {
            // Rows as tall as their tallest cell; each line of a cell of one
            // row placed around the row's middle.
            let mut tallest = vec![1usize; rows];
            for (row, draft) in singles() {
                if let Some(slot) = tallest.get_mut(row) {
                    *slot = (*slot).max(draft.lines.len());
                }
            }
            let heights: Vec<f64> = tallest.iter().map(|lines| *lines as f64 + TEXT_PADDING).collect();
            let mut middles = Vec::with_capacity(rows);
            let mut at = 0.0;
            for height in &heights {
                middles.push(at + height / 2.0);
                at += height;
            }
            let mut known: Vec<Option<(f64, usize)>> = vec![None; lines.len()];
            for (row, draft) in singles() {
                let middle = middles.get(row).copied().unwrap_or(0.0);
                let count = draft.lines.len() as f64;
                for (index, line) in draft.lines.iter().enumerate() {
                    let estimate = middle + index as f64 - (count - 1.0) / 2.0;
                    if let Some(slot) = known.get_mut(*line) {
                        let (sum, n) = slot.unwrap_or((0.0, 0));
                        *slot = Some((sum + estimate, n.saturating_add(1)));
                    }
                }
            }
            let known: Vec<Option<f64>> = known.into_iter().map(|k| k.map(|(sum, n)| sum / n.max(1) as f64)).collect();
            let ys = interpolate(&known);
            let tops = middles.iter().zip(&heights).map(|(m, h)| m - h / 2.0).collect();
            let bottoms = middles.iter().zip(&heights).map(|(m, h)| m + h / 2.0).collect();
            (ys, tops, bottoms)
        } else {
            let ys: Vec<f64> = lines.iter().map(|line| line.y).collect();
            let half = metrics.step * 0.375;
            let mut tops: Vec<f64> =
                anchors.lines.iter().map(|line| ys.get(*line).copied().unwrap_or(0.0) - half).collect();
            let mut bottoms: Vec<f64> = tops.iter().map(|top| top + 2.0 * half).collect();
            for (row, draft) in singles() {
                for line in &draft.lines {
                    let y = ys.get(*line).copied().unwrap_or(0.0);
                    if let (Some(top), Some(bottom)) = (tops.get_mut(row), bottoms.get_mut(row)) {
                        *top = top.min(y - half);
                        *bottom = bottom.max(y + half);
                    }
                }
            }
            (ys, tops, bottoms)
        };
        let mut heights: Vec<f64> = tops.iter().zip(&bottoms).map(|(t, b)| b - t).collect();
        heights.sort_by(f64::total_cmp);
        let unit = heights.get(heights.len() / 2).copied().filter(|h| *h > 0.0).unwrap_or(1.0);
        Geometry { ys, tops, bottoms, unit }
    }

    fn y(&self, line: usize) -> f64 {
        self.ys.get(line).copied().unwrap_or(0.0)
    }

    /// How far the middle of rows `first..=last` is from `middle`, in rows.
    fn misfit(&self, first: usize, last: usize, middle: f64) -> f64 {
        let top = self.tops.get(first).copied().unwrap_or(0.0);
        let bottom = self.bottoms.get(last).copied().unwrap_or(0.0);
        ((top + bottom) / 2.0 - middle).abs() / self.unit
    }
}

/// Known values, and the unknown ones between them drawn on a straight
/// line (beyond the ends: one line each).
fn interpolate(known: &[Option<f64>]) -> Vec<f64> {
    let points: Vec<(usize, f64)> = known.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).collect();
    (0..known.len())
        .map(|index| {
            let after = points.partition_point(|(i, _)| *i < index);
            match (after.checked_sub(1).and_then(|b| points.get(b)), points.get(after)) {
                (_, Some((i, v))) if *i == index => *v,
                (Some((i0, v0)), Some((i1, v1))) => {
                    v0 + (v1 - v0) * index.saturating_sub(*i0) as f64 / i1.saturating_sub(*i0).max(1) as f64
                }
                (Some((i0, v0)), None) => v0 + index.saturating_sub(*i0) as f64,
                (None, Some((i1, v1))) => v1 - i1.saturating_sub(index) as f64,
                (None, None) => index as f64,
            }
        })
        .collect()
}

/// Runs of consecutive rows that hold figures.
fn sections(data: &[bool]) -> Vec<std::ops::RangeInclusive<usize>> {
    let mut sections = Vec::new();
    let mut start: Option<usize> = None;
    for (row, is_data) in data.iter().chain([&false]).enumerate() {
        match (is_data, start) {
            (true, None) => start = Some(row),
            (false, Some(first)) => {
                sections.push(first..=row.saturating_sub(1));
                start = None;
            }
            _ => {}
        }
    }
    sections
}

/// Group labels of a section: in each column that holds them, the labels
/// tile the section's rows.
fn tile(
    drafts: &mut [Draft],
    section: &std::ops::RangeInclusive<usize>,
    geometry: &Geometry,
    columns: usize,
) -> Option<()> {
    let (first, last) = (*section.start(), *section.end());
    let top = geometry.tops.get(first).copied().unwrap_or(0.0);
    let bottom = geometry.bottoms.get(last).copied().unwrap_or(0.0);
    let filled = |column: usize, row: usize, drafts: &[Draft]| {
        drafts.iter().any(|d| d.kind == Kind::Single(row) && d.first_column <= column && column <= d.last_column)
    };
    let first_full =
        (0..columns).find(|column| section.clone().all(|row| filled(*column, row, drafts))).unwrap_or(columns);
    for column in 0..columns {
        let mut labels: Vec<usize> = (0..drafts.len())
            .filter(|i| {
                drafts.get(*i).is_some_and(|d| {
                    d.first_column == column && d.kind != Kind::Orphan && d.middle >= top && d.middle <= bottom
                })
            })
            .collect();
        if labels.is_empty() {
            continue;
        }
        let merged = labels.iter().any(|i| drafts.get(*i).is_some_and(|d| d.kind == Kind::Merged));
        let first_empty = !labels.iter().any(|i| drafts.get(*i).is_some_and(|d| d.kind == Kind::Single(first)));
        if !(merged || (column < first_full && first_empty)) {
            continue;
        }
        labels.sort_by(|a, b| {
            let middle = |i: &usize| drafts.get(*i).map_or(0.0, |d| d.middle);
            middle(a).total_cmp(&middle(b))
        });
        let middles: Vec<f64> = labels.iter().map(|i| drafts.get(*i).map_or(0.0, |d| d.middle)).collect();
        let spans = fit(&middles, first, last, geometry)?;
        for (index, (start, end)) in labels.iter().zip(spans) {
            let draft = drafts.get_mut(*index)?;
            if geometry.misfit(start, end, draft.middle) > MAX_FIT {
                return None;
            }
            draft.row = Some(start);
            draft.height = end.saturating_sub(start).saturating_add(1);
            draft.kind = Kind::Merged;
        }
    }
    Some(())
}

/// Consecutive row spans from `first` for labels with these middles, the
/// last ending anywhere up to `last`: least squares of the misfits.
fn fit(middles: &[f64], first: usize, last: usize, geometry: &Geometry) -> Option<Vec<(usize, usize)>> {
    let rows = last.checked_sub(first)?.saturating_add(1);
    // cost[i][r]: labels[..i] covering rows first..first + r; from[i][r]: where label i - 1 starts.
    let mut cost = vec![vec![f64::INFINITY; rows.saturating_add(1)]; middles.len().saturating_add(1)];
    let mut from = vec![vec![0usize; rows.saturating_add(1)]; middles.len().saturating_add(1)];
    *cost.first_mut()?.first_mut()? = 0.0;
    for (label, middle) in middles.iter().enumerate() {
        for end in 1..=rows {
            for start in 0..end {
                let before = cost.get(label).and_then(|c| c.get(start)).copied().unwrap_or(f64::INFINITY);
                if !before.is_finite() {
                    continue;
                }
                let misfit =
                    geometry.misfit(first.saturating_add(start), first.saturating_add(end).saturating_sub(1), *middle);
                let total = before + misfit * misfit;
                let next = label.saturating_add(1);
                if cost.get(next).and_then(|c| c.get(end)).is_some_and(|current| total < *current) {
                    if let (Some(slot), Some(origin)) = (
                        cost.get_mut(next).and_then(|c| c.get_mut(end)),
                        from.get_mut(next).and_then(|f| f.get_mut(end)),
                    ) {
                        *slot = total;
                        *origin = start;
                    }
                }
            }
        }
    }
    let ends = cost.get(middles.len())?;
    let (mut end, _) =
        ends.iter().enumerate().skip(1).filter(|(_, c)| c.is_finite()).min_by(|a, b| a.1.total_cmp(b.1))?;
    let mut spans = Vec::with_capacity(middles.len());
    for label in (1..=middles.len()).rev() {
        let start = *from.get(label)?.get(end)?;
        spans.push((first.saturating_add(start), first.saturating_add(end).saturating_sub(1)));
        end = start;
    }
    spans.reverse();
    Some(spans)
}

/// Merged cells not placed as group labels: centred, the two or more rows
/// free in their columns whose middle is nearest their text; top-aligned,
/// from the row they start on to the last row their text reaches.
fn place_merged(drafts: &mut [Draft], anchors: &Anchors, geometry: &Geometry) -> Option<()> {
    let rows = anchors.lines.len();
    let mut taken = vec![false; rows.saturating_mul(columns_of(drafts))];
    let width = columns_of(drafts);
    let mark = |taken: &mut Vec<bool>, draft: &Draft| {
        let Some(row) = draft.row else { return };
        for r in row..row.saturating_add(draft.height) {
            for c in draft.first_column..=draft.last_column {
                if let Some(slot) = taken.get_mut(r.saturating_mul(width).saturating_add(c)) {
                    *slot = true;
                }
            }
        }
    };
    for draft in drafts.iter().filter(|d| d.row.is_some()) {
        mark(&mut taken, draft);
    }
    for index in 0..drafts.len() {
        let Some(draft) = drafts.get(index) else { continue };
        if draft.row.is_some() || draft.kind != Kind::Merged {
            continue;
        }
        let (lo, hi) = (*draft.lines.first()?, *draft.lines.last()?);
        let free = |first: usize, last: usize, taken: &[bool]| {
            (first..=last).all(|r| {
                (draft.first_column..=draft.last_column)
                    .all(|c| !taken.get(r.saturating_mul(width).saturating_add(c)).copied().unwrap_or(true))
            })
        };
        let span = match anchors.model {
            Model::Top => {
                let first = anchors.lines.binary_search(&lo).ok()?;
                let last = anchors.lines.partition_point(|line| *line <= hi).saturating_sub(1).max(first);
                free(first, last, &taken).then_some((first, last))?
            }
            Model::Centred => {
                let near = |row: &usize| {
                    anchors.lines.get(*row).is_some_and(|line| {
                        geometry.y(*line) >= geometry.y(lo) - 2.0 * geometry.unit
                            && geometry.y(*line) <= geometry.y(hi) + 2.0 * geometry.unit
                    })
                };
                let candidates: Vec<usize> = (0..rows).filter(near).collect();
                let mut best: Option<(f64, usize, usize)> = None;
                for &first in &candidates {
                    for &last in candidates.iter().filter(|last| **last > first) {
                        let misfit = geometry.misfit(first, last, draft.middle);
                        if free(first, last, &taken) && best.is_none_or(|(least, _, _)| misfit < least) {
                            best = Some((misfit, first, last));
                        }
                    }
                }
                let (misfit, first, last) = best?;
                if misfit > MAX_FIT {
                    return None;
                }
                (first, last)
            }
        };
        let draft = drafts.get_mut(index)?;
        draft.row = Some(span.0);
        draft.height = span.1.saturating_sub(span.0).saturating_add(1);
        mark(&mut taken, draft);
    }
    Some(())
}

fn columns_of(drafts: &[Draft]) -> usize {
    drafts.iter().map(|d| d.last_column).max().map_or(0, |c| c.saturating_add(1))
}

/// The grid, unless two cells stand on one position.
fn finish(drafts: Vec<Draft>, rows: usize, columns: usize, anchors: &Anchors) -> Option<Grid> {
    let mut taken = vec![false; rows.saturating_mul(columns)];
    let mut cells = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let row = draft.row?;
        for r in row..row.saturating_add(draft.height) {
            for c in draft.first_column..=draft.last_column {
                let slot = taken.get_mut(r.saturating_mul(columns).saturating_add(c))?;
                if *slot {
                    return None;
                }
                *slot = true;
            }
        }
        let mut pieces = draft.pieces;
        pieces.sort_by_key(|piece| (piece.line, piece.first));
        cells.push(GridCell {
            row,
            column: draft.first_column,
            width: draft.last_column.saturating_sub(draft.first_column).saturating_add(1),
            height: draft.height,
            pieces,
        });
    }
    cells.sort_by_key(|cell| (cell.row, cell.column));
    let first = cells.iter().flat_map(|c| &c.pieces).map(|p| p.line).min()?;
    let last = cells.iter().flat_map(|c| &c.pieces).map(|p| p.line).max()?;
    let figures = anchors.data.iter().filter(|d| **d).count();
    (rows >= 2 && columns >= 2 && figures >= 1).then_some(Grid {
        rows,
        columns,
        cells,
        lines: first..last.saturating_add(1),
        anchors: anchors.lines.clone(),
    })
}
