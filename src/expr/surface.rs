//! [`Expr`] → surface syntax, with only the parentheses precedence needs.
//!
//! Invariant: for a tree the parser built, `parse(&expr.to_source())` gives
//! the same tree up to spans. Operators print in their ASCII spelling
//! (`<=`, `!=`, `and`), strings in straight quotes.
//!
//! A `not …` or `if … else …` extends as far right as it can, so at the
//! right end of an expression (the *tail*: nothing but `)`, `,`, `then`,
//! `else` or the end follows) it needs no parentheses: `a + not b`,
//! `1 + if a then b else c`. Leaving them out there is what keeps the
//! printed text within [`crate::expr::MAX_NESTING`] whenever the parsed
//! text was: parentheses count as nesting, and a chain such as
//! `x + not x + not x …` nests once per `not` without any.

use std::fmt::{self, Write as _};

use super::ast::{BinaryOp, Expr, ExprKind, UnaryOp};
use super::display::write_leaf;

/// Binding strength, loosest first; mirrors the Pratt table in `parser.rs`
/// (the round-trip tests keep the two in step).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Conditional,
    Or,
    And,
    Not,
    Comparison,
    Sum,
    Product,
    Negate,
    Operand,
}

impl Level {
    fn of(expr: &Expr) -> Level {
        match &expr.kind {
            ExprKind::If { .. } => Level::Conditional,
            ExprKind::Unary { op: UnaryOp::Not, .. } => Level::Not,
            ExprKind::Unary { op: UnaryOp::Negate, .. } => Level::Negate,
            ExprKind::Binary { op, .. } => Level::of_binary(*op),
            _ => Level::Operand,
        }
    }

    fn of_binary(op: BinaryOp) -> Level {
        match op {
            BinaryOp::Or => Level::Or,
            BinaryOp::And => Level::And,
            BinaryOp::Add | BinaryOp::Subtract => Level::Sum,
            BinaryOp::Multiply | BinaryOp::Divide => Level::Product,
            _ => Level::Comparison,
        }
    }

    /// The next tighter level: what an operand on the non-associative side
    /// must be to go without parentheses.
    fn tighter(self) -> Level {
        match self {
            Level::Conditional => Level::Or,
            Level::Or => Level::And,
            Level::And => Level::Not,
            Level::Not => Level::Comparison,
            Level::Comparison => Level::Sum,
            Level::Sum => Level::Product,
            Level::Product => Level::Negate,
            Level::Negate | Level::Operand => Level::Operand,
        }
    }
}

impl Expr {
    /// The expression in the syntax of rule files, e.g. for `reportlint
    /// explain` or a "did you mean" suggestion.
    pub fn to_source(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = write_source(self, Level::Conditional, true, &mut text);
        text
    }
}

/// Writes `expr`, parenthesized when it binds looser than `least`, unless
/// it is a `not` or an `if` at the tail (see the module doc).
fn write_source(expr: &Expr, least: Level, tail: bool, out: &mut String) -> fmt::Result {
    let level = Level::of(expr);
    let extends_right = matches!(expr.kind, ExprKind::If { .. } | ExprKind::Unary { op: UnaryOp::Not, .. });
    if level < least && !(tail && extends_right) {
        out.push('(');
        write_source(expr, Level::Conditional, true, out)?;
        out.push(')');
        return Ok(());
    }
    match &expr.kind {
        ExprKind::If { condition, then, otherwise } => {
            // `then` and `else` end the branches before them, so each
            // branch is a tail of its own.
            out.push_str("if ");
            write_source(condition, Level::Conditional, true, out)?;
            out.push_str(" then ");
            write_source(then, Level::Conditional, true, out)?;
            out.push_str(" else ");
            write_source(otherwise, Level::Conditional, tail, out)
        }
        ExprKind::Unary { op: UnaryOp::Not, operand } => {
            out.push_str("not ");
            write_source(operand, Level::Not, tail, out)
        }
        ExprKind::Unary { op: UnaryOp::Negate, operand } => {
            let mut inner = String::new();
            write_source(operand, Level::Negate, tail, &mut inner)?;
            // `- -a`, not `--a`.
            out.push_str(if inner.starts_with('-') { "- " } else { "-" });
            out.push_str(&inner);
            Ok(())
        }
        ExprKind::Binary { op, left, right } => {
            // Left-associative: a same-level left operand needs no
            // parentheses; comparisons do not associate at all.
            let left_least = if op.is_comparison() { level.tighter() } else { level };
            write_source(left, left_least, false, out)?;
            write!(out, " {} ", op.source_symbol())?;
            write_source(right, level.tighter(), tail, out)
        }
        ExprKind::Call { name, args, .. } => {
            write!(out, "{name}(")?;
            for (index, arg) in args.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_source(arg, Level::Conditional, true, out)?;
            }
            out.push(')');
            Ok(())
        }
        _ => write_leaf(expr, out),
    }
}

#[cfg(test)]
mod tests {
    use crate::expr::parse;

    /// `to_source` output, checked to parse back into the same tree.
    fn round_trip(source: &str) -> String {
        let Ok(expr) = parse(source) else { panic!("does not parse: {source}") };
        let printed = expr.to_source();
        match parse(&printed) {
            Ok(again) => assert_eq!(again.to_string(), expr.to_string(), "{source} → {printed}"),
            Err(error) => panic!("{source} → {printed}: {error}"),
        }
        printed
    }

    #[test]
    fn printed_source_parses_back_to_the_same_tree() {
        let cases = [
            "budget.adjusted = budget.initial + budget.adjustment",
            "sum(indicators.weight) = 100",
            "all(indicators, it.score <= it.weight)",
            "if exists(budget.adjustment) then budget.adjusted = budget.initial + budget.adjustment else true",
            "abs(a - b) <= 0.01 and not (x = 0) or y != 1.5%",
            "a - (b - c)",
            "(a - b) - c",
            "a / (b * c)",
            "-(a + b) * -c",
            "- -a",
            "-(-3)",
            "a - -3",
            "(not a) = b",
            "a = (not b)",
            "not (a and b)",
            "not not a",
            "(a or b) and c",
            "a or (b and c)",
            "(a = b) = (c != d)",
            "a + (not b)",
            "(if a then b else c) + 1",
            "1 + (if a then b else c)",
            "if (if a then b else c) then d else e",
            "if a then (if b then c else d) else e",
            "if a then b else if c then d else e",
            "not (if a then b else c)",
            "f(if a then b else c, -d, (e))",
            "“说\"明” = \"a\\\\b\"",
            "预算.调整后 ≥ 68.48％ × 2.50",
            "count() = 0 && !false || x == 1",
            "x + not y + not z",
            "a * not b + c",
            "-not a",
        ];
        let printed: Vec<String> = cases.iter().map(|source| round_trip(source)).collect();
        insta::assert_snapshot!(printed.join("\n"));
    }
}
