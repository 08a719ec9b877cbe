//! The prose idioms every region writes with → items of the collections the
//! pack names for them.
//!
//! - [`parts`]: a whole and its parts, `X 万元。其中：A 万元，B 万元` and
//!   `X 万元（含 A 万元）`;
//! - [`changes`]: a change over the year, `比上年增加 A 万元，增长 B%`, with the
//!   figure it changed;
//! - [`lists`]: a count with its list, `直属单位 10 个，即 A、B、……`.
//!
//! The words come from the pack (`idioms:`); what the idioms look like is
//! here. Each works on one paragraph of the flow and its figures, and reads
//! nothing where the text leaves a doubt: a part with two amounts, a list
//! that ends in 等.

mod changes;
mod lists;
mod parts;

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Facts, Mention, Value, Via};
use crate::report::{FlowNumber, Number, Report, Unit};
use crate::rules::{Occurrences, Pack};
use crate::span::Span;

/// Adds the items of every idiom of `pack` found in `report` to `facts`.
pub fn extract(pack: &Pack, report: &Report, occurrences: &Occurrences<'_>, facts: &mut Facts) {
    let idioms = &pack.idioms;
    // Figures the pack's own patterns read: a breakdown whose whole and parts
    // are all among them is the pack's to check (`其中：上级安排…，本级安排…`).
    let read: BTreeSet<Span> = facts.values.values().flatten().map(|mention| mention.span).collect();
    for paragraph in &report.paragraphs {
        let text = Text { report, range: paragraph.flow.clone(), occurrences };
        if let Some(idiom) = &idioms.parts {
            let items = parts::find(idiom, &text, idioms.changes.as_ref())
                .into_iter()
                .filter(|item| !read_by_pack(item, &read));
            facts.collections.entry(idiom.collection.clone()).or_default().extend(items);
        }
        if let Some(idiom) = &idioms.changes {
            let items = changes::find(idiom, &text);
            facts.collections.entry(idiom.collection.clone()).or_default().extend(items);
        }
        if let Some(idiom) = &idioms.lists {
            let items = lists::find(idiom, &text);
            facts.collections.entry(idiom.collection.clone()).or_default().extend(items);
        }
    }
}

/// Whether the whole and every part of a breakdown are figures the pack's
/// patterns read.
fn read_by_pack(item: &super::Item, read: &BTreeSet<Span>) -> bool {
    let span = |mention: Option<&Mention>| mention.map(|mention| mention.span);
    let whole = span(item.fields.get("whole"));
    whole.is_some_and(|whole| read.contains(&whole))
        && item.parts.iter().all(|part| span(part.fields.get("value")).is_some_and(|value| read.contains(&value)))
}

/// One paragraph of the flow, with the questions the idioms ask of it.
struct Text<'a> {
    report: &'a Report,
    range: Range<usize>,
    /// Where the pack's literals, the idioms' words among them, occur.
    occurrences: &'a Occurrences<'a>,
}

impl Text<'_> {
    fn get(&self, range: Range<usize>) -> &str {
        self.report.flow.get(range).unwrap_or_default()
    }

    fn numbers(&self) -> &[FlowNumber] {
        self.report.numbers_in(self.range.clone())
    }

    /// Flow offsets of every occurrence of `word` in the paragraph.
    fn find_all(&self, word: &str) -> Vec<usize> {
        if word.is_empty() {
            return Vec::new();
        }
        if let Some(found) = self.occurrences.match_indices(word, self.range.clone()) {
            return found;
        }
        let body = self.get(self.range.clone());
        body.match_indices(word).map(|(at, _)| self.range.start.saturating_add(at)).collect()
    }

    /// Where the sentence holding `at` starts and ends (`。` `!` `?` `;`, or
    /// the paragraph's ends).
    fn sentence(&self, at: usize) -> Range<usize> {
        self.between(at, &['。', '!', '?', ';'])
    }

    /// Where the stretch holding `at` between two of `stops` starts and ends.
    fn between(&self, at: usize, stops: &[char]) -> Range<usize> {
        let stops = |c: char| stops.contains(&c);
        let before = self.get(self.range.start..at.max(self.range.start));
        let start = before.rfind(stops).map_or(self.range.start, |stop| {
            let length = before.get(stop..).and_then(|rest| rest.chars().next()).map_or(1, char::len_utf8);
            self.range.start.saturating_add(stop).saturating_add(length)
        });
        let after = self.get(at.min(self.range.end)..self.range.end);
        let end = after.find(stops).map_or(self.range.end, |stop| at.saturating_add(stop));
        start..end
    }

    /// The label written before a figure: back to the clause's start or the
    /// figure before it, without fillers (`为`, `:`) or a leading numbering.
    fn label_before(&self, figure: &FlowNumber) -> (String, Span) {
        const CLAUSE: [char; 8] = [',', ';', ':', '。', '(', ')', '、', '\n'];
        const FILLERS: [char; 8] = [':', ',', '为', '是', '约', '共', '计', ' '];
        let end = self
            .range
            .start
            .saturating_add(self.get(self.range.start..figure.flow.start).trim_end_matches(FILLERS).len());
        let before = self.get(self.range.start..end);
        let clause = before.rfind(CLAUSE).map_or(self.range.start, |at| {
            let length = before.get(at..).and_then(|rest| rest.chars().next()).map_or(1, char::len_utf8);
            self.range.start.saturating_add(at).saturating_add(length)
        });
        let previous =
            self.numbers().iter().rev().find(|found| found.flow.end <= end).map_or(0, |found| found.flow.end);
        let start = clause.max(previous).min(end);
        let label = self.get(start..end).trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、'));
        (label.to_string(), self.report.original_span(start..end))
    }
}

/// A figure that is an amount or a count of things (not a rate, a score or
/// a date).
fn is_quantity(number: &Number) -> bool {
    match &number.unit {
        Unit::Yuan | Unit::WanYuan | Unit::YiYuan => true,
        Unit::Count(word) => !matches!(word.as_str(), "年" | "月" | "日"),
        _ => false,
    }
}

/// Whether two figures measure the same thing: amounts in any money unit,
/// counts of the same word.
fn same_kind(left: &Number, right: &Number) -> bool {
    match (&left.unit, &right.unit) {
        (Unit::Count(left), Unit::Count(right)) => left == right,
        (left, right) => money(left) && money(right),
    }
}

fn money(unit: &Unit) -> bool {
    matches!(unit, Unit::Yuan | Unit::WanYuan | Unit::YiYuan)
}

fn figure(number: &Number) -> Mention {
    Mention { value: Value::Figure(number.clone()), span: number.span, via: Via::Pattern, exact: false }
}

fn phrase(value: String, span: Span) -> Mention {
    Mention { value: Value::Text(value), span, via: Via::Pattern, exact: false }
}
