//! A whole and its parts: `X 万元。其中：A 万元，B 万元` and `X 万元（含 A 万元）`.
//!
//! After `其中` the whole is the nearest amount or count before it, in the
//! same sentence or the two before, that is not itself a change
//! (`同比增加 189.25 万元`); the parts are the clauses up to the sentence's end
//! that hold one figure of the whole's kind (`人员经费 434.89 万元`,
//! `30 万元用于…`), up to the first clause that says something else (no such
//! figure, a new total, another `其中`). Inside `（含 …）` the whole is the
//! figure just before the parenthesis. A clause with two such figures leaves
//! the parts unread; a clause about a change is passed over. The parts are
//! complete when their labels are one of the pack's complete lists.

use std::ops::Range;

use super::{Text, figure, is_quantity, phrase, same_kind};
use crate::extract::Item;
use crate::report::FlowNumber;
use crate::rules::idiom::{ChangeIdiom, PartsIdiom};
use crate::span::Span;

/// Words that start something other than one more part.
const TOTALS: [&str; 6] = ["其中", "总数", "合计", "共计", "总额", "总计"];
/// Sentences before `其中` searched for the whole.
const SENTENCES_BACK: usize = 3;
/// Characters allowed between a whole and its `（含` (`8 个项目（含`).
const WITHIN_GAP: usize = 4;

pub(super) fn find(idiom: &PartsIdiom, text: &Text<'_>, changes: Option<&ChangeIdiom>) -> Vec<Item> {
    let change_words: Vec<&str> = changes
        .map(|changes| changes.since.iter().chain(&changes.up).chain(&changes.down).map(String::as_str).collect())
        .unwrap_or_default();
    let mut items = Vec::new();
    for opener in &idiom.after {
        for at in text.find_all(opener) {
            let Some(whole) = whole_before(text, at, &change_words) else { continue };
            // Parts may be apart by `;` (`30 万元用于…；30 万元用于…`).
            let region = at.saturating_add(opener.len())..text.between(at, &['。', '!', '?']).end;
            items.extend(item(idiom, text, whole, region, &change_words));
        }
    }
    for opener in &idiom.within {
        for at in text.find_all(&format!("({opener}")) {
            let Some(whole) = text.numbers().iter().rev().find(|found| {
                found.flow.end <= at
                    && text.get(found.flow.end..at).chars().count() <= WITHIN_GAP
                    && is_quantity(&found.number)
            }) else {
                continue;
            };
            let after = at.saturating_add(1).saturating_add(opener.len());
            let close =
                text.get(after..text.range.end).find(')').map_or(text.sentence(at).end, |c| after.saturating_add(c));
            items.extend(item(idiom, text, whole, after..close, &change_words));
        }
    }
    items.sort_by_key(|item| item.span);
    items
}

/// The whole a `其中` refers to.
fn whole_before<'t>(text: &'t Text<'_>, at: usize, change_words: &[&str]) -> Option<&'t FlowNumber> {
    let mut earliest = at;
    for _ in 0..SENTENCES_BACK {
        earliest = text.sentence(earliest.saturating_sub(1)).start;
        if earliest <= text.range.start {
            break;
        }
    }
    text.numbers()
        .iter()
        .rev()
        .filter(|found| found.flow.end <= at && found.flow.start >= earliest)
        .find(|found| is_quantity(&found.number) && !in_change(text, found, change_words))
}

/// A figure written as a change (`同比上年度增加 189.25 万元`).
fn in_change(text: &Text<'_>, found: &FlowNumber, change_words: &[&str]) -> bool {
    let clause = clause_before(text, found.flow.start);
    change_words.iter().any(|word| clause.contains(word))
}

/// The text from the clause's start to `at`.
fn clause_before<'t>(text: &'t Text<'_>, at: usize) -> &'t str {
    let before = text.get(text.range.start..at);
    let start = before.rfind([',', ';', ':', '。', '、']).map_or(0, |stop| stop.saturating_add(1));
    before.get(start..).unwrap_or(before)
}

fn item(
    idiom: &PartsIdiom,
    text: &Text<'_>,
    whole: &FlowNumber,
    region: Range<usize>,
    change_words: &[&str],
) -> Option<Item> {
    let mut parts: Vec<Item> = Vec::new();
    for clause in clauses(text, region.clone()) {
        let words = text.get(clause.clone());
        if change_words.iter().any(|word| words.contains(word)) {
            continue;
        }
        // A new total, or another list, is not one more part.
        if TOTALS.iter().any(|word| words.contains(word)) {
            break;
        }
        let figures: Vec<&FlowNumber> = text
            .numbers()
            .iter()
            .filter(|found| found.flow.start >= clause.start && found.flow.end <= clause.end)
            .filter(|found| same_kind(&found.number, &whole.number))
            .collect();
        match figures.as_slice() {
            // The list ends where a clause says something else.
            [] => break,
            [value] => {
                let name =
                    format!("{}{}", text.get(clause.start..value.flow.start), text.get(value.flow.end..clause.end));
                let name = name.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ',')).to_string();
                let mut part = Item::new(text.report.original_span(clause.clone()));
                part.fields.insert("name".into(), phrase(name, part.span));
                part.fields.insert("value".into(), figure(&value.number));
                parts.push(part);
            }
            _ => return None,
        }
    }
    if parts.is_empty() {
        return None;
    }
    let complete = idiom.complete.iter().any(|list| {
        let names: Vec<&str> = parts.iter().filter_map(Item::name).collect();
        list.iter().all(|word| names.iter().any(|name| name.contains(word.as_str())))
            && names.iter().all(|name| list.iter().any(|word| name.contains(word.as_str())))
    });
    let (label, label_span) = text.label_before(whole);
    let span = text.report.original_span(whole.flow.start..region.end);
    let mut item = Item::new(Span::new(span.start.min(label_span.start), span.end));
    item.fields.insert("name".into(), phrase(label, label_span));
    item.fields.insert("whole".into(), figure(&whole.number));
    // Said by the list, not written at one place: an empty span at its end.
    let said = Span::new(span.end, span.end);
    item.fields.insert("complete".into(), phrase(if complete { "是" } else { "否" }.into(), said));
    item.parts = parts;
    Some(item)
}

/// The clauses of a flow range: split at `;` when it has any (each part is
/// then a whole clause: `公务接待费预算 2.30 万元，实际支出 1.80 万元；…`, and two
/// figures in one leave the parts unread), else at `,` and `、`.
fn clauses(text: &Text<'_>, region: Range<usize>) -> Vec<Range<usize>> {
    let body = text.get(region.clone());
    let separators: &[char] = if body.contains(';') { &[';'] } else { &[',', '、'] };
    let mut clauses = Vec::new();
    let mut start = 0;
    for (at, character) in body.char_indices() {
        if separators.contains(&character) {
            clauses.push(region.start.saturating_add(start)..region.start.saturating_add(at));
            start = at.saturating_add(character.len_utf8());
        }
    }
    clauses.push(region.start.saturating_add(start)..region.end);
    clauses.retain(|clause| !clause.is_empty());
    clauses
}
