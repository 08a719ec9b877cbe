//! The flow → every number mention, in flow order.
//!
//! Each paragraph is scanned once with the compiled [`NUMBER_PATTERN`],
//! starting after its numbering (`1.` `(2)` are not figures). A dash right
//! after a letter or digit is a range dash (`2023-2024`), not a minus sign:
//! the mention then starts at its digits.
//!
//! [`NUMBER_PATTERN`]: super::NUMBER_PATTERN

use super::flow::FlowText;
use super::numbering::LeadingNumbering;
use super::numbers::{MENTION, parse_mention};
use super::{FlowNumber, Paragraph};

pub(super) fn find(
    flow: &FlowText,
    paragraphs: &[Paragraph],
    numberings: &[Option<LeadingNumbering>],
) -> Vec<FlowNumber> {
    let Some(mention) = MENTION.as_ref() else {
        return Vec::new();
    };
    let text = flow.text.as_str();
    let mut numbers = Vec::new();
    for (paragraph, numbering) in paragraphs.iter().zip(numberings) {
        let start = paragraph.flow.start.saturating_add(numbering.map_or(0, |numbering| numbering.length));
        let Some(body) = text.get(start..paragraph.flow.end) else {
            continue;
        };
        for found in mention.find_iter(body) {
            let mut range = start.saturating_add(found.start())..start.saturating_add(found.end());
            let Some(found_text) = text.get(range.clone()) else {
                continue;
            };
            let mut mention_text = found_text;
            if let Some(dash) = found_text.chars().next().filter(|&first| first == '-' || first == '−') {
                let before = text.get(..range.start).unwrap_or_default();
                let after_word = before.chars().next_back().is_some_and(|previous| previous.is_ascii_alphanumeric());
                if after_word {
                    range.start = range.start.saturating_add(dash.len_utf8());
                    mention_text = found_text.get(dash.len_utf8()..).unwrap_or_default();
                }
            }
            if let Some(number) = parse_mention(mention_text, flow.original_span(range.clone())) {
                numbers.push(FlowNumber { flow: range, number });
            }
        }
    }
    numbers
}
