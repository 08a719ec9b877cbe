//! The syntax tree of a check expression.
//!
//! Input: built by [`crate::expr::parse`]; read by the rules loader (name
//! resolution, arity) and the evaluator. Invariants: every node carries the
//! byte span of its own source text in the expression string (a
//! parenthesized node's span includes its parentheses); literals are exact
//! (`68.48%` is the decimal 68.48 with `percent`, never a float); `Path` has
//! at least one segment.

use rust_decimal::Decimal;

use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    /// `100`, `0.005`, `68.48%` (value 68.48, `percent` true). The scale is
    /// kept as written: `2.50` stays `2.50`.
    Number {
        value: Decimal,
        percent: bool,
    },
    /// `"优"` or `“优”`, without its quotes.
    Text(String),
    /// `true` or `false`, e.g. the `else true` of a check that only applies
    /// when a fact exists.
    Boolean(bool),
    /// A fact reference: `budget.adjusted` is `["budget", "adjusted"]`.
    Path(Vec<String>),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `name(arg, …)`; `name_span` covers the name alone.
    Call {
        name: String,
        name_span: Span,
        args: Vec<Expr>,
    },
    If {
        condition: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Negate,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    And,
    Or,
}

impl UnaryOp {
    /// How the operator is written in a rule file.
    pub fn source_symbol(self) -> &'static str {
        match self {
            UnaryOp::Negate => "-",
            UnaryOp::Not => "not",
        }
    }

    /// How the operator is shown to people in messages.
    pub fn display_symbol(self) -> &'static str {
        match self {
            UnaryOp::Negate => "−",
            UnaryOp::Not => "not",
        }
    }
}

impl BinaryOp {
    /// How the operator is written in a rule file (ASCII, so it survives any
    /// editor).
    pub fn source_symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Equal => "=",
            BinaryOp::NotEqual => "!=",
            BinaryOp::Less => "<",
            BinaryOp::LessEqual => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEqual => ">=",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
        }
    }

    /// How the operator is shown to people in messages (typographic signs;
    /// the parser accepts these too).
    pub fn display_symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "−",
            BinaryOp::Multiply => "×",
            BinaryOp::Divide => "÷",
            BinaryOp::Equal => "=",
            BinaryOp::NotEqual => "≠",
            BinaryOp::Less => "<",
            BinaryOp::LessEqual => "≤",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEqual => "≥",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
        }
    }

    /// `= != < <= > >=`: these cannot be chained (`a = b = c`).
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Equal
                | BinaryOp::NotEqual
                | BinaryOp::Less
                | BinaryOp::LessEqual
                | BinaryOp::Greater
                | BinaryOp::GreaterEqual
        )
    }
}
