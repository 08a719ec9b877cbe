//! A failed comparison → a [`Finding`] a reviewer can act on.
//!
//! The side that is a single written figure is the one "reported" (for
//! `rate = spent / budget`, the rate): its span is the primary label, and
//! the other side, computed, is the expected value, written in the reported
//! figure's unit with at least its decimals. The computation is spelled out
//! with the figures substituted: `181.18 ÷ 213.18`.

use std::collections::BTreeSet;

use super::interpret::{Compared, Interpreter};
use super::quantity::Quantity;
use super::resolve::{self, digits, written};
use super::unit::Dimension;
use super::value::Value;
use crate::expr::{BinaryOp, Expr, ExprKind, UnaryOp};
use crate::extract::{Facts, Item, Mention, Value as Written};
use crate::finding::{Finding, Label};
use crate::report::Unit;
use crate::rules::{Check, Collection, Pack};

#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub check: &'a Check,
    /// The check's expression.
    pub expr: &'a Expr,
    pub pack: &'a Pack,
    pub facts: &'a Facts,
    pub item: Option<(&'a Collection, &'a Item)>,
}

impl Context<'_> {
    pub fn finding(&self, failed: Option<&Compared<'_>>) -> Finding {
        let item = self.item.map(|(_, item)| item);
        let mut involved: Vec<(String, &Mention)> = Vec::new();
        let mut references = Vec::new();
        let root = match (&self.expr.kind, self.item) {
            // `all(collection, condition)` per item: the condition is what failed.
            (ExprKind::Call { args, .. }, Some(_)) => match args.as_slice() {
                [_, condition] => condition,
                _ => self.expr,
            },
            _ => self.expr,
        };
        resolve::references(root, &mut references, None);
        for (segments, collection) in references {
            let label = resolve::label(segments, self.pack, self.item.map(|(collection, _)| collection));
            if let Some(mention) = resolve::mention(segments, self.facts, item) {
                involved.push((label, mention));
            } else if let (Some(collection), [_, field]) = (collection, segments) {
                let field_label =
                    self.pack.collections.get(collection).map_or(field.as_str(), |c| c.field_label(field));
                for item in self.facts.collections.get(collection).into_iter().flatten() {
                    if let Some(mention) = item.fields.get(field) {
                        involved.push((format!("{}·{field_label}", item.name().unwrap_or_default()), mention));
                    }
                }
            }
        }
        let mut seen = BTreeSet::new();
        involved.retain(|(_, mention)| seen.insert(mention.span));

        let (reported, computed, expected, actual) = match failed {
            Some(compared) => self.sides(compared),
            None => (None, None, None, None),
        };
        let computation =
            computed.filter(|(expr, _)| !is_plain(expr)).map(|(expr, _)| self.spell(expr, self.mixed_units(expr)));

        let mut related: Vec<Label> = Vec::new();
        let mut primary = None;
        for (label, mention) in &involved {
            let text = format!("{label} {}", written(mention));
            if Some(mention.span) == reported.map(|mention: &Mention| mention.span) {
                primary = Some(Label { span: mention.span, text: format!("报告为 {}", written(mention)) });
            } else {
                related.push(Label { span: mention.span, text });
            }
        }
        if primary.is_none() && !related.is_empty() {
            // No single figure is the reported one (`weights + … = 100`):
            // point at where the figures start, and say it is the whole, not
            // this one, that is wrong.
            let mut first = related.remove(0);
            if let (Some(expected), Some(actual)) = (&expected, &actual) {
                first.text = format!("{}；合计为 {actual}，应为 {expected}", first.text);
            }
            primary = Some(first);
        }

        let subject = reported.and_then(|mention| {
            involved.iter().find(|(_, other)| other.span == mention.span).map(|(label, _)| label.clone())
        });
        let fill = |template: &str| {
            self.fill(template, expected.as_deref(), actual.as_deref(), computation.as_deref(), subject.as_deref())
        };
        let mut message = self.check.message.as_deref().map(fill).unwrap_or_else(|| self.check.title.clone());
        if let Some(name) = item.and_then(Item::name) {
            if !message.contains(name) {
                message = format!("{message}（{name}）");
            }
        }
        let help = match (&self.check.help, &expected, &actual) {
            (Some(template), _, _) => Some(fill(template)),
            (None, Some(expected), Some(actual)) => Some(match (&computation, &subject) {
                (Some(computation), Some(subject)) => {
                    format!("{subject}应为 {expected}（{computation}），报告为 {actual}")
                }
                (None, Some(subject)) => format!("{subject}应为 {expected}，报告为 {actual}"),
                (Some(computation), None) => format!("应为 {expected}，实为 {actual}（{computation}）"),
                (None, None) => format!("应为 {expected}，实为 {actual}"),
            }),
            _ => None,
        };
        let mut identity: Vec<String> =
            involved.iter().map(|(label, mention)| format!("{label}={}", written(mention))).collect();
        identity.sort();
        if let Some(name) = item.and_then(Item::name) {
            identity.push(format!("item={name}"));
        }
        Finding {
            rule: self.check.id.clone(),
            title: self.check.title.clone(),
            severity: self.check.severity,
            message,
            primary,
            related,
            help,
            expected,
            actual,
            fingerprint: super::fingerprint(&self.check.id, &identity),
        }
    }

    /// What a check that held compared: each comparison with the figure
    /// written and the value computed (`预算执行率 100.00% = 100.00%（251.89 ÷ 251.89）`).
    pub fn passed(&self, log: &[Compared<'_>]) -> String {
        let mut parts: Vec<String> = Vec::new();
        for compared in log.iter().filter(|compared| compared.holds).take(3) {
            let (reported, computed, expected, actual) = self.sides(compared);
            let (Some(expected), Some(actual)) = (expected, actual) else { continue };
            let computation =
                computed.filter(|(expr, _)| !is_plain(expr)).map(|(expr, _)| self.spell(expr, self.mixed_units(expr)));
            let subject = reported
                .and_then(|mention| {
                    let mut references = Vec::new();
                    resolve::references(compared.expr, &mut references, None);
                    references.into_iter().find_map(|(segments, _)| {
                        let item = self.item.map(|(_, item)| item);
                        let found = resolve::mention(segments, self.facts, item)?;
                        (found.span == mention.span)
                            .then(|| resolve::label(segments, self.pack, self.item.map(|(collection, _)| collection)))
                    })
                })
                .unwrap_or_default();
            let expected =
                if expected.starts_with(['≤', '≥', '<', '>', '≠']) { expected } else { format!("= {expected}") };
            let mut part = format!("{subject} {actual} {expected}");
            if let Some(computation) = computation {
                part.push_str(&format!("（{computation}）"));
            }
            parts.push(part.trim().to_string());
        }
        let text = parts.join("；");
        match self.item.and_then(|(_, item)| item.name()) {
            Some(name) => format!("“{name}”：{text}"),
            None => text,
        }
    }

    /// (reported mention, computed side, expected text, actual text).
    #[allow(clippy::type_complexity)]
    fn sides<'c, 'e>(
        &self,
        compared: &'c Compared<'e>,
    ) -> (Option<&Mention>, Option<(&'e Expr, &'c Value)>, Option<String>, Option<String>) {
        let ExprKind::Binary { left, right, .. } = &compared.expr.kind else { return (None, None, None, None) };
        let item = self.item.map(|(_, item)| item);
        let single = |expr: &Expr| match &expr.kind {
            ExprKind::Path(segments) => resolve::mention(segments, self.facts, item),
            _ => None,
        };
        let (reported, computed_expr, computed_value, other_value) = match (single(left), single(right)) {
            (Some(mention), _) => (Some(mention), &**right, &compared.right, &compared.left),
            (None, Some(mention)) => (Some(mention), &**left, &compared.left, &compared.right),
            (None, None) => (None, &**left, &compared.left, &compared.right),
        };
        let (expected, actual) = match (reported, computed_value) {
            (Some(mention), Value::Quantity(quantity)) => {
                (in_unit_of(quantity, mention, computed_expr, self), written(mention))
            }
            (Some(mention), value) => (display(value), written(mention)),
            // Neither side is one written figure (`weights + … = 100`): the
            // left side is what the report adds up to, the right what it must be.
            (None, value) => (display(&like(other_value, value)), display(value)),
        };
        // For `>`, `≤` … the computed side is a bound, not a value: say so.
        let expected = match &compared.expr.kind {
            ExprKind::Binary { op, .. } if !matches!(op, BinaryOp::Equal) => {
                let op = if reported.is_some() && std::ptr::eq(computed_expr, &**left) { mirror(*op) } else { *op };
                format!("{} {expected}", op.display_symbol())
            }
            _ => expected,
        };
        let (expected, actual) = (Some(expected), Some(actual));
        (reported, Some((computed_expr, computed_value)), expected, actual)
    }

    /// Whether the amounts an expression refers to are written in different
    /// units (`942.42元 ÷ 942.42万元`): then the spelled computation shows them.
    fn mixed_units(&self, expr: &Expr) -> bool {
        let item = self.item.map(|(_, item)| item);
        let mut references = Vec::new();
        resolve::references(expr, &mut references, None);
        let mut units =
            references.iter().filter_map(|(segments, _)| match resolve::mention(segments, self.facts, item) {
                Some(Mention { value: Written::Figure(number), .. })
                    if matches!(number.unit, Unit::Yuan | Unit::WanYuan | Unit::YiYuan) =>
                {
                    Some(&number.unit)
                }
                _ => None,
            });
        let first = units.next();
        units.any(|unit| Some(unit) != first)
    }

    /// The expression with every reference replaced by its written figure
    /// (with its unit when `units`).
    fn spell(&self, expr: &Expr, units: bool) -> String {
        let item = self.item.map(|(_, item)| item);
        match &expr.kind {
            ExprKind::Number { value, percent } => format!("{value}{}", if *percent { "%" } else { "" }),
            ExprKind::Text(text) => format!("“{text}”"),
            ExprKind::Boolean(value) => value.to_string(),
            ExprKind::Path(segments) => match resolve::mention(segments, self.facts, item) {
                Some(mention) => match &mention.value {
                    Written::Figure(number) if units || number.unit == Unit::Percent => written(mention),
                    _ => {
                        let text = digits(mention);
                        if text.starts_with('-') { format!("({text})") } else { text }
                    }
                },
                None => match self.pack.constants.get(&segments.join(".")) {
                    Some(value) => value.to_string(),
                    None => segments.join("."),
                },
            },
            ExprKind::Unary { op: UnaryOp::Negate, operand } => {
                format!("−{}", self.spell_operand(operand, BinaryOp::Multiply, true, units))
            }
            ExprKind::Unary { op: UnaryOp::Not, operand } => {
                format!("not {}", self.spell_operand(operand, BinaryOp::Multiply, true, units))
            }
            ExprKind::Binary { op, left, right } => {
                format!(
                    "{} {} {}",
                    self.spell_operand(left, *op, false, units),
                    op.display_symbol(),
                    self.spell_operand(right, *op, true, units)
                )
            }
            ExprKind::If { condition, then, otherwise } => {
                // The branch the figures took.
                let interpreter = Interpreter {
                    pack: self.pack,
                    facts: self.facts,
                    tolerance: self.check.tolerance,
                    item: self.item,
                };
                match interpreter.boolean(condition, &mut Vec::new()) {
                    Ok(true) => self.spell(then, units),
                    Ok(false) => self.spell(otherwise, units),
                    Err(_) => expr.to_source(),
                }
            }
            ExprKind::Call { name, args, .. } => self.spell_call(name, args, units),
        }
    }

    /// An operand of `parent`, in parentheses only where precedence needs
    /// them: `a + b + c`, but `a − (b + c)` and `(a + b) ÷ c`.
    fn spell_operand(&self, expr: &Expr, parent: BinaryOp, right: bool, units: bool) -> String {
        let strength = |op: BinaryOp| match op {
            BinaryOp::Multiply | BinaryOp::Divide => 2,
            BinaryOp::Add | BinaryOp::Subtract => 1,
            _ => 0,
        };
        let needs = match &expr.kind {
            ExprKind::Binary { op, .. } => {
                strength(*op) < strength(parent)
                    || (right
                        && strength(*op) == strength(parent)
                        && matches!(parent, BinaryOp::Subtract | BinaryOp::Divide))
            }
            _ => false,
        };
        if needs { format!("({})", self.spell(expr, units)) } else { self.spell(expr, units) }
    }

    fn spell_call(&self, name: &str, args: &[Expr], units: bool) -> String {
        if let ("sum", Some(Expr { kind: ExprKind::Path(segments), .. }), Some((_, item))) =
            (name, args.first(), self.item)
        {
            if let [it, parts, field] = segments.as_slice() {
                if it == "it" && parts == "parts" && !item.parts.is_empty() && item.parts.len() <= 12 {
                    let values: Vec<String> =
                        item.parts.iter().filter_map(|part| part.fields.get(field)).map(digits).collect();
                    return values.join(" + ");
                }
            }
        }
        if let (Some(Expr { kind: ExprKind::Path(segments), .. }), "sum") = (args.first(), name) {
            if let [collection, field] = segments.as_slice() {
                if let Some(items) = self.facts.collections.get(collection) {
                    let parts: Vec<String> =
                        items.iter().filter_map(|item| item.fields.get(field)).map(digits).collect();
                    if !parts.is_empty() && parts.len() <= 12 {
                        return parts.join(" + ");
                    }
                    if !parts.is_empty() {
                        let label =
                            self.pack.collections.get(collection).map_or(field.as_str(), |c| c.field_label(field));
                        return format!("{} 项{label}之和", parts.len());
                    }
                }
            }
        }
        if let ("sum", [Expr { kind: ExprKind::Path(segments), .. }, each]) = (name, args) {
            let collection = segments.first().and_then(|name| self.pack.collections.get(name));
            let items = segments.first().and_then(|name| self.facts.collections.get(name));
            if let (Some(collection), Some(items)) = (collection, items) {
                if !items.is_empty() && items.len() <= 12 {
                    let parts: Vec<String> = items
                        .iter()
                        .map(|item| Context { item: Some((collection, item)), ..*self }.spell(each, units))
                        .collect();
                    return parts.join(" + ");
                }
            }
        }
        if let (Some(Expr { kind: ExprKind::Path(segments), .. }), "count") = (args.first(), name) {
            if let Some(items) = segments.first().and_then(|collection| self.facts.collections.get(collection)) {
                return format!("{} 条", items.len());
            }
        }
        // `coalesce` and `default` stand for the argument whose figure was used.
        if name == "coalesce" {
            if let Some(used) = args.iter().find(|arg| self.resolves(arg)) {
                return self.spell(used, units);
            }
        }
        if let ("default", [first, fallback]) = (name, args) {
            return if self.resolves(first) { self.spell(first, units) } else { self.spell(fallback, units) };
        }
        let inner: Vec<String> = args.iter().map(|arg| self.spell(arg, units)).collect();
        format!("{name}({})", inner.join(", "))
    }

    /// Whether every figure `expr` names is in the report and filled in.
    fn resolves(&self, expr: &Expr) -> bool {
        let item = self.item.map(|(_, item)| item);
        let mut references = Vec::new();
        resolve::references(expr, &mut references, None);
        references.iter().all(|(segments, _)| {
            self.pack.constants.contains_key(&segments.join("."))
                || resolve::mention(segments, self.facts, item).is_some_and(|mention| mention.value != Written::Empty)
        })
    }

    fn fill(
        &self,
        template: &str,
        expected: Option<&str>,
        actual: Option<&str>,
        computation: Option<&str>,
        label: Option<&str>,
    ) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some((before, after_open)) = rest.split_once('{') {
            let Some((name, after_close)) = after_open.split_once('}') else { break };
            out.push_str(before);
            let value = match name {
                "expected" => expected.map(str::to_string),
                "actual" => actual.map(str::to_string),
                "computation" => computation.map(str::to_string),
                "label" => label.map(str::to_string),
                "item" => self.item.and_then(|(_, item)| item.name()).map(str::to_string),
                fact => self.facts.values.get(fact).and_then(|mentions| mentions.first()).map(written),
            };
            out.push_str(value.as_deref().unwrap_or("—"));
            rest = after_close;
        }
        out.push_str(rest);
        out
    }
}

/// A lone name or literal: spelling it out adds nothing to the message.
fn is_plain(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Path(_) | ExprKind::Number { .. } | ExprKind::Text(_) | ExprKind::Boolean(_))
}

/// `quantity` written like `mention`: same unit, at least its decimals, at
/// least 2 for percentages and money so that 100% shows as 84.99%.
fn in_unit_of(quantity: &Quantity, mention: &Mention, computed: &Expr, context: &Context<'_>) -> String {
    let Written::Figure(number) = &mention.value else { return display(&Value::Quantity(*quantity)) };
    let mut decimals = number.decimals;
    if matches!(number.unit, Unit::Percent | Unit::Yuan | Unit::WanYuan | Unit::YiYuan | Unit::Points | Unit::None) {
        decimals = decimals.max(2);
    }
    let mut references = Vec::new();
    resolve::references(computed, &mut references, None);
    let item = context.item.map(|(_, item)| item);
    for (segments, _) in references {
        if let Some(Mention { value: Written::Figure(operand), .. }) = resolve::mention(segments, context.facts, item) {
            if operand.unit == number.unit {
                decimals = decimals.max(operand.decimals);
            }
        }
    }
    let text = quantity.display_as(&number.unit, decimals.min(6));
    // Scores and counts read best without padding: 98, not 98.00; amounts
    // and percentages keep their places (19.70%).
    match number.unit {
        Unit::Points | Unit::None | Unit::Count(_) => trim_zeros(&text),
        _ => text,
    }
}

/// `98.00分` → `98分`, `2.50` → `2.5`.
fn trim_zeros(text: &str) -> String {
    let digits_end = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    if !number.contains('.') {
        return text.to_string();
    }
    format!("{}{unit}", number.trim_end_matches('0').trim_end_matches('.'))
}

/// `value` shown in the unit of `model` when it is a bare number: the bound
/// 100 of a sum of scores reads 100分, like the sum.
fn like(value: &Value, model: &Value) -> Value {
    match (value, model) {
        (Value::Quantity(quantity), Value::Quantity(model)) if quantity.dimension() == Dimension::Plain => {
            Value::Quantity(Quantity::new(*quantity.interval(), model.dimension()))
        }
        _ => value.clone(),
    }
}

/// The same comparison seen from the other side: `a < b` is `b > a`.
fn mirror(op: BinaryOp) -> BinaryOp {
    match op {
        BinaryOp::Less => BinaryOp::Greater,
        BinaryOp::LessEqual => BinaryOp::GreaterEqual,
        BinaryOp::Greater => BinaryOp::Less,
        BinaryOp::GreaterEqual => BinaryOp::LessEqual,
        other => other,
    }
}

fn display(value: &Value) -> String {
    match value {
        Value::Quantity(quantity) => quantity.to_string(),
        Value::Bool(value) => value.to_string(),
        Value::Text(texts) => texts.join("或"),
    }
}
