//! One original line (or table cell) → flow text.
//!
//! Removes what is layout, not content: Markdown heading marks at the line
//! start, `**`/`__` emphasis, Word `[bookmark: …]` artefacts, HTML paragraph
//! and line-break tags; decodes `&lt;`-style entities and OCR LaTeX in
//! `$…$`; folds full-width forms and white space ([`super::fold`]). Every
//! character written to the flow maps to the original bytes it came from.

use super::flow::FlowText;
use super::fold::push_folded;
use super::latex::math_into;
use crate::span::Span;

/// What the removed layout said about the line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LineMarks {
    /// The line started with Markdown `#` heading marks.
    pub markdown_heading: bool,
}

/// Appends the normalised text of `span` to `flow`.
pub(super) fn normalize_into(text: &str, span: Span, flow: &mut FlowText) -> LineMarks {
    let end = span.end.min(text.len());
    let (mut at, marks) = skip_heading_marks(text, span.start.min(end), end);
    while let Some(rest) = text.get(at..end) {
        let Some(character) = rest.chars().next() else {
            break;
        };
        let consumed = match character {
            '*' | '_' => emphasis_length(rest, character),
            '[' => bookmark_length(rest),
            '<' => tag_length(rest, at, flow),
            '&' => entity_length(rest, at, flow),
            '$' => math_length(text, at, end, flow),
            _ => None,
        };
        let length = match consumed {
            Some(length) => length,
            None => {
                let length = character.len_utf8();
                push_folded(character, at, at.saturating_add(length), flow);
                length
            }
        };
        at = at.saturating_add(length);
    }
    marks
}

/// `## ` at the start of a line: skipped, and noted.
fn skip_heading_marks(text: &str, start: usize, end: usize) -> (usize, LineMarks) {
    let line = text.get(start..end).unwrap_or_default();
    let indented = line.trim_start();
    let after = indented.trim_start_matches('#');
    let hashes = indented.len().saturating_sub(after.len());
    if hashes == 0 || hashes > 6 || !after.starts_with(char::is_whitespace) {
        return (start, LineMarks::default());
    }
    let skipped = line.len().saturating_sub(after.trim_start().len());
    (start.saturating_add(skipped), LineMarks { markdown_heading: true })
}

/// A run of two or more `*` or `_` is emphasis; a single one is text.
fn emphasis_length(rest: &str, mark: char) -> Option<usize> {
    let run = rest.chars().take_while(|&character| character == mark).count();
    (run >= 2).then_some(run)
}

fn bookmark_length(rest: &str) -> Option<usize> {
    if !rest.starts_with("[bookmark:") {
        return None;
    }
    rest.find(']').map(|close| close.saturating_add(1))
}

/// `<p>`, `</p>` vanish; `<br>` is white space.
fn tag_length(rest: &str, at: usize, flow: &mut FlowText) -> Option<usize> {
    for tag in ["<p>", "</p>"] {
        if rest.starts_with(tag) {
            return Some(tag.len());
        }
    }
    for tag in ["<br>", "<br/>", "<br />"] {
        if rest.starts_with(tag) {
            flow.space(at, at.saturating_add(tag.len()));
            return Some(tag.len());
        }
    }
    None
}

fn entity_length(rest: &str, at: usize, flow: &mut FlowText) -> Option<usize> {
    for (entity, character) in [("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&'), ("&nbsp;", ' ')] {
        if rest.starts_with(entity) {
            let end = at.saturating_add(entity.len());
            if character == ' ' {
                flow.space(at, end);
            } else {
                flow.push(character, at, end);
            }
            return Some(entity.len());
        }
    }
    None
}

/// `$…$` (or `$$…$$`) closed on the same line is math; a lone `$` is text.
fn math_length(text: &str, at: usize, end: usize, flow: &mut FlowText) -> Option<usize> {
    let rest = text.get(at..end)?;
    let delimiter = if rest.starts_with("$$") { "$$" } else { "$" };
    let content = rest.get(delimiter.len()..)?;
    let close = content.find(delimiter)?;
    let content_start = at.saturating_add(delimiter.len());
    math_into(text, content_start..content_start.saturating_add(close), flow);
    Some(close.saturating_add(delimiter.len().saturating_mul(2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(line: &str) -> String {
        let mut flow = FlowText::default();
        normalize_into(line, Span::new(0, line.len()), &mut flow);
        flow.text
    }

    #[test]
    fn markdown_marks_go() {
        assert_eq!(normalized("## **二、项目情况**"), "二、项目情况");
        assert_eq!(normalized("预算数**512.30**万元，__合计__"), "预算数512.30万元,合计");
        assert_eq!(normalized("#标签 不是标题"), "#标签不是标题");
        assert_eq!(normalized("3 * 4"), "3*4");
    }

    #[test]
    fn latex_and_full_width() {
        assert_eq!(normalized("指标值： $\\geq 95\\%$ ，完成值：９６％"), "指标值:≥95%,完成值:96%");
        assert_eq!(normalized("单价 $5"), "单价$5");
    }

    #[test]
    fn artefacts_go() {
        assert_eq!(normalized("[bookmark: _Toc12][bookmark: _Toc13]3、分析"), "3、分析");
        assert_eq!(normalized("<p>共 4 次</p>&lt;5"), "共4次<5");
    }

    #[test]
    fn spaces_survive_only_between_ascii_words() {
        assert_eq!(normalized("截至 2023 年 12 月，OA 系统 2023 12"), "截至2023年12月,OA系统2023 12");
        assert_eq!(normalized("1. 2023年度"), "1. 2023年度");
    }

    #[test]
    fn heading_marks_are_noted() {
        let mut flow = FlowText::default();
        let line = "### （一）概况";
        assert!(normalize_into(line, Span::new(0, line.len()), &mut flow).markdown_heading);
    }
}
