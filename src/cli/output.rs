//! Printing: colour choice, rule-load errors as miette diagnostics; and
//! the one way every command loads its rules (the embedded packs, the
//! folders of reportlint.toml and of `--rules`, the pack of `--pack` or of
//! the configuration).

use std::io::IsTerminal;
use std::path::PathBuf;

use miette::{GraphicalReportHandler, GraphicalTheme};
use reportlint::lint::Linter;
use reportlint::rules::{RuleError, RuleErrors, RuleSet};
use reportlint::terminal::{Escaped, chinese_help};

use super::config::{self, Config};
use super::{ColorChoice, EXIT_UNREADABLE, RuleArgs, RuleSources};

/// Colour only for a terminal, and never with NO_COLOR set.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    }
}

pub fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|columns| columns.parse().ok()).unwrap_or(100)
}

/// Loads the embedded packs and adds the packs of the configuration's
/// folders and of `--rules`; on failure prints every problem and gives the
/// exit code.
pub fn load_rules(sources: &RuleSources) -> Result<RuleSet, u8> {
    let config = find_config(sources)?;
    load_folders(config.as_ref(), sources)
}

/// The rules, and the pack for every report: `--pack`, else the
/// configuration's `pack`, else none (each report's is detected).
pub fn load_rules_and_pack(args: &RuleArgs) -> Result<(RuleSet, Option<String>), u8> {
    let config = find_config(&args.sources)?;
    let rules = load_folders(config.as_ref(), &args.sources)?;
    let pack = match (&args.pack, config) {
        (Some(pack), _) => Some(pack.clone()),
        (None, Some(Config { pack: Some((pack, span)), source, .. })) => {
            if rules.pack(&pack).is_none() {
                let known = rules.packs.keys().map(String::as_str).collect::<Vec<_>>().join("、");
                let error = RuleError::new("config::unknown-pack", format!("配置的默认规则包 `{pack}` 不存在"))
                    .at(&source, span)
                    .label("没有这个编号的规则包")
                    .help(format!("已有的规则包：{known}"));
                return Err(print_errors(&RuleErrors(vec![error]), &format!("配置文件 {} ", source.name)));
            }
            Some(pack)
        }
        (None, _) => None,
    };
    Ok((rules, pack))
}

/// The rules and the pack of the command line as a linter, or the exit
/// code after printing why not.
pub fn linter(args: &RuleArgs) -> Result<Linter, u8> {
    let (rules, pack) = load_rules_and_pack(args)?;
    let linter = Linter::new(rules);
    match &pack {
        None => Ok(linter),
        Some(pack) => linter.with_pack(pack).map_err(|error| {
            eprintln!("错误：{error}");
            EXIT_UNREADABLE
        }),
    }
}

fn find_config(sources: &RuleSources) -> Result<Option<Config>, u8> {
    config::find(sources.config.as_deref(), sources.no_config).map_err(|errors| {
        let name = sources.config.as_ref().map_or(config::FILE_NAME.into(), |path| path.display().to_string());
        print_errors(&RuleErrors(errors), &format!("配置文件 {name} "))
    })
}

/// The configuration's folders, then `--rules`, each once (a folder named
/// twice would otherwise give each of its packs twice).
fn load_folders(config: Option<&Config>, sources: &RuleSources) -> Result<RuleSet, u8> {
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut seen = Vec::new();
    for folder in config.map_or(&[][..], |config| &config.folders).iter().chain(&sources.rules) {
        let identity = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.clone());
        if !seen.contains(&identity) {
            seen.push(identity);
            folders.push(folder.clone());
        }
    }
    reportlint::rules::load_with_embedded(&folders).map_err(|errors| print_errors(&errors, "规则文件"))
}

/// Prints diagnostics and how many there were (`规则文件有 2 处错误。`).
fn print_errors(errors: &RuleErrors, what: &str) -> u8 {
    eprint!("{}", render_rule_errors(errors, use_color_stderr()));
    eprintln!("{what}有 {} 处错误。", errors.0.len());
    EXIT_UNREADABLE
}

/// Writes a command's output to standard output. A closed pipe
/// (`reportlint … | head`) is not an error: the reader has what it wanted.
/// Any other failure (a full disk, `> /dev/full`) ends the run with exit
/// code 2 and says so, so that a truncated output never passes for a whole
/// one; every command but `lint` writes its output once, at its end.
pub fn emit(text: &str) {
    match super::sink::write_stdout(text) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("错误：无法写入标准输出：{}", reportlint::source::io_message(&error));
            std::process::exit(EXIT_UNREADABLE.into());
        }
        _ => {}
    }
}

pub fn use_color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

pub fn render_rule_errors(errors: &RuleErrors, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width()).with_links(false);
    let mut out = String::new();
    for error in &errors.0 {
        // A rule file's names and messages may hold control characters.
        let mut rendered = String::new();
        let _ = handler.render_report(&mut rendered, &Escaped::new(error));
        out.push_str(&chinese_help(&rendered));
    }
    out
}
