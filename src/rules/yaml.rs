//! serde-saphyr's errors → one Chinese `rules::yaml` diagnostic each.
//!
//! serde-saphyr writes its errors in English, some of them in the words of
//! Rust (`budget breached: Nodes { nodes: 250001 }`, `expected struct
//! RawFact`). Policy staff read Chinese, so every error is told by its kind,
//! never by its English text: an unknown key by name, with the key meant
//! when one is close (您是否想写 `check`？) or else the keys that may stand
//! there; a value of the wrong shape by what was expected and what was
//! written; a syntax error by the parser's error kind, with the usual cause
//! (a `{` or `: ` that needs quotes). The span is where serde-saphyr puts the
//! error, widened to the key or word that stands there.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Error, ExternalMessageSource};

use super::error::{RuleError, RuleSource};
use super::suggest::did_you_mean_help;
use crate::span::Span;

/// The diagnostic for a rule file serde-saphyr could not read.
pub fn diagnostic(error: &Error, source: &RuleSource) -> RuleError {
    let error = original(error);
    let start = start_of(error, &source.text);
    let text = source.text.get(start..).unwrap_or_default();
    let told = tell(error);
    let end = match &told.underline {
        Some(word) if text.starts_with(word.as_str()) => start.saturating_add(word.len()),
        _ => start,
    };
    let mut diagnostic = RuleError::new("rules::yaml", told.message).at(source, Span::new(start, end));
    if let Some(label) = told.label {
        diagnostic = diagnostic.label(label);
    }
    if let Some(help) = told.help {
        diagnostic = diagnostic.help(help);
    }
    diagnostic
}

/// The error itself, without the wrappers that add a snippet or an alias's
/// place.
fn original(mut error: &Error) -> &Error {
    loop {
        match error {
            Error::WithSnippet { error: inner, .. } | Error::AliasError { error: inner, .. } => error = inner,
            _ => return error,
        }
    }
}

/// The byte where the error stands: serde-saphyr's offset when it has one,
/// else the start of its line, else the start of the file.
fn start_of(error: &Error, text: &str) -> usize {
    let Some(location) = error.location() else { return 0 };
    if let Some(offset) = location.span().byte_offset().and_then(|offset| usize::try_from(offset).ok()) {
        return offset.min(text.len());
    }
    let line = usize::try_from(location.line()).unwrap_or(1);
    text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum()
}

/// What a diagnostic says.
struct Told {
    message: String,
    label: Option<String>,
    help: Option<String>,
    /// Text written at the error's place, to underline (a key).
    underline: Option<String>,
}

impl Told {
    fn new(message: impl Into<String>) -> Told {
        Told { message: message.into(), label: None, help: None, underline: None }
    }

    fn help(mut self, help: impl Into<String>) -> Told {
        self.help = Some(help.into());
        self
    }
}

fn tell(error: &Error) -> Told {
    match error {
        Error::SerdeUnknownField { field, expected, .. } => unknown_key(field, expected),
        Error::SerdeMissingField { field, .. } => {
            Told::new(format!("缺少 `{field}`")).help(format!("这里必须写 `{field}:`"))
        }
        Error::SerdeUnknownVariant { variant, expected, .. } => {
            let help = did_you_mean_help(variant, expected.iter().copied())
                .unwrap_or_else(|| format!("可写：{}", code_list(expected)));
            Told { underline: Some(variant.clone()), ..Told::new(format!("不认识的取值 `{variant}`")).help(help) }
        }
        Error::SerdeInvalidType { unexpected, expected, .. }
        | Error::SerdeInvalidValue { unexpected, expected, .. } => wrong_shape(expected, Some(unexpected)),
        Error::SerdeInvalidLength { expected, .. } => wrong_shape(expected, None),
        Error::Unexpected { expected, .. } => wrong_shape(expected, None),
        Error::InvalidScalar { ty, .. } => wrong_shape(ty, None),
        Error::NullIntoString { .. } => Told::new("这里应为文字，不能空着"),
        Error::QuotingRequired { .. } => Told::new("这段文字会被读成数字或布尔值，请加引号"),
        Error::DuplicateMappingKey { key, .. } => match key {
            Some(key) => Told {
                underline: Some(key.clone()),
                ..Told::new(format!("键 `{key}` 写了两次")).help("同一层里每个键只能写一次；删去或合并其中一个")
            },
            None => Told::new("同一个键写了两次").help("同一层里每个键只能写一次；删去或合并其中一个"),
        },
        Error::Eof { .. } => Told::new("文件意外结束"),
        Error::MultipleDocuments { .. } => {
            Told::new("一个文件只能有一个 YAML 文档").help("去掉文件中间的 `---`，或把后面的内容另存一个文件")
        }
        Error::UnknownAnchor { .. } => Told::new("引用了不存在的锚点（`*名称` 之前没有 `&名称`）"),
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => {
            Told::new("别名（`*名称`）展开得太多，超过读取上限").help("规则文件不需要锚点和别名；请把内容直接写出来")
        }
        Error::MergeKeyNotAllowed { .. } | Error::MergeValueNotMapOrSeqOfMaps { .. } => {
            Told::new("不支持合并键 `<<`").help("请把要合并的内容直接写出来")
        }
        Error::Budget { breach, .. } => Told::new(format!("YAML 超出读取上限：{}", budget(breach)))
            .help("规则文件应当短小；请把内容拆到几个文件里，或删去重复的部分"),
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => syntax(scan.kind()),
            _ => Told::new("YAML 内容有误"),
        },
        // A message of one of our own `Deserialize` impls is already Chinese.
        Error::Message { msg, .. } if !msg.is_ascii() => Told::new(msg.clone()),
        _ => Told::new("YAML 内容有误"),
    }
}

/// A key no field of this place has.
fn unknown_key(field: &str, expected: &[&'static str]) -> Told {
    let help = match did_you_mean_help(field, expected.iter().copied()) {
        Some(help) => help,
        None if expected.is_empty() => "这里不能写任何键".to_owned(),
        None => format!("这里可以写的键：{}", code_list(expected)),
    };
    Told {
        message: format!("不认识的键 `{field}`"),
        label: Some("这里不能写这个键".to_owned()),
        help: Some(help),
        underline: Some(field.to_owned()),
    }
}

/// `a`、`b`、`c`.
fn code_list(names: &[&str]) -> String {
    names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join("、")
}

/// A value of the wrong shape: "这里应为列表，写成了文字".
fn wrong_shape(expected: &str, unexpected: Option<&str>) -> Told {
    // Our own `expecting` texts are Chinese and say it all.
    if !expected.is_ascii() {
        return Told::new(expected);
    }
    let wanted = expected_shape(expected);
    match (wanted, unexpected.and_then(written_shape)) {
        (Some(wanted), Some(written)) if wanted != written => Told::new(format!("这里应为{wanted}，写成了{written}")),
        (Some(wanted), _) => Told::new(format!("这里应为{wanted}")),
        (None, Some(written)) => Told::new(format!("这里不能写{written}")),
        (None, None) => Told::new("这里的值写法不对"),
    }
}

/// What serde's `expected` text asks for, in the words of a pack author.
fn expected_shape(expected: &str) -> Option<&'static str> {
    let expected = expected.trim_start_matches("a ").trim_start_matches("an ");
    Some(match expected {
        _ if expected.starts_with("struct ") || expected.starts_with("map") => "映射（`键: 值`）",
        "sequence" | "seq" | "sequence start" | "tuple" => "列表（`- …` 或 `[…]`）",
        "string" | "string scalar" | "borrowed string" | "character" | "char" | "scalar" => "文字",
        "boolean" | "bool" => "布尔值（`true` 或 `false`）",
        "integer"
        | "nonnegative integer"
        | "u8"
        | "u16"
        | "u32"
        | "u64"
        | "usize"
        | "i8"
        | "i16"
        | "i32"
        | "i64"
        | "isize" => "整数",
        _ if expected.contains("Decimal") || expected.contains("floating") || expected.starts_with('f') => "数字",
        _ => return None,
    })
}

/// What serde's `unexpected` text says was written.
fn written_shape(unexpected: &str) -> Option<&'static str> {
    Some(match unexpected.split_whitespace().next().unwrap_or_default() {
        "sequence" => "列表",
        "map" => "映射",
        "string" | "character" => "文字",
        "boolean" => "布尔值",
        "integer" | "floating" => "数字",
        "unit" | "Option" => "空值",
        _ => return None,
    })
}

fn budget(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Depth { depth } => format!("嵌套达到 {depth} 层"),
        BudgetBreach::Nodes { nodes } => format!("值多达 {nodes} 个"),
        BudgetBreach::Events { events } => format!("内容多达 {events} 项"),
        BudgetBreach::Aliases { aliases } => format!("别名多达 {aliases} 个"),
        BudgetBreach::Anchors { anchors } => format!("锚点多达 {anchors} 个"),
        BudgetBreach::ScalarBytes { total_scalar_bytes } => format!("文字共 {total_scalar_bytes} 字节"),
        BudgetBreach::Documents { documents } => format!("文档多达 {documents} 个"),
        BudgetBreach::MergeKeys { merge_keys } => format!("合并键多达 {merge_keys} 个"),
        BudgetBreach::AliasAnchorRatio { .. } => "别名相对锚点过多".to_owned(),
        BudgetBreach::InputBytes { .. } => "文件过大".to_owned(),
        _ => "内容过多".to_owned(),
    }
}

/// A YAML syntax error, by the parser's kind of error.
fn syntax(kind: &ErrorKind) -> Told {
    let quotes = "文字里含有 `{`、`[`、`#` 或冒号加空格时，请给整段文字加引号";
    match kind {
        ErrorKind::UnexpectedEofFlowSequence => {
            Told::new("方括号 `[` 没有闭合，一直读到了文件末尾").help("请补上 `]`；".to_owned() + quotes)
        }
        ErrorKind::UnexpectedEofFlowMapping | ErrorKind::UnexpectedEofImplicitFlowMapping => {
            Told::new("花括号 `{` 没有闭合，一直读到了文件末尾").help("请补上 `}`；".to_owned() + quotes)
        }
        ErrorKind::UnexpectedEofBlockSequence | ErrorKind::UnexpectedEofBlockMapping | ErrorKind::UnexpectedEof => {
            Told::new("文件意外结束")
        }
        ErrorKind::ExpectedNodeContent => Told::new("这里缺少值").help(quotes),
        ErrorKind::ExpectedBlockMappingKey => {
            Told::new("这里应为 `键: 值`").help("请检查这一行的缩进是否与同级的键对齐")
        }
        ErrorKind::ExpectedFlowMappingSeparator => Told::new("花括号 `{…}` 里这里应为 `,` 或 `}`").help(quotes),
        ErrorKind::ExpectedFlowSequenceSeparator => Told::new("方括号 `[…]` 里这里应为 `,` 或 `]`").help(quotes),
        ErrorKind::ExpectedBlockSequenceEntry => Told::new("这里应为列表项 `- …`").help("请检查这一行的缩进"),
        ErrorKind::InvalidIndentation
        | ErrorKind::InvalidFlowScalarIndent
        | ErrorKind::InvalidQuotedScalarIndent
        | ErrorKind::InvalidBlockScalarIndent
        | ErrorKind::ZeroBlockScalarIndent => Told::new("缩进不对").help("同一层的键要对齐，下一层多缩进两个空格"),
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabAtBlockScalarStart
        | ErrorKind::TabInPlainScalar => Told::new("这里不能用制表符").help("缩进请用空格"),
        ErrorKind::UnclosedQuotedScalar => Told::new("引号没有闭合"),
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidUnicodeEscape => {
            Told::new("双引号里的 `\\` 转义写法不对").help("不需要转义时，请改用单引号")
        }
        ErrorKind::InvalidTrailingSingleQuotedScalar | ErrorKind::InvalidTrailingDoubleQuotedScalar => {
            Told::new("引号后面还有文字").help("引号要把整段文字括起来")
        }
        ErrorKind::MappingValueNotAllowed => Told::new("这里不能有冒号加空格").help(quotes),
        ErrorKind::MappingKeyNotAllowed => Told::new("这里不能写键").help(quotes),
        ErrorKind::InvalidColonPlacement
        | ErrorKind::InvalidMappingValueWhitespace
        | ErrorKind::FlowMappingValueAdjacentCollection => {
            Told::new("冒号 `:` 的位置不对").help("键后面的冒号要跟一个空格")
        }
        ErrorKind::BlockSequenceEntryNotAllowed | ErrorKind::BlockEntryInFlowCollection => {
            Told::new("这里不能写列表项 `-`").help("请检查缩进")
        }
        ErrorKind::InvalidBlockEntryWhitespace => Told::new("列表项的 `-` 后面要跟一个空格"),
        ErrorKind::UnclosedFlowCollection { open } => Told::new(format!("括号 `{open}` 没有闭合")).help(quotes),
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => {
            Told::new(format!("括号 `{open}` 却以 `{close}` 结束")).help(quotes)
        }
        ErrorKind::MisplacedFlowCollectionEnd => Told::new("多了一个右括号").help(quotes),
        ErrorKind::UnexpectedCharacter { .. } => Told::new("这个字符不能开始一个值").help(quotes),
        ErrorKind::CommentNotSeparated => Told::new("注释的 `#` 前面要有空格").help(quotes),
        ErrorKind::SimpleKeyExpected | ErrorKind::InvalidSimpleKey => Told::new("键后面缺少 `:`"),
        ErrorKind::RecursionLimitExceeded => Told::new("YAML 嵌套过深"),
        ErrorKind::PlainScalarStartsWithDashFlowIndicator => Told::new("以 `-` 开头的文字请加引号"),
        ErrorKind::CommentInterceptedScalar => Told::new("多行文字中间不能有注释"),
        ErrorKind::BomInsideDocument => Told::new("文件中间有字节顺序标记"),
        _ => Told::new("YAML 语法错误").help(quotes),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::rules::raw;

    /// The message, help and underlined text of a rule file's diagnostic.
    fn told(text: &str) -> (String, Option<String>, String) {
        let source = RuleSource { name: "p/pack.yaml".into(), text: Arc::new(text.into()) };
        let error = raw::parse(text).unwrap_err();
        let diagnostic = diagnostic(&error, &source);
        let (_, span) = diagnostic.location.clone().unwrap();
        (diagnostic.message, diagnostic.help, text[span.start..span.end].to_owned())
    }

    #[test]
    fn an_unknown_key_is_underlined_with_the_key_meant() {
        let (message, help, underlined) = told("checks:\n  - id: a\n    chek: 1 = 1\n");
        assert_eq!(message, "不认识的键 `chek`");
        assert_eq!(help.as_deref(), Some("您是否想写 `check`？"));
        assert_eq!(underlined, "chek");
    }

    #[test]
    fn an_unknown_key_far_from_any_lists_the_keys() {
        let (_, help, _) = told("pack:\n  id: a\n  title: 甲\n  区域: 乙\n");
        assert!(help.unwrap().starts_with("这里可以写的键：`id`、`title`"));
    }

    #[test]
    fn shapes_are_told_in_chinese() {
        assert_eq!(told("checks: 甲\n").0, "这里应为列表（`- …` 或 `[…]`）");
        assert_eq!(told("facts:\n  a:\n    exact: 是\n").0, "这里应为布尔值（`true` 或 `false`）");
        assert_eq!(told("pack:\n  id: a\n").0, "缺少 `title`");
        assert_eq!(told("pack:\n  id: a\n  id: b\n").0, "键 `id` 写了两次");
    }

    #[test]
    fn syntax_errors_say_what_to_quote() {
        let (message, help, _) = told("facts:\n  a:\n    patterns: [年初{a}，{b\n");
        assert_eq!(message, "括号 `{` 没有闭合");
        assert!(help.unwrap().contains("加引号"));
        let (message, _, _) = told("pack:\n\tid: a\n");
        assert!(message.contains("制表符") || message.contains("缩进"), "{message}");
    }

    #[test]
    fn nothing_english_is_left() {
        for text in [
            "checks: [\n",
            "a: b: c\n",
            "facts: {a\n",
            "pack:\n  id: \"a\\q\"\n",
            "pack: &x\n  id: a\n  title: b\nfacts: *y\n",
            "checks:\n- id: a\n  examples:\n    pass: {x: 1}\n",
            "---\npack: 1\n---\npack: 2\n",
        ] {
            let (message, help, _) = told(text);
            let latin = |text: &str| text.split(|c: char| !c.is_ascii_alphabetic()).any(|word| word.len() > 3);
            let outside_code = |text: &str| text.split('`').step_by(2).collect::<String>();
            assert!(!latin(&outside_code(&message)), "{text:?}: {message}");
            assert!(!help.as_deref().map(outside_code).is_some_and(|help| latin(&help)), "{text:?}: {help:?}");
        }
    }
}
