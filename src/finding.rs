//! finding: what the engine says about a report, as plain data.
//!
//! A [`Finding`] carries everything a renderer needs: the rule, the
//! severity, a Chinese message, the span of the figure most likely wrong,
//! the spans of the figures it was computed from, the computed and the
//! reported values, and a fingerprint that survives edits which only move
//! lines. Renderers (`render`) turn findings into text, JSON or SARIF; the
//! library itself never prints.

use serde::Serialize;

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A span of the report text with what it shows (`资金执行率`, `全年实际支出`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The check's id (`budget-execution-rate`) or a built-in id such as
    /// `fact-conflict`.
    pub rule: String,
    pub severity: Severity,
    /// The rule's message with its placeholders filled in.
    pub message: String,
    /// The figure most likely wrong (for `rate = spent / budget`, the rate).
    /// `None` for a finding about the report as a whole.
    pub primary: Option<Label>,
    /// The other figures involved.
    pub related: Vec<Label>,
    /// One actionable sentence, such as the computation that gives the
    /// right value: `181.18 ÷ 213.18 = 84.99%`.
    pub help: Option<String>,
    /// The value the check computed, as it should be written.
    pub expected: Option<String>,
    /// The value the report states.
    pub actual: Option<String>,
    /// Stable identity: rule id, fact names and values, never line numbers.
    pub fingerprint: String,
}
