//! Why an expression does not parse, and where.
//!
//! Input: a pest error or one of the parser's own checks. Output: an
//! [`ExprError`] whose span is a byte range into the expression text, always
//! on character boundaries. pest reports byte positions; its line/column
//! view is never used (it would count Chinese text differently from our
//! [`LineIndex`](crate::span::LineIndex)).

use pest::error::{Error as PestError, ErrorVariant, InputLocation};

use super::grammar::Rule;
use crate::span::Span;

/// A syntax error in one expression. The message is short Chinese; the
/// rules loader places it in the rule file and adds the file's context.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExprError {
    pub message: String,
    /// Byte range into the expression text; empty when it points between
    /// characters (for instance at the end of the text).
    pub span: Span,
    /// What would have been accepted at `span`, for a "help" line
    /// (`an operand`, `` `then` ``); empty when not meaningful.
    pub expected: Vec<String>,
}

impl ExprError {
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        ExprError { message: message.into(), span, expected: Vec::new() }
    }
}

/// What kind of token a grammar rule stands for, in the words of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Expected {
    Operand,
    Name,
    Operator,
    Comma,
    Closing,
    Then,
    Else,
    End,
}

impl Expected {
    fn of(rule: Rule) -> Option<Expected> {
        Some(match rule {
            Rule::expr
            | Rule::negate
            | Rule::not
            | Rule::conditional
            | Rule::keyword_if
            | Rule::group
            | Rule::call
            | Rule::number
            | Rule::digits
            | Rule::text
            | Rule::boolean
            | Rule::path => Expected::Operand,
            // Alone only after a dot: `budget.`; otherwise among operands.
            Rule::identifier => Expected::Name,
            Rule::add
            | Rule::subtract
            | Rule::multiply
            | Rule::divide
            | Rule::equal
            | Rule::not_equal
            | Rule::less_equal
            | Rule::less
            | Rule::greater_equal
            | Rule::greater
            | Rule::and
            | Rule::or => Expected::Operator,
            Rule::comma => Expected::Comma,
            Rule::closing => Expected::Closing,
            Rule::keyword_then => Expected::Then,
            Rule::keyword_else => Expected::Else,
            Rule::EOI => Expected::End,
            _ => return None,
        })
    }

    fn describe(self) -> &'static str {
        match self {
            Expected::Operand => "运算对象",
            Expected::Name => "`.` 后的名称",
            Expected::Operator => "运算符",
            Expected::Comma => "`,`",
            Expected::Closing => "`)`",
            Expected::Then => "`then`",
            Expected::Else => "`else`",
            Expected::End => "检查式的结尾",
        }
    }
}

/// Converts pest's error into ours, pointing at the character where parsing
/// stopped.
pub(super) fn from_pest(error: PestError<Rule>, source: &str) -> ExprError {
    let span = match error.location {
        InputLocation::Pos(at) => word_at(source, at),
        InputLocation::Span((start, end)) => Span::new(start, end),
    };
    let ErrorVariant::ParsingError { positives, .. } = error.variant else {
        // pest's own call or stack limit: only reachable past our limits.
        return ExprError::new("检查式过于复杂", span);
    };
    let mut expected: Vec<Expected> = positives.into_iter().filter_map(Expected::of).collect();
    expected.sort();
    expected.dedup();
    // Where an operand may start, that is all worth saying: prefix
    // operators are operands' beginnings too.
    if expected.first() == Some(&Expected::Operand) {
        expected.truncate(1);
    }
    let after_dot = source.get(..span.start).is_some_and(|before| before.ends_with('.'));
    if expected.first() == Some(&Expected::Name) && !after_dot {
        expected = vec![Expected::Operand];
    }
    let message = match expected.split_last() {
        None => "此处有多余的字符".to_owned(),
        Some((last, [])) => spaced(&["此处应为", last.describe()]),
        Some((last, others)) => {
            let mut parts = vec!["此处应为"];
            for (index, other) in others.iter().enumerate() {
                if index > 0 {
                    parts.push("、");
                }
                parts.push(other.describe());
            }
            parts.extend(["或", last.describe()]);
            spaced(&parts)
        }
    };
    ExprError { message, span, expected: expected.iter().map(|e| e.describe().to_owned()).collect() }
}

/// The parts joined, with a space between a `code` part and the Chinese
/// text beside it: 此处应为运算符、`,` 或 `)`.
fn spaced(parts: &[&str]) -> String {
    let mut text = String::new();
    for part in parts {
        let code = |text: &str| text.starts_with('`') || text.ends_with('`');
        let after_code = text.ends_with('`');
        if !text.is_empty() && (code(part) || after_code) && !text.ends_with('、') {
            text.push(' ');
        }
        text.push_str(part);
    }
    text
}

/// The span of the word starting at byte `at` (`then` in `if then`), or of
/// the single character there when it is not part of a name.
fn word_at(source: &str, at: usize) -> Span {
    let character = character_at(source, at);
    let rest = source.get(at..).unwrap_or_default();
    let word = rest
        .char_indices()
        .find(|&(_, next)| !(next.is_alphanumeric() || next == '_'))
        .map_or(rest.len(), |(end, _)| end);
    if word > 0 { Span::new(at, at.saturating_add(word)) } else { character }
}

/// The span of the character starting at byte `at`, or an empty span at the
/// end of the text.
pub(super) fn character_at(source: &str, at: usize) -> Span {
    let at = at.min(source.len());
    let width = source.get(at..).and_then(|rest| rest.chars().next()).map_or(0, char::len_utf8);
    Span::new(at, at.saturating_add(width))
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use crate::expr::parse;

    /// One line per case: the source, the span and the text it covers, the
    /// message.
    fn describe(source: &str) -> String {
        match parse(source) {
            Ok(expr) => format!("{source:?}\n    parses as {expr}"),
            Err(error) => {
                let (start, end) = (error.span.start, error.span.end);
                format!("{source:?}\n    {start}..{end} {:?}: {error}", &source[start..end])
            }
        }
    }

    #[test]
    fn messages_and_spans() {
        let cases = [
            "",
            "   ",
            "(a + b",
            "f(a, (b + c)",
            "a + b)",
            "a = b = c",
            "a < b >= c",
            "预算.调整后 = 预算.年初 = 预算.调整",
            "a +",
            "a + * b",
            "a b",
            "预算 调整",
            "(a b)",
            "f(a b)",
            "f(a,)",
            "if a then b",
            "if a b else c",
            "then",
            "budget.",
            "a.b(x)",
            "a ==== b",
            "100 %",
            "a & b",
            "a ＝＝ b",
            "a ＝ b ＝ c",
            "\"未闭合",
            "“未闭合",
            "123456789012345678901234567890",
            "0.00000000000000000000000000001",
            "a.1",
        ];
        let report: Vec<String> = cases.iter().map(|source| describe(source)).collect();
        insta::assert_snapshot!(report.join("\n"));
    }

    #[test]
    fn spans_lie_on_character_boundaries() {
        for source in ["预算 调整", "预算 +", "“优” “良”", "等级(得分", "预算 ＝＝ 调整", "a = 某 = 乙"]
        {
            let Err(error) = parse(source) else { panic!("{source} parses") };
            assert!(source.is_char_boundary(error.span.start), "{source}");
            assert!(source.is_char_boundary(error.span.end), "{source}");
        }
    }
}
