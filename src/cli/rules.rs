//! `reportlint rules check|test|list|show|new|schema` and `reportlint
//! explain ID`.
//!
//! Titles, messages and examples come from rule files: what is printed is
//! [`escape`]d, so that a control character in a rule file never reaches
//! the terminal raw.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Subcommand;
use reportlint::rules::label::Label;
use reportlint::rules::{Pack, PackSource, RuleErrors, RuleSet};
use reportlint::terminal::escape;
use reportlint::terminal::width::pad;

use super::ColorChoice;
use super::output::{emit, load_rules, load_rules_and_pack, render_rule_errors, use_color};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE, RuleArgs, RuleSources};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// 载入规则包文件夹，报告其中的每个错误
    Check {
        /// 加入的规则文件夹，同 --rules（内置规则包总会加载）
        #[arg(value_name = "文件夹")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        sources: RuleSources,
    },
    /// 运行每条检查的应通过、应报错示例
    Test {
        /// 加入的规则文件夹，同 --rules（内置规则包总会加载）
        #[arg(value_name = "文件夹")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        sources: RuleSources,
    },
    /// 列出规则包及其检查
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// 显示规则包合并继承后的全部内容，以及每项来自哪个文件
    Show {
        /// 规则包的标识，如 national
        #[arg(value_name = "规则包")]
        pack: String,
        #[command(flatten)]
        sources: RuleSources,
    },
    /// 新建一个地区规则包：包头、一个事实、一条检查（带示例）、一份示例报告和 JSON Schema
    New(super::scaffold::NewArgs),
    /// 输出规则文件的 JSON Schema，供编辑器补全和校验 YAML
    Schema,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// 检查的标识，如 budget-execution-rate
    #[arg(value_name = "检查")]
    id: String,
    #[command(flatten)]
    rules: RuleArgs,
}

/// `rules check DIR` and `rules test DIR`: the folder is one more `--rules`.
fn with_folder(dir: Option<PathBuf>, mut sources: RuleSources) -> RuleSources {
    sources.rules.extend(dir);
    sources
}

pub fn run(command: RulesCommand) -> u8 {
    match command {
        RulesCommand::Check { dir, sources } => match load_rules(&with_folder(dir, sources)) {
            Ok(rules) => {
                let checks: usize = rules.packs.values().map(|pack| pack.checks.len()).sum();
                emit(&format!("规则无误：{} 个规则包，共 {checks} 条检查（含继承）。\n", rules.packs.len()));
                EXIT_CLEAN
            }
            Err(code) => code,
        },
        RulesCommand::Test { dir, sources } => test(&with_folder(dir, sources)),
        RulesCommand::List { rules } => match load_rules(&rules.sources) {
            Ok(rules) => {
                emit(&escape(&list(&rules)));
                EXIT_CLEAN
            }
            Err(code) => code,
        },
        RulesCommand::Show { pack, sources } => match load_rules(&sources) {
            Ok(rules) => match rules.pack(&pack) {
                Some(found) => {
                    emit(&escape(&show(found)));
                    EXIT_CLEAN
                }
                None => {
                    let known: Vec<&str> = rules.packs.keys().map(String::as_str).collect();
                    eprintln!("错误：没有规则包 {pack}；可用的规则包：{}", known.join("、"));
                    EXIT_UNREADABLE
                }
            },
            Err(code) => code,
        },
        RulesCommand::New(args) => super::scaffold::run(args),
        RulesCommand::Schema => {
            emit(&format!("{:#}\n", reportlint::rules::schema()));
            EXIT_CLEAN
        }
    }
}

fn test(sources: &RuleSources) -> u8 {
    let rules = match load_rules(sources) {
        Ok(rules) => under_test(rules),
        Err(code) => return code,
    };
    let (failures, count) = reportlint::examples::run(&rules);
    if !failures.is_empty() {
        let errors = RuleErrors(failures.iter().map(|failure| failure.to_rule_error()).collect());
        emit(&render_rule_errors(&errors, use_color(ColorChoice::Auto)));
    }
    emit(&format!("示例通过 {} 条，失败 {} 条。\n", count.saturating_sub(failures.len()), failures.len()));
    if failures.is_empty() { EXIT_CLEAN } else { EXIT_FINDINGS }
}

/// The packs whose examples `rules test` runs: with no folder added, the
/// embedded packs; else the packs of the folders and every pack that
/// extends one of them, whose inherited checks now stand on it. The
/// embedded packs' own examples pass in the build that ships them, and an
/// author wants the count of their own.
fn under_test(rules: RuleSet) -> RuleSet {
    if rules.packs.values().all(|pack| pack.source == PackSource::Embedded) {
        return rules;
    }
    let mut packs: Vec<Pack> = rules.packs.into_values().collect();
    // Parents are shallower than their children: one pass in depth order
    // sees every parent's verdict before its children.
    packs.sort_by_key(|pack| pack.depth);
    let mut tested = std::collections::BTreeMap::new();
    for pack in packs {
        let on_disk = pack.source != PackSource::Embedded;
        if on_disk || pack.extends.iter().any(|parent| tested.contains_key(parent)) {
            tested.insert(pack.id.clone(), pack);
        }
    }
    RuleSet { packs: tested }
}

fn list(rules: &RuleSet) -> String {
    let mut out = String::new();
    for pack in rules.packs.values() {
        let parents =
            if pack.extends.is_empty() { String::new() } else { format!("（继承 {}）", pack.extends.join("、")) };
        let _ = writeln!(out, "{} — {}{parents}{}", pack.id, pack.title, source(pack));
        for check in &pack.checks {
            let _ = writeln!(out, "  {} {} {}", pad(&check.id, 32), pad(check.severity.chinese(), 4), check.title);
        }
    }
    out
}

/// Where a pack on disk comes from, and the embedded pack it replaces:
/// nothing for an embedded pack.
fn source(pack: &Pack) -> String {
    match &pack.source {
        PackSource::Embedded => String::new(),
        PackSource::Folder { path, replaces_embedded: false } => format!("（来自 {path}）"),
        PackSource::Folder { path, replaces_embedded: true } => {
            format!("（来自 {path}，替换内置规则包 {}）", pack.id)
        }
    }
}

fn show(pack: &Pack) -> String {
    let mut out = format!("规则包：{} — {}\n", pack.id, pack.title);
    if !pack.extends.is_empty() {
        let _ = writeln!(out, "继承（extends）：{}", pack.extends.join("、"));
    }
    let _ = writeln!(out, "识别文字（detect）：{}", pack.detect.join("、"));
    if let PackSource::Folder { path, replaces_embedded } = &pack.source {
        let replaces =
            if *replaces_embedded { format!("（替换内置规则包 {}）", pack.id) } else { String::new() };
        let _ = writeln!(out, "来自：{path}{replaces}");
    }
    let _ = writeln!(out, "\n事实（facts）：");
    for fact in pack.facts.values() {
        let _ = writeln!(out, "  {} ({}, {}) ← {}", fact.name, fact.label, fact.kind.name(), layers(&fact.layers));
        for pattern in &fact.patterns {
            let _ = writeln!(out, "      模式：{}", pattern.source);
        }
        for cell in &fact.cells {
            let _ = writeln!(out, "      单元格：{} × {}", cell.row, cell.column);
        }
    }
    let _ = writeln!(out, "\n集合（collections）：");
    for collection in pack.collections.values() {
        let fields: Vec<&str> = collection.fields.keys().map(String::as_str).collect();
        let _ = writeln!(
            out,
            "  {} ({}) [{}] ← {} ({})",
            collection.name,
            collection.label,
            fields.join(", "),
            collection.origin.pack,
            collection.origin.file
        );
    }
    let _ = writeln!(out, "\n表单（forms）：");
    for form in pack.forms.values() {
        let _ = writeln!(out, "  {} — {} ← {}", form.id, form.title, layers(std::slice::from_ref(&form.origin)));
        if !form.names.is_empty() {
            let _ = writeln!(out, "      名称：{}", Label::join(&form.names, "、"));
        }
        for block in &form.blocks {
            let _ = writeln!(out, "{}", block_summary(block));
        }
    }
    let _ = writeln!(out, "\n惯用说法（idioms）：");
    let idioms = &pack.idioms;
    let mut any = false;
    for (idiom, collection) in [
        ("parts（总数及其组成）", idioms.parts.as_ref().map(|idiom| &idiom.collection)),
        ("changes（比上年增减）", idioms.changes.as_ref().map(|idiom| &idiom.collection)),
        ("lists（个数与列举）", idioms.lists.as_ref().map(|idiom| &idiom.collection)),
    ] {
        if let Some(collection) = collection {
            let _ = writeln!(out, "  {idiom} → {collection}");
            any = true;
        }
    }
    if !any {
        let _ = writeln!(out, "  （无）");
    }
    let _ = writeln!(out, "\n常量（constants）：");
    for (name, value) in &pack.constants {
        let _ = writeln!(out, "  {name} = {value}");
    }
    let _ = writeln!(out, "\n分档（bands）：");
    for (name, bands) in &pack.bands {
        let bands: Vec<String> = bands.iter().map(|band| format!("≥{} {}", band.min, band.label)).collect();
        let _ = writeln!(out, "  {name}: {}", bands.join(", "));
    }
    let _ = writeln!(out, "\n检查（checks）：");
    for check in &pack.checks {
        let _ = writeln!(out, "  {} [{}] {}", check.id, check.severity.chinese(), check.expression.trim());
        let _ = writeln!(out, "      ← {}", layers(&check.layers));
    }
    out
}

/// A form's block: its columns with the labels a header cell may carry,
/// its labelled rows and what they fill, and the collection its items go
/// to.
fn block_summary(block: &reportlint::rules::form::Block) -> String {
    use reportlint::rules::form::RowInto;
    let columns: Vec<String> =
        block.columns.iter().map(|column| format!("{} [{}]", column.field, Label::join(&column.labels, "|"))).collect();
    let mut out = format!("      {}（{}）：{}", block.id, block.title, columns.join("，"));
    for row in &block.rows {
        let into = match &row.into {
            RowInto::Facts(facts) => facts.iter().map(|(_, fact)| fact.as_str()).collect::<Vec<_>>().join(", "),
            RowInto::Item(collection) => collection.clone(),
        };
        let _ = write!(out, "\n          行 {} → {into}", Label::join(&row.labels, "|"));
    }
    if let Some(items) = &block.items {
        let shares = items.shares.as_ref().map(|shares| format!("，分值 → {shares}")).unwrap_or_default();
        let _ = write!(out, "\n          条目 → {}{shares}", items.collection);
    }
    out
}

/// `national (rules/national/facts.yaml:12) + xinjiang-karamay (…)`.
fn layers(origins: &[reportlint::rules::Origin]) -> String {
    let parts: Vec<String> = origins
        .iter()
        .map(|origin| {
            if origin.line > 0 {
                format!("{} ({}:{})", origin.pack, origin.file, origin.line)
            } else {
                format!("{} ({})", origin.pack, origin.file)
            }
        })
        .collect();
    parts.join(" + ")
}

pub fn explain(args: ExplainArgs) -> u8 {
    let (rules, chosen) = match load_rules_and_pack(&args.rules) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let Some(check) = rules.find_check(&args.id, chosen.as_deref()) else {
        eprintln!("错误：没有检查 {}；reportlint rules list 列出全部检查", args.id);
        return EXIT_UNREADABLE;
    };
    let mut out = format!("{} — {}\n", check.id, check.title);
    let _ = writeln!(out, "严重程度：{}（{}）", check.severity.chinese(), check.severity.as_str());
    let _ = writeln!(out, "检查式：  {}", check.expression.trim());
    if let Some(rationale) = &check.rationale {
        let _ = writeln!(out, "理由：    {rationale}");
    }
    if let Some(basis) = &check.basis {
        let _ = writeln!(out, "依据：    {basis}");
    }
    let _ = writeln!(out, "定义于：  {}:{}（规则包 {}）", check.origin.file, check.origin.line, check.origin.pack);
    for example in &check.examples.pass {
        let _ = writeln!(out, "应通过：  {}", example.text.trim());
    }
    for example in &check.examples.fail {
        let _ = writeln!(out, "应报错：  {}", example.text.trim());
    }
    emit(&escape(&out));
    EXIT_CLEAN
}
