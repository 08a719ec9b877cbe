//! A change over the year: `收入 792.22 万元。同比上年度增加 189.25 万元，增加
//! 31.39%` → current 792.22, change +189.25, rate +31.39%, so that a check
//! can recompute the rate against last year's figure (current − change).
//!
//! The change is the figure right after a since-word and an up- or
//! down-word (`比上年减少`); the rate is the next figure of the sentence when
//! it is a percentage; the current figure is the nearest amount or count of
//! the change's kind before the since-word, in this sentence or the one
//! before. Without a rate there is nothing to recompute, and no item.

use super::{Text, figure, is_quantity, phrase, same_kind};
use crate::extract::Item;
use crate::report::{Number, Unit};
use crate::rules::idiom::ChangeIdiom;
use crate::span::Span;

/// Characters allowed between the up/down word and its figure (`增加了`).
const GAP: usize = 2;

pub(super) fn find(idiom: &ChangeIdiom, text: &Text<'_>) -> Vec<Item> {
    let mut since: Vec<&String> = idiom.since.iter().collect();
    // `同比上年度` before `同比`: the longest reading of one place.
    since.sort_by_key(|word| std::cmp::Reverse(word.len()));
    let mut taken: Vec<usize> = Vec::new();
    let mut items = Vec::new();
    for word in since {
        for at in text.find_all(word) {
            if taken.iter().any(|seen| *seen <= at && at < seen.saturating_add(word.len()).max(*seen)) {
                continue;
            }
            taken.push(at);
            items.extend(item(idiom, text, at, at.saturating_add(word.len())));
        }
    }
    items.sort_by_key(|item| item.span);
    items
}

fn item(idiom: &ChangeIdiom, text: &Text<'_>, at: usize, after: usize) -> Option<Item> {
    let sentence = text.sentence(at);
    let (sign, direction_end) = direction(idiom, text.get(after..sentence.end))?;
    let numbers = text.numbers();
    let change_at = after.saturating_add(direction_end);
    let change = numbers
        .iter()
        .find(|found| found.flow.start >= change_at && text.get(change_at..found.flow.start).chars().count() <= GAP)?;
    if !is_quantity(&change.number) {
        return None;
    }
    let rate = numbers
        .iter()
        .find(|found| found.flow.start >= change.flow.end && found.flow.end <= sentence.end)
        .filter(|found| found.number.unit == Unit::Percent)?;
    let earliest = text.sentence(sentence.start.saturating_sub(1)).start;
    let current = numbers
        .iter()
        .rev()
        .filter(|found| found.flow.end <= at && found.flow.start >= earliest)
        .find(|found| same_kind(&found.number, &change.number))?;
    let (label, label_span) = text.label_before(current);
    let span = text.report.original_span(current.flow.start..rate.flow.end);
    let mut item = Item::new(Span::new(span.start.min(label_span.start), span.end));
    item.fields.insert("name".into(), phrase(label, label_span));
    item.fields.insert("current".into(), figure(&current.number));
    item.fields.insert("change".into(), figure(&signed(&change.number, sign)));
    item.fields.insert("rate".into(), figure(&signed(&rate.number, sign)));
    Some(item)
}

/// Up (+1) or down (−1), and where the word ends, when the text starts
/// with one (after at most a character such as 有).
fn direction(idiom: &ChangeIdiom, rest: &str) -> Option<(bool, usize)> {
    let skip = |words: &[String], up: bool| {
        words.iter().find_map(|word| {
            let at = rest.find(word.as_str())?;
            (rest.get(..at)?.chars().count() <= 1).then(|| (up, at.saturating_add(word.len())))
        })
    };
    skip(&idiom.up, true).or_else(|| skip(&idiom.down, false))
}

/// A decrease is a negative change (and rate).
fn signed(number: &Number, up: bool) -> Number {
    let mut number = number.clone();
    if !up && number.value.is_sign_positive() {
        number.value.set_sign_negative(true);
    }
    number
}
