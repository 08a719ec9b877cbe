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

    /// The severity as a Chinese reader calls it: 错误, 警告, 提示.
    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
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
    /// The check's title, what a person reads beside the id
    /// (`预算执行率 = 全年实际支出 ÷ 调整后全年预算数`); a built-in's from
    /// [`BUILT_INS`].
    pub title: String,
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

/// A rule the engine emits without a YAML check: its id, title, rationale
/// and severity, shared by the findings and every renderer that describes
/// rules (SARIF's rule descriptors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltIn {
    pub id: &'static str,
    pub title: &'static str,
    pub rationale: &'static str,
    pub severity: Severity,
}

/// Every built-in rule, sorted by id.
pub const BUILT_INS: [BuiltIn; 3] = [
    BuiltIn {
        id: "fact-conflict",
        title: "同一数字在报告各处应一致",
        rationale: "报告在不同段落或表格中重复写到同一项数字（如年初预算数）时，各处必须相同；不一致说明至少有一处抄错或算错。",
        severity: Severity::Error,
    },
    BuiltIn {
        id: "pack-fallback",
        title: "未识别出地区模板，已改用通用规则包",
        rationale: "规则包按报告中能识别地区或模板的文字选择；识别不出时使用全国通用规则，地区特有的检查不会运行。",
        severity: Severity::Info,
    },
    BuiltIn {
        id: "source-notice",
        title: "关于文件本身的提示",
        rationale: "文件本身的情况会影响检查结果，例如 PDF 没有文字层时读不出任何数字。",
        severity: Severity::Info,
    },
];

/// The title of the built-in rule `id`; empty for any other id.
pub fn built_in_title(id: &str) -> &'static str {
    BUILT_INS.iter().find(|built_in| built_in.id == id).map_or("", |built_in| built_in.title)
}
