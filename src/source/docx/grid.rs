//! Cell properties (`w:gridBefore`, `w:gridSpan`, `w:vMerge`) → a cell's
//! [`Place`] in its table's grid, as the XML states it.
//!
//! A place is a claim, not yet a cell: whether a `w:vMerge` continuation
//! really continues a cell above is settled once the rows are known
//! ([`super::merge`]). Invariant: a width is between 1 and [`MAX_COLUMNS`],
//! and the places of one row stand left to right without overlapping, each
//! starting where the previous one ends (or further right after
//! `w:gridBefore`).

/// Word allows 63 columns; a larger `w:gridSpan` is hostile, not a table.
pub(super) const MAX_COLUMNS: usize = 64;

/// Where a cell starts in the grid and how far it reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    /// The first grid column it covers.
    pub column: usize,
    /// Grid columns it covers (`w:gridSpan`).
    pub width: usize,
    pub merge: VerticalMerge,
}

/// `w:vMerge`: how a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum VerticalMerge {
    #[default]
    None,
    /// `w:val="restart"`: the first (origin) cell of a merge.
    Restart,
    /// A bare `w:vMerge` or `w:val="continue"`: covered by the cell above.
    Continue,
}

impl VerticalMerge {
    /// The merge a `w:val` states; `None` for a value Word does not write.
    pub fn from_value(value: Option<&str>) -> Option<VerticalMerge> {
        match value {
            None | Some("continue") => Some(VerticalMerge::Continue),
            Some("restart") => Some(VerticalMerge::Restart),
            Some(_) => None,
        }
    }
}

/// The grid columns of one row as its cells claim them.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Columns {
    /// The grid column the next cell starts at.
    next: usize,
}

impl Columns {
    /// `w:gridBefore`: grid columns the row leaves out before its first cell.
    pub fn skip(&mut self, columns: usize) {
        self.next = self.next.saturating_add(columns.min(MAX_COLUMNS));
    }

    /// The next cell, `span` wide as written: its place.
    pub fn place(&mut self, span: usize, merge: VerticalMerge) -> Place {
        let width = clamp_width(span);
        let place = Place { column: self.next, width, merge };
        self.next = self.next.saturating_add(width);
        place
    }
}

/// A written `w:gridSpan` as a width: at least 1, at most [`MAX_COLUMNS`].
pub(super) fn clamp_width(span: usize) -> usize {
    span.clamp(1, MAX_COLUMNS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_follow_one_another_from_the_skipped_columns() {
        let mut columns = Columns::default();
        columns.skip(2);
        assert_eq!(
            columns.place(3, VerticalMerge::Restart),
            Place { column: 2, width: 3, merge: VerticalMerge::Restart }
        );
        assert_eq!(columns.place(0, VerticalMerge::None).column, 5);
        assert_eq!(
            columns.place(usize::MAX, VerticalMerge::None),
            Place { column: 6, width: 64, merge: VerticalMerge::None }
        );
        columns.skip(usize::MAX);
        assert_eq!(columns.place(1, VerticalMerge::None).column, 6 + 64 + 64);
    }

    #[test]
    fn merge_values() {
        assert_eq!(VerticalMerge::from_value(None), Some(VerticalMerge::Continue));
        assert_eq!(VerticalMerge::from_value(Some("continue")), Some(VerticalMerge::Continue));
        assert_eq!(VerticalMerge::from_value(Some("restart")), Some(VerticalMerge::Restart));
        assert_eq!(VerticalMerge::from_value(Some("Restart")), None);
    }
}
