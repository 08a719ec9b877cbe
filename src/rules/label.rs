//! A form's label: as the pack writes it, and the key a cell's text is
//! compared by.
//!
//! Keys are made once, when the pack loads: a form is looked for in every
//! table of every report, and making each label's key again for every cell
//! it was compared with was most of the time a form report took.

use std::fmt;

/// A label of a form (a column's, a row's, a group's, a form's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// As written in the pack: what `rules show` and messages print.
    pub text: String,
    /// What it is compared by ([`key`]), folded as a report's cells are
    /// (`（` is `(`, `：` is `:`).
    pub key: String,
}

impl Label {
    pub fn new(text: &str) -> Label {
        let folded: String = text.chars().map(super::pattern::fold_char).collect();
        Label { text: text.to_string(), key: key(&folded) }
    }

    pub fn all(texts: &[String]) -> Vec<Label> {
        texts.iter().map(|text| Label::new(text)).collect()
    }

    /// The labels as written, with `separator` between them.
    pub fn join(labels: &[Label], separator: &str) -> String {
        labels.iter().map(|label| label.text.as_str()).collect::<Vec<_>>().join(separator)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The text a label is compared by: without white space, a leading `其中`,
/// a trailing colon or a short trailing parenthesis (`(万元)`, `(A)`,
/// `(50分)`). Cell text is already normalised, so `（` is `(` and `：` is `:`.
pub fn key(text: &str) -> String {
    let mut key: String = text.chars().filter(|c| !c.is_whitespace() && *c != '·').collect();
    for prefix in ["其中:", "其中"] {
        if let Some(rest) = key.strip_prefix(prefix).filter(|rest| !rest.is_empty()) {
            key = rest.to_string();
            break;
        }
    }
    loop {
        let trimmed = key.trim_end_matches([':', ',', ';']);
        let stripped = trailing_parenthesis(trimmed).map(|(before, _)| before).unwrap_or(trimmed);
        if stripped.len() == key.len() || stripped.is_empty() {
            break;
        }
        key = stripped.to_string();
    }
    key
}

/// `label(inside)` at the end of a text, with a short inside: (label, inside).
pub fn trailing_parenthesis(text: &str) -> Option<(&str, &str)> {
    const SHORT: usize = 12;
    let without = text.strip_suffix(')')?;
    let open = without.rfind('(')?;
    let inside = without.get(open.saturating_add(1)..)?;
    let before = without.get(..open)?;
    (inside.chars().count() <= SHORT && !inside.contains(['(', ')'])).then_some((before, inside))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_what_varies_between_copies_of_a_label() {
        assert_eq!(key("其中:当年财政 拨款"), "当年财政拨款");
        assert_eq!(key("年度资金总额:"), "年度资金总额");
        assert_eq!(key("项目资金(万元)"), "项目资金");
        assert_eq!(key("执行率(B/A)"), "执行率");
        assert_eq!(key("发放(缴纳)覆盖率"), "发放(缴纳)覆盖率");
        assert_eq!(key("其中"), "其中");
    }

    #[test]
    fn a_label_written_with_full_width_punctuation_has_the_key_of_the_cell() {
        let label = Label::new("其中：当年财政拨款（万元）");
        assert_eq!(label.key, "当年财政拨款");
        assert_eq!(label.to_string(), "其中：当年财政拨款（万元）");
    }
}
