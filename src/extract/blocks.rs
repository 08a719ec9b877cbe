//! Collection items from repeated prose blocks (`指标①：…`, `（一）指标一：…`).
//!
//! A block starts where the collection's `start` pattern matches and runs to
//! the next start or to the end of the section the start stands in,
//! whichever comes first; so the last indicator of a list does not swallow
//! the conclusion that follows it.

use crate::report::Report;
use crate::rules::{Collection, Kind, Occurrences, Pack};

use super::patterns::{Words, matches_in};
use super::{Item, Via};

/// Items as sentences: each match of one of the collection's `matches`
/// patterns is one item.
pub fn sentences(collection: &Collection, pack: &Pack, report: &Report, occurrences: &Occurrences<'_>) -> Vec<Item> {
    let mut items = Vec::new();
    for pattern in &collection.matches {
        for range in pattern.find_all(&report.flow, occurrences) {
            let mut item = Item::new(report.original_span(range.clone()));
            let kind = |field: &str| kind_of(collection, field);
            for (field, mut mention) in matches_in(pattern, report, range, occurrences, &Words::of(pack), kind) {
                mention.via = Via::Block;
                item.fields.entry(field).or_insert(mention);
            }
            items.push(item);
        }
    }
    items.sort_by_key(|item| item.span);
    items
}

fn kind_of(collection: &Collection, field: &str) -> (Kind, bool) {
    let kind = collection.fields.get(field).copied().unwrap_or(Kind::Number);
    (kind, collection.exact.iter().any(|exact| exact == field))
}

pub fn extract(collection: &Collection, pack: &Pack, report: &Report, occurrences: &Occurrences<'_>) -> Vec<Item> {
    let Some(blocks) = &collection.blocks else { return Vec::new() };
    let starts: Vec<usize> =
        blocks.start.find_all(&report.flow, occurrences).into_iter().map(|found| found.start).collect();
    let mut items = Vec::new();
    for (index, &start) in starts.iter().enumerate() {
        let section_end = report
            .section_at(start)
            .and_then(|section| report.sections.get(section))
            .map_or(report.flow.len(), |section| section.flow.end);
        let next = starts.get(index.saturating_add(1)).copied().unwrap_or(report.flow.len());
        let end = next.min(section_end).max(start);
        let mut item = Item::new(report.original_span(start..end));
        for pattern in &blocks.patterns {
            let kind = |field: &str| kind_of(collection, field);
            for (field, mut mention) in matches_in(pattern, report, start..end, occurrences, &Words::of(pack), kind) {
                mention.via = Via::Block;
                item.fields.entry(field).or_insert(mention);
            }
        }
        if !item.fields.is_empty() {
            items.push(item);
        }
    }
    items
}
