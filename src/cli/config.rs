//! `reportlint.toml`: the rule folders and default pack a project keeps
//! beside its reports.
//!
//! Input: the working folder, or the file of `--config FILE`. Output: a
//! [`Config`] (folders to add to the embedded packs, each relative to the
//! file's folder, and the default pack), nothing with `--no-config` or when
//! no file is found, or rule-style diagnostics in Chinese pointing at the
//! key or value that is wrong.
//!
//! ```toml
//! [rules]
//! folders = ["规则/本地区"]
//! pack = "hunan-changsha"
//! ```
//!
//! Found as ruff, typos and taplo find theirs: the nearest `reportlint.toml`
//! in the working folder or one of its parents wins, alone (files are not
//! merged). A key it does not know is an error, not ignored: a misspelt
//! `folder =` would otherwise load no rules and say nothing. The file is
//! parsed with the place of every key and value (toml's `DeTable`), checked
//! against the keys below with a message that names the key where it stands,
//! then read into [`RawConfig`] with serde.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use reportlint::rules::{RuleError, RuleSource, did_you_mean};
use reportlint::span::Span;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The file's name, in every folder it is looked for.
pub const FILE_NAME: &str = "reportlint.toml";

/// A configuration is a few lines; a bigger file is not one.
const MAX_BYTES: u64 = 1 << 20;

/// What a `reportlint.toml` says.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file's text, and its path as found: relative to the working
    /// folder when it was discovered, so that paths in messages stay short.
    pub source: RuleSource,
    /// Rule folders, each a pack folder or a folder of packs, already
    /// joined to the file's folder.
    pub folders: Vec<PathBuf>,
    /// The pack for every report unless `--pack` names one, and where it
    /// is written.
    pub pack: Option<(String, Span)>,
}

/// The file's shape, as serde reads it once the walk has found every key
/// known and every value of its type.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: RawRules,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    folders: Vec<String>,
    pack: Option<Spanned<String>>,
}

/// The keys of each table and the type of each value, for the walk.
const TOP_KEYS: [&str; 1] = ["rules"];
const RULES_KEYS: [&str; 2] = ["folders", "pack"];

/// The configuration in force: `--config FILE`, else the nearest
/// `reportlint.toml` above the working folder, else none (also with
/// `--no-config`).
pub fn find(explicit: Option<&Path>, disabled: bool) -> Result<Option<Config>, Vec<RuleError>> {
    if disabled {
        return Ok(None);
    }
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => match discover() {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    read(&path).map(Some)
}

/// The nearest `reportlint.toml` from the working folder up, written
/// relative to it (`reportlint.toml`, `../../reportlint.toml`).
fn discover() -> Option<PathBuf> {
    let start = std::env::current_dir().ok()?;
    let mut relative = PathBuf::new();
    for folder in start.ancestors() {
        if folder.join(FILE_NAME).is_file() {
            return Some(relative.join(FILE_NAME));
        }
        relative.push(Component::ParentDir);
    }
    None
}

fn read(path: &Path) -> Result<Config, Vec<RuleError>> {
    let unreadable =
        |why: String| vec![RuleError::new("config::io", format!("无法读取配置文件 {}：{why}", path.display()))];
    let bytes = reportlint::source::read_regular(path, MAX_BYTES).map_err(|error| unreadable(error.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| unreadable("不是 UTF-8 文本".to_string()))?;
    let source = RuleSource { name: path.display().to_string(), text: Arc::new(text) };
    parse(path, source)
}

/// toml's parse error in Chinese: the kind of mistake, told by its words
/// (toml has no error kinds); the span drawn under it says where.
fn syntax(message: &str) -> &'static str {
    const KINDS: [(&str, &str); 8] = [
        ("unclosed table", "表头 `[…]` 缺少右方括号"),
        ("unclosed array", "列表 `[…]` 缺少右方括号"),
        ("duplicate key", "同一个键写了两次"),
        ("invalid string", "字符串写法不对：文字要用双引号括起来，引号要配对"),
        ("unterminated", "引号或括号没有配对"),
        ("expected `=`", "键后面应有等号 `=`"),
        ("invalid key", "键的写法不对：键由字母、数字、`-`、`_` 组成，其他文字要加引号"),
        ("expected newline", "一行只能写一个键值"),
    ];
    KINDS
        .iter()
        .find(|(words, _)| message.contains(words))
        .map_or("此处写法不对（键 = 值；文字加双引号；列表写在方括号里）", |(_, chinese)| {
            chinese
        })
}

/// Reads the text of the file at `path`.
fn parse(path: &Path, source: RuleSource) -> Result<Config, Vec<RuleError>> {
    let text = Arc::clone(&source.text);
    let table = DeTable::parse(&text).map_err(|error| {
        let span = error.span().map_or(Span::new(0, 0), |range| Span::new(range.start, range.end));
        vec![
            RuleError::new("config::toml", format!("配置文件不是有效的 TOML：{}", syntax(error.message())))
                .at(&source, span),
        ]
    })?;
    let mut problems = walk(table.get_ref(), &source);
    // The walk goes in key order; the reader reads in line order.
    problems.sort_by_key(|problem| problem.location.as_ref().map(|(_, span)| span.start));
    if !problems.is_empty() {
        return Err(problems);
    }
    // The walk has checked every key and type: serde cannot fail on
    // anything the walk let through, and says why in toml's words if it does.
    let raw = RawConfig::deserialize(toml::de::Deserializer::from(table)).map_err(|error| {
        let span = error.span().map_or(Span::new(0, 0), |range| Span::new(range.start, range.end));
        vec![RuleError::new("config::value", format!("配置有误：{}", error.message().trim())).at(&source, span)]
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    Ok(Config {
        folders: raw.rules.folders.iter().map(|folder| base.join(folder)).collect(),
        pack: raw.rules.pack.map(|pack| {
            let span = Span::new(pack.span().start, pack.span().end);
            (pack.into_inner(), span)
        }),
        source,
    })
}

/// Every unknown key and every value of the wrong type, each at its place.
fn walk(table: &DeTable<'_>, source: &RuleSource) -> Vec<RuleError> {
    let mut problems = Vec::new();
    for (key, value) in table {
        if key.get_ref() != "rules" {
            problems.push(unknown_key(key, "", &TOP_KEYS, source));
            continue;
        }
        let DeValue::Table(rules) = value.get_ref() else {
            problems.push(wrong_type(value, "rules", "一个表（[rules]）", source));
            continue;
        };
        for (key, value) in rules {
            match key.get_ref().as_ref() {
                "folders" => match value.get_ref() {
                    DeValue::Array(folders) => {
                        for folder in folders.iter().filter(|folder| !matches!(folder.get_ref(), DeValue::String(_))) {
                            problems.push(wrong_type(folder, "rules.folders", "文件夹路径（字符串）", source));
                        }
                    }
                    _ => problems.push(wrong_type(value, "rules.folders", "文件夹路径的列表，如 [\"规则\"]", source)),
                },
                "pack" if !matches!(value.get_ref(), DeValue::String(_)) => {
                    problems.push(wrong_type(value, "rules.pack", "规则包编号（字符串）", source));
                }
                "pack" => {}
                _ => problems.push(unknown_key(key, "rules.", &RULES_KEYS, source)),
            }
        }
    }
    problems
}

fn span<T>(value: &Spanned<T>) -> Span {
    Span::new(value.span().start, value.span().end)
}

fn unknown_key(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    table: &str,
    known: &[&str],
    source: &RuleSource,
) -> RuleError {
    let name = key.get_ref();
    let allowed = known.iter().map(|key| format!("{table}{key}")).collect::<Vec<_>>().join("、");
    let mut help = format!("可以写的键：{allowed}");
    if let Some(close) = did_you_mean(name, known.iter().copied()) {
        help = format!("您是否想写 `{table}{close}`？{help}");
    }
    RuleError::new("config::unknown-key", format!("配置文件中没有 `{table}{name}` 这个键"))
        .at(source, span(key))
        .label("不认识的键")
        .help(help)
}

fn wrong_type(value: &Spanned<DeValue<'_>>, key: &str, expected: &str, source: &RuleSource) -> RuleError {
    RuleError::new("config::value", format!("`{key}` 应为{expected}，这里写的是{}", kind(value.get_ref())))
        .at(source, span(value))
        .label("类型不对")
}

fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "字符串",
        DeValue::Integer(_) => "整数",
        DeValue::Float(_) => "小数",
        DeValue::Boolean(_) => "布尔值",
        DeValue::Datetime(_) => "日期时间",
        DeValue::Array(_) => "列表",
        DeValue::Table(_) => "表",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<Config, Vec<RuleError>> {
        let source = RuleSource { name: "项目/reportlint.toml".into(), text: Arc::new(text.into()) };
        parse(Path::new("项目/reportlint.toml"), source)
    }

    #[test]
    fn toml_syntax_errors_are_told_in_chinese() {
        for (text, said) in [
            ("[rules\nfolders = [\"a\"]\n", "表头 `[…]` 缺少右方括号"),
            ("[rules]\nfolders [\"a\"]\n", "键后面应有等号 `=`"),
            ("[rules]\npack = \"x\"\npack = \"y\"\n", "同一个键写了两次"),
        ] {
            let errors = config(text).err().unwrap_or_default();
            let message = errors.first().map(|error| error.message.clone()).unwrap_or_default();
            assert_eq!(message, format!("配置文件不是有效的 TOML：{said}"), "{text}");
        }
    }

    fn messages(text: &str) -> Vec<String> {
        config(text).unwrap_err().iter().map(|error| error.message.clone()).collect()
    }

    #[test]
    fn folders_are_relative_to_the_file_and_the_pack_is_read() {
        let read = config("[rules]\nfolders = [\"规则/本地区\", \"/srv/规则\"]\npack = \"hunan-changsha\"\n").unwrap();
        assert_eq!(read.folders, [PathBuf::from("项目/规则/本地区"), PathBuf::from("/srv/规则")]);
        let (pack, at) = read.pack.unwrap();
        assert_eq!(pack, "hunan-changsha");
        assert_eq!(read.source.text.get(at.start..at.end), Some("\"hunan-changsha\""));
    }

    #[test]
    fn an_empty_file_says_nothing() {
        let read = config("").unwrap();
        assert!(read.folders.is_empty() && read.pack.is_none());
    }

    #[test]
    fn unknown_keys_are_each_named_where_they_stand() {
        let text = "lint = 1\n[rules]\nfolder = [\"规则\"]\npack = \"a\"\n";
        let errors = config(text).unwrap_err();
        let found: Vec<(&str, Option<&str>)> = errors
            .iter()
            .map(|error| {
                let (_, span) = error.location.as_ref().unwrap();
                (error.message.as_str(), text.get(span.start..span.end))
            })
            .collect();
        assert_eq!(
            found,
            [("配置文件中没有 `lint` 这个键", Some("lint")), ("配置文件中没有 `rules.folder` 这个键", Some("folder"))]
        );
        assert_eq!(
            errors[1].help.as_deref(),
            Some("您是否想写 `rules.folders`？可以写的键：rules.folders、rules.pack")
        );
    }

    #[test]
    fn values_of_the_wrong_type_are_named() {
        assert_eq!(
            messages("[rules]\nfolders = \"规则\"\npack = 3\n"),
            [
                "`rules.folders` 应为文件夹路径的列表，如 [\"规则\"]，这里写的是字符串",
                "`rules.pack` 应为规则包编号（字符串），这里写的是整数",
            ]
        );
        assert_eq!(messages("rules = 1\n"), ["`rules` 应为一个表（[rules]），这里写的是整数"]);
        assert_eq!(
            messages("[rules]\nfolders = [\"a\", 2]\n"),
            ["`rules.folders` 应为文件夹路径（字符串），这里写的是整数"]
        );
    }

    #[test]
    fn problems_come_in_line_order() {
        let messages = messages("[rules]\nfolders = \"规则\"\nextra = 1\n");
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with("`rules.folders` 应为"), "{messages:?}");
        assert_eq!(messages[1], "配置文件中没有 `rules.extra` 这个键");
    }

    #[test]
    fn a_syntax_error_is_placed() {
        let errors = config("[rules\n").unwrap_err();
        assert_eq!(errors[0].code, "config::toml");
        assert!(errors[0].message.starts_with("配置文件不是有效的 TOML："), "{}", errors[0].message);
        assert!(errors[0].location.is_some());
    }
}
