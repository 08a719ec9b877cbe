//! Text → [`Expr`]: pest recognizes the tokens, the Pratt table below gives
//! them precedence, and the builders attach a byte span to every node.
//!
//! Invariants of the result: spans are byte ranges into the parsed text on
//! character boundaries; comparisons are never chained without parentheses;
//! parentheses, calls, `if`s and prefix operators nest at most
//! [`MAX_NESTING`] deep (checked on the way down, before recursing); the
//! tree is at most [`MAX_HEIGHT`] levels high, so code that walks it
//! recursively cannot run out of stack.

use std::sync::LazyLock;

use pest::Parser as _;
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::ast::{BinaryOp, Expr, ExprKind, UnaryOp};
use super::error::{ExprError, from_pest};
use super::grammar::{ExprGrammar, Rule};
use super::limits::{self, MAX_NESTING, too_deep};
use super::operand::build_operand;
use crate::span::Span;

/// Highest tree accepted: long chains such as `a + b + … + z` nest without
/// parentheses, and the evaluator walks the tree recursively.
pub const MAX_HEIGHT: usize = 256;

/// Operator precedence, loosest first. `not` binds looser than comparisons
/// (`not a = b` is `not (a = b)`); unary minus binds tighter than `*`.
/// `if … then … else …` is looser still: it is an operand whose `else`
/// branch extends as far right as possible.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::or, Assoc::Left))
        .op(Op::infix(Rule::and, Assoc::Left))
        .op(Op::prefix(Rule::not))
        // Left-associative here; chaining is rejected in `combine`.
        .op(Op::infix(Rule::equal, Assoc::Left)
            | Op::infix(Rule::not_equal, Assoc::Left)
            | Op::infix(Rule::less, Assoc::Left)
            | Op::infix(Rule::less_equal, Assoc::Left)
            | Op::infix(Rule::greater, Assoc::Left)
            | Op::infix(Rule::greater_equal, Assoc::Left))
        .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::subtract, Assoc::Left))
        .op(Op::infix(Rule::multiply, Assoc::Left) | Op::infix(Rule::divide, Assoc::Left))
        .op(Op::prefix(Rule::negate))
});

/// Parses one check expression, e.g. `sum(indicators.weight) = 100`.
pub fn parse(source: &str) -> Result<Expr, ExprError> {
    limits::check(source)?;
    let expression = ExprGrammar::parse(Rule::expression, source)
        .map_err(|error| from_pest(error, source))?
        .next()
        .and_then(|expression| expression.into_inner().find(|pair| pair.as_rule() == Rule::expr));
    match expression {
        Some(expr) => Ok(build(expr, 0)?.expr),
        None => Err(ExprError::new("此处应为运算对象", Span::new(0, source.len()))),
    }
}

/// A node under construction, with what its parent needs to know.
pub(super) struct Built {
    pub(super) expr: Expr,
    /// Written in parentheses: `(a = b) = c` may compare a comparison.
    pub(super) grouped: bool,
    pub(super) height: usize,
}

impl Built {
    /// A node whose highest child is `child_height` levels high.
    pub(super) fn node(kind: ExprKind, span: Span, child_height: usize) -> Result<Built, ExprError> {
        let height = child_height.saturating_add(1);
        if height > MAX_HEIGHT {
            return Err(ExprError::new(format!("检查式的运算超过 {MAX_HEIGHT} 层，请拆开写"), span));
        }
        Ok(Built { expr: Expr { kind, span }, grouped: false, height })
    }
}

/// Folds a flat `expr` pair (prefixes, operands, infixes) into a tree.
/// `depth` counts the parentheses, calls, `if`s and prefix operators
/// around it.
pub(super) fn build(expr: Pair<'_, Rule>, depth: usize) -> Result<Built, ExprError> {
    let operand_depths = operand_depths(&expr, depth)?;
    PRATT
        .map_primary(|operand| {
            let start = operand.as_span().start();
            let depth = operand_depths
                .binary_search_by_key(&start, |&(at, _)| at)
                .ok()
                .and_then(|index| operand_depths.get(index))
                .map_or(depth, |&(_, depth)| depth);
            build_operand(operand, depth)
        })
        .map_prefix(|op, operand| {
            let operand = operand?;
            let span = span_of(&op.as_span()).join(operand.expr.span);
            let op = match op.as_rule() {
                Rule::negate => UnaryOp::Negate,
                _ => UnaryOp::Not,
            };
            let height = operand.height;
            Built::node(ExprKind::Unary { op, operand: Box::new(operand.expr) }, span, height)
        })
        .map_infix(|left, op, right| combine(left?, op, right?))
        .parse(expr.into_inner())
}

/// The depth of each operand of `expr` (by start offset, ascending): the
/// depth of `expr` plus the prefix operators it lies under. Checked here,
/// before the Pratt parser recurses once per prefix operator.
///
/// A `-` covers only the operand right after it, but a `not` binds looser
/// than comparisons and arithmetic, so it covers everything up to the next
/// `and` or `or`: `x + not x + not x …` nests once per `not`.
fn operand_depths(expr: &Pair<'_, Rule>, depth: usize) -> Result<Vec<(usize, usize)>, ExprError> {
    let mut depths = Vec::new();
    let mut negations = 0usize;
    let mut open_nots = 0usize;
    for pair in expr.clone().into_inner() {
        match pair.as_rule() {
            rule @ (Rule::negate | Rule::not) => {
                if rule == Rule::not {
                    open_nots = open_nots.saturating_add(1);
                } else {
                    negations = negations.saturating_add(1);
                }
                if depth.saturating_add(open_nots).saturating_add(negations) > MAX_NESTING {
                    return Err(too_deep(span_of(&pair.as_span())));
                }
            }
            Rule::and | Rule::or => {
                negations = 0;
                open_nots = 0;
            }
            rule if is_infix(rule) => negations = 0,
            _ => depths.push((pair.as_span().start(), depth.saturating_add(open_nots).saturating_add(negations))),
        }
    }
    Ok(depths)
}

fn combine(left: Built, op: Pair<'_, Rule>, right: Built) -> Result<Built, ExprError> {
    let op_span = span_of(&op.as_span());
    let Some(op) = binary_op(op.as_rule()) else {
        return Err(ExprError::new("此处应为一个运算符", op_span));
    };
    let chained =
        |side: &Built| !side.grouped && matches!(&side.expr.kind, ExprKind::Binary { op, .. } if op.is_comparison());
    if op.is_comparison() && (chained(&left) || chained(&right)) {
        return Err(ExprError::new("比较不能连写，请加括号", op_span));
    }
    let span = left.expr.span.join(right.expr.span);
    let height = left.height.max(right.height);
    let kind = ExprKind::Binary { op, left: Box::new(left.expr), right: Box::new(right.expr) };
    Built::node(kind, span, height)
}

fn is_infix(rule: Rule) -> bool {
    binary_op(rule).is_some()
}

fn binary_op(rule: Rule) -> Option<BinaryOp> {
    Some(match rule {
        Rule::add => BinaryOp::Add,
        Rule::subtract => BinaryOp::Subtract,
        Rule::multiply => BinaryOp::Multiply,
        Rule::divide => BinaryOp::Divide,
        Rule::equal => BinaryOp::Equal,
        Rule::not_equal => BinaryOp::NotEqual,
        Rule::less => BinaryOp::Less,
        Rule::less_equal => BinaryOp::LessEqual,
        Rule::greater => BinaryOp::Greater,
        Rule::greater_equal => BinaryOp::GreaterEqual,
        Rule::and => BinaryOp::And,
        Rule::or => BinaryOp::Or,
        _ => return None,
    })
}

pub(super) fn span_of(span: &pest::Span<'_>) -> Span {
    Span::new(span.start(), span.end())
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests;
