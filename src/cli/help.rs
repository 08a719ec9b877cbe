//! help: the derived clap command → the same command speaking Chinese.
//!
//! clap writes its own words into help: `Usage:`, the headings
//! `Arguments:`, `Options:` and `Commands:`, `[OPTIONS]`, the lines of
//! `-h/--help` and `-V/--version`, `[default: …]`, `[possible values: …]`
//! and a `help` subcommand. Each is replaced here, for every command of the
//! tree: a help template of its own sections with Chinese headings (clap
//! appends an ASCII colon to a heading it writes, so the template writes
//! them), help and version flags of our own, the subcommand placeholder
//! `命令`, and a usage line rendered once and stored with `[OPTIONS]`
//! written `[选项]`, which errors show too. Default and possible values are
//! hidden: each argument's own help names them in Chinese. Only flags,
//! value names and what a user types stay as they are.
//!
//! The `help` subcommand is the [`Command::Help`](super::Command) variant,
//! so that it too has a Chinese description; [`help_of`] renders the help
//! of any command path it names.

use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;

/// The whole command tree, in Chinese, built and ready to parse.
pub fn command() -> Command {
    let mut command = localize(Cli::command(), true);
    command.build();
    store_usage(&mut command);
    command
}

/// The help text of the command `path` names below `reportlint`
/// (`["rules", "test"]`), or the first name that is no subcommand.
pub fn help_of(path: &[String]) -> Result<String, String> {
    let mut command = command();
    let mut current = &mut command;
    for name in path {
        current = current.find_subcommand_mut(name).ok_or_else(|| name.clone())?;
    }
    Ok(current.render_help().to_string())
}

fn localize(command: Command, root: bool) -> Command {
    let template = template(&command);
    let mut command = command
        .help_template(template)
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .mut_args(|arg| {
            if arg.get_action().takes_values() { arg.hide_possible_values(true).hide_default_value(true) } else { arg }
        })
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助"));
    if root {
        command = command
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本号"));
    }
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| localize(sub, false));
    }
    command
}

/// clap's default template with Chinese headings, and only the sections
/// `command` has (every command has options: `-h`).
fn template(command: &Command) -> String {
    let mut template = String::from("{before-help}{about-with-newline}\n用法：{usage}\n\n");
    if command.has_subcommands() {
        template.push_str("命令：\n{subcommands}\n\n");
    }
    if command.get_positionals().next().is_some() {
        template.push_str("参数：\n{positionals}\n\n");
    }
    template.push_str("选项：\n{options}{after-help}");
    template
}

/// The deepest command `args` (the command line, program name first)
/// names: `reportlint rules show x` → `rules show`.
pub fn named<'a>(command: &'a Command, args: &[std::ffi::OsString]) -> &'a Command {
    let mut current = command;
    for arg in args.iter().skip(1) {
        match arg.to_str().and_then(|name| current.find_subcommand(name)) {
            Some(sub) => current = sub,
            None if arg.to_str().is_some_and(|arg| arg.starts_with('-')) => {}
            None => break,
        }
    }
    current
}

/// The usage line stored for `command` (`reportlint lint [选项] <路径>...`).
pub fn usage(command: &Command) -> String {
    command.get_overridden_usage().map(ToString::to_string).unwrap_or_default()
}

/// Renders each command's usage once its bin name is known (after
/// [`Command::build`]) and stores it with `[OPTIONS]` in Chinese, so that
/// help and the usage lines of errors agree.
fn store_usage(command: &mut Command) {
    let rendered = command.render_usage().to_string();
    let usage = rendered.strip_prefix("Usage:").unwrap_or(&rendered).trim().replace("[OPTIONS]", "[选项]");
    *command = std::mem::take(command).override_usage(usage);
    command.get_subcommands_mut().for_each(store_usage);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_chinese_usage_and_headings() {
        let help = help_of(&["lint".to_owned()]).unwrap_or_default();
        assert!(help.contains("用法：reportlint lint [选项] <路径>..."), "{help}");
        assert!(help.contains("参数：\n") && help.contains("选项：\n") && !help.contains("命令："), "{help}");
        assert!(help.contains("-h, --help") && help.contains("显示帮助"), "{help}");
        let root = help_of(&[]).unwrap_or_default();
        assert!(root.contains("用法：reportlint <命令>") && root.contains("命令：\n"), "{root}");
        assert!(root.contains("-V, --version"), "{root}");
    }

    #[test]
    fn the_command_line_names_the_deepest_command() {
        let command = command();
        let args = |line: &str| line.split(' ').map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(named(&command, &args("reportlint rules show x")).get_name(), "show");
        assert_eq!(named(&command, &args("reportlint lint --bogus a.txt")).get_name(), "lint");
        assert_eq!(named(&command, &args("reportlint lnt")).get_name(), "reportlint");
        assert_eq!(usage(named(&command, &args("reportlint facts"))), "reportlint facts [选项] <路径>");
    }

    #[test]
    fn a_path_that_names_no_command_says_which_name() {
        assert_eq!(help_of(&["rules".to_owned(), "tset".to_owned()]), Err("tset".to_owned()));
    }
}
