//! A count with its list: `直属事业单位 10 个，即 A、B、……、J` → count 10, listed
//! 10 names (or not).
//!
//! The count is the figure of a count word (个, 家, 所, 名, 项, 处) right before
//! the opener (`即`, `分别为`); the list runs to the end of the sentence, its
//! names apart by `、`, the last two possibly joined by `和`/`及`. Where a
//! name could hold the joining word itself (`发展和改革局`) the list is split
//! there only when both sides are long enough to be names; a list that says
//! it is partial (`等`) is no item.

use super::{Text, figure, phrase};
use crate::extract::Item;
use crate::report::{Number, Unit};
use crate::rules::idiom::ListIdiom;
use crate::span::Span;

/// Count words a list can count.
const COUNTED: [&str; 7] = ["个", "家", "所", "名", "项", "处", "人"];
/// Characters allowed between the count and the opener (`,` `有`).
const GAP: usize = 2;
/// Each side of a joining word is a name only if at least this long.
const NAME_CHARACTERS: usize = 4;

pub(super) fn find(idiom: &ListIdiom, text: &Text<'_>) -> Vec<Item> {
    let mut items = Vec::new();
    for opener in &idiom.openers {
        for at in text.find_all(opener) {
            items.extend(item(idiom, text, at, at.saturating_add(opener.len())));
        }
    }
    items.sort_by_key(|item| item.span);
    items.dedup_by_key(|item| item.span);
    items
}

fn item(idiom: &ListIdiom, text: &Text<'_>, at: usize, after: usize) -> Option<Item> {
    let count = text.numbers().iter().rev().find(|found| found.flow.end <= at)?;
    let between = text.get(count.flow.end..at);
    let counted = matches!(&count.number.unit, Unit::Count(word) if COUNTED.contains(&word.as_str()));
    if !counted || between.chars().count() > GAP || !between.chars().all(|c| matches!(c, ',' | ':' | ' ')) {
        return None;
    }
    let sentence = text.sentence(at);
    let list = text.get(after..sentence.end).trim_start_matches([':', ',']);
    if list.is_empty() || idiom.partial.iter().any(|word| list.trim_end_matches(['。', ')']).ends_with(word.as_str()))
    {
        return None;
    }
    let mut names: Vec<&str> = list.split('、').map(str::trim).filter(|name| !name.is_empty()).collect();
    if let Some(last) = names.pop() {
        names.extend(split_last(idiom, last));
    }
    let listed = Number {
        value: rust_decimal::Decimal::from(names.len()),
        decimals: 0,
        unit: count.number.unit.clone(),
        relation: None,
        span: text.report.original_span(after..sentence.end),
    };
    let (label, label_span) = text.label_before(count);
    let span = text.report.original_span(count.flow.start..sentence.end);
    let mut item = Item::new(Span::new(span.start.min(label_span.start), span.end));
    item.fields.insert("name".into(), phrase(label, label_span));
    item.fields.insert("count".into(), exact(figure(&count.number)));
    item.fields.insert("listed".into(), exact(figure(&listed)));
    Some(item)
}

/// The last piece of a list, split at a joining word when both sides are
/// long enough to be names.
fn split_last<'l>(idiom: &ListIdiom, last: &'l str) -> Vec<&'l str> {
    for word in &idiom.and {
        if let Some((left, right)) = last.split_once(word.as_str()) {
            let long = |side: &str| side.chars().count() >= NAME_CHARACTERS;
            if long(left) && long(right) {
                return vec![left, right];
            }
        }
    }
    vec![last]
}

/// Counts are exact: nobody rounds a number of units.
fn exact(mut mention: crate::extract::Mention) -> crate::extract::Mention {
    mention.exact = true;
    mention
}
