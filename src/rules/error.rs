//! Rule-file problems as miette diagnostics pointing into the YAML.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::span::Span;

/// A rule file's name and text, shared by every diagnostic about it.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: Arc<String>,
}

/// One problem in a rule pack. Many are collected before loading gives up,
/// so that an author sees all mistakes of a folder at once.
#[derive(Debug, Clone)]
pub struct RuleError {
    /// Stable code: `rules::unknown-fact`, `rules::yaml`, …
    pub code: &'static str,
    pub message: String,
    /// The file and the place in it, when known.
    pub location: Option<(RuleSource, Span)>,
    /// What the underline says.
    pub label: Option<String>,
    pub help: Option<String>,
}

impl RuleError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        RuleError { code, message: message.into(), location: None, label: None, help: None }
    }

    pub fn at(mut self, source: &RuleSource, span: Span) -> Self {
        self.location = Some((source.clone(), span));
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The file name, for sorting and plain-text output.
    pub fn file(&self) -> Option<&str> {
        self.location.as_ref().map(|(source, _)| source.name.as_str())
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.location.as_ref().map(|(source, _)| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.location.as_ref()?;
        let label = LabeledSpan::new_primary_with_span(self.label.clone(), *span);
        Some(Box::new(std::iter::once(label)))
    }
}

impl SourceCode for RuleSource {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self.text.as_str().read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}

/// Every problem found while loading a pack folder.
#[derive(Debug, Clone, Default)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} problem(s) in the rule files", self.0.len())
    }
}

impl std::error::Error for RuleErrors {}
