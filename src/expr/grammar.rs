//! The pest grammar `grammar/expr.pest`, compiled into a recognizer at build
//! time.
//!
//! Input: expression text. Output: pest's flat token tree, which
//! `parser.rs` folds into an [`Expr`](super::Expr) with the Pratt table.
//! The path in `#[grammar]` is relative to the crate root (pest_derive looks
//! there first, then under `src/`).

use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "grammar/expr.pest"]
pub(super) struct ExprGrammar;
