//! `reportlint facts PATH`: every fact the engine read, so that a rule
//! author sees what the patterns found and where. Columns are padded by
//! terminal width (`cli::width`), so Chinese labels and values line up.

use std::fmt::Write as _;
use std::path::PathBuf;

use reportlint::extract::{self, Facts, Mention, Value};
use reportlint::span::LineIndex;
use reportlint::terminal::escape;
use reportlint::terminal::width::{pad, width};
use reportlint::{report, source};

use super::output::{emit, linter};
use super::{EXIT_CLEAN, EXIT_UNREADABLE, Format, RuleArgs};

#[derive(Debug, clap::Args)]
pub struct FactsArgs {
    /// 要读取的报告
    #[arg(value_name = "路径")]
    path: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
    /// 输出格式：human（默认，供人阅读）或 json
    #[arg(long, value_enum, default_value = "human", value_name = "格式")]
    format: Format,
}

pub fn run(args: FactsArgs) -> u8 {
    let linter = match linter(&args.rules) {
        Ok(linter) => linter,
        Err(code) => return code,
    };
    let document = match source::load(&args.path) {
        Ok(document) => document,
        Err(error) => {
            eprintln!("错误：无法读取 {}：{error}", args.path.display());
            return EXIT_UNREADABLE;
        }
    };
    let Some((pack, _)) = linter.pack_for(&document.text) else { return EXIT_UNREADABLE };
    let report = report::parse(&document);
    let facts = extract::extract(pack, &report);
    match args.format {
        Format::Json => emit(&format!("{}\n", serde_json::to_string_pretty(&facts).unwrap_or_default())),
        Format::Human => emit(&escape(&human(&facts, &document.text, &pack.id, pack))),
    }
    EXIT_CLEAN
}

fn human(facts: &Facts, text: &str, pack_id: &str, pack: &reportlint::rules::Pack) -> String {
    let index = LineIndex::new(text);
    let mut out = format!("规则包 {pack_id}\n");
    scope(&mut out, facts, text, &index, pack, "");
    for reading in &facts.forms {
        let position = index.position(text, reading.span.start);
        let _ = writeln!(out, "\n{}（第 {} 行起）", reading.title, position.line);
        scope(&mut out, &reading.facts, text, &index, pack, "  ");
    }
    out
}

/// The facts and collections of one scope, each line indented by `indent`;
/// the name and label columns as wide as their widest entry.
fn scope(out: &mut String, facts: &Facts, text: &str, index: &LineIndex, pack: &reportlint::rules::Pack, indent: &str) {
    let label = |name: &str| pack.facts.get(name).map_or(name.to_owned(), |fact| fact.label.clone());
    let name_width = facts.values.keys().map(|name| width(name)).max().unwrap_or_default();
    let label_width = facts.values.keys().map(|name| width(&label(name))).max().unwrap_or_default();
    for (name, mentions) in &facts.values {
        let label = label(name);
        for mention in mentions {
            let (name, label) = (pad(name, name_width), pad(&label, label_width));
            let _ = writeln!(out, "{indent}{name}  {label}  {}", describe(mention, text, index));
        }
    }
    let empty: Vec<&str> =
        facts.collections.iter().filter(|(_, items)| items.is_empty()).map(|(name, _)| name.as_str()).collect();
    for (name, items) in facts.collections.iter().filter(|(_, items)| !items.is_empty()) {
        let cut = if facts.incomplete.contains(name) { "（表格中断，不完整）" } else { "" };
        let _ = writeln!(out, "{indent}{name}：{} 条{cut}", items.len());
        for (number, item) in items.iter().enumerate() {
            for (field, mention) in &item.fields {
                let place = number.saturating_add(1);
                let _ = writeln!(out, "{indent}  [{place}] {} {}", pad(field, 12), describe(mention, text, index));
            }
            for part in &item.parts {
                let fields: Vec<String> =
                    part.fields.iter().map(|(field, mention)| format!("{field}={}", short(mention))).collect();
                let _ = writeln!(out, "{indent}      · {}", fields.join(" "));
            }
        }
    }
    if !empty.is_empty() {
        let _ = writeln!(out, "{indent}没有读到的集合：{}", empty.join("、"));
    }
}

fn short(mention: &Mention) -> String {
    match &mention.value {
        Value::Figure(number) => format!("{}{}", number.value, reportlint::eval::unit::suffix(&number.unit)),
        Value::Text(text) => text.clone(),
        Value::Empty => "（未填写）".into(),
    }
}

fn describe(mention: &Mention, text: &str, index: &LineIndex) -> String {
    let position = index.position(text, mention.span.start);
    let value = match &mention.value {
        Value::Figure(number) => {
            let unit = reportlint::eval::unit::suffix(&number.unit);
            let relation = reportlint::eval::relation_symbol(number.relation);
            format!("{relation}{}{unit}（{} 位小数）", number.value, number.decimals)
        }
        Value::Text(text) => format!("“{text}”"),
        Value::Empty => "（未填写）".into(),
    };
    let source = text.get(mention.span.start..mention.span.end).unwrap_or_default().replace('\n', "⏎");
    let place = format!("{}:{}", position.line, position.column);
    format!("{}  {}  「{source}」", pad(&value, 24), pad(&place, 6))
}
