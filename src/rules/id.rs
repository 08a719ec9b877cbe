//! Ids and names written in rule files → accepted, or a `rules::bad-id`
//! error at the spot.
//!
//! A pack id, a check id and the name of a fact, collection, form, constant
//! or band table reach the terminal (`rules list`, the code of every
//! finding), JSON, SARIF and baselines exactly as written. They are made of
//! letters of any script, digits, `-`, `_` and `.`, and are at most
//! [`MAX_ID_CHARS`] characters long: no spaces, no quotes, and above all no
//! control characters, since an ESC in an id would drive the terminal of
//! whoever lists the rules (issue 11).

use super::error::{RuleError, RuleSource};
use crate::span::Span;

/// Longer than any id a person types, short enough for a table column.
pub const MAX_ID_CHARS: usize = 64;

/// `Ok` when `id` may name a `what` (`pack`, `check`, `fact`, …).
pub fn validate(what: &str, id: &str, source: &RuleSource, span: Span) -> Result<(), Box<RuleError>> {
    let odd = id.chars().find(|&character| !allowed(character));
    let problem = match odd {
        _ if id.is_empty() => "is empty".to_owned(),
        Some(character) if character.is_control() => format!("holds the control character {character:?}"),
        Some(character) => format!("holds {character:?}"),
        None if id.chars().count() > MAX_ID_CHARS => format!("is longer than {MAX_ID_CHARS} characters"),
        None => return Ok(()),
    };
    // The id itself is quoted escaped: it may be what would drive a terminal.
    let error = RuleError::new("rules::bad-id", format!("{what} id \"{}\" {problem}", id.escape_debug()))
        .at(source, span)
        .label("not a valid id")
        .help("ids are letters, digits, `-`, `_` and `.`, e.g. `budget-execution-rate`");
    Err(Box::new(error))
}

/// Whether `id` is one [`validate`] accepts (for an id typed on the
/// command line, say `rules new ID`).
pub fn is_valid(id: &str) -> bool {
    !id.is_empty() && id.chars().count() <= MAX_ID_CHARS && id.chars().all(allowed)
}

fn allowed(character: char) -> bool {
    character.is_alphanumeric() || matches!(character, '-' | '_' | '.')
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn check(id: &str) -> Result<(), String> {
        let source = RuleSource { name: "p/pack.yaml".into(), text: Arc::new(String::new()) };
        validate("check", id, &source, Span::new(0, 0)).map_err(|error| error.message)
    }

    #[test]
    fn ordinary_ids_pass() {
        for id in ["budget-execution-rate", "national", "budget.adjusted", "weights_total", "预算执行率", "v2"] {
            assert_eq!(check(id), Ok(()), "{id}");
        }
    }

    #[test]
    fn control_characters_are_named_escaped() {
        assert_eq!(
            check("a\u{1b}]0;owned\u{7}"),
            Err("check id \"a\\u{1b}]0;owned\\u{7}\" holds the control character '\\u{1b}'".to_owned())
        );
        assert!(check("a\u{9b}b").is_err());
    }

    #[test]
    fn spaces_punctuation_empty_and_overlong_ids_are_refused() {
        for id in ["two words", "a\"b", "", "a/b", "é".repeat(MAX_ID_CHARS + 1).as_str()] {
            assert!(check(id).is_err(), "{id}");
        }
        assert_eq!(check(&"é".repeat(MAX_ID_CHARS)), Ok(()));
    }
}
