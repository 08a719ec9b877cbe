//! A computed side → the computation a reader can redo by hand:
//! `181.18 ÷ 213.18`, never the expression's source.
//!
//! Every name becomes the figure it stands for; an `if` becomes the branch
//! the figures took; `coalesce` and `default` the argument whose value was
//! used; `min`/`max` the argument chosen, with the cap when it applied
//! (`103.45% 封顶为 100%`); `round(x, 2)` reads `四舍五入到两位小数（x）`;
//! a sum over a list its terms. Parentheses only where precedence needs
//! them, judged on what is shown (the branch an `if` took, not the `if`).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::explain::Context;
use super::interpret::{Interpreter, Reading};
use super::quantity::Quantity;
use super::resolve::{self, digits, written};
use super::unit::Dimension;
use super::value::{Stop, Value};
use crate::expr::{BinaryOp, Expr, ExprKind, UnaryOp};
use crate::extract::{Mention, Value as Written};
use crate::report::Unit;
use crate::rules::Function;

/// Sums of more terms than this are named by their count.
const MOST_TERMS: usize = 12;

/// How tightly the text of a spelled part binds, loosest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// Words around a formula (`x 封顶为 100%`): parenthesized inside any.
    Phrase,
    Or,
    And,
    Comparison,
    Sum,
    Product,
    /// A figure, a call in words, anything in parentheses.
    Atom,
}

impl Strength {
    fn of(op: BinaryOp) -> Strength {
        match op {
            BinaryOp::Or => Strength::Or,
            BinaryOp::And => Strength::And,
            BinaryOp::Add | BinaryOp::Subtract => Strength::Sum,
            BinaryOp::Multiply | BinaryOp::Divide => Strength::Product,
            _ => Strength::Comparison,
        }
    }
}

struct Spelled {
    text: String,
    strength: Strength,
    /// One figure or literal and nothing else: no computation to show.
    lone: bool,
}

impl Spelled {
    fn atom(text: String) -> Spelled {
        Spelled { text, strength: Strength::Atom, lone: false }
    }

    fn lone(text: String) -> Spelled {
        Spelled { text, strength: Strength::Atom, lone: true }
    }

    fn phrase(text: String) -> Spelled {
        Spelled { text, strength: Strength::Phrase, lone: false }
    }

    /// The text, in parentheses if it binds looser than `least`.
    fn at_least(self, least: Strength) -> String {
        if self.strength < least { format!("({})", self.text) } else { self.text }
    }
}

impl Context<'_> {
    /// `expr` with the values it used; amounts carry their units when
    /// `units` (operands written in different units).
    pub fn spell(&self, expr: &Expr, units: bool) -> String {
        self.spelled(expr, units).text
    }

    /// [`Context::spell`], unless what it shows is one figure or literal
    /// (the `else` of an `if`, a sum of one term) in the unit of the figure
    /// it is compared with: that computes nothing.
    pub fn computation(&self, expr: &Expr, units: bool) -> Option<String> {
        let spelled = self.spelled(expr, units);
        (units || !spelled.lone).then_some(spelled.text)
    }

    fn spelled(&self, expr: &Expr, units: bool) -> Spelled {
        match &expr.kind {
            ExprKind::Number { value, percent } => Spelled::lone(format!("{value}{}", if *percent { "%" } else { "" })),
            ExprKind::Text(text) => Spelled::lone(format!("“{text}”")),
            ExprKind::Boolean(value) => Spelled::lone(if *value { "是" } else { "否" }.into()),
            ExprKind::Path(segments) => Spelled::lone(self.spell_path(segments, units)),
            ExprKind::Unary { op, operand } => {
                let operand = self.spelled(operand, units).at_least(Strength::Atom);
                let sign = if *op == UnaryOp::Negate { "−" } else { "非 " };
                Spelled::atom(format!("{sign}{operand}"))
            }
            ExprKind::Binary { op, left, right } => {
                let strength = Strength::of(*op);
                // Chains read left to right, so only a right operand of − or
                // ÷ of the same strength needs parentheses; comparisons do
                // not chain at all.
                let chains = matches!(strength, Strength::Sum | Strength::Product | Strength::And | Strength::Or);
                let left_least = if chains { strength } else { next(strength) };
                let keeps_order = matches!(op, BinaryOp::Add | BinaryOp::Multiply | BinaryOp::And | BinaryOp::Or);
                let right_least = if keeps_order { strength } else { next(strength) };
                let left = self.spelled(left, units).at_least(left_least);
                let right = self.spelled(right, units).at_least(right_least);
                // A closing full-width parenthesis brings its own space.
                let gap = if left.ends_with('）') { "" } else { " " };
                Spelled { text: format!("{left}{gap}{} {right}", symbol(*op)), strength, lone: false }
            }
            ExprKind::If { condition, then, otherwise } => match self.interpreter().boolean(condition, &mut Vec::new())
            {
                Ok(true) => self.spelled(then, units),
                Ok(false) => self.spelled(otherwise, units),
                // The figures decide no branch, so no value came from it.
                Err(_) => Spelled::phrase(format!("{} 或 {}", self.spell(then, units), self.spell(otherwise, units))),
            },
            ExprKind::Call { name, args, .. } => self.spell_call(expr, name, args, units),
        }
    }

    fn spell_path(&self, segments: &[String], units: bool) -> String {
        let item = self.item.map(|(_, item)| item);
        match resolve::mention(segments, self.facts, item) {
            Some(mention) => match &mention.value {
                Written::Figure(number) if units || number.unit == Unit::Percent => written(mention),
                _ => {
                    let text = digits(mention);
                    if text.starts_with('-') { format!("({text})") } else { text }
                }
            },
            None => match self.pack.constants.get(&segments.join(".")) {
                Some(value) => value.to_string(),
                None => self.label_of(segments),
            },
        }
    }

    fn spell_call(&self, expr: &Expr, name: &str, args: &[Expr], units: bool) -> Spelled {
        let Some(function) = Function::lookup(name) else {
            // A band table: the label of the band the value falls in.
            let value = args.first().map(|arg| self.spelled(arg, units).text).unwrap_or_default();
            return Spelled::atom(format!("{value} 所在档次"));
        };
        let first = args.first();
        match function {
            Function::Sum => self.spell_sum(args, units),
            Function::Count => {
                let items = first.and_then(|arg| self.items_of(arg)).map_or(0, <[_]>::len);
                Spelled::atom(format!("{items} 条"))
            }
            Function::Coalesce => {
                // The first argument that is not missing, as the interpreter takes it.
                let interpreter = self.interpreter();
                let used = args
                    .iter()
                    .find(|arg| !matches!(interpreter.evaluate(arg, &mut Vec::new()), Err(Stop::Missing(_))));
                match used.or(args.last()) {
                    Some(used) => self.spelled(used, units),
                    None => Spelled::atom(String::new()),
                }
            }
            Function::Default => {
                let empty =
                    first.and_then(|arg| self.mention_of(arg)).is_some_and(|mention| mention.value == Written::Empty);
                match (empty, args) {
                    (true, [_, fallback]) => self.spelled(fallback, units),
                    _ => first.map_or_else(|| Spelled::atom(String::new()), |arg| self.spelled(arg, units)),
                }
            }
            Function::Min | Function::Max => self.spell_bound(function, args, units),
            Function::Round => {
                let value = first.map(|arg| self.spelled(arg, units).text).unwrap_or_default();
                let places =
                    args.get(1).and_then(|arg| self.nominal(arg)).and_then(|places| places.to_u32()).unwrap_or(0);
                let ratio =
                    first.and_then(|arg| self.nominal_quantity(arg)).is_some_and(|q| q.dimension() == Dimension::Ratio);
                Spelled::atom(format!("四舍五入到{}（{value}）", rounding(places, ratio)))
            }
            Function::Abs => {
                let value = first.map(|arg| self.spell(arg, units)).unwrap_or_default();
                Spelled::atom(format!("|{value}|"))
            }
            Function::Exists | Function::Filled => {
                let label = first.map(|arg| self.label_of_expr(arg)).unwrap_or_default();
                let held = self.interpreter().evaluate(expr, &mut Vec::new()) == Ok(Value::Bool(true));
                let word = match (function, held) {
                    (Function::Exists, true) => "报告写有",
                    (Function::Exists, false) => "报告未写",
                    (_, true) => "已填写",
                    (_, false) => "未填写",
                };
                let text =
                    if function == Function::Exists { format!("{word}{label}") } else { format!("{label}{word}") };
                Spelled::atom(text)
            }
            Function::Meets => {
                let (actual, target) = match args {
                    [actual, target] => (self.spell(actual, units), self.spell(target, units)),
                    _ => (String::new(), String::new()),
                };
                Spelled::atom(format!("{actual} 对照指标值 {target}"))
            }
            Function::Relation => {
                let label = first.map(|arg| self.label_of_expr(arg)).unwrap_or_default();
                Spelled::atom(format!("{label}所写的比较符号"))
            }
            Function::All | Function::Any => {
                let label = first.map(|arg| self.label_of_expr(arg)).unwrap_or_default();
                let quantifier = if function == Function::All { "每一条" } else { "有一条" };
                Spelled::atom(format!("{quantifier}“{label}”满足条件"))
            }
        }
    }

    /// `sum(c.f)`, `sum(it.parts.f)`, `sum(c, each)`: the terms, or their
    /// count when there are many.
    fn spell_sum(&self, args: &[Expr], units: bool) -> Spelled {
        let Some(first) = args.first() else { return Spelled::atom(String::new()) };
        let ExprKind::Path(segments) = &first.kind else { return self.spelled(first, units) };
        let collection = self.collection_of(segments);
        let items = self.items_of(first).unwrap_or_default();
        let terms: Vec<String> = match (args.get(1), collection) {
            (Some(each), Some(collection)) => items
                .iter()
                .map(|item| {
                    Context { item: Some((collection, item)), ..*self }.spelled(each, units).at_least(Strength::Sum)
                })
                .collect(),
            _ => {
                let field = segments.last().map(String::as_str).unwrap_or_default();
                items.iter().filter_map(|item| item.fields.get(field)).map(digits).collect()
            }
        };
        let label = collection.map_or("", |collection| collection.label.as_str());
        if terms.is_empty() {
            return Spelled::atom(format!("各项“{label}”之和"));
        }
        if terms.len() > MOST_TERMS {
            let field = segments.last().filter(|_| args.len() == 1 && segments.len() > 1);
            let field =
                field.and_then(|field| collection.map(|collection| collection.field_label(field))).unwrap_or("");
            return Spelled::atom(format!("{} 项{field}之和", terms.len()));
        }
        match terms.as_slice() {
            [term] => Spelled::lone(term.clone()),
            _ => Spelled { text: terms.join(" + "), strength: Strength::Sum, lone: false },
        }
    }

    /// `min`/`max`: the argument the value came from; when it is not the
    /// first of two, the first with the bound that capped it.
    fn spell_bound(&self, function: Function, args: &[Expr], units: bool) -> Spelled {
        let smaller = function == Function::Min;
        let values: Option<Vec<Decimal>> = args.iter().map(|arg| self.nominal(arg)).collect();
        // The first on a tie, as the value is the same.
        let chosen = values.map(|values| {
            let better = |best: usize, value: &Decimal| {
                values.get(best).is_some_and(|best| if smaller { value < best } else { value > best })
            };
            values.iter().enumerate().fold(0, |best, (index, value)| if better(best, value) { index } else { best })
        });
        match (chosen, args) {
            (Some(0), [first, ..]) => self.spelled(first, units),
            (Some(_), [first, bound]) => {
                let word = if smaller { "封顶为" } else { "保底为" };
                Spelled::phrase(format!("{} {word} {}", self.spell(first, units), self.spell(bound, units)))
            }
            _ => {
                let all: Vec<String> = args.iter().map(|arg| self.spell(arg, units)).collect();
                Spelled::phrase(format!("{} 中{}者", all.join("、"), if smaller { "较小" } else { "较大" }))
            }
        }
    }

    /// The interpreter the check ran with, in this context's item.
    pub fn interpreter(&self) -> Interpreter<'_> {
        Interpreter {
            pack: self.pack,
            facts: self.facts,
            tolerance: self.check.tolerance,
            item: self.item,
            reading: Reading::default(),
        }
    }

    /// The value of `expr` computed from the figures as written.
    pub fn nominal_quantity(&self, expr: &Expr) -> Option<Quantity> {
        let interpreter = Interpreter { reading: Reading { nominal: true, reread: None }, ..self.interpreter() };
        match interpreter.evaluate(expr, &mut Vec::new()) {
            Ok(Value::Quantity(quantity)) => Some(quantity),
            _ => None,
        }
    }

    fn nominal(&self, expr: &Expr) -> Option<Decimal> {
        self.nominal_quantity(expr).map(|quantity| quantity.interval().midpoint())
    }

    fn mention_of(&self, expr: &Expr) -> Option<&Mention> {
        let ExprKind::Path(segments) = &expr.kind else { return None };
        resolve::mention(segments, self.facts, self.item.map(|(_, item)| item))
    }

    fn collection_of(&self, segments: &[String]) -> Option<&crate::rules::Collection> {
        match (segments.first().map(String::as_str), self.item) {
            (Some("it"), Some((collection, _))) => Some(collection),
            (Some(name), _) => self.pack.collections.get(name),
            (None, _) => None,
        }
    }

    /// The items `sum`/`count` run over: a collection, or the current item's parts.
    fn items_of(&self, expr: &Expr) -> Option<&[crate::extract::Item]> {
        let ExprKind::Path(segments) = &expr.kind else { return None };
        match (segments.first().map(String::as_str), self.item) {
            (Some("it"), Some((_, item))) => Some(&item.parts),
            (Some(name), _) => self.facts.collections.get(name).map(Vec::as_slice),
            (None, _) => None,
        }
    }

    fn label_of(&self, segments: &[String]) -> String {
        if let Some(collection) = segments.first().and_then(|name| self.pack.collections.get(name)) {
            if segments.len() == 1 {
                return collection.label.clone();
            }
        }
        resolve::label(segments, self.pack, self.item.map(|(collection, _)| collection))
    }

    fn label_of_expr(&self, expr: &Expr) -> String {
        match &expr.kind {
            ExprKind::Path(segments) => self.label_of(segments),
            _ => self.spell(expr, false),
        }
    }
}

/// A comparison or connective as people write it in a formula.
fn symbol(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::And => "且",
        BinaryOp::Or => "或",
        op => op.display_symbol(),
    }
}

/// The strength an operand on the right of a non-associative operator
/// must exceed.
fn next(strength: Strength) -> Strength {
    match strength {
        Strength::Phrase | Strength::Or => Strength::And,
        Strength::And => Strength::Comparison,
        Strength::Comparison => Strength::Sum,
        Strength::Sum => Strength::Product,
        Strength::Product | Strength::Atom => Strength::Atom,
    }
}

/// `round(x, places)` in words. A ratio is held as a fraction, so its
/// places count in the fraction: 2 of them are a whole percent.
fn rounding(places: u32, ratio: bool) -> String {
    let words = |places: u32| match places {
        0 => "整数".to_string(),
        1 => "一位小数".into(),
        2 => "两位小数".into(),
        3 => "三位小数".into(),
        4 => "四位小数".into(),
        5 => "五位小数".into(),
        6 => "六位小数".into(),
        places => format!("{places} 位小数"),
    };
    // A ratio shows as a percentage: 2 places of the fraction are none of it.
    match places.checked_sub(2) {
        Some(percent) if ratio => words(percent),
        _ if ratio => format!("{}（按小数计）", words(places)),
        _ => words(places),
    }
}

#[cfg(test)]
mod tests {
    use super::rounding;

    #[test]
    fn rounding_is_said_in_the_places_a_reader_sees() {
        let said: Vec<String> = [(0, false), (2, false), (7, false), (2, true), (4, true), (1, true)]
            .map(|(places, ratio)| rounding(places, ratio))
            .into();
        assert_eq!(said, ["整数", "两位小数", "7 位小数", "整数", "两位小数", "一位小数（按小数计）"]);
    }
}
