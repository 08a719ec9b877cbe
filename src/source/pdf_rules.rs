//! A page's path operators → its horizontal rules: the borders a table is
//! drawn with, which tell the rows of a cell's lines apart (see
//! [`crate::source::layout::Rule`]).
//!
//! A stroked line (`m` … `l` … `S`) nearly level, or a painted rectangle
//! (`re`) at most [`THIN`] points high (Word and WPS draw borders as thin
//! filled boxes), is a rule at its middle height. Curves, clipping paths
//! and paths ended without painting (`n`) draw no rule. At most
//! [`MAX_RULES`] are kept, and the path operators past the first
//! [`MAX_PATHS`] of a page are ignored (a chart may draw many; a table's
//! borders are among the first), so a crafted page cannot grow the list or
//! the work without bound.

/// A rectangle at most this high (points) is a rule.
const THIN: f64 = 2.0;
/// A stroked segment rising at most this much (points) is level.
const LEVEL: f64 = 0.5;
/// Rules kept per page, at most.
const MAX_RULES: usize = 20_000;
/// Path construction operators (`m`, `l`, `re`) read per page, at most.
pub(super) const MAX_PATHS: usize = 200_000;

/// A horizontal rule: its height and extent on the page (points, upwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct PageRule {
    pub y: f64,
    pub x0: f64,
    pub x1: f64,
}

/// The path being built and the rules painted so far.
#[derive(Debug, Default)]
pub(super) struct Rules {
    pending: Vec<PageRule>,
    current: Option<(f64, f64)>,
    /// Path construction operators seen.
    paths: usize,
    pub found: Vec<PageRule>,
}

impl Rules {
    /// Applies a path operator with its operands already on the page
    /// (`point` maps user space to the page).
    pub fn apply(&mut self, operator: &str, numbers: &[f64], point: impl Fn(f64, f64) -> (f64, f64)) {
        if matches!(operator, "m" | "l" | "re") {
            if self.paths >= MAX_PATHS {
                return;
            }
            self.paths = self.paths.saturating_add(1);
        }
        match (operator, numbers) {
            ("m", [x, y, ..]) => self.current = Some(point(*x, *y)),
            ("l", [x, y, ..]) => {
                let to = point(*x, *y);
                if let Some(from) = self.current {
                    if (from.1 - to.1).abs() <= LEVEL {
                        self.pend(PageRule { y: (from.1 + to.1) / 2.0, x0: from.0.min(to.0), x1: from.0.max(to.0) });
                    }
                }
                self.current = Some(to);
            }
            ("re", [x, y, width, height, ..]) => {
                let corners = [point(*x, *y), point(x + width, y + height)];
                let [(ax, ay), (bx, by)] = corners;
                if (ay - by).abs() <= THIN {
                    self.pend(PageRule { y: (ay + by) / 2.0, x0: ax.min(bx), x1: ax.max(bx) });
                }
                self.current = None;
            }
            ("S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*", _) => {
                let room = MAX_RULES.saturating_sub(self.found.len());
                let pending = std::mem::take(&mut self.pending);
                self.found.extend(pending.into_iter().filter(|rule| rule.x1 > rule.x0).take(room));
                self.current = None;
            }
            ("n", _) => {
                self.pending.clear();
                self.current = None;
            }
            _ => {}
        }
    }

    fn pend(&mut self, rule: PageRule) {
        if self.pending.len() < MAX_RULES && rule.y.is_finite() && rule.x0.is_finite() && rule.x1.is_finite() {
            self.pending.push(rule);
        }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn rules(operations: &[(&str, &[f64])]) -> Vec<PageRule> {
        let mut rules = Rules::default();
        for (operator, numbers) in operations {
            rules.apply(operator, numbers, |x, y| (x, y));
        }
        rules.found
    }

    #[test]
    fn stroked_level_lines_and_thin_boxes_are_rules() {
        let found = rules(&[("m", &[56.0, 739.0]), ("l", &[538.0, 739.0]), ("S", &[])]);
        assert_eq!(found, [PageRule { y: 739.0, x0: 56.0, x1: 538.0 }]);
        let found = rules(&[("re", &[100.0, 500.0, 200.0, 0.5]), ("f", &[])]);
        assert_eq!(found, [PageRule { y: 500.25, x0: 100.0, x1: 300.0 }]);
    }

    #[test]
    fn paths_past_the_limit_are_ignored() {
        let mut rules = Rules::default();
        for _ in 0..MAX_PATHS {
            rules.apply("m", &[0.0, 0.0], |x, y| (x, y));
        }
        rules.apply("re", &[100.0, 500.0, 200.0, 0.5], |x, y| (x, y));
        rules.apply("f", &[], |x, y| (x, y));
        assert!(rules.found.is_empty());
    }

    #[test]
    fn upright_lines_tall_boxes_and_unpainted_paths_are_not() {
        assert!(rules(&[("m", &[56.0, 739.0]), ("l", &[56.0, 246.0]), ("S", &[])]).is_empty());
        assert!(rules(&[("re", &[100.0, 500.0, 200.0, 40.0]), ("f", &[])]).is_empty());
        assert!(rules(&[("m", &[56.0, 739.0]), ("l", &[538.0, 739.0]), ("n", &[])]).is_empty());
    }
}
