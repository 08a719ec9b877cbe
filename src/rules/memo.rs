//! Work shared by every pack of one load.
//!
//! A base pack's facts and checks are part of every pack built on it: the
//! national pack is compiled into all five effective packs. Parsing each
//! check expression and translating each pattern once, instead of once per
//! pack, is most of what makes loading the embedded packs take milliseconds.
//! Both are pure functions of what they are given, so a memo cannot change a
//! result. Packs compile on several threads, hence the locks; a lock is held
//! only to look up or store, never while parsing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::pattern::{self, Capture, Pattern, PatternError};
use crate::expr::{self, Expr, ExprError};

/// The translations of one template and scope, with how each captured its
/// placeholders.
type Translations = Vec<(Vec<Capture>, Pattern)>;

#[derive(Default)]
pub struct Memo {
    expressions: Mutex<HashMap<String, Result<Arc<Expr>, ExprError>>>,
    /// By template and scope, the translations made so far with the way
    /// each captured its placeholders: a pack that changes a fact's kind
    /// gets a translation of its own.
    patterns: Mutex<HashMap<(String, Option<String>), Translations>>,
}

impl Memo {
    /// [`expr::parse`], once per distinct text.
    pub fn expression(&self, source: &str) -> Result<Arc<Expr>, ExprError> {
        if let Some(parsed) = self.expressions.lock().ok().and_then(|memo| memo.get(source).cloned()) {
            return parsed;
        }
        let parsed = expr::parse(source).map(Arc::new);
        if let Ok(mut memo) = self.expressions.lock() {
            memo.insert(source.to_string(), parsed.clone());
        }
        parsed
    }

    /// [`pattern::compile`], once per template, scope and captures. The
    /// copies share one [`pattern::LazyRegex`], so a pattern inherited by
    /// five packs builds its regex once, in whichever pack uses it first.
    pub fn pattern(
        &self,
        template: &str,
        within: Option<&str>,
        capture: impl Fn(&str) -> Capture,
    ) -> Result<Pattern, PatternError> {
        let key = (template.to_string(), within.map(str::to_string));
        let same_captures = |(captures, pattern): &&(Vec<Capture>, Pattern)| {
            pattern.placeholders.iter().map(|placeholder| capture(placeholder)).eq(captures.iter().copied())
        };
        if let Some(found) = self.patterns.lock().ok().and_then(|memo| {
            memo.get(&key).and_then(|translations| translations.iter().find(same_captures)).map(|(_, p)| p.clone())
        }) {
            return Ok(found);
        }
        // Errors are not kept: a broken template is reported where it is
        // written, and loading stops anyway.
        let translated = pattern::compile(template, within, &capture)?;
        let captures = translated.placeholders.iter().map(|placeholder| capture(placeholder)).collect();
        if let Ok(mut memo) = self.patterns.lock() {
            memo.entry(key).or_default().push((captures, translated.clone()));
        }
        Ok(translated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_translated_twice_shares_one_regex() {
        let memo = Memo::default();
        let first = memo.pattern("年初预算数{budget.initial}", None, |_| Capture::Figure).unwrap();
        let second = memo.pattern("年初预算数{budget.initial}", None, |_| Capture::Figure).unwrap();
        assert!(first.regex.shares_with(&second.regex));
    }

    #[test]
    fn a_placeholder_captured_another_way_gets_its_own_translation() {
        let memo = Memo::default();
        let figure = memo.pattern("单位名称{unit.name}", None, |_| Capture::Figure).unwrap();
        let text = memo.pattern("单位名称{unit.name}", None, |_| Capture::Text).unwrap();
        assert!(!figure.regex.shares_with(&text.regex));
        assert_ne!(figure.regex.as_str(), text.regex.as_str());
    }

    #[test]
    fn the_scope_is_part_of_the_key() {
        let memo = Memo::default();
        let anywhere = memo.pattern("得分{score}", None, |_| Capture::Figure).unwrap();
        let scoped = memo.pattern("得分{score}", Some("自评"), |_| Capture::Figure).unwrap();
        assert_eq!(scoped.within.as_deref(), Some("自评"));
        assert_eq!(anywhere.within, None);
    }

    #[test]
    fn an_expression_is_parsed_once() {
        let memo = Memo::default();
        let first = memo.expression("a = b + c").unwrap();
        let second = memo.expression("a = b + c").unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        assert!(memo.expression("a = (b").is_err());
    }
}
