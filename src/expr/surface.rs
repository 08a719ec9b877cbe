//! [`Expr`] → surface syntax, with only the parentheses precedence needs,
//! and around a nested `if`.
//!
//! Invariant: for a tree the parser built, `parse(&expr.to_source())` gives
//! the same tree up to spans. Operators print in their ASCII spelling
//! (`<=`, `!=`, `and`), strings in straight quotes.
//!
//! An `if` inside another expression is parenthesized, so the text never
//! reads `if if a then b else c then …` or `x + if …`; it is bare only as
//! the whole expression, a function's argument, or an `else if`.
//!
//! A `not …` or `if … else …` extends as far right as it can, so at the
//! right end of an expression (the *tail*: nothing but `)`, `,`, `then`,
//! `else` or the end follows) it needs no parentheses: `a + not b`,
//! `1 + if a then b else c`. Leaving them out there is what keeps the
//! printed text within [`crate::expr::MAX_NESTING`] whenever the parsed
//! text was: parentheses count as nesting, and a chain such as
//! `x + not x + not x …` nests once per `not` without any. So the
//! parentheses around a nested `if` are for reading only: where they
//! would take the text past the parser's limits (a tree nested near
//! them), it is printed with the necessary ones alone.

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
        let readable = Printer { readable: true }.print(self);
        // Only a tree nested near the parser's limits fails here.
        if super::parse(&readable).is_ok() { readable } else { Printer { readable: false }.print(self) }
    }
}

/// Whether a nested `if` gets parentheses it does not need.
#[derive(Clone, Copy)]
struct Printer {
    readable: bool,
}

impl Printer {
    fn print(self, expr: &Expr) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = self.write(expr, Level::Conditional, Place { tail: true, free: true }, &mut text);
        text
    }

    /// Writes `expr`, parenthesized when it binds looser than `least`
    /// (unless it is a `not` or an `if` at the tail, see the module doc),
    /// or when it is an `if` in a place that is not free.
    fn write(self, expr: &Expr, least: Level, place: Place, out: &mut String) -> fmt::Result {
        let level = Level::of(expr);
        let conditional = matches!(expr.kind, ExprKind::If { .. });
        let extends_right = conditional || matches!(expr.kind, ExprKind::Unary { op: UnaryOp::Not, .. });
        let needed = level < least && !(place.tail && extends_right);
        if needed || (self.readable && conditional && !place.free) {
            out.push('(');
            self.write(expr, Level::Conditional, Place { tail: true, free: true }, out)?;
            out.push(')');
            return Ok(());
        }
        let inner = |tail: bool| Place { tail, free: false };
        match &expr.kind {
            ExprKind::If { condition, then, otherwise } => {
                // `then` and `else` end the branches before them, so each
                // branch is a tail of its own; `else if` reads as a chain.
                out.push_str("if ");
                self.write(condition, Level::Conditional, inner(true), out)?;
                out.push_str(" then ");
                self.write(then, Level::Conditional, inner(true), out)?;
                out.push_str(" else ");
                self.write(otherwise, Level::Conditional, Place { tail: place.tail, free: true }, out)
            }
            ExprKind::Unary { op: UnaryOp::Not, operand } => {
                out.push_str("not ");
                self.write(operand, Level::Not, inner(place.tail), out)
            }
            ExprKind::Unary { op: UnaryOp::Negate, operand } => {
                let mut text = String::new();
                self.write(operand, Level::Negate, inner(place.tail), &mut text)?;
                // `- -a`, not `--a`.
                out.push_str(if text.starts_with('-') { "- " } else { "-" });
                out.push_str(&text);
                Ok(())
            }
            ExprKind::Binary { op, left, right } => {
                // Left-associative: a same-level left operand needs no
                // parentheses; comparisons do not associate at all.
                let left_least = if op.is_comparison() { level.tighter() } else { level };
                self.write(left, left_least, inner(false), out)?;
                write!(out, " {} ", op.source_symbol())?;
                self.write(right, level.tighter(), inner(place.tail), out)
            }
            ExprKind::Call { name, args, .. } => {
                write!(out, "{name}(")?;
                for (index, arg) in args.iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    self.write(arg, Level::Conditional, Place { tail: true, free: true }, out)?;
                }
                out.push(')');
                Ok(())
            }
            _ => write_leaf(expr, out),
        }
    }
}

/// Where a node is printed.
#[derive(Clone, Copy)]
struct Place {
    /// Nothing but `)`, `,`, `then`, `else` or the end follows.
    tail: bool,
    /// An `if` reads here without parentheses: the whole expression, an
    /// argument, an `else if`.
    free: bool,
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

    #[test]
    fn nested_conditionals_are_parenthesized() {
        let cases = [
            ("if (if a then b else c) then d else e", "if (if a then b else c) then d else e"),
            ("if a then if b then c else d else e", "if a then (if b then c else d) else e"),
            ("if a then b else if c then d else e", "if a then b else if c then d else e"),
            (
                "if if if a then b else c then d else e then f else g",
                "if (if (if a then b else c) then d else e) then f else g",
            ),
            ("x = if a then 1 else 2", "x = (if a then 1 else 2)"),
            ("not if a then b else c", "not (if a then b else c)"),
            ("-if a then 1 else 2", "-(if a then 1 else 2)"),
            ("sum(c, if it.a then it.b else 0) + 1", "sum(c, if it.a then it.b else 0) + 1"),
            ("if a then b else (if c then d else e) + 1", "if a then b else (if c then d else e) + 1"),
        ];
        for (source, expected) in cases {
            assert_eq!(round_trip(source), expected, "{source}");
        }
    }

    /// 25 `if`s and 25 parentheses nest 50 deep; parentheses for reading
    /// would take that to 74, past the parser's 64, so the printer keeps to
    /// the necessary ones and the text parses back.
    #[test]
    fn near_the_nesting_limit_only_needed_parentheses_are_printed() {
        let depth = 25;
        let differences = format!("{}a{}", "a - (".repeat(depth), ")".repeat(depth));
        let source = format!("{}{differences}{}", "if ".repeat(depth), " then b else c".repeat(depth));
        let printed = round_trip(&source);
        assert!(printed.starts_with("if if "), "{printed}");
        let shallow = format!("if {differences} then b else c");
        assert!(round_trip(&format!("if {shallow} then d else e")).starts_with("if (if a - "));
    }
}
