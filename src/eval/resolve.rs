//! Names in an expression → the mentions the report holds for them.

use crate::expr::{Expr, ExprKind};
use crate::extract::{Facts, Item, Mention, Value as Written, Via};
use crate::rules::{Collection, Kind, Pack};

/// The mention a reference stands for: a fact's first filled-in mention
/// (else its first, an empty cell), or a field of the current item
/// (`it.score`).
pub fn mention<'a>(segments: &[String], facts: &'a Facts, item: Option<&'a Item>) -> Option<&'a Mention> {
    if let (Some(item), [first, field]) = (item, segments) {
        if first == "it" {
            return item.fields.get(field);
        }
    }
    let mentions = facts.values.get(&segments.join("."))?;
    let strong = |mention: &&Mention| mention.via != Via::Synonym;
    let filled = |mention: &&Mention| mention.value != Written::Empty;
    if let Some(found) = mentions.iter().filter(strong).find(filled).or_else(|| mentions.iter().find(strong)) {
        return Some(found);
    }
    // Only synonyms: read if they all agree, else the report says two things.
    let first = mentions.first()?;
    mentions.iter().all(|other| super::conflict::agree(first, other)).then_some(first)
}

/// The label people know a reference by: `全年实际支出`, `权重分值`.
pub fn label(segments: &[String], pack: &Pack, collection: Option<&Collection>) -> String {
    let name = segments.join(".");
    if let Some(fact) = pack.facts.get(&name) {
        return fact.label.clone();
    }
    match (collection, segments) {
        (Some(collection), [first, field]) if first == "it" => collection.field_label(field).to_string(),
        _ => name,
    }
}

/// The kind a reference is declared with: a fact's, or a field's of the
/// current item (`it.rate`) or of a collection (`fund_sources.rate`).
pub fn kind(segments: &[String], pack: &Pack, collection: Option<&Collection>) -> Kind {
    if let Some(fact) = pack.facts.get(&segments.join(".")) {
        return fact.kind;
    }
    let collection = match segments {
        [first, _] if first == "it" => collection,
        [first, _] => pack.collections.get(first),
        _ => None,
    };
    let field = segments.last().map(String::as_str).unwrap_or_default();
    collection.and_then(|collection| collection.fields.get(field)).copied().unwrap_or(Kind::Number)
}

/// A figure as it was written: `181.18万元`, `100%`, `良`.
pub fn written(mention: &Mention) -> String {
    match &mention.value {
        Written::Text(text) => text.clone(),
        Written::Figure(number) => format!("{}{}", number.value, super::unit::suffix(&number.unit)),
        Written::Empty => "（未填写）".into(),
    }
}

/// A figure's digits as written, without its unit: `181.18`.
pub fn digits(mention: &Mention) -> String {
    match &mention.value {
        Written::Text(text) => text.clone(),
        Written::Figure(number) => number.value.to_string(),
        Written::Empty => "（未填写）".into(),
    }
}

/// Every reference path in `expr`, with the collection that `sum(c.f)`,
/// `all(c, …)` and `it.f` refer to.
pub fn references<'e>(expr: &'e Expr, out: &mut Vec<(&'e [String], Option<&'e str>)>, collection: Option<&'e str>) {
    match &expr.kind {
        ExprKind::Path(segments) => out.push((segments, collection)),
        ExprKind::Number { .. } | ExprKind::Text(_) | ExprKind::Boolean(_) => {}
        ExprKind::Unary { operand, .. } => references(operand, out, collection),
        ExprKind::Binary { left, right, .. } => {
            references(left, out, collection);
            references(right, out, collection);
        }
        ExprKind::If { condition, then, otherwise } => {
            references(condition, out, collection);
            references(then, out, collection);
            references(otherwise, out, collection);
        }
        ExprKind::Call { args, name, .. } => {
            let inner = match (name.as_str(), args.first().map(|arg| &arg.kind)) {
                ("all" | "any" | "count" | "sum", Some(ExprKind::Path(segments))) => {
                    segments.first().map(String::as_str)
                }
                _ => collection,
            };
            for arg in args {
                references(arg, out, inner);
            }
        }
    }
}
