//! The expression interpreter: [`Expr`] × facts → [`Value`].
//!
//! Figures are intervals (see `interval`); `and`/`or` short-circuit so that
//! `false and <not applicable>` is false; every comparison it makes is
//! logged, so that a failing check can show the comparison that failed with
//! both of its computed sides. Messages run it again in another
//! [`Reading`]: the figures as the points written, to show the value a
//! person computes, or one figure in another unit, to test a unit slip.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::interval::Comparison;
use super::quantity::{Quantity, QuantityError};
use super::resolve;
use super::unit::Dimension;
use super::value::{Stop, Value};
use crate::expr::{BinaryOp, Expr, ExprKind, UnaryOp};
use crate::extract::{Facts, Item, Value as Written};
use crate::report::{Number, Relation, Unit};
use crate::rules::{Collection, Function, Pack, Tolerance};
use crate::span::Span;

/// One comparison made while evaluating, with both computed sides.
#[derive(Debug, Clone)]
pub struct Compared<'e> {
    pub expr: &'e Expr,
    pub left: Value,
    pub right: Value,
    pub holds: bool,
}

pub struct Interpreter<'a> {
    pub pack: &'a Pack,
    pub facts: &'a Facts,
    pub tolerance: Tolerance,
    /// The item `it` stands for, inside `all`/`any` or a per-item check.
    pub item: Option<(&'a Collection, &'a Item)>,
    pub reading: Reading<'a>,
}

/// How the interpreter reads the report's figures. A check runs on the
/// default: each figure the interval its rounding stands for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading<'a> {
    /// Each figure as the point written (181.18, not [181.175, 181.185]):
    /// the value a person computes, which always lies inside the interval.
    /// An `if` still takes the branch the rounded figures take.
    pub nominal: bool,
    /// The figure at this span read in this unit instead of its own: would
    /// the comparison hold if 831.06元 were 831.06万元?
    pub reread: Option<(Span, &'a Unit)>,
}

type Outcome = Result<Value, Stop>;

impl<'a> Interpreter<'a> {
    pub fn evaluate<'e>(&self, expr: &'e Expr, log: &mut Vec<Compared<'e>>) -> Outcome {
        match &expr.kind {
            ExprKind::Number { value, percent } => {
                Ok(Value::Quantity(Quantity::literal(*value, *percent).map_err(arithmetic)?))
            }
            ExprKind::Text(text) => Ok(Value::Text(vec![text.clone()])),
            ExprKind::Boolean(value) => Ok(Value::Bool(*value)),
            ExprKind::Path(segments) => self.path(segments),
            ExprKind::Unary { op, operand } => match (op, self.evaluate(operand, log)?) {
                (UnaryOp::Negate, Value::Quantity(quantity)) => Ok(Value::Quantity(quantity.neg())),
                (UnaryOp::Not, Value::Bool(value)) => Ok(Value::Bool(!value)),
                (_, value) => Err(Stop::RuleError(format!("`{}` 不能用于{}", op_name(*op), value.describe()))),
            },
            ExprKind::Binary { op: BinaryOp::And, left, right } => match self.boolean(left, log) {
                Ok(false) => Ok(Value::Bool(false)),
                Ok(true) => Ok(Value::Bool(self.boolean(right, log)?)),
                Err(stop) => match self.boolean(right, log) {
                    Ok(false) => Ok(Value::Bool(false)),
                    _ => Err(stop),
                },
            },
            ExprKind::Binary { op: BinaryOp::Or, left, right } => match self.boolean(left, log) {
                Ok(true) => Ok(Value::Bool(true)),
                Ok(false) => Ok(Value::Bool(self.boolean(right, log)?)),
                Err(stop) => match self.boolean(right, log) {
                    Ok(true) => Ok(Value::Bool(true)),
                    _ => Err(stop),
                },
            },
            ExprKind::Binary { op, left, right } => {
                let left_value = self.evaluate(left, log)?;
                let right_value = self.evaluate(right, log)?;
                match comparison(*op) {
                    Some(comparison) => {
                        let holds = self.compare(comparison, &left_value, &right_value)?;
                        log.push(Compared { expr, left: left_value, right: right_value, holds });
                        Ok(Value::Bool(holds))
                    }
                    None => arithmetic_op(*op, &left_value, &right_value),
                }
            }
            ExprKind::If { condition, then, otherwise } => {
                // A condition only chooses the branch: its comparisons are not
                // what a failing check should show, and the rounded figures
                // choose it in every reading.
                let chooser = Interpreter { reading: Reading { nominal: false, ..self.reading }, ..*self };
                if chooser.boolean(condition, &mut Vec::new())? {
                    self.evaluate(then, log)
                } else {
                    self.evaluate(otherwise, log)
                }
            }
            ExprKind::Call { name, args, .. } => self.call(name, args, log),
        }
    }

    pub fn boolean<'e>(&self, expr: &'e Expr, log: &mut Vec<Compared<'e>>) -> Result<bool, Stop> {
        match self.evaluate(expr, log)? {
            Value::Bool(value) => Ok(value),
            other => Err(Stop::RuleError(format!("此处应为真假值，实为{}", other.describe()))),
        }
    }

    fn path(&self, segments: &[String]) -> Outcome {
        let name = segments.join(".");
        if let Some(value) = self.pack.constants.get(&name) {
            return Ok(Value::Quantity(Quantity::literal(*value, false).map_err(arithmetic)?));
        }
        let item = self.item.map(|(_, item)| item);
        let Some(mention) = resolve::mention(segments, self.facts, item) else {
            let label = resolve::label(segments, self.pack, self.item.map(|(collection, _)| collection));
            return Err(Stop::Missing(format!("报告中未找到“{label}”")));
        };
        match &mention.value {
            Written::Empty => {
                let label = resolve::label(segments, self.pack, self.item.map(|(collection, _)| collection));
                Err(Stop::Missing(format!("“{label}”未填写")))
            }
            Written::Text(text) => Ok(Value::Text(vec![text.clone()])),
            Written::Figure(number) => {
                let reread;
                let number = match self.reading.reread {
                    Some((span, unit)) if span == mention.span => {
                        reread = Number { unit: unit.clone(), ..number.clone() };
                        &reread
                    }
                    _ => number,
                };
                let quantity = match self.tolerance {
                    _ if mention.exact || self.reading.nominal => Quantity::from_number_exact(number),
                    Tolerance::Exact => Quantity::from_number_exact(number),
                    _ => Quantity::from_number(number),
                };
                Ok(Value::Quantity(quantity.map_err(arithmetic)?))
            }
        }
    }

    pub fn compare(&self, comparison: Comparison, left: &Value, right: &Value) -> Result<bool, Stop> {
        match (left, right) {
            (Value::Quantity(left), Value::Quantity(right)) => {
                let result = match self.tolerance {
                    Tolerance::Slack(slack) => {
                        let slack = Quantity::literal(slack, false).map_err(arithmetic)?;
                        left.compare_within(comparison, right, &slack)
                    }
                    _ => left.compare(comparison, right),
                };
                result.map_err(quantity_error)
            }
            (Value::Text(left), Value::Text(right)) => {
                let overlap = left.iter().any(|text| right.contains(text));
                match comparison {
                    Comparison::Equal => Ok(overlap),
                    Comparison::NotEqual => Ok(!overlap),
                    _ => Err(Stop::RuleError("文字只能用 = 或 != 比较".into())),
                }
            }
            (Value::Bool(left), Value::Bool(right)) => match comparison {
                Comparison::Equal => Ok(left == right),
                Comparison::NotEqual => Ok(left != right),
                _ => Err(Stop::RuleError("真假值只能用 = 或 != 比较".into())),
            },
            (left, right) => Err(Stop::RuleError(format!("{}不能与{}比较", left.describe(), right.describe()))),
        }
    }

    fn call<'e>(&self, name: &str, args: &'e [Expr], log: &mut Vec<Compared<'e>>) -> Outcome {
        if let Some(bands) = self.pack.bands.get(name) {
            let score = self.quantity(argument(args, 0)?, log)?;
            // Band edges are written as people write the figure: `min: 90`
            // for a rate means 90%, not 90 (a ratio is held as a fraction).
            let scale = if score.dimension() == Dimension::Ratio { Decimal::ONE_HUNDRED } else { Decimal::ONE };
            let label = |value: Decimal| {
                let value = value.checked_mul(scale)?;
                bands.iter().find(|band| value >= band.min).map(|band| band.label.clone())
            };
            let mut labels: Vec<String> =
                [score.interval().lo(), score.interval().hi()].into_iter().filter_map(label).collect();
            labels.dedup();
            return Ok(Value::Text(labels));
        }
        let Some(function) = Function::lookup(name) else {
            return Err(Stop::RuleError(format!("没有函数 `{name}`")));
        };
        match function {
            Function::Abs => Ok(Value::Quantity(self.quantity(argument(args, 0)?, log)?.abs())),
            Function::Round => {
                let decimals = match args.get(1) {
                    Some(arg) => whole_number(&self.quantity(arg, log)?)?,
                    None => 0,
                };
                Ok(Value::Quantity(self.quantity(argument(args, 0)?, log)?.round(decimals)))
            }
            Function::Min | Function::Max => {
                let mut result = self.quantity(argument(args, 0)?, log)?;
                for arg in args.get(1..).unwrap_or_default() {
                    let next = self.quantity(arg, log)?;
                    result = if function == Function::Min { result.min(&next) } else { result.max(&next) }
                        .map_err(quantity_error)?;
                }
                Ok(Value::Quantity(result))
            }
            Function::Exists => {
                let first = argument(args, 0)?;
                Ok(Value::Bool(match &first.kind {
                    ExprKind::Path(segments) => self.path(segments).is_ok(),
                    _ => self.evaluate(first, log).is_ok(),
                }))
            }
            Function::Filled => {
                let ExprKind::Path(segments) = &argument(args, 0)?.kind else {
                    return Err(Stop::RuleError("filled() 的参数应是一个数字的名称".into()));
                };
                let item = self.item.map(|(_, item)| item);
                match resolve::mention(segments, self.facts, item).map(|mention| &mention.value) {
                    Some(Written::Empty) => Ok(Value::Bool(false)),
                    Some(_) => Ok(Value::Bool(true)),
                    None => self.path(segments),
                }
            }
            Function::Default => {
                let ExprKind::Path(segments) = &argument(args, 0)?.kind else {
                    return Err(Stop::RuleError("default() 的第一个参数应是一个数字的名称".into()));
                };
                let item = self.item.map(|(_, item)| item);
                match resolve::mention(segments, self.facts, item).map(|mention| &mention.value) {
                    Some(Written::Empty) => self.evaluate(argument(args, 1)?, log),
                    _ => self.path(segments),
                }
            }
            Function::Coalesce => {
                let mut missing = Stop::Missing(String::new());
                for arg in args {
                    match self.evaluate(arg, log) {
                        Err(stop @ Stop::Missing(_)) => missing = stop,
                        result => return result,
                    }
                }
                Err(missing)
            }
            Function::Meets => self.meets(argument(args, 0)?, argument(args, 1)?),
            Function::Relation => {
                let ExprKind::Path(segments) = &argument(args, 0)?.kind else {
                    return Ok(Value::Text(vec![String::new()]));
                };
                let item = self.item.map(|(_, item)| item);
                let relation = resolve::mention(segments, self.facts, item).and_then(|mention| match &mention.value {
                    Written::Figure(number) => number.relation,
                    Written::Text(_) | Written::Empty => None,
                });
                Ok(Value::Text(vec![super::relation_symbol(relation).to_string()]))
            }
            Function::Sum | Function::Count | Function::All | Function::Any => self.aggregate(function, args, log),
        }
    }

    /// `meets(actual, target)`: compares by the target's own comparison.
    /// Figures that cannot be compared (a text target such as 效果明显, units
    /// that do not mix, no comparison written) leave it unknown.
    fn meets(&self, actual: &Expr, target: &Expr) -> Outcome {
        let ExprKind::Path(segments) = &target.kind else {
            return Err(Stop::RuleError("meets() 的第二个参数应是指标值的名称".into()));
        };
        let item = self.item.map(|(_, item)| item);
        let relation = resolve::mention(segments, self.facts, item).and_then(|mention| match &mention.value {
            Written::Figure(number) => number.relation,
            _ => None,
        });
        let Some(relation) = relation else {
            return Err(Stop::Missing("指标值没有写明 ≥、≤ 或 =".into()));
        };
        let (Value::Quantity(actual), Value::Quantity(target)) =
            (self.evaluate(actual, &mut Vec::new())?, self.path(segments)?)
        else {
            return Err(Stop::Missing("指标值或完成值不是数字".into()));
        };
        let comparison = match relation {
            Relation::Ge => Comparison::GreaterOrEqual,
            Relation::Gt => Comparison::Greater,
            Relation::Le => Comparison::LessOrEqual,
            Relation::Lt => Comparison::Less,
            Relation::Eq => Comparison::Equal,
        };
        match actual.compare(comparison, &target) {
            Ok(holds) => Ok(Value::Bool(holds)),
            Err(_) => Err(Stop::Missing("完成值与指标值的单位不同，无从比较".into())),
        }
    }

    /// The items an aggregate runs over, and the collection they belong to:
    /// a collection by name, or the current item's parts (`it.parts`).
    fn items_of(&self, segments: &[String]) -> Result<(&'a Collection, &'a [Item]), Stop> {
        if let (Some((collection, item)), ["it", "parts", ..]) =
            (self.item, segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice())
        {
            if !item.parts_complete {
                return Err(Stop::Missing(format!("“{}”下的内容不完整：表格在此中断", item.name().unwrap_or("该项"))));
            }
            return Ok((collection, &item.parts));
        }
        let name = segments.first().map(String::as_str).unwrap_or_default();
        let Some(collection) = self.pack.collections.get(name) else {
            return Err(Stop::RuleError(format!("没有集合 `{name}`")));
        };
        let items = self.facts.collections.get(name).map_or(&[][..], Vec::as_slice);
        Ok((collection, items))
    }

    fn aggregate<'e>(&self, function: Function, args: &'e [Expr], log: &mut Vec<Compared<'e>>) -> Outcome {
        let ExprKind::Path(segments) = &argument(args, 0)?.kind else {
            return Err(Stop::RuleError("第一个参数应是一个集合".into()));
        };
        let (collection, items) = self.items_of(segments)?;
        if items.is_empty() {
            return Err(Stop::Missing(format!("报告中未找到任何“{}”", collection.label)));
        }
        let whole = matches!(function, Function::Sum | Function::Count);
        let name = segments.first().map(String::as_str).unwrap_or_default();
        if whole && self.facts.incomplete.contains(name) {
            return Err(Stop::Missing(format!("“{}”不完整：表格在此中断，合计无从核对", collection.label)));
        }
        let parts = segments.first().is_some_and(|first| first == "it");
        let field_at = if parts { 2 } else { 1 };
        match function {
            Function::Count => {
                Ok(Value::Quantity(Quantity::literal(Decimal::from(items.len()), false).map_err(arithmetic)?))
            }
            Function::Sum => {
                let field = segments.get(field_at).cloned().unwrap_or_default();
                let mut total: Option<Quantity> = None;
                for item in items {
                    let inner = Interpreter { item: Some((collection, item)), ..*self };
                    let value = match args.get(1) {
                        Some(each) => inner.quantity(each, log)?,
                        None => inner.quantity_of(&["it".to_string(), field.clone()])?,
                    };
                    total = Some(match total {
                        Some(total) => total.add(&value).map_err(quantity_error)?,
                        None => value,
                    });
                }
                total.map(Value::Quantity).ok_or_else(|| Stop::Missing("空集合".into()))
            }
            _ => {
                let mut applicable = false;
                for item in items {
                    let inner = Interpreter { item: Some((collection, item)), ..*self };
                    match inner.boolean(argument(args, 1)?, log) {
                        Ok(holds) => {
                            applicable = true;
                            if holds == (function == Function::Any) {
                                return Ok(Value::Bool(holds));
                            }
                        }
                        Err(Stop::NotApplicable(_) | Stop::Missing(_)) => {}
                        Err(stop) => return Err(stop),
                    }
                }
                if applicable {
                    Ok(Value::Bool(function == Function::All))
                } else {
                    Err(Stop::Missing(format!("没有一条“{}”可供核对", collection.label)))
                }
            }
        }
    }

    fn quantity_of(&self, segments: &[String]) -> Result<Quantity, Stop> {
        match self.path(segments)? {
            Value::Quantity(quantity) => Ok(quantity),
            other => Err(Stop::RuleError(format!("此处应为数字，实为{}", other.describe()))),
        }
    }

    pub fn quantity<'e>(&self, expr: &'e Expr, log: &mut Vec<Compared<'e>>) -> Result<Quantity, Stop> {
        match self.evaluate(expr, log)? {
            Value::Quantity(quantity) => Ok(quantity),
            other => Err(Stop::RuleError(format!("此处应为数字，实为{}", other.describe()))),
        }
    }
}

pub(super) fn comparison(op: BinaryOp) -> Option<Comparison> {
    Some(match op {
        BinaryOp::Equal => Comparison::Equal,
        BinaryOp::NotEqual => Comparison::NotEqual,
        BinaryOp::Less => Comparison::Less,
        BinaryOp::LessEqual => Comparison::LessOrEqual,
        BinaryOp::Greater => Comparison::Greater,
        BinaryOp::GreaterEqual => Comparison::GreaterOrEqual,
        _ => return None,
    })
}

fn arithmetic_op(op: BinaryOp, left: &Value, right: &Value) -> Outcome {
    let (Value::Quantity(left), Value::Quantity(right)) = (left, right) else {
        return Err(Stop::RuleError(format!("`{}` 两边应是数字", op.source_symbol())));
    };
    let result = match op {
        BinaryOp::Add => left.add(right),
        BinaryOp::Subtract => left.sub(right),
        BinaryOp::Multiply => left.mul(right),
        BinaryOp::Divide => left.div(right),
        _ => return Err(Stop::RuleError(format!("`{}` 不是算术运算", op.source_symbol()))),
    };
    result.map(Value::Quantity).map_err(quantity_error)
}

/// Argument `index` of a call. The compiler checks every call's arity, so a
/// missing argument is a rule error, not a panic.
fn argument(args: &[Expr], index: usize) -> Result<&Expr, Stop> {
    args.get(index).ok_or_else(|| Stop::RuleError(format!("缺少第 {} 个参数", index.saturating_add(1))))
}

fn whole_number(quantity: &Quantity) -> Result<u32, Stop> {
    let value = quantity.interval().lo();
    if value == quantity.interval().hi()
        && value.fract().is_zero()
        && value >= Decimal::ZERO
        && value <= Decimal::from(20)
    {
        Ok(value.to_u32().unwrap_or(0))
    } else {
        Err(Stop::RuleError("round() 的小数位数应是 0 到 20 的整数".into()))
    }
}

fn op_name(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Negate => "-",
        UnaryOp::Not => "not",
    }
}

fn arithmetic(error: super::interval::ArithmeticError) -> Stop {
    quantity_error(QuantityError::Arithmetic(error))
}

fn quantity_error(error: QuantityError) -> Stop {
    match error {
        QuantityError::UnitMismatch { .. } => Stop::RuleError(error.to_string()),
        QuantityError::Arithmetic(super::interval::ArithmeticError::DivisionByZero) => {
            Stop::NotApplicable("除数可能为 0，无法计算".into())
        }
        QuantityError::Arithmetic(_) => Stop::NotApplicable(error.to_string()),
    }
}
