//! One operand of an expression → an [`Expr`] node: literals, fact paths,
//! parenthesized groups, calls and `if … then … else …`.
//!
//! Input: an operand pair from the grammar and its nesting depth. Groups,
//! calls and conditionals build their inner expressions one level deeper,
//! refusing before they recurse past [`MAX_NESTING`]. A group's node spans
//! its parentheses; a call's `name_span` covers the name alone.

use pest::iterators::Pair;
use rust_decimal::Decimal;

use super::ast::ExprKind;
use super::error::{ExprError, character_at};
use super::grammar::Rule;
use super::limits::{MAX_NESTING, too_deep};
use super::parser::{Built, build, span_of};
use crate::span::Span;

pub(super) fn build_operand(pair: Pair<'_, Rule>, depth: usize) -> Result<Built, ExprError> {
    // One small function per kind keeps this frame small: it is on the
    // stack once per nesting level.
    match pair.as_rule() {
        Rule::number => number(pair),
        Rule::text => text(pair),
        Rule::boolean => Built::node(ExprKind::Boolean(pair.as_str() == "true"), span_of(&pair.as_span()), 0),
        Rule::path => path(pair),
        Rule::group => group(pair, depth),
        Rule::call => call(pair, depth),
        _ => conditional(pair, depth),
    }
}

fn text(pair: Pair<'_, Rule>) -> Result<Built, ExprError> {
    let span = span_of(&pair.as_span());
    let text = match pair.into_inner().next() {
        Some(straight) if straight.as_rule() == Rule::straight_text => unescape(straight.as_str()),
        Some(curly) => curly.as_str().to_owned(),
        None => String::new(),
    };
    Built::node(ExprKind::Text(text), span, 0)
}

fn path(pair: Pair<'_, Rule>) -> Result<Built, ExprError> {
    let span = span_of(&pair.as_span());
    let segments = pair.into_inner().map(|segment| segment.as_str().to_owned()).collect();
    Built::node(ExprKind::Path(segments), span, 0)
}

fn group(pair: Pair<'_, Rule>, depth: usize) -> Result<Built, ExprError> {
    let span = span_of(&pair.as_span());
    let opening = character_at(pair.as_str(), 0).shifted(span.start);
    let Some(inner) = sub_expressions(pair, depth, opening)?.pop() else {
        return Err(ExprError::new("此处应为运算对象", span));
    };
    // The same node, but its span now includes the parentheses.
    let mut group = Built::node(inner.expr.kind, span, inner.height.saturating_sub(1))?;
    group.grouped = true;
    Ok(group)
}

fn call(pair: Pair<'_, Rule>, depth: usize) -> Result<Built, ExprError> {
    let span = span_of(&pair.as_span());
    let (name, name_span) = match pair.clone().into_inner().next() {
        Some(name) => (name.as_str().to_owned(), span_of(&name.as_span())),
        None => (String::new(), span),
    };
    let args = sub_expressions(pair, depth, name_span)?;
    let height = args.iter().map(|arg| arg.height).max().unwrap_or(0);
    let args = args.into_iter().map(|arg| arg.expr).collect();
    Built::node(ExprKind::Call { name, name_span, args }, span, height)
}

/// `if … then … else …`; the grammar guarantees exactly three branches.
fn conditional(pair: Pair<'_, Rule>, depth: usize) -> Result<Built, ExprError> {
    let span = span_of(&pair.as_span());
    let keyword = pair.clone().into_inner().next().map_or(span, |keyword| span_of(&keyword.as_span()));
    let mut branches = sub_expressions(pair, depth, keyword)?.into_iter();
    let (Some(condition), Some(then), Some(otherwise)) = (branches.next(), branches.next(), branches.next()) else {
        return Err(ExprError::new("此处应为 `if … then … else …`", span));
    };
    let height = condition.height.max(then.height).max(otherwise.height);
    let kind = ExprKind::If {
        condition: Box::new(condition.expr),
        then: Box::new(then.expr),
        otherwise: Box::new(otherwise.expr),
    };
    Built::node(kind, span, height)
}

fn number(pair: Pair<'_, Rule>) -> Result<Built, ExprError> {
    let span = span_of(&pair.as_span());
    let mut inner = pair.into_inner();
    let digits = inner.next().map(|digits| digits.as_str()).unwrap_or_default();
    let percent = inner.next().is_some();
    // `from_str_exact` refuses to round: a literal in a rule is exact.
    let value = Decimal::from_str_exact(digits).map_err(|_| ExprError::new("数字过大或小数位过多", span))?;
    Built::node(ExprKind::Number { value, percent }, span, 0)
}

/// The `expr` children of a group, call or conditional, built one level
/// deeper; `opening` is where to point if that is too deep.
fn sub_expressions(pair: Pair<'_, Rule>, depth: usize, opening: Span) -> Result<Vec<Built>, ExprError> {
    let depth = depth.saturating_add(1);
    if depth > MAX_NESTING {
        return Err(too_deep(opening));
    }
    // A plain loop: iterator adapters would add stack frames per level.
    let mut built = Vec::new();
    for inner in pair.into_inner() {
        if inner.as_rule() == Rule::expr {
            built.push(build(inner, depth)?);
        }
    }
    Ok(built)
}

/// `\"` → `"` and `\\` → `\`; the grammar allows no other escape.
fn unescape(text: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut characters = text.chars();
    while let Some(character) = characters.next() {
        match character {
            '\\' => result.extend(characters.next()),
            other => result.push(other),
        }
    }
    result
}
