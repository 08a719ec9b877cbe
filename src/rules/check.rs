//! A check's layers → one validated [`Check`].
//!
//! Later layers override the fields they set, so a region can change only a
//! severity or a message. The expression is parsed and every name in it
//! resolved: facts and constants at the top, `collection.field` inside
//! `sum`, a bare collection as the first argument of `count`/`all`/`any`,
//! `it.field` inside the predicate of `all`/`any`, and calls against the
//! built-in table or the pack's band tables.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::compile::{Errors, blame, content_span, origin};
use super::error::{RuleError, RuleSource};
use super::function::Function;
use super::layer::{Layered, span_of};
use super::memo::Memo;
use super::raw::RawCheck;
use super::scope::Scope;
use super::suggest::{ask, did_you_mean, did_you_mean_help};
use super::{Body, Check, Collection, Example, Examples, Pack, Tolerance};
use crate::expr::{Expr, ExprKind};
use crate::finding::Severity;
use crate::span::Span;

/// Placeholders every message may use besides fact names.
pub const MESSAGE_PLACEHOLDERS: [&str; 5] = ["expected", "actual", "computation", "label", "item"];

/// `ancestors`: packs compiled before `pack` (see [`blame_replacement`]).
pub fn compile_check(
    id: &str,
    layers: &[Layered<RawCheck>],
    pack: &Pack,
    ancestors: &BTreeMap<String, Pack>,
    memo: &Memo,
    errors: &mut Errors,
) -> Option<Check> {
    let first = layers.first()?;
    let mut expression: Option<(&Spanned, &RuleSource)> = None;
    let mut structural: Option<Body> = None;
    let mut check = Check {
        id: id.to_string(),
        title: id.to_string(),
        severity: Severity::Error,
        body: Body::Numbering,
        expression: String::new(),
        message: None,
        help: None,
        rationale: None,
        basis: None,
        tolerance: Tolerance::Rounding,
        examples: Examples::default(),
        origin: origin(&first.pack, &first.source, &first.item.id),
        layers: layers.iter().map(|layer| origin(&layer.pack, &layer.source, &layer.item.id)).collect(),
    };
    for layer in layers {
        let raw = &layer.item;
        let source = &layer.source;
        if let Some(written) = &raw.check {
            expression = Some((written, source));
            structural = None;
            check.origin = origin(&layer.pack, source, &raw.id);
        }
        let body = match (&raw.sections, raw.numbering, raw.units) {
            (Some(sections), _, _) => Some(Body::Sections(
                sections.iter().map(|entry| entry.split('|').map(|word| word.trim().to_string()).collect()).collect(),
            )),
            (None, Some(true), _) => Some(Body::Numbering),
            (None, _, Some(true)) => Some(Body::Units),
            _ => None,
        };
        if let Some(body) = body {
            if raw.check.is_some() {
                errors.push(
                    RuleError::new("rules::two-bodies", format!("检查 `{id}` 既写了 `check:`，又写了结构检查"))
                        .at(source, span_of(&raw.id))
                        .help("一条检查只核对一件事：一个检查式、`sections:`、`numbering: true` 或 `units: true`"),
                );
            }
            expression = None;
            structural = Some(body);
            check.origin = origin(&layer.pack, source, &raw.id);
        }
        if let Some(title) = &raw.title {
            check.title = title.clone();
        }
        if let Some(severity) = &raw.severity {
            match severity.value.as_str() {
                "error" => check.severity = Severity::Error,
                "warning" => check.severity = Severity::Warning,
                "info" => check.severity = Severity::Info,
                other => errors.push(
                    RuleError::new("rules::bad-severity", format!("不认识的严重程度 `{other}`"))
                        .at(source, span_of(severity))
                        .help(
                            did_you_mean_help(other, ["error", "warning", "info"])
                                .unwrap_or_else(|| "严重程度是 error、warning 或 info".into()),
                        ),
                ),
            }
        }
        if let Some(message) = &raw.message {
            validate_message(message, source, pack, errors);
            check.message = Some(message.value.clone());
        }
        if let Some(help) = &raw.help {
            validate_message(help, source, pack, errors);
            check.help = Some(help.value.clone());
        }
        if raw.rationale.is_some() {
            check.rationale = raw.rationale.clone();
        }
        if raw.basis.is_some() {
            check.basis = raw.basis.clone();
        }
        if let Some(tolerance) = &raw.tolerance {
            match tolerance.value.trim() {
                "exact" => check.tolerance = Tolerance::Exact,
                "rounding" => check.tolerance = Tolerance::Rounding,
                slack => match parse_slack(slack) {
                    Some(slack) => check.tolerance = Tolerance::Slack(slack),
                    None => errors.push(
                        RuleError::new("rules::bad-tolerance", format!("容差 `{slack}` 写法有误"))
                            .at(source, span_of(tolerance))
                            .help("容差是 `exact`、`rounding` 或一个不小于零的数量：0.01、0.5%、1万元、100元、0.5分"),
                    ),
                },
            }
        }
        if let Some(examples) = &raw.examples {
            let convert = |list: &[Spanned]| {
                list.iter()
                    .map(|example| Example {
                        text: example.value.clone(),
                        line: example.line,
                        source: source.clone(),
                        span: span_of(example),
                    })
                    .collect()
            };
            check.examples = Examples { pass: convert(&examples.pass), fail: convert(&examples.fail) };
        }
    }
    if let Some(body) = structural {
        check.expression = match &body {
            Body::Sections(sections) => format!(
                "sections: {}",
                sections.iter().map(|alternatives| alternatives.join("|")).collect::<Vec<_>>().join(", ")
            ),
            Body::Numbering => "numbering: true".into(),
            Body::Units => "units: true".into(),
            Body::Expression(_) => String::new(),
        };
        check.body = body;
        return Some(check);
    }
    let Some((written, source)) = expression else {
        errors.push(
            RuleError::new("rules::missing-check", format!("检查 `{id}` 没有 `check:` 检查式"))
                .at(&first.source, span_of(&first.item.id))
                .help("请写出要核对的关系，如 `check: budget.adjusted = budget.initial + budget.adjustment`；若想覆盖继承的检查，请核对编号"),
        );
        return None;
    };
    let content = content_span(source, written);
    let parsed = match memo.expression(&written.value) {
        Ok(parsed) => parsed,
        Err(error) => {
            errors.push(
                RuleError::new("rules::bad-expression", format!("检查式无法解析：{}", error.message))
                    .at(source, error.span.shifted(content.start)),
            );
            return None;
        }
    };
    let mut found = Errors::default();
    Resolver { pack, source, offset: content.start, errors: &mut found }.expression(&parsed, Scope::Top);
    if found.len() == 0 {
        for mismatch in super::kinds::check(&parsed, &written.value, pack) {
            found.push(
                RuleError::new("rules::kind-mismatch", mismatch.message)
                    .at(source, mismatch.span.shifted(content.start))
                    .help(mismatch.help),
            );
        }
    }
    if found.len() > 0 {
        match inherited_reads(id, layers, &parsed, pack, ancestors).and_then(|read| blame(read, &pack.replaced, &found))
        {
            Some(blamed) => {
                let origin = format!("{}:{}", check.origin.file, check.origin.line);
                errors.push(blamed.merge(found, &format!("检查 `{id}`"), origin));
            }
            None => errors.extend(found),
        }
        return None;
    }
    check.body = Body::Expression(parsed);
    check.expression = written.value.clone();
    Some(check)
}

type Spanned = super::spanned::Spanned<String>;

/// When a check `pack` inherits unchanged fails to compile in `pack` but
/// compiled in the pack it comes from, the mistake is in what `pack`
/// replaced (a collection without a field the check reads, a fact of
/// another kind): the error belongs there, not in the parent's file. The
/// names such a check reads, to find the replacement among.
fn inherited_reads(
    id: &str,
    layers: &[Layered<RawCheck>],
    expr: &Expr,
    pack: &Pack,
    ancestors: &BTreeMap<String, Pack>,
) -> Option<Vec<String>> {
    if layers.iter().any(|layer| layer.pack == pack.id) {
        return None;
    }
    let from = layers.last().and_then(|layer| ancestors.get(&layer.pack))?;
    from.check(id)?;
    let mut read = Vec::new();
    expr.walk(&mut |node| match &node.kind {
        ExprKind::Path(segments) => {
            read.push(segments.join("."));
            read.extend(segments.first().cloned());
        }
        ExprKind::Call { name, .. } => read.push(name.clone()),
        _ => {}
    });
    Some(read)
}

/// A slack as written (`0.5%`, `1万元`) → in the units figures are compared
/// in: ratios as fractions, money in 元.
fn parse_slack(written: &str) -> Option<Decimal> {
    let units: [(&str, Decimal); 6] = [
        ("%", Decimal::new(1, 2)),
        ("万元", Decimal::from(10_000)),
        ("亿元", Decimal::from(100_000_000)),
        ("元", Decimal::ONE),
        ("分", Decimal::ONE),
        ("", Decimal::ONE),
    ];
    let (digits, factor) = units
        .iter()
        .find_map(|(suffix, factor)| written.strip_suffix(suffix).map(|digits| (digits.trim(), *factor)))?;
    let value = digits.parse::<Decimal>().ok()?.checked_mul(factor)?;
    (value >= Decimal::ZERO).then_some(value)
}

fn validate_message(message: &Spanned, source: &RuleSource, pack: &Pack, errors: &mut Errors) {
    let content = content_span(source, message);
    let text = &message.value;
    let mut rest = 0;
    let find_from = |from: usize, wanted: char| {
        text.get(from..).and_then(|tail| tail.find(wanted)).map(|at| from.saturating_add(at))
    };
    while let Some(open) = find_from(rest, '{') {
        let Some(close) = find_from(open, '}') else { break };
        // `{` is one byte: the name starts right after it.
        let name = text.get(open.saturating_add(1)..close).unwrap_or_default();
        rest = close.saturating_add(1);
        if MESSAGE_PLACEHOLDERS.contains(&name) || pack.facts.contains_key(name) {
            continue;
        }
        let candidates = MESSAGE_PLACEHOLDERS.iter().copied().chain(pack.facts.keys().map(String::as_str));
        let mut error = RuleError::new("rules::unknown-placeholder", format!("提示信息里的占位符 `{{{name}}}` 不存在"))
            .at(source, Span::new(content.start.saturating_add(open), content.start.saturating_add(rest)))
            .label("既不是事实名，也不是 {expected} {actual} {computation} {label} {item} 之一");
        if let Some(suggestion) = did_you_mean(name, candidates) {
            error = error.help(ask(&format!("{{{suggestion}}}")));
        }
        errors.push(error);
    }
}

struct Resolver<'a, 'e> {
    pack: &'a Pack,
    source: &'a RuleSource,
    offset: usize,
    errors: &'e mut Errors,
}

impl<'a> Resolver<'a, '_> {
    fn error(&mut self, code: &'static str, message: String, span: Span, help: Option<String>) {
        let mut error = RuleError::new(code, message).at(self.source, span.shifted(self.offset));
        if let Some(help) = help {
            error = error.help(help);
        }
        self.errors.push(error);
    }

    fn expression(&mut self, expr: &Expr, scope: Scope<'a>) {
        match &expr.kind {
            ExprKind::Number { .. } | ExprKind::Text(_) | ExprKind::Boolean(_) => {}
            ExprKind::Path(segments) => self.path(segments, expr.span, scope),
            ExprKind::Unary { operand, .. } => self.expression(operand, scope),
            ExprKind::Binary { left, right, .. } => {
                self.expression(left, scope);
                self.expression(right, scope);
            }
            ExprKind::If { condition, then, otherwise } => {
                self.expression(condition, scope);
                self.expression(then, scope);
                self.expression(otherwise, scope);
            }
            ExprKind::Call { name, name_span, args } => self.call(name, *name_span, args, scope),
        }
    }

    fn path(&mut self, segments: &[String], span: Span, scope: Scope<'a>) {
        let name = segments.join(".");
        if let (Some(fields), Some(whose), Some(("it", field))) = (scope.fields(), scope.owner(), name.split_once('.'))
        {
            if !fields.contains_key(field) {
                let names = || fields.keys().map(String::as_str);
                let help = did_you_mean(field, names())
                    .map(|suggestion| ask(&format!("it.{suggestion}")))
                    .or_else(|| Some(format!("`{whose}` 的字段有：{}", names().collect::<Vec<_>>().join("、"))));
                self.error("rules::unknown-field", format!("`{whose}` 没有字段 `{field}`"), span, help);
            }
            return;
        }
        if self.pack.facts.contains_key(&name) || self.pack.constants.contains_key(&name) {
            return;
        }
        if let Some((collection, _)) =
            name.split_once('.').filter(|(first, _)| self.pack.collections.contains_key(*first))
        {
            let help = Some(format!("集合的字段要在汇总函数里读：`sum({name})`，或 `all({collection}, it.…)`"));
            self.error("rules::collection-outside-aggregate", format!("`{name}` 是集合的字段"), span, help);
            return;
        }
        let candidates = self.pack.facts.keys().chain(self.pack.constants.keys()).map(String::as_str);
        let help = did_you_mean(&name, candidates).map(ask);
        let help = help.or_else(|| Some("请在本规则包或它继承的规则包的 `facts:` 或 `constants:` 下声明它".into()));
        self.error("rules::unknown-fact", format!("事实 `{name}` 没有定义"), span, help);
    }

    fn call(&mut self, name: &str, name_span: Span, args: &[Expr], scope: Scope<'a>) {
        if self.pack.bands.contains_key(name) {
            if args.len() != 1 {
                self.error(
                    "rules::arity",
                    format!("分档表 `{name}` 只取 1 个参数，这里写了 {} 个", args.len()),
                    name_span,
                    None,
                );
            }
            args.iter().for_each(|arg| self.expression(arg, scope));
            return;
        }
        let Some(function) = Function::lookup(name) else {
            let candidates = Function::NAMES.iter().copied().chain(self.pack.bands.keys().map(String::as_str));
            let help = did_you_mean(name, candidates).map(ask);
            let help = help
                .or_else(|| Some(format!("函数有：{}；分档表有：{}", Function::NAMES.join("、"), self.band_list())));
            self.error("rules::unknown-function", format!("函数 `{name}` 不存在"), name_span, help);
            return;
        };
        let (fewest, most) = function.arity();
        if args.len() < fewest || args.len() > most {
            let wanted = if fewest == most {
                fewest.to_string()
            } else if most == usize::MAX {
                format!("至少 {fewest}")
            } else {
                format!("{fewest} 到 {most}")
            };
            self.error(
                "rules::arity",
                format!("`{name}` 取 {wanted} 个参数，这里写了 {} 个", args.len()),
                name_span,
                None,
            );
            return;
        }
        if !function.takes_collection() {
            args.iter().for_each(|arg| self.expression(arg, scope));
            return;
        }
        let Some(first) = args.first() else { return };
        let ExprKind::Path(segments) = &first.kind else {
            self.error("rules::expected-collection", format!("`{name}` 的第一个参数应是集合"), first.span, None);
            return;
        };
        if let (Scope::Item(collection), ["it", "parts", rest @ ..]) =
            (scope, segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice())
        {
            self.parts(name, function, collection, rest, first.span, args);
            return;
        }
        let collection_name = segments.first().map(String::as_str).unwrap_or_default();
        let Some(collection) = self.pack.collections.get(collection_name) else {
            let help = did_you_mean(collection_name, self.pack.collections.keys().map(String::as_str)).map(ask);
            self.error("rules::unknown-collection", format!("集合 `{collection_name}` 不存在"), first.span, help);
            return;
        };
        match (function, segments.len(), segments.get(1)) {
            (Function::Sum, 1, _) if args.len() == 2 => {}
            (Function::Sum, 2, Some(field)) if args.len() == 1 => {
                if !collection.fields.contains_key(field) {
                    let help = did_you_mean(field, collection.fields.keys().map(String::as_str))
                        .map(|suggestion| ask(&format!("{collection_name}.{suggestion}")))
                        .or_else(|| Some(format!("`{collection_name}` 的字段有：{}", field_list(collection))));
                    self.error(
                        "rules::unknown-field",
                        format!("`{collection_name}` 没有字段 `{field}`"),
                        first.span,
                        help,
                    );
                }
            }
            (Function::Sum, ..) => {
                let message =
                    format!("`sum` 要写 `{collection_name}.字段`，或 `{collection_name}` 加一个关于 `it` 的算式");
                self.error("rules::expected-field", message, first.span, None);
            }
            (_, 1, _) => {}
            _ => self.error(
                "rules::expected-collection",
                format!("`{name}` 只取集合本身 `{collection_name}`"),
                first.span,
                None,
            ),
        }
        if let Some(predicate) = args.get(1) {
            self.expression(predicate, Scope::Item(collection));
        }
    }

    /// An aggregate over the current item's parts: `count(it.parts)`,
    /// `sum(it.parts.points)`, `sum(it.parts, …)`, `all(it.parts, …)`.
    fn parts(
        &mut self,
        name: &str,
        function: Function,
        collection: &'a Collection,
        rest: &[&str],
        span: Span,
        args: &[Expr],
    ) {
        if collection.parts.is_empty() {
            let message = format!("`{}` 的条目没有下级条目（parts）", collection.name);
            let help = Some("请在集合的 `parts:` 下声明下级条目的字段".into());
            self.error("rules::unknown-field", message, span, help);
            return;
        }
        match (function, rest) {
            (Function::Sum, [field]) if args.len() == 1 => {
                if !collection.parts.contains_key(*field) {
                    let list: Vec<&str> = collection.parts.keys().map(String::as_str).collect();
                    let help = did_you_mean(field, list.iter().copied())
                        .map(|suggestion| ask(&format!("it.parts.{suggestion}")))
                        .or_else(|| Some(format!("下级条目的字段有：{}", list.join("、"))));
                    self.error("rules::unknown-field", format!("下级条目没有字段 `{field}`"), span, help);
                }
            }
            (_, []) if function != Function::Sum || args.len() == 2 => {}
            _ => self.error("rules::expected-collection", format!("`{name}` 在这里取 `it.parts`"), span, None),
        }
        if let Some(each) = args.get(1) {
            self.expression(each, Scope::Parts(collection));
        }
    }

    fn band_list(&self) -> String {
        let names: Vec<&str> = self.pack.bands.keys().map(String::as_str).collect();
        if names.is_empty() { "无".into() } else { names.join("、") }
    }
}

fn field_list(collection: &Collection) -> String {
    collection.fields.keys().map(String::as_str).collect::<Vec<_>>().join("、")
}
