//! usage_error: a clap error → what `reportlint` prints, in Chinese.
//!
//! clap's own messages are English (`unexpected argument '--bogus' found`).
//! Its error carries the kind and the context (the argument, the value, the
//! accepted values, a suggestion, the usage line), so each kind is written
//! here as one Chinese sentence naming the offending argument, then a
//! suggestion where clap has one, and the usage line of the command the
//! command line named and where to read more of it:
//!
//! ```text
//! 错误：不认识的选项 --verbos
//! 提示：您是否想写 --verbose？
//! 用法：reportlint lint [选项] <路径>...
//! 查看全部选项：reportlint lint --help
//! ```
//!
//! A request for help or the version is not an error: its text goes to
//! standard output with exit code 0 ([`Outcome::Print`]). Every error is
//! exit code 2.

use clap::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::help;

/// What to do with a clap error.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Help or the version, asked for: standard output, exit code 0.
    Print(String),
    /// Help shown because nothing was asked (`reportlint rules`), or an
    /// error: standard error, exit code 2.
    Fail(String),
}

/// What to print for `error`, raised while parsing for `command` (the one
/// the command line named, [`help::named`]).
pub fn outcome(error: &clap::Error, command: &Command) -> Outcome {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Outcome::Print(error.render().to_string()),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Outcome::Fail(error.render().to_string()),
        _ => Outcome::Fail(message(error, command)),
    }
}

/// The error's sentence, a suggestion, the usage line and where help is.
fn message(error: &clap::Error, command: &Command) -> String {
    let mut out = format!("错误：{}\n", sentence(error));
    let suggested: Vec<String> =
        [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
            .into_iter()
            .flat_map(|kind| texts(error.get(kind)))
            .collect();
    if !suggested.is_empty() {
        out.push_str(&format!("提示：您是否想写 {}？\n", suggested.join(" 或 ")));
    }
    let usage = help::usage(command);
    let name: Vec<&str> = usage.split_whitespace().take_while(|word| !word.starts_with(['[', '<'])).collect();
    let name = if name.is_empty() { command.get_name().to_owned() } else { name.join(" ") };
    // clap's tip for an unknown `-x` with no near option: it may be a file.
    if error.kind() == ErrorKind::UnknownArgument && error.get(ContextKind::Suggested).is_some() {
        if let Some(argument) = texts(error.get(ContextKind::InvalidArg)).first() {
            out.push_str(&format!("提示：如果 {argument} 是文件名，请这样写：{name} -- {argument}\n"));
        }
    }
    if !usage.is_empty() {
        out.push_str(&format!("用法：{usage}\n"));
    }
    out.push_str(&format!("查看全部选项：{name} --help\n"));
    out
}

/// One sentence saying what is wrong, naming the argument.
fn sentence(error: &clap::Error) -> String {
    let argument = texts(error.get(ContextKind::InvalidArg)).join("、");
    let value = texts(error.get(ContextKind::InvalidValue)).join(" ");
    let valid = texts(error.get(ContextKind::ValidValue)).join("、");
    let subcommand = texts(error.get(ContextKind::InvalidSubcommand)).join(" ");
    match error.kind() {
        ErrorKind::UnknownArgument if argument.starts_with('-') => format!("不认识的选项 {argument}"),
        ErrorKind::UnknownArgument => format!("多余的参数 {argument}：此命令不需要它"),
        ErrorKind::InvalidValue if value.is_empty() => format!("{argument} 后面缺少值"),
        ErrorKind::InvalidValue if valid.is_empty() => format!("{argument} 的值“{value}”无效"),
        ErrorKind::InvalidValue => format!("{argument} 的值“{value}”无效，可选的值：{valid}"),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error).map(|source| format!("：{source}")).unwrap_or_default();
            format!("{argument} 的值“{value}”无效{reason}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {argument}"),
        ErrorKind::InvalidSubcommand => format!("没有子命令 {subcommand}"),
        ErrorKind::MissingSubcommand => {
            let valid = texts(error.get(ContextKind::ValidSubcommand)).join("、");
            format!("{subcommand} 后面缺少子命令，可选的子命令：{valid}")
        }
        ErrorKind::ArgumentConflict => {
            let prior = texts(error.get(ContextKind::PriorArg));
            if prior.is_empty() || prior.contains(&argument) {
                format!("选项 {argument} 只能用一次")
            } else {
                format!("选项 {argument} 不能与 {} 同时使用", prior.join("、"))
            }
        }
        ErrorKind::TooManyValues => format!("{argument} 多了一个值“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("{argument} 的值的个数不对"),
        ErrorKind::NoEquals => format!("{argument} 的值要用 = 连接，如 {argument}=值"),
        ErrorKind::InvalidUtf8 => "命令行参数不是有效的 UTF-8 文本".to_owned(),
        ErrorKind::Io | ErrorKind::Format => "无法输出帮助".to_owned(),
        _ => "命令行参数有误".to_owned(),
    }
}

/// The strings a context value holds, without styles.
fn texts(value: Option<&ContextValue>) -> Vec<String> {
    match value {
        Some(ContextValue::String(text)) => vec![text.clone()],
        Some(ContextValue::Strings(texts)) => texts.clone(),
        Some(ContextValue::StyledStr(text)) => vec![text.to_string()],
        Some(ContextValue::StyledStrs(texts)) => texts.iter().map(ToString::to_string).collect(),
        Some(ContextValue::Number(number)) => vec![number.to_string()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(args: &[&str]) -> String {
        let command = help::command();
        let line: Vec<std::ffi::OsString> = args.iter().map(std::ffi::OsString::from).collect();
        match command.clone().try_get_matches_from(args) {
            Ok(_) => String::new(),
            Err(error) => match outcome(&error, help::named(&command, &line)) {
                Outcome::Fail(text) => text,
                Outcome::Print(text) => format!("（标准输出）{text}"),
            },
        }
    }

    #[test]
    fn an_unknown_option_is_named_with_a_suggestion_and_the_usage() {
        insta::assert_snapshot!(fail(&["reportlint", "lint", "--verbos", "a.txt"]), @"
        错误：不认识的选项 --verbos
        提示：您是否想写 --verbose？
        用法：reportlint lint [选项] <路径>...
        查看全部选项：reportlint lint --help
        ");
    }

    #[test]
    fn an_unknown_option_far_from_any_may_be_a_file() {
        insta::assert_snapshot!(fail(&["reportlint", "facts", "--草稿.txt"]), @"
        错误：不认识的选项 --草稿.txt
        提示：如果 --草稿.txt 是文件名，请这样写：reportlint facts -- --草稿.txt
        用法：reportlint facts [选项] <路径>
        查看全部选项：reportlint facts --help
        ");
    }

    #[test]
    fn zero_jobs_says_why() {
        let text = fail(&["reportlint", "lint", "--jobs", "0", "a.txt"]);
        assert!(text.starts_with("错误：--jobs <数量> 的值“0”无效：须为 1 或更大的整数\n"), "{text}");
    }

    #[test]
    fn help_and_version_are_printed_not_failed() {
        let command = help::command();
        let help = command.clone().try_get_matches_from(["reportlint", "--help"]);
        assert!(
            matches!(help.map_err(|error| outcome(&error, &command)), Err(Outcome::Print(text)) if text.contains("用法："))
        );
    }
}
