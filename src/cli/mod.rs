//! Command-line arguments and dispatch. Everything that touches the
//! terminal, files named by the user and exit codes lives under `cli`.
//! The arguments are parsed by the derived clap command made Chinese
//! ([`help`]); clap's errors are printed as Chinese sentences
//! ([`usage_error`]).

mod annotated;
mod config;
mod facts;
mod help;
mod lint;
mod output;
mod overlap;
mod rules;
mod scaffold;
#[cfg(feature = "serve")]
mod serve;
mod sink;
mod spool;
mod tables;
mod usage_error;
mod walk;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{FromArgMatches, Parser, Subcommand, ValueEnum};

use usage_error::Outcome;

/// 绩效自评报告检查工具：按 YAML 规则核对报告中数字之间的关系
#[derive(Debug, Parser)]
#[command(name = "reportlint", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 检查报告（文件或文件夹），列出发现的问题
    Lint(lint::LintArgs),
    /// 列出从报告中读到的每个数字及其位置
    Facts(facts::FactsArgs),
    /// 显示报告中的每个表格，以及从中读出的表单
    Tables(tables::TablesArgs),
    /// 规则包：检查、测试、列出、显示、新建，输出 JSON Schema
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// 说明一条检查：标题、理由、依据、检查式和示例
    Explain(rules::ExplainArgs),
    /// 启动网页服务：上传报告在浏览器中查看检查结果，另有 JSON 接口
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// 显示本帮助，或某个命令的帮助（如 reportlint help lint）
    Help {
        /// 命令及其子命令，如 rules test
        #[arg(value_name = "命令")]
        command: Vec<String>,
    },
}

/// Where the rules come from, shared by every subcommand: the embedded
/// packs, then the folders of reportlint.toml, then those of `--rules`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RuleSources {
    /// 加入规则包：一个规则包文件夹（含 pack.yaml）或装着若干规则包的文件夹，可写多次；内置规则包照常加载，与内置规则包同编号的包替换它
    #[arg(long, value_name = "文件夹")]
    rules: Vec<PathBuf>,
    /// 读这个配置文件，而不在当前文件夹及其上级中查找 reportlint.toml
    #[arg(long, value_name = "文件", conflicts_with = "no_config")]
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
    /// 所有报告都用此规则包，不按报告内容识别（优先于 reportlint.toml 的 pack）
    #[arg(long, value_name = "规则包")]
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
    let mut command = help::command();
    let args: Vec<OsString> = std::env::args_os().collect();
    let parsed = command.try_get_matches_from_mut(&args).and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return ExitCode::from(usage(&error, help::named(&command, &args))),
    };
    let code = match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Facts(args) => facts::run(args),
        Command::Tables(args) => tables::run(args),
        Command::Rules(command) => rules::run(command),
        Command::Explain(args) => rules::explain(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
        Command::Help { command } => match help::help_of(&command) {
            Ok(text) => {
                output::emit(&text);
                EXIT_CLEAN
            }
            Err(name) => {
                eprintln!("错误：没有子命令 {name}\n查看全部命令：reportlint --help");
                EXIT_UNREADABLE
            }
        },
    };
    ExitCode::from(code)
}

/// Prints what clap found wrong (or the help it was asked for) in Chinese;
/// the exit code.
fn usage(error: &clap::Error, command: &clap::Command) -> u8 {
    match usage_error::outcome(error, command) {
        Outcome::Print(text) => {
            output::emit(&text);
            EXIT_CLEAN
        }
        Outcome::Fail(text) => {
            eprint!("{text}");
            EXIT_UNREADABLE
        }
    }
}
