//! notes: a report's numbered findings → the list beside its text.
//!
//! One item per finding (`id="note-N"`), in the order given: severity, the
//! check's title with its id beside, where (linked to the highlight `#f-N`, or "全文" for a finding about
//! the report as a whole), the message, the help, the expected and stated
//! values, and each related figure linked to its underline `#r-N-K`.

use std::fmt::Write;

use crate::span::{LineIndex, Span};

use super::escape::escape;
use super::highlight::Numbered;

pub(super) fn notes(text: &str, findings: &[Numbered]) -> String {
    if findings.is_empty() {
        return r#"<p class="muted">未发现问题。</p>"#.to_string();
    }
    let lines = LineIndex::new(text);
    let mut out = String::from(r#"<ol class="findings">"#);
    for &(number, finding) in findings {
        let severity = finding.severity.as_str();
        let place = match &finding.primary {
            Some(label) => format!(r##"<a href="#f-{number}">{}</a>"##, position_text(text, &lines, label.span)),
            None => "全文".to_string(),
        };
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            r#"<li id="note-{number}" class="finding {severity}" data-finding="{number}"><p><span class="badge {severity}">{}</span>{}<code>{}</code> {place} <span class="muted">#{number}</span></p><p class="message">{}</p>"#,
            finding.severity.chinese(),
            title(&finding.title),
            escape(&finding.rule),
            escape(&finding.message),
        );
        if let Some(help) = &finding.help {
            let _ = write!(out, r#"<p class="help">{}</p>"#, escape(help));
        }
        let values: Vec<String> = [("应为", &finding.expected), ("报告为", &finding.actual)]
            .into_iter()
            .filter_map(|(name, value)| value.as_ref().map(|value| format!("{name} {}", escape(value))))
            .collect();
        if !values.is_empty() {
            let _ = write!(out, r#"<p class="values">{}</p>"#, values.join("；"));
        }
        if !finding.related.is_empty() {
            out.push_str("<ul>");
            for (index, label) in finding.related.iter().enumerate() {
                let _ = write!(
                    out,
                    r##"<li><a href="#r-{number}-{}">{}</a> {}</li>"##,
                    index.saturating_add(1),
                    position_text(text, &lines, label.span),
                    escape(&label.text)
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

/// The title before the id, or nothing for a finding without one.
fn title(title: &str) -> String {
    if title.is_empty() { String::new() } else { format!(r#"<strong class="title">{}</strong> "#, escape(title)) }
}

/// `第 93 行第 67 列`.
fn position_text(text: &str, lines: &LineIndex, span: Span) -> String {
    let position = lines.position(text, span.start);
    format!("第 {} 行第 {} 列", position.line, position.column)
}
