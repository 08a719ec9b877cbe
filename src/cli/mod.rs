//! Command-line arguments and dispatch. Everything that touches the
//! terminal, files named by the user and exit codes lives under `cli`.

mod facts;
mod lint;
mod output;
mod overlap;
mod rules;
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

/// Where the rules come from, shared by every subcommand.
#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// A pack folder (with pack.yaml) or a folder of packs, instead of the embedded packs.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
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
