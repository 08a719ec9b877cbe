//! diagnostic: a [`Finding`] or an unreadable file → a miette [`Diagnostic`].
//!
//! The adapters borrow; they exist only while `human` renders. The rule id
//! is the diagnostic's code, the primary label is marked primary (miette
//! takes the header position from it), the related labels follow. A finding
//! without spans has no labels and no source, and renders as message and
//! help only.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::finding::{Finding, Label, Severity};
use crate::lint::FailedFile;
use crate::render::source_text::ReportSource;

#[derive(Debug)]
pub(crate) struct FindingDiagnostic<'a> {
    pub finding: &'a Finding,
    pub source: &'a ReportSource<'a>,
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
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
        self.has_spans().then_some(self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if !self.has_spans() {
            return None;
        }
        let primary =
            self.finding.primary.iter().map(|label| {
                LabeledSpan::new_primary_with_span(label_text(label), self.source.source_span(label.span))
            });
        let related = self
            .finding
            .related
            .iter()
            .map(|label| LabeledSpan::new_with_span(label_text(label), self.source.source_span(label.span)));
        Some(Box::new(primary.chain(related)))
    }
}

impl FindingDiagnostic<'_> {
    fn has_spans(&self) -> bool {
        self.finding.primary.is_some() || !self.finding.related.is_empty()
    }
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
