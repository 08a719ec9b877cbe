//! diagnostic: a [`Finding`] or an unreadable file → a miette [`Diagnostic`].
//!
//! The adapters borrow the finding; they exist only while `human` renders.
//! The check's title with its id beside is the diagnostic's code (the
//! header line above the message), the primary label is marked
//! primary (miette takes the header position from it), the related labels
//! follow. A finding without spans has no labels and no source, and renders
//! as message and help only.
//!
//! miette draws one snippet from the first label's line to the last one's.
//! A figure forty lines away from the wrong one would drag the whole page
//! in between into the diagnostic, so related labels further than
//! [`NEAR_LINES`] from the primary are drawn as diagnostics of their own
//! ([`FindingDiagnostic::far`]), each a small snippet, right after it; past
//! [`MAX_NEAR`] near ones, the rest are treated as far too. They are not
//! miette's related diagnostics, which it heads with an English `Advice:`. miette never sees the report itself: each snippet
//! is an [`Excerpt`] of its lines, escaped and clipped around the labels.
use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::finding::{Finding, Label, Severity};
use crate::lint::FailedFile;
use crate::render::source_text::ReportSource;
use crate::span::Span;
use crate::terminal::Excerpt;

#[derive(Debug)]
pub(crate) struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    /// The primary label, if any, then the near related ones.
    labels: Vec<&'a Label>,
    /// The lines of `labels`, whose spans are those of `labels` in order.
    excerpt: Option<Excerpt>,
    far: Vec<RelatedDiagnostic<'a>>,
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(heading(self.finding)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding.help.as_ref().map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|excerpt| excerpt as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.excerpt.as_ref()?;
        let primary = usize::from(self.finding.primary.is_some());
        let labels = self.labels.iter().enumerate().map(move |(index, label)| {
            if index < primary {
                LabeledSpan::new_primary_with_span(label_text(label), excerpt.span(index))
            } else {
                LabeledSpan::new_with_span(label_text(label), excerpt.span(index))
            }
        });
        Some(Box::new(labels))
    }
}

/// How many lines from the primary label a related label may be and still
/// share its snippet.
pub(crate) const NEAR_LINES: usize = 3;

/// At most this many related labels share the primary's snippet: each
/// draws a line of its own under the text.
pub(crate) const MAX_NEAR: usize = 8;

/// At most this many far figures get a snippet; the rest are listed by line.
pub(crate) const MAX_FAR: usize = 3;

impl<'a> FindingDiagnostic<'a> {
    pub fn new(finding: &'a Finding, source: &'a ReportSource<'a>) -> Self {
        let near_primary = |label: &Label| {
            let Some(primary) = &finding.primary else { return true };
            source.line_of(primary.span.start).abs_diff(source.line_of(label.span.start)) <= NEAR_LINES
        };
        let (mut near, mut far): (Vec<&Label>, Vec<&Label>) =
            finding.related.iter().partition(|label| near_primary(label));
        if near.len() > MAX_NEAR {
            far.splice(0..0, near.split_off(MAX_NEAR));
        }
        let labels: Vec<&Label> = finding.primary.iter().chain(near).collect();
        let spans: Vec<Span> = labels.iter().map(|label| label.span).collect();
        let excerpt = (!labels.is_empty()).then(|| source.excerpt(&spans));
        // Past MAX_FAR, the last place goes to a line listing the rest.
        let shown = if far.len() > MAX_FAR { MAX_FAR.saturating_sub(1) } else { far.len() };
        let (snippets, listed) = far.split_at_checked(shown).unwrap_or((&far, &[]));
        let mut far: Vec<RelatedDiagnostic<'a>> = snippets
            .iter()
            .map(|label| RelatedDiagnostic::Snippet { label, excerpt: source.excerpt(&[label.span]) })
            .collect();
        if !listed.is_empty() {
            let lines: Vec<String> = listed
                .iter()
                .map(|label| format!("第 {} 行 {}", source.line_of(label.span.start), label.text))
                .collect();
            far.push(RelatedDiagnostic::Listed(format!("另有相关数字：{}", lines.join("；"))));
        }
        FindingDiagnostic { finding, labels, excerpt, far }
    }

    /// The figures too far from the finding to share its snippet, each to
    /// be drawn right after it.
    pub fn far(&self) -> &[RelatedDiagnostic<'a>] {
        &self.far
    }
}

/// Figures involved in a finding but far from it: a small snippet of its
/// own, or, past [`MAX_FAR`], a line listing where the rest stand.
#[derive(Debug)]
pub(crate) enum RelatedDiagnostic<'a> {
    Snippet { label: &'a Label, excerpt: Excerpt },
    Listed(String),
}

impl fmt::Display for RelatedDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RelatedDiagnostic::Snippet { .. } => f.write_str("相关数字"),
            RelatedDiagnostic::Listed(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for RelatedDiagnostic<'_> {}

impl Diagnostic for RelatedDiagnostic<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match self {
            RelatedDiagnostic::Snippet { excerpt, .. } => Some(excerpt as &dyn SourceCode),
            RelatedDiagnostic::Listed(_) => None,
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let RelatedDiagnostic::Snippet { label, excerpt } = self else { return None };
        let label = LabeledSpan::new_primary_with_span(label_text(label), excerpt.span(0));
        Some(Box::new(std::iter::once(label)))
    }
}

/// `预算执行率 = 全年实际支出 ÷ 调整后全年预算数（budget-execution-rate）`, or
/// the id alone for a finding without a title.
pub(crate) fn heading(finding: &Finding) -> String {
    if finding.title.is_empty() { finding.rule.clone() } else { format!("{}（{}）", finding.title, finding.rule) }
}

/// An empty label text means "underline only".
fn label_text(label: &Label) -> Option<String> {
    (!label.text.is_empty()).then(|| label.text.clone())
}

/// A file that could not be read: one line, no code, no source.
#[derive(Debug)]
pub(crate) struct FailureDiagnostic<'a> {
    pub file: &'a FailedFile,
}

impl fmt::Display for FailureDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "无法读取 {}：{}", self.file.path, self.file.error)
    }
}

impl std::error::Error for FailureDiagnostic<'_> {}

impl Diagnostic for FailureDiagnostic<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Error)
    }
}
