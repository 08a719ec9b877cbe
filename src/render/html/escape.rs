//! escape: any text → the same text as HTML, safe in an element or in a
//! quoted attribute value.
//!
//! Everything the page shows from a report, a path or a rule passes through
//! here, so a report cannot add markup or script to the page. A carriage
//! return becomes a character reference because the HTML parser would
//! otherwise fold `\r\n` into `\n`, and the text a reader sees (and the page's
//! self-check compares) must be the report's own.

/// `text` with `& < > " '` and CR replaced by character references.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            '\r' => escaped.push_str("&#13;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>R&D</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;R&amp;D&lt;/a&gt;"
        );
        assert_eq!(escape("执行率 100%\r\n"), "执行率 100%&#13;\n");
    }
}
