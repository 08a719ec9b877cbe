//! expr: the expression language of checks, text → [`Expr`].
//!
//! `budget.adjusted = budget.initial + budget.adjustment`,
//! `sum(indicators.weight) = 100`, `all(indicators, it.score <= it.weight)`,
//! `if exists(budget.adjustment) then … else true`.
//!
//! [`parse`] is the entry point. The syntax is in `grammar/expr.pest`;
//! precedence is the Pratt table in `parser.rs`, loosest first:
//! `if … then … else …`; `or`; `and`; `not`; comparisons (`= == != < <= >
//! >=`, never chained); `+ -`; `* /`; unary `-`; operands. Each operator
//! may also be written as in a document: `＝ ≠ ＜ ≤ ＞ ≥ ＋ － − × ÷`; the
//! source text of a check is kept as written, for `rules show` and `explain`.
//! Every node has a byte span into the expression text. Names of facts and
//! functions are not checked here: the rules loader resolves them (see
//! [`Expr::references`]) and checks each function's arity.
//!
//! Limits, so that no rule file can exhaust the stack: at most
//! [`MAX_LENGTH`] bytes, [`MAX_NESTING`] levels of parentheses, calls,
//! `if`s and prefix operators, and a tree [`MAX_HEIGHT`] levels high.

mod ast;
mod display;
mod error;
mod grammar;
mod limits;
mod operand;
mod parser;
mod surface;
mod walk;

pub use ast::{BinaryOp, Expr, ExprKind, UnaryOp};
pub use error::ExprError;
pub use limits::{MAX_LENGTH, MAX_NESTING};
pub use parser::{MAX_HEIGHT, parse};
pub use walk::Reference;
