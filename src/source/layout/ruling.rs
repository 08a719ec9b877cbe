//! Horizontal rules (table borders) → whether a rule stands between two
//! successive text lines of a column.
//!
//! Where a page draws its table's borders, they settle what the text's
//! spacing alone cannot: the lines of one cell have no rule between them,
//! and two cells of a column one above the other have. A label wrapped
//! over three lines beside two rows (`满意度指` / `标（10` / `分）`) is then
//! one merged cell, not a cell in each row, however evenly its lines fall
//! on the rows. A text (`pdftotext -layout`) has no rules: then nothing is
//! known, and [`stacks`](super::stacks) goes by spacing alone.

use super::Line;
use super::columns::Fragment;

/// More rules than this on a page (a drawing, a hatched area) are not
/// table borders to go by: the page is read as if it had none.
const MAX_RULES: usize = 2000;

/// A horizontal rule, in the coordinates of the input lines (y downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::source) struct Rule {
    pub y: f64,
    pub x0: f64,
    pub x1: f64,
}

/// For each column, each line holding a fragment that starts in it, and
/// whether a rule stands between that fragment and the column's next one.
#[derive(Debug, Default)]
pub(super) struct Ruling {
    columns: Vec<Vec<(usize, bool)>>,
    known: bool,
}

impl Ruling {
    pub fn new(fragments: &[Vec<Fragment>], lines: &[Line], rules: &[Rule], columns: usize) -> Ruling {
        if rules.is_empty() || rules.len() > MAX_RULES {
            return Ruling::default();
        }
        let mut rules = rules.to_vec();
        rules.sort_by(|a, b| a.y.total_cmp(&b.y));
        let y = |line: usize| lines.get(line).map_or(0.0, |line| line.y);
        // The rules strictly between two heights, by binary search.
        let between = |top: f64, bottom: f64| {
            let first = rules.partition_point(|rule| rule.y <= top);
            let end = rules.partition_point(|rule| rule.y < bottom);
            rules.get(first..end.max(first)).unwrap_or_default()
        };
        let by_column = (0..columns)
            .map(|column| {
                let placed: Vec<&Fragment> = fragments.iter().flatten().filter(|f| f.first_column == column).collect();
                placed
                    .iter()
                    .enumerate()
                    .map(|(index, upper)| {
                        let ruled = placed.get(index.saturating_add(1)).is_some_and(|lower| {
                            // Across the middle of where both stand.
                            let middle = (upper.x0.max(lower.x0) + upper.x1.min(lower.x1)) / 2.0;
                            let (top, bottom) = (y(upper.line), y(lower.line));
                            between(top, bottom).iter().any(|rule| rule.x0 <= middle && middle <= rule.x1)
                        });
                        (upper.line, ruled)
                    })
                    .collect()
            })
            .collect();
        Ruling { columns: by_column, known: true }
    }

    /// For `lines` of `column` (ascending, successive in the column): for
    /// each but the last, whether a rule stands below it; `None` when the
    /// input has no rules.
    pub fn below(&self, column: usize, lines: &[usize]) -> Option<Vec<bool>> {
        if !self.known {
            return None;
        }
        let flags = self.columns.get(column).map(Vec::as_slice).unwrap_or_default();
        let ruled = |line: &usize| {
            flags
                .binary_search_by_key(line, |(at, _)| *at)
                .ok()
                .and_then(|at| flags.get(at))
                .is_some_and(|(_, ruled)| *ruled)
        };
        Some(lines.iter().map(ruled).collect())
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests {
    use super::super::Metrics;
    use super::super::columns::{boundaries, fragments};
    use super::super::tests::{laid_out, text_lines};
    use super::*;

    #[test]
    fn a_rule_parts_the_lines_it_stands_between_in_its_columns() {
        let text = laid_out(&[&[(0, "满意度指"), (10, "5")], &[(0, "标"), (10, "4")], &[(0, "总分"), (10, "9")]]);
        let lines = text_lines(&text);
        let bounds = boundaries(&lines, &Metrics::text());
        let fragments = fragments(&lines, &Metrics::text(), &bounds);
        // A border under the second line, across the first column only.
        let rules = [Rule { y: 1.5, x0: 0.0, x1: 8.0 }];
        let ruling = Ruling::new(&fragments, &lines, &rules, bounds.len() + 1);
        assert_eq!(ruling.below(0, &[0, 1, 2]), Some(vec![false, true, false]));
        assert_eq!(ruling.below(1, &[0, 1, 2]), Some(vec![false, false, false]));
        assert_eq!(Ruling::new(&fragments, &lines, &[], 2).below(0, &[0, 1, 2]), None);
    }
}
