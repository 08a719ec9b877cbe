//! Heading paragraphs → the section tree.
//!
//! The level comes from the numbering style alone (一、 1, (一) 2, 1. 3,
//! (1) 4, ① 5); Markdown `#` marks are ignored because OCR output uses them
//! inconsistently. A section's parent is the nearest earlier section of a
//! smaller level; its flow runs from its heading to the next heading of the
//! same or a smaller level, or to the end of the flow. Broken numbering
//! (two `(一)` in a row, `6、` where `六、` was meant) still gives a tree,
//! only a flatter one.

use super::flow::FlowText;
use super::numbering::LeadingNumbering;
use super::{Numbering, Paragraph, Section};

/// Builds the sections and sets every paragraph's innermost section.
pub(super) fn build(
    flow: &FlowText,
    paragraphs: &mut [Paragraph],
    numberings: &[Option<LeadingNumbering>],
) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    // Sections whose flow is still open, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for (paragraph, numbering) in paragraphs.iter_mut().zip(numberings) {
        paragraph.numbering = numbering.map(|numbering| Numbering {
            style: numbering.style,
            value: numbering.value,
            span: flow.original_span(paragraph.flow.start..paragraph.flow.start.saturating_add(numbering.length)),
        });
        if let (true, Some(numbering)) = (paragraph.is_heading, numbering) {
            let level = numbering.style.level();
            while let Some(section) = open.last().and_then(|&innermost| sections.get_mut(innermost)) {
                if section.level < level {
                    break;
                }
                section.flow.end = paragraph.flow.start;
                open.pop();
            }
            let title_start = paragraph.flow.start.saturating_add(numbering.length);
            let title = flow
                .text
                .get(title_start..paragraph.flow.end)
                .unwrap_or_default()
                .trim()
                .trim_end_matches(':')
                .trim_end();
            sections.push(Section {
                level,
                numbering: Numbering {
                    style: numbering.style,
                    value: numbering.value,
                    span: flow.original_span(paragraph.flow.start..title_start),
                },
                title: title.to_string(),
                heading: paragraph.span,
                parent: open.last().copied(),
                flow: paragraph.flow.start..flow.len(),
            });
            open.push(sections.len().saturating_sub(1));
        }
        paragraph.section = open.last().copied();
    }
    sections
}
