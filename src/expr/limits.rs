//! Cheap checks run before pest sees an expression.
//!
//! Input: expression text. Output: `Ok` or the first problem found. pest
//! parses nested parentheses and nested `if`s by recursion, so a hostile
//! `((((…` of 10,000 levels would overflow the stack before pest could
//! complain; one linear scan here bounds that recursion by
//! [`MAX_NESTING`] and the text by [`MAX_LENGTH`]. The scan also reports
//! unbalanced parentheses and unterminated strings in plain words, which
//! pest would only describe as "expected …" at the end of the text.

use super::error::{ExprError, character_at};
use crate::span::Span;

/// Longest expression accepted, in bytes. Real checks are one line.
pub const MAX_LENGTH: usize = 4096;

/// Deepest nesting of parentheses, calls, `if`s and prefix operators.
/// Parsing 64 levels takes about 200 KiB of stack in a release build and
/// 400 KiB in a debug build (pest itself keeps 64 KiB in reserve); a
/// standard thread has 2 MiB.
pub const MAX_NESTING: usize = 64;

pub(super) fn check(source: &str) -> Result<(), ExprError> {
    if source.len() > MAX_LENGTH {
        let cut = (0..=MAX_LENGTH).rev().find(|&at| source.is_char_boundary(at)).unwrap_or(0);
        return Err(ExprError::new(
            format!("检查式超过 {MAX_LENGTH} 字节，请拆成几条检查"),
            Span::new(cut, source.len()),
        ));
    }
    if source.trim().is_empty() {
        return Err(ExprError::new("检查式是空的", Span::new(0, source.len())));
    }
    let mut open_parentheses: Vec<usize> = Vec::new();
    let mut conditionals = 0usize;
    let mut previous: Option<char> = None;
    let mut characters = source.char_indices();
    while let Some((at, character)) = characters.next() {
        match character {
            '"' | '“' => skip_text(source, at, character, &mut characters)?,
            '(' => {
                open_parentheses.push(at);
                if open_parentheses.len() > MAX_NESTING {
                    return Err(too_deep(character_at(source, at)));
                }
            }
            ')' => {
                let Some(_) = open_parentheses.pop() else {
                    return Err(ExprError::new("多了一个右括号", character_at(source, at)));
                };
            }
            // Every `if` counts, nested or not: a cheap upper bound on how
            // deeply pest will recurse through `if … then … else …`.
            'i' if starts_word_if(source, at, previous) => {
                conditionals = conditionals.saturating_add(1);
                if conditionals > MAX_NESTING {
                    return Err(ExprError::new(
                        format!("检查式的 `if` 超过 {MAX_NESTING} 个，请拆开写"),
                        Span::new(at, at.saturating_add("if".len())),
                    ));
                }
            }
            _ => {}
        }
        previous = Some(character);
    }
    match open_parentheses.last() {
        Some(&at) => Err(ExprError::new("括号没有闭合", character_at(source, at))),
        None => Ok(()),
    }
}

pub(super) fn too_deep(span: Span) -> ExprError {
    ExprError::new(format!("检查式嵌套超过 {MAX_NESTING} 层"), span)
}

/// Moves `characters` past the string opened at byte `start` by `quote`.
fn skip_text(
    source: &str,
    start: usize,
    quote: char,
    characters: &mut impl Iterator<Item = (usize, char)>,
) -> Result<(), ExprError> {
    let closing = if quote == '"' { '"' } else { '”' };
    while let Some((_, character)) = characters.next() {
        if character == closing {
            return Ok(());
        }
        // Only straight quotes have escapes (`\"`, `\\`).
        if quote == '"' && character == '\\' {
            characters.next();
        }
    }
    Err(ExprError::new("引号没有闭合", Span::new(start, source.len())))
}

/// Whether the keyword `if` starts at byte `at` (and is not part of a name
/// such as `diff` or `if_any`).
fn starts_word_if(source: &str, at: usize, previous: Option<char>) -> bool {
    let is_name = |character: char| character.is_alphanumeric() || character == '_';
    let rest = source.get(at..).unwrap_or_default();
    rest.starts_with("if")
        && !previous.is_some_and(is_name)
        && !rest.get(2..).and_then(|after| after.chars().next()).is_some_and(is_name)
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::{MAX_LENGTH, MAX_NESTING};
    use crate::expr::parse;

    fn nested(depth: usize, open: &str, middle: &str, close: &str) -> String {
        format!("{}{middle}{}", open.repeat(depth), close.repeat(depth))
    }

    fn message(source: &str) -> String {
        parse(source).map_or_else(|error| error.message, |expr| format!("parses as {expr}"))
    }

    #[test]
    fn nesting_up_to_the_limit_parses() {
        let too_deep = format!("检查式嵌套超过 {MAX_NESTING} 层");
        // Each case: one level of nesting, and how many levels it counts.
        for (open, close, levels) in [("(", ")", 1), ("f(", ")", 1), ("-(", ")", 2), ("not (", ")", 2)] {
            let deepest = MAX_NESTING / levels;
            assert!(parse(&nested(deepest, open, "x", close)).is_ok(), "{open}");
            assert_eq!(message(&nested(deepest + 1, open, "x", close)), too_deep, "{open}");
        }
        assert!(parse(&nested(MAX_NESTING, "-", "x", "")).is_ok());
        assert_eq!(message(&nested(MAX_NESTING + 1, "-", "x", "")), too_deep);
        assert_eq!(message(&nested(MAX_NESTING + 1, "not ", "x", "")), too_deep);
        let conditionals = nested(MAX_NESTING, "if a then b else ", "c", "");
        assert!(parse(&conditionals).is_ok());
        let conditionals = nested(MAX_NESTING + 1, "if a then b else ", "c", "");
        assert_eq!(message(&conditionals), "检查式的 `if` 超过 64 个，请拆开写");
        // The prescan lets pest see 64 parentheses around 64 `if`s; the
        // builder then refuses the combined depth.
        let both = nested(MAX_NESTING, "(", &nested(MAX_NESTING, "if a then ", "b", " else c"), ")");
        assert_eq!(message(&both), too_deep);
    }

    #[test]
    fn a_not_nests_over_the_operators_it_covers() {
        let chain = |nots: usize| format!("x{}", " + not x".repeat(nots));
        assert!(parse(&chain(MAX_NESTING)).is_ok());
        let too_deep = format!("检查式嵌套超过 {MAX_NESTING} 层");
        assert_eq!(message(&chain(MAX_NESTING + 1)), too_deep);
        // `and` and `or` end what a `not` covers.
        assert!(parse(&vec!["not x + 1"; MAX_NESTING + 1].join(" and ")).is_ok());
    }

    #[test]
    fn hostile_nesting_fails_fast_without_overflowing() {
        let started = Instant::now();
        for source in [
            nested(10_000, "(", "x", ")"),
            nested(10_000, "(", "", ""),
            nested(10_000, ")", "", ""),
            nested(1_000, "-", "x", ""),
            nested(1_000, "!", "x", ""),
            nested(300, "if ", "", ""),
            // Each `not` takes the rest of the sum as its operand.
            format!("x{}", "+!x".repeat(1_300)),
            // Just under the length cap: prefix runs inside every level.
            nested(60, &format!("{}(", "-".repeat(60)), "x", ")"),
        ] {
            let Err(error) = parse(&source) else { panic!("parses") };
            assert!(error.span.end <= source.len());
        }
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn deepest_accepted_nesting_fits_in_a_small_stack() {
        let parentheses = nested(MAX_NESTING, "(", "x", ")");
        let conditionals = nested(MAX_NESTING, "if a then ", "b", " else c");
        let worker = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(move || parse(&parentheses).is_ok() && parse(&conditionals).is_ok());
        assert!(matches!(worker.map(|worker| worker.join()), Ok(Ok(true))));
    }

    #[test]
    fn long_chains_stay_below_the_height_limit_or_fail_cleanly() {
        let sum = vec!["a"; 200].join(" + ");
        let Ok(expr) = parse(&sum) else { panic!("sum does not parse") };
        assert_eq!(expr.to_source(), sum);
        let sum = vec!["a"; 300].join("+");
        assert!(message(&sum).starts_with("检查式的运算超过 256 层"));
        // Lengths near the cap: the 4 KiB check comes first.
        let sum = vec!["a"; 2048].join("+");
        assert!(sum.len() < MAX_LENGTH);
        assert!(parse(&sum).is_err());
    }

    #[test]
    fn length_is_capped() {
        let source = format!("x = {}", "1".repeat(MAX_LENGTH));
        let Err(error) = parse(&source) else { panic!("parses") };
        assert!(error.message.starts_with("检查式超过 4096 字节"));
        let chinese = format!("{} = 1", "预".repeat(MAX_LENGTH / 3 + 1));
        let Err(error) = parse(&chinese) else { panic!("parses") };
        assert!(chinese.is_char_boundary(error.span.start));
    }

    #[test]
    fn parentheses_and_quotes_inside_strings_do_not_count() {
        assert!(parse("f(\"(\", “)”, \"\\\")\")").is_ok());
        assert!(parse("name = “((((”").is_ok());
        assert!(parse("diff + if_any + elif").is_ok());
    }
}
