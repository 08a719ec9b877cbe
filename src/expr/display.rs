//! [`Expr`] → s-expression text, for tests and debugging:
//! `budget.adjusted = budget.initial + budget.adjustment` displays as
//! `(= budget.adjusted (+ budget.initial budget.adjustment))`.
//!
//! Every operator becomes its own parenthesized list, so precedence is
//! visible at a glance. Numbers keep their written scale and `%`; strings are
//! quoted with `\"` and `\\` escaped.

use std::fmt;

use super::ast::{Expr, ExprKind};

impl fmt::Display for Expr {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Number { .. } | ExprKind::Text(_) | ExprKind::Boolean(_) | ExprKind::Path(_) => {
                write_leaf(self, formatter)
            }
            ExprKind::Unary { op, operand } => {
                write!(formatter, "({} {operand})", op.source_symbol())
            }
            ExprKind::Binary { op, left, right } => {
                write!(formatter, "({} {left} {right})", op.source_symbol())
            }
            ExprKind::Call { name, args, .. } => {
                write!(formatter, "({name}")?;
                for arg in args {
                    write!(formatter, " {arg}")?;
                }
                write!(formatter, ")")
            }
            ExprKind::If { condition, then, otherwise } => {
                write!(formatter, "(if {condition} {then} {otherwise})")
            }
        }
    }
}

/// Writes a literal or a path as it is written in a rule file; shared with
/// the surface printer. Does nothing for other nodes.
pub(super) fn write_leaf(expr: &Expr, formatter: &mut impl fmt::Write) -> fmt::Result {
    match &expr.kind {
        ExprKind::Number { value, percent } => {
            write!(formatter, "{value}{}", if *percent { "%" } else { "" })
        }
        ExprKind::Text(text) => {
            formatter.write_char('"')?;
            for character in text.chars() {
                if matches!(character, '"' | '\\') {
                    formatter.write_char('\\')?;
                }
                formatter.write_char(character)?;
            }
            formatter.write_char('"')
        }
        ExprKind::Boolean(value) => write!(formatter, "{value}"),
        ExprKind::Path(segments) => formatter.write_str(&segments.join(".")),
        _ => Ok(()),
    }
}
