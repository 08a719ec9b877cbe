//! Questions later stages ask a [`Report`]: which section holds a flow
//! offset, which number a pattern captured, where a flow range sits in the
//! original text.

use std::ops::Range;

use super::flow::original_span;
use super::{FlowNumber, Number, Report};
use crate::span::Span;

impl Report {
    /// The innermost section whose flow contains `flow_offset`.
    pub fn section_at(&self, flow_offset: usize) -> Option<usize> {
        let started = self.sections.partition_point(|section| section.flow.start <= flow_offset);
        // Sections nest, so any section containing the offset is the last one
        // started before it or one of that section's ancestors.
        let mut index = started.checked_sub(1)?;
        loop {
            let section = self.sections.get(index)?;
            if section.flow.contains(&flow_offset) {
                return Some(index);
            }
            index = section.parent?;
        }
    }

    /// The section and its ancestors, outermost first.
    pub fn section_path(&self, section: usize) -> Vec<usize> {
        let mut path = Vec::new();
        let mut current = self.sections.get(section).map(|_| section);
        while let Some(index) = current {
            path.push(index);
            // Parents always come earlier; the guard keeps a bad index finite.
            current = self.sections.get(index).and_then(|found| found.parent).filter(|&parent| parent < index);
        }
        path.reverse();
        path
    }

    /// The number a match of [`super::NUMBER_PATTERN`] starting at
    /// `flow_start` captured. The match may start at the relation, at the
    /// sign or at the digits of the recognised mention.
    pub fn number_at(&self, flow_start: usize) -> Option<&Number> {
        let index = self.numbers.partition_point(|found| found.flow.end <= flow_start);
        let found = self.numbers.get(index)?;
        if found.flow.start <= flow_start {
            // Inside the mention, but not past its first digit.
            let before = self.flow.get(found.flow.start..flow_start)?;
            return (!before.bytes().any(|byte| byte.is_ascii_digit())).then_some(&found.number);
        }
        // A range dash the recogniser did not take as a sign.
        let gap = self.flow.get(flow_start..found.flow.start)?;
        matches!(gap, "-" | "−").then_some(&found.number)
    }

    /// The mentions whose flow range lies inside `flow`.
    pub fn numbers_in(&self, flow: Range<usize>) -> &[FlowNumber] {
        let first = self.numbers.partition_point(|found| found.flow.start < flow.start);
        let end = self.numbers.partition_point(|found| found.flow.end <= flow.end);
        self.numbers.get(first..end.max(first)).unwrap_or_default()
    }

    /// The original-text span of flow bytes `flow` (clamped to the flow and
    /// widened to whole characters); always on char boundaries of the
    /// original text.
    pub fn original_span(&self, flow: Range<usize>) -> Span {
        original_span(&self.flow, &self.flow_offsets, &self.flow_ends, flow)
    }
}
