//! Printing: colour choice, rule-load errors as miette diagnostics.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme};
use reportlint::lint::Linter;
use reportlint::rules::{RuleErrors, RuleSet};
use reportlint::terminal::{Escaped, chinese_help};

use super::{ColorChoice, EXIT_UNREADABLE, RuleArgs};

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

/// Loads the embedded packs or `--rules DIR`; on failure prints every
/// problem and gives the exit code.
pub fn load_rules(args: &RuleArgs) -> Result<RuleSet, u8> {
    let loaded = match &args.rules {
        Some(folder) => reportlint::rules::load(folder),
        None => reportlint::rules::load_embedded(),
    };
    loaded.map_err(|errors| {
        eprint!("{}", render_rule_errors(&errors, use_color_stderr()));
        eprintln!("规则文件有 {} 处错误。", errors.0.len());
        EXIT_UNREADABLE
    })
}

/// The rules and `--pack` of the command line as a linter, or the exit code
/// after printing why not.
pub fn linter(args: &RuleArgs) -> Result<Linter, u8> {
    let linter = Linter::new(load_rules(args)?);
    match &args.pack {
        None => Ok(linter),
        Some(pack) => linter.with_pack(pack).map_err(|error| {
            eprintln!("错误：{error}");
            EXIT_UNREADABLE
        }),
    }
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
