//! A failed comparison → a [`Finding`] a reviewer can act on.
//!
//! The side that is a single written figure is the one "reported" (for
//! `rate = spent / budget`, the rate): its span is the primary label, and
//! the other side, computed, is the expected value: computed from the
//! figures as written (the value a person gets by hand, which lies inside
//! the interval the check compared) and shown in the reported figure's
//! unit with at least its decimals (`shown`). The computation is spelled
//! out with the values used: `181.18 ÷ 213.18` (`spell`). When one figure
//! read in a neighbouring unit makes the comparison hold, the help says the
//! unit is probably wrong instead of quoting a value 10,000 times off
//! (`slip`).

use std::collections::BTreeSet;

use super::interpret::{Compared, Interpreter, Reading};
use super::resolve::{self, written};
use super::shown::{like, like_figure, like_figures, show};
use super::slip::{self, Figure, Slip, reread_text, unit_name};
use super::value::Value;
use crate::expr::{BinaryOp, Expr, ExprKind};
use crate::extract::{Facts, Item, Mention, Value as Written};
use crate::finding::{Finding, Label};
use crate::report::{Number, Unit};
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

/// The two sides of a comparison as a message shows them.
struct Sides<'a, 'e> {
    /// The side that is one written figure, if either is.
    reported: Option<&'a Mention>,
    /// The other side.
    computed: Option<&'e Expr>,
    expected: Option<String>,
    actual: Option<String>,
}

impl<'a> Context<'a> {
    pub fn finding(&self, failed: Option<&Compared<'_>>) -> Finding {
        let item = self.item.map(|(_, item)| item);
        let root = match (&self.expr.kind, self.item) {
            // `all(collection, condition)` per item: the condition is what failed.
            (ExprKind::Call { args, .. }, Some(_)) => match args.as_slice() {
                [_, condition] => condition,
                _ => self.expr,
            },
            _ => self.expr,
        };
        let figures = self.figures(root);

        let sides = match failed {
            Some(compared) => self.sides(compared),
            None => Sides { reported: None, computed: None, expected: None, actual: None },
        };
        let Sides { reported, computed, mut expected, actual } = sides;
        let computation = computed.and_then(|expr| self.computation(expr, self.mixed_units(expr, reported)));
        let slip = match (failed, reported) {
            (Some(compared), Some(_)) if is_equality(compared.expr) => {
                slip::find(&self.interpreter(), compared, &figures, self.facts)
            }
            _ => None,
        };
        let suspect = |mention: &Mention| {
            slip.as_ref().is_some_and(|slip| {
                slip.figure.mention.span == mention.span
                    || slip.partner.as_ref().is_some_and(|partner| partner.mention.span == mention.span)
            })
        };

        let mut related: Vec<Label> = Vec::new();
        let mut primary = None;
        for Figure { label, mention, .. } in &figures {
            let note = if suspect(mention) { "（单位可能有误）" } else { "" };
            if Some(mention.span) == reported.map(|mention: &Mention| mention.span) {
                let text = format!("报告为 {}{note}", written(mention));
                primary = Some(Label { span: mention.span, text });
            } else {
                related.push(Label { span: mention.span, text: format!("{label} {}{note}", written(mention)) });
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
            figures.iter().find(|figure| figure.mention.span == mention.span).map(|figure| figure.label.clone())
        });
        // A slip: the reported figure is what it was meant to be, or, when
        // an operand is the suspect, right as written.
        let slipped = match (&slip, reported, computed) {
            (Some(slip), Some(reported), Some(computed)) => {
                let (help, meant) = self.slip_help(slip, reported, computed, subject.as_deref().unwrap_or_default());
                expected = meant;
                Some(help)
            }
            _ => None,
        };
        let fill = |template: &str| {
            self.fill(template, expected.as_deref(), actual.as_deref(), computation.as_deref(), subject.as_deref())
        };
        let mut message = self.check.message.as_deref().map(fill).unwrap_or_else(|| self.check.title.clone());
        if let Some(name) = item.and_then(Item::name) {
            if !message.contains(name) {
                message = format!("{message}（{name}）");
            }
        }
        let help = slipped.or_else(|| match (&self.check.help, &expected, &actual) {
            (Some(template), _, _) => Some(fill(template)),
            (None, Some(expected), Some(actual)) => {
                let should = should_be(expected);
                Some(match (&computation, &subject) {
                    (Some(computation), Some(subject)) => {
                        format!("{subject}{should} {expected}（{computation}），报告为 {actual}")
                    }
                    (None, Some(subject)) => format!("{subject}{should} {expected}，报告为 {actual}"),
                    (Some(computation), None) => format!("{should} {expected}，实为 {actual}（{computation}）"),
                    (None, None) => format!("{should} {expected}，实为 {actual}"),
                })
            }
            _ => None,
        });
        let mut identity: Vec<String> =
            figures.iter().map(|figure| format!("{}={}", figure.label, written(figure.mention))).collect();
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
            let Sides { reported, computed, expected, actual } = self.sides(compared);
            let (Some(expected), Some(actual)) = (expected, actual) else { continue };
            let computation = computed.and_then(|expr| self.computation(expr, self.mixed_units(expr, reported)));
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
            if within_rounding_only(compared) {
                part.push_str("，在各数四舍五入的误差内");
            }
            parts.push(part.trim().to_string());
        }
        let text = parts.join("；");
        match self.item.and_then(|(_, item)| item.name()) {
            Some(name) => format!("“{name}”：{text}"),
            None => text,
        }
    }

    /// Every figure the expression reads, each once: a fact, a field of the
    /// current item, or a field of every item of a collection it sums.
    fn figures(&self, root: &Expr) -> Vec<Figure<'a>> {
        let item = self.item.map(|(_, item)| item);
        let within = self.item.map(|(collection, _)| collection);
        let mut figures: Vec<Figure<'a>> = Vec::new();
        let mut references = Vec::new();
        resolve::references(root, &mut references, None);
        for (segments, collection) in references {
            let label = resolve::label(segments, self.pack, within);
            let kind = resolve::kind(segments, self.pack, within);
            if let Some(mention) = resolve::mention(segments, self.facts, item) {
                figures.push(Figure { label, mention, kind });
            } else if let (Some(collection), [_, field]) = (collection, segments) {
                let field_label =
                    self.pack.collections.get(collection).map_or(field.as_str(), |c| c.field_label(field));
                for item in self.facts.collections.get(collection).into_iter().flatten() {
                    if let Some(mention) = item.fields.get(field) {
                        let label = format!("{}·{field_label}", item.name().unwrap_or_default());
                        figures.push(Figure { label, mention, kind });
                    }
                }
            }
        }
        let mut seen = BTreeSet::new();
        figures.retain(|figure| seen.insert(figure.mention.span));
        figures
    }

    fn sides<'e>(&self, compared: &Compared<'e>) -> Sides<'a, 'e> {
        let ExprKind::Binary { left, right, .. } = &compared.expr.kind else {
            return Sides { reported: None, computed: None, expected: None, actual: None };
        };
        let item = self.item.map(|(_, item)| item);
        let single = |expr: &Expr| match &expr.kind {
            ExprKind::Path(segments) => resolve::mention(segments, self.facts, item),
            _ => None,
        };
        let (reported, computed_expr, computed_value, other_expr, other_value) = match (single(left), single(right)) {
            (Some(mention), _) => (Some(mention), &**right, &compared.right, &**left, &compared.left),
            (None, Some(mention)) => (Some(mention), &**left, &compared.left, &**right, &compared.right),
            (None, None) => (None, &**left, &compared.left, &**right, &compared.right),
        };
        // The value a person computes from the figures as written, inside
        // the interval compared; the interval's middle where it has none.
        let nominal = |expr: &Expr, value: &Value| self.nominal_value(expr).unwrap_or_else(|| value.clone());
        let computed_nominal = nominal(computed_expr, computed_value);
        let (expected, actual) = match reported {
            Some(mention) => {
                let expected = match (&mention.value, &computed_nominal) {
                    (Written::Figure(number), Value::Quantity(quantity)) => {
                        like_figure(quantity, number, &self.operands(computed_expr), !compared.holds)
                    }
                    (_, value) => show(value),
                };
                (expected, written(mention))
            }
            // Neither side is one written figure (`weights + … = 100`): the
            // left side is what the report adds up to, the right what it must be.
            None => {
                let figures = self.operands(compared.expr);
                let bound = like(&nominal(other_expr, other_value), &computed_nominal);
                (like_figures(&bound, &figures), like_figures(&computed_nominal, &figures))
            }
        };
        // For `>`, `≤` … the computed side is a bound, not a value: say so.
        let expected = match &compared.expr.kind {
            ExprKind::Binary { op, .. } if !matches!(op, BinaryOp::Equal) => {
                let op = if reported.is_some() && std::ptr::eq(computed_expr, &**left) { mirror(*op) } else { *op };
                format!("{} {expected}", op.display_symbol())
            }
            _ => expected,
        };
        Sides { reported, computed: Some(computed_expr), expected: Some(expected), actual: Some(actual) }
    }

    /// The help of a finding a unit slip explains, and the value the
    /// reported figure was meant to have (none when an operand is the suspect).
    fn slip_help(
        &self,
        slip: &Slip<'_>,
        reported: &Mention,
        computed: &Expr,
        subject: &str,
    ) -> (String, Option<String>) {
        let meant = reread_text(slip.number, &slip.unit);
        let unit = unit_name(&slip.unit);
        let computation = self.computation(computed, false);
        let reading = Reading { nominal: true, reread: Some((slip.figure.mention.span, &slip.unit)) };
        let interpreter = Interpreter { reading, ..self.interpreter() };
        let value = match (interpreter.evaluate(computed, &mut Vec::new()), &reported.value) {
            (Ok(Value::Quantity(quantity)), Written::Figure(number)) => {
                // Shown like the figure as it was meant.
                let number = if slip.figure.mention.span == reported.span {
                    Number { unit: slip.unit.clone(), ..number.clone() }
                } else {
                    number.clone()
                };
                like_figure(&quantity, &number, &self.operands(computed), false)
            }
            (Ok(value), _) => show(&value),
            (Err(_), _) => String::new(),
        };
        let value = match computation {
            Some(computation) => format!("{value}（{computation}）"),
            None => value,
        };
        let figure = format!("{} {}", slip.figure.label, written(slip.figure.mention));
        if slip.figure.mention.span == reported.span {
            let gap = if value.ends_with('）') { "" } else { " " };
            let help = format!(
                "单位可能有误：{subject}报告为 {}，按{unit}计应为 {meant}，与算得的 {value}{gap}相符",
                written(reported)
            );
            return (help, Some(meant));
        }
        let help = match &slip.partner {
            Some(partner) => format!(
                "单位可能有误：{figure} 与{} {} 单位不同，若前者按{unit}计应为 {meant}，{subject}即为 {value}，与报告相符",
                partner.label,
                written(partner.mention)
            ),
            None => format!("单位可能有误：{figure} 按{unit}计应为 {meant}，{subject}即为 {value}，与报告相符"),
        };
        (help, None)
    }

    /// What `expr` gives from the figures as written.
    fn nominal_value(&self, expr: &Expr) -> Option<Value> {
        let interpreter = Interpreter { reading: Reading { nominal: true, reread: None }, ..self.interpreter() };
        interpreter.evaluate(expr, &mut Vec::new()).ok()
    }

    /// The written figures `expr` names directly (in the current item).
    fn operands(&self, expr: &Expr) -> Vec<&'a Number> {
        let item = self.item.map(|(_, item)| item);
        let mut references = Vec::new();
        resolve::references(expr, &mut references, None);
        references
            .into_iter()
            .filter_map(|(segments, _)| match resolve::mention(segments, self.facts, item) {
                Some(Mention { value: Written::Figure(number), .. }) => Some(number),
                _ => None,
            })
            .collect()
    }

    /// Whether the amounts an expression refers to, and the figure it is
    /// compared with, are written in different units (`942.42元 ÷
    /// 942.42万元`, 5000000.00元 from 500.00万元): then the spelled
    /// computation shows them.
    fn mixed_units(&self, expr: &Expr, reported: Option<&Mention>) -> bool {
        let reported = reported.and_then(|mention| match &mention.value {
            Written::Figure(number) => Some(number),
            _ => None,
        });
        let mut units = self
            .operands(expr)
            .into_iter()
            .chain(reported)
            .map(|number| &number.unit)
            .filter(|unit| matches!(unit, Unit::Yuan | Unit::WanYuan | Unit::YiYuan));
        let first = units.next();
        units.any(|unit| Some(unit) != first)
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

fn is_equality(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Binary { op: BinaryOp::Equal, .. })
}

/// "应为 84.99%", but "应 ≤ 99.66分" for a bound.
fn should_be(expected: &str) -> &'static str {
    if expected.starts_with(['≤', '≥', '<', '>', '≠']) { "应" } else { "应为" }
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

/// Whether a comparison that holds would not hold between its figures as a
/// reader sees them: `89.97 ≥ 30 + 30 + 29.99` holds because each 30 stands
/// for 29.5–30.5, while the centres read 89.97 ≥ 89.99.
fn within_rounding_only(compared: &Compared<'_>) -> bool {
    let ExprKind::Binary { op, .. } = &compared.expr.kind else { return false };
    let (Some(comparison), Value::Quantity(left), Value::Quantity(right)) =
        (super::interpret::comparison(*op), &compared.left, &compared.right)
    else {
        return false;
    };
    left.centres_ordered(comparison, right) == Some(false)
}
