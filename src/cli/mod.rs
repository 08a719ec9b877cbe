//! Command-line arguments and dispatch. Everything that touches the
//! terminal, files named by the user and exit codes lives under `cli`.

mod config;
mod facts;
mod lint;
mod output;
mod overlap;
mod rules;
mod scaffold;
mod sink;
mod spool;
mod tables;
mod walk;
mod width;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// 绩效自评报告检查工具：按 YAML 规则核对报告中的数字勾稽关系。
#[derive(Debug, Parser)]
#[command(name = "reportlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint reports (files or folders) and print findings.
    Lint(lint::LintArgs),
    /// Show every fact the engine read from a report.
    Facts(facts::FactsArgs),
    /// Show every table as the engine sees it, and what each form read from it.
    Tables(tables::TablesArgs),
    /// Work with rule packs: check, test, list, show.
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Explain a check: title, rationale, legal basis, expression, examples.
    Explain(rules::ExplainArgs),
}

/// Where the rules come from, shared by every subcommand: the embedded
/// packs, then the folders of reportlint.toml, then those of `--rules`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RuleSources {
    /// 加入规则包：一个规则包文件夹（含 pack.yaml）或装着若干规则包的文件夹，可写多次；内置规则包照常加载，与内置规则包同编号的包替换它
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// 读这个配置文件，而不在当前文件夹及其上级中查找 reportlint.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// 不读 reportlint.toml
    #[arg(long)]
    no_config: bool,
}

/// The rules and the pack to use for every report.
#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    #[command(flatten)]
    sources: RuleSources,
    /// Use this pack for every report instead of detecting the template.
    #[arg(long, value_name = "ID")]
    pack: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Exit codes, as documented in the README.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_UNREADABLE: u8 = 2;

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Facts(args) => facts::run(args),
        Command::Tables(args) => tables::run(args),
        Command::Rules(command) => rules::run(command),
        Command::Explain(args) => rules::explain(args),
    };
    ExitCode::from(code)
}
