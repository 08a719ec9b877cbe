//! The kind of every expression, known when the rules load: a check that
//! compares a ratio with an amount (`rate = spent`) is a rule error at
//! load, naming both kinds, not a failure at evaluation.
//!
//! Input: a check expression whose names the loader has resolved, and the
//! pack. Output: the mismatches, each with the span of the expression where
//! two kinds meet (a byte range of the expression text).
//!
//! The algebra is the evaluator's (`eval::unit::Dimension`), applied to the
//! declared kinds: a sum, difference, comparison, `min`, `max`, `default` or
//! `coalesce` needs one kind on both sides; a product needs a ratio or a
//! bare number on one side and has the other side's kind (86.80% × 10 分 is
//! 分); a quotient of two of a kind is a ratio (spent ÷ budget), and
//! dividing by a ratio or a bare number keeps the dividend's kind. A `number`
//! fact, a constant, `count(…)` and a literal without `%` are bare numbers:
//! they take the other side's kind, so only two *declared* kinds can clash.
//! Where a kind cannot be told, nothing is reported.

use super::function::Function;
use super::scope::Scope;
use super::{Kind, Pack};
use crate::expr::{BinaryOp, Expr, ExprKind, UnaryOp};
use crate::span::Span;

/// What an expression yields, as far as the rules tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    /// A figure of a declared kind (never `Number` or `Text`).
    Declared(Kind),
    /// A bare number: a literal, a constant, a `number` fact, a count.
    Bare,
    Text,
    Boolean,
    /// Not known (an unresolved name; reported elsewhere).
    Unknown,
}

impl Sort {
    fn of(kind: Kind) -> Sort {
        match kind {
            Kind::Number => Sort::Bare,
            Kind::Text => Sort::Text,
            declared => Sort::Declared(declared),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Sort::Declared(kind) => kind.label(),
            Sort::Bare => "数值",
            Sort::Text => "文字",
            Sort::Boolean => "真假值",
            Sort::Unknown => "未知",
        }
    }

    fn is_figure(self) -> bool {
        matches!(self, Sort::Declared(_) | Sort::Bare)
    }
}

/// Two kinds that do not meet: where, and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub message: String,
    pub help: String,
    /// Byte range in the expression text.
    pub span: Span,
}

/// Every place in `expr` (the text `source`) where two kinds clash.
pub fn check(expr: &Expr, source: &str, pack: &Pack) -> Vec<Mismatch> {
    let mut checker = Checker { pack, source, found: Vec::new() };
    let sort = checker.sort(expr, Scope::Top);
    if sort.is_figure() || sort == Sort::Text {
        checker.found.push(Mismatch {
            message: format!("检查式得到的是{}，不是真假", sort.label()),
            help: "检查式要写成比较或条件，如 `budget.execution_rate = budget.spent / budget.adjusted`".to_owned(),
            span: expr.span,
        });
    }
    checker.found
}

/// How two operands combine, for the words of a message.
#[derive(Clone, Copy)]
enum Meeting {
    Compared,
    Added,
    Subtracted,
    Multiplied,
    Divided,
    /// Arguments of `min`, `max`, `default`, `coalesce`, `meets`, or the two
    /// branches of an `if`: values that stand for one another.
    Alternatives,
}

impl Meeting {
    fn verb(self) -> &'static str {
        match self {
            Meeting::Compared => "不能比较",
            Meeting::Added => "不能相加",
            Meeting::Subtracted => "不能相减",
            Meeting::Multiplied => "不能相乘",
            Meeting::Divided => "不能相除",
            Meeting::Alternatives => "种类不同，不能互相替代",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Meeting::Multiplied => "相乘的两边至少一边是比率或不带单位的数（如权重 × 完成率）",
            Meeting::Divided => "两个同种类的数相除得比率（支出 ÷ 预算）；除以比率或不带单位的数，种类不变",
            _ => {
                "两边应是同一种类；`number` 事实和不带 % 的数字随另一边。两个金额相除得比率，如 `budget.spent / budget.adjusted`"
            }
        }
    }
}

struct Checker<'a> {
    pack: &'a Pack,
    source: &'a str,
    found: Vec<Mismatch>,
}

impl<'a> Checker<'a> {
    fn sort(&mut self, expr: &Expr, scope: Scope<'a>) -> Sort {
        match &expr.kind {
            ExprKind::Number { percent: true, .. } => Sort::Declared(Kind::Ratio),
            ExprKind::Number { .. } => Sort::Bare,
            ExprKind::Text(_) => Sort::Text,
            ExprKind::Boolean(_) => Sort::Boolean,
            ExprKind::Path(segments) => self.path(segments, scope),
            ExprKind::Unary { op: UnaryOp::Negate, operand } => self.sort(operand, scope),
            ExprKind::Unary { op: UnaryOp::Not, operand } => {
                self.sort(operand, scope);
                Sort::Boolean
            }
            ExprKind::Binary { op, left, right } => {
                let (left_sort, right_sort) = (self.sort(left, scope), self.sort(right, scope));
                let sides = [(&**left, left_sort), (&**right, right_sort)];
                match op {
                    BinaryOp::And | BinaryOp::Or => Sort::Boolean,
                    BinaryOp::Add => self.same(expr, sides, Meeting::Added),
                    BinaryOp::Subtract => self.same(expr, sides, Meeting::Subtracted),
                    BinaryOp::Multiply => self.product(expr, sides),
                    BinaryOp::Divide => self.quotient(expr, sides),
                    _ => {
                        self.same(expr, sides, Meeting::Compared);
                        Sort::Boolean
                    }
                }
            }
            ExprKind::If { condition, then, otherwise } => {
                self.sort(condition, scope);
                let sides = [(&**then, self.sort(then, scope)), (&**otherwise, self.sort(otherwise, scope))];
                self.same(expr, sides, Meeting::Alternatives)
            }
            ExprKind::Call { name, args, .. } => self.call(expr, name, args, scope),
        }
    }

    fn path(&self, segments: &[String], scope: Scope<'a>) -> Sort {
        if let (Some(fields), [first, field]) = (scope.fields(), segments) {
            if first == "it" {
                return fields.get(field).map_or(Sort::Unknown, |kind| Sort::of(*kind));
            }
        }
        let name = segments.join(".");
        if let Some(fact) = self.pack.facts.get(&name) {
            return Sort::of(fact.kind);
        }
        if self.pack.constants.contains_key(&name) { Sort::Bare } else { Sort::Unknown }
    }

    fn call(&mut self, expr: &Expr, name: &str, args: &[Expr], scope: Scope<'a>) -> Sort {
        if self.pack.bands.contains_key(name) {
            args.iter().for_each(|arg| {
                self.sort(arg, scope);
            });
            return Sort::Text;
        }
        let Some(function) = Function::lookup(name) else { return Sort::Unknown };
        match function {
            Function::Abs => args.first().map_or(Sort::Unknown, |arg| self.sort(arg, scope)),
            Function::Round => {
                let sorts: Vec<Sort> = args.iter().map(|arg| self.sort(arg, scope)).collect();
                sorts.first().copied().unwrap_or(Sort::Unknown)
            }
            Function::Min | Function::Max | Function::Default | Function::Coalesce => {
                self.alternatives(expr, args, scope)
            }
            Function::Meets => {
                self.alternatives(expr, args, scope);
                Sort::Boolean
            }
            Function::Exists | Function::Filled => {
                args.iter().for_each(|arg| {
                    self.sort(arg, scope);
                });
                Sort::Boolean
            }
            Function::Relation => Sort::Text,
            Function::Count => Sort::Bare,
            Function::Sum => self.sum(args, scope),
            Function::All | Function::Any => {
                if let (Some(inner), Some(predicate)) = (self.inner_scope(args, scope), args.get(1)) {
                    self.sort(predicate, inner);
                }
                Sort::Boolean
            }
        }
    }

    /// `sum(collection.field)`, `sum(it.parts.field)`, `sum(collection, …)`.
    fn sum(&mut self, args: &[Expr], scope: Scope<'a>) -> Sort {
        let Some(inner) = self.inner_scope(args, scope) else { return Sort::Unknown };
        if let Some(each) = args.get(1) {
            return self.sort(each, inner);
        }
        let field = match args.first().map(|first| &first.kind) {
            Some(ExprKind::Path(segments)) => segments.last(),
            _ => None,
        };
        match (inner.fields(), field) {
            (Some(fields), Some(field)) => fields.get(field).map_or(Sort::Unknown, |kind| Sort::of(*kind)),
            _ => Sort::Unknown,
        }
    }

    /// The scope inside an aggregate whose first argument is `args[0]`.
    fn inner_scope(&self, args: &[Expr], scope: Scope<'a>) -> Option<Scope<'a>> {
        let Some(ExprKind::Path(segments)) = args.first().map(|first| &first.kind) else { return None };
        match (scope, segments.first().map(String::as_str), segments.get(1).map(String::as_str)) {
            (Scope::Item(collection), Some("it"), Some("parts")) => Some(Scope::Parts(collection)),
            (_, Some(name), _) => self.pack.collections.get(name).map(Scope::Item),
            _ => None,
        }
    }

    /// Arguments that stand for one another: one kind among them.
    fn alternatives(&mut self, expr: &Expr, args: &[Expr], scope: Scope<'a>) -> Sort {
        let mut result: Option<(&Expr, Sort)> = None;
        for arg in args {
            let sort = self.sort(arg, scope);
            result = Some(match result {
                None => (arg, sort),
                Some(first) => {
                    let combined = self.same(expr, [first, (arg, sort)], Meeting::Alternatives);
                    // Keep the declared side, so that a third argument is
                    // checked against it.
                    if matches!(first.1, Sort::Declared(_)) { first } else { (arg, combined) }
                }
            });
        }
        result.map_or(Sort::Unknown, |(_, sort)| sort)
    }

    /// Both sides of one kind, or one side bare.
    fn same(&mut self, whole: &Expr, sides: [(&Expr, Sort); 2], meeting: Meeting) -> Sort {
        let [(_, left), (_, right)] = sides;
        match (left, right) {
            (Sort::Unknown, other) | (other, Sort::Unknown) => other,
            (left, right) if left == right => left,
            (Sort::Bare, Sort::Declared(kind)) | (Sort::Declared(kind), Sort::Bare) => Sort::Declared(kind),
            // `if … then a = b else true`: a comparison and a truth value.
            (Sort::Boolean, _) | (_, Sort::Boolean) if !matches!(meeting, Meeting::Compared) => Sort::Unknown,
            _ => {
                self.clash(whole, sides, meeting);
                Sort::Unknown
            }
        }
    }

    fn product(&mut self, whole: &Expr, sides: [(&Expr, Sort); 2]) -> Sort {
        let [(_, left), (_, right)] = sides;
        match (left, right) {
            (Sort::Unknown, _) | (_, Sort::Unknown) => Sort::Unknown,
            (Sort::Declared(Kind::Ratio) | Sort::Bare, other) | (other, Sort::Declared(Kind::Ratio) | Sort::Bare)
                if other.is_figure() =>
            {
                other
            }
            _ => {
                self.clash(whole, sides, Meeting::Multiplied);
                Sort::Unknown
            }
        }
    }

    fn quotient(&mut self, whole: &Expr, sides: [(&Expr, Sort); 2]) -> Sort {
        let [(_, left), (_, right)] = sides;
        match (left, right) {
            (Sort::Unknown, _) | (_, Sort::Unknown) => Sort::Unknown,
            (left, right) if left == right && left.is_figure() => Sort::Declared(Kind::Ratio),
            (left, Sort::Declared(Kind::Ratio) | Sort::Bare) if left.is_figure() => left,
            // A bare dividend takes the divisor's kind: two of a kind.
            (Sort::Bare, Sort::Declared(_)) => Sort::Declared(Kind::Ratio),
            _ => {
                self.clash(whole, sides, Meeting::Divided);
                Sort::Unknown
            }
        }
    }

    fn clash(&mut self, whole: &Expr, sides: [(&Expr, Sort); 2], meeting: Meeting) {
        let [(left, left_sort), (right, right_sort)] = sides;
        let written = |expr: &Expr| self.source.get(expr.span.start..expr.span.end).unwrap_or_default().to_owned();
        let message = format!(
            "`{}`（{}）与 `{}`（{}）{}",
            written(left),
            left_sort.label(),
            written(right),
            right_sort.label(),
            meeting.verb()
        );
        self.found.push(Mismatch { message, help: meeting.help().to_owned(), span: whole.span });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSource;
    use crate::rules::load_files;
    use std::sync::Arc;

    const FACTS: &str = "\
pack: {id: p, title: 甲}
facts:
  spent: {kind: money}
  budget: {kind: money}
  rate: {kind: ratio}
  weight: {kind: score}
  staff: {kind: count}
  plain: {kind: number}
  grade: {kind: text}
constants:
  full: 100
bands:
  level: [{min: 90, label: 优}, {min: 0, label: 差}]
collections:
  items:
    fields: {weight: score, score: score, actual: number, target: number, spent: money}
";

    fn mismatches(expression: &str) -> Vec<String> {
        let text = FACTS.to_owned();
        let rules = load_files(vec![("p".into(), RuleSource { name: "p/pack.yaml".into(), text: Arc::new(text) })])
            .unwrap_or_else(|errors| panic!("{:?}", errors.0));
        let pack = rules.pack("p").unwrap_or_else(|| panic!("no pack"));
        let expr = crate::expr::parse(expression).unwrap_or_else(|error| panic!("{error}"));
        check(&expr, expression, pack).into_iter().map(|mismatch| mismatch.message).collect()
    }

    #[test]
    fn the_shipped_relations_hold() {
        for expression in [
            "rate = spent / budget",
            "rate = spent ÷ budget",
            "weight = round(rate * weight, 2)",
            "spent <= budget - spent",
            "sum(items.weight) = full",
            "sum(items.weight) + weight = 100",
            "count(items) = staff",
            "staff = plain",
            "plain = spent / budget",
            "grade = level(weight)",
            "all(items, it.score <= it.weight)",
            "all(items, it.score = it.weight * min(rate, 100%))",
            "all(items, if meets(it.actual, it.target) = false then it.score < it.weight else true)",
            "if exists(spent) then spent = budget else true",
            "coalesce(weight, full) + sum(items.weight) = coalesce(weight, full)",
            "rate >= 90%",
            "sum(items, default(it.spent, 0)) = spent",
        ] {
            assert_eq!(mismatches(expression), Vec::<String>::new(), "{expression}");
        }
    }

    /// The static algebra is the evaluator's: two declared kinds clash here
    /// exactly when `eval::unit::Dimension` finds no result for them.
    #[test]
    fn declared_kinds_combine_as_the_evaluator_combines_them() {
        use crate::eval::unit::Dimension;
        let facts = [
            ("spent", Dimension::Money),
            ("rate", Dimension::Ratio),
            ("weight", Dimension::Score),
            ("staff", Dimension::Count),
        ];
        type Rule = fn(Dimension, Dimension) -> Option<Dimension>;
        let rules: [(&str, Rule); 5] = [
            ("+", Dimension::sum),
            ("-", Dimension::sum),
            ("*", Dimension::product),
            ("/", Dimension::quotient),
            ("=", Dimension::sum),
        ];
        for (left, left_dimension) in facts {
            for (right, right_dimension) in facts {
                for (op, rule) in rules {
                    let expression =
                        if op == "=" { format!("{left} = {right}") } else { format!("exists({left} {op} {right})") };
                    let clashes = !mismatches(&expression).is_empty();
                    assert_eq!(clashes, rule(left_dimension, right_dimension).is_none(), "{expression}");
                }
            }
        }
    }

    #[test]
    fn two_declared_kinds_clash() {
        assert_eq!(mismatches("rate = spent"), ["`rate`（比率）与 `spent`（金额）不能比较"]);
        assert_eq!(mismatches("spent + weight = budget"), ["`spent`（金额）与 `weight`（分数）不能相加"]);
        assert_eq!(mismatches("spent - 5% > budget"), ["`spent`（金额）与 `5%`（比率）不能相减"]);
        assert_eq!(mismatches("spent * budget = budget"), ["`spent`（金额）与 `budget`（金额）不能相乘"]);
        assert_eq!(mismatches("rate = rate / spent"), ["`rate`（比率）与 `spent`（金额）不能相除"]);
        assert_eq!(
            mismatches("rate = spent / budget * weight"),
            ["`rate`（比率）与 `spent / budget * weight`（分数）不能比较"]
        );
        assert_eq!(
            mismatches("min(spent, weight) = spent"),
            ["`spent`（金额）与 `weight`（分数）种类不同，不能互相替代"]
        );
        assert_eq!(mismatches("grade = spent"), ["`grade`（文字）与 `spent`（金额）不能比较"]);
        assert_eq!(
            mismatches("all(items, it.spent = it.weight)"),
            ["`it.spent`（金额）与 `it.weight`（分数）不能比较"]
        );
        assert_eq!(mismatches("sum(items.spent) = weight"), ["`sum(items.spent)`（金额）与 `weight`（分数）不能比较"]);
        assert_eq!(mismatches("spent / budget"), ["检查式得到的是比率，不是真假"]);
    }
}
