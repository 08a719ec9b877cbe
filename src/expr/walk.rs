//! Visiting every node of an [`Expr`], and the list of names it uses.
//!
//! Input: a parsed expression. Output: the nodes in source order (a parent
//! before its children), or the fact references and function calls the
//! rules loader must resolve. Names are listed as written; `it.score` inside
//! `all(indicators, …)` is a reference like any other, and telling bound
//! names from facts is the loader's job.

use super::ast::{Expr, ExprKind};
use crate::span::Span;

/// A name an expression refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference<'a> {
    /// `budget.adjusted`: every segment, and the span of the whole path.
    Fact { path: &'a [String], span: Span },
    /// `sum(…)`: the name, its span, and how many arguments were given.
    Function { name: &'a str, span: Span, arguments: usize },
}

impl Expr {
    /// Calls `visit` on this node and then on each descendant, left to right.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Expr)) {
        visit(self);
        match &self.kind {
            ExprKind::Number { .. } | ExprKind::Text(_) | ExprKind::Boolean(_) | ExprKind::Path(_) => {}
            ExprKind::Unary { operand, .. } => operand.walk(visit),
            ExprKind::Binary { left, right, .. } => {
                left.walk(visit);
                right.walk(visit);
            }
            ExprKind::Call { args, .. } => args.iter().for_each(|arg| arg.walk(visit)),
            ExprKind::If { condition, then, otherwise } => {
                condition.walk(visit);
                then.walk(visit);
                otherwise.walk(visit);
            }
        }
    }

    /// Every fact reference and function call, in source order.
    pub fn references(&self) -> Vec<Reference<'_>> {
        let mut references = Vec::new();
        self.walk(&mut |node| match &node.kind {
            ExprKind::Path(path) => references.push(Reference::Fact { path, span: node.span }),
            ExprKind::Call { name, name_span, args } => {
                references.push(Reference::Function { name, span: *name_span, arguments: args.len() })
            }
            _ => {}
        });
        references
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::Reference;
    use crate::expr::parse;

    #[test]
    fn references_list_facts_and_functions_in_source_order() {
        let source = "if exists(预算.调整) then all(指标, it.score <= it.weight) else sum(x) = 100%";
        let Ok(expr) = parse(source) else { panic!("does not parse") };
        let listed: Vec<String> = expr
            .references()
            .iter()
            .map(|reference| match reference {
                Reference::Fact { path, span } => {
                    format!("fact {} at {}", path.join("."), &source[span.start..span.end])
                }
                Reference::Function { name, span, arguments } => {
                    format!("call {name}/{arguments} at {}", &source[span.start..span.end])
                }
            })
            .collect();
        assert_eq!(
            listed,
            [
                "call exists/1 at exists",
                "fact 预算.调整 at 预算.调整",
                "call all/2 at all",
                "fact 指标 at 指标",
                "fact it.score at it.score",
                "fact it.weight at it.weight",
                "call sum/1 at sum",
                "fact x at x",
            ]
        );
    }

    #[test]
    fn walk_visits_parents_before_children() {
        let Ok(expr) = parse("-(a + b)") else { panic!("does not parse") };
        let mut seen = Vec::new();
        expr.walk(&mut |node| seen.push(node.to_string()));
        assert_eq!(seen, ["(- (+ a b))", "(+ a b)", "a", "b"]);
    }
}
