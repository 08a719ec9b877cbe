//! Rule-file problems as miette diagnostics pointing into the YAML.
//!
//! miette is shown an [`Excerpt`] of the lines around the problem, made on
//! first use, not the whole file: a YAML line of 100,000 characters would
//! make its graphical handler panic, and a control character in the file
//! would reach the terminal raw.

use std::fmt;
use std::sync::{Arc, OnceLock};

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::span::{LineIndex, Span};
use crate::terminal::Excerpt;

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
    /// The lines of `location` as miette draws them.
    excerpt: OnceLock<Option<Excerpt>>,
}

impl RuleError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        RuleError { code, message: message.into(), location: None, label: None, help: None, excerpt: OnceLock::new() }
    }

    fn excerpt(&self) -> Option<&Excerpt> {
        self.excerpt
            .get_or_init(|| {
                let (source, span) = self.location.as_ref()?;
                Some(Excerpt::new(&source.name, &source.text, &LineIndex::new(&source.text), &[*span]))
            })
            .as_ref()
    }

    pub fn at(mut self, source: &RuleSource, span: Span) -> Self {
        self.location = Some((source.clone(), span));
        self.excerpt = OnceLock::new();
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
        self.excerpt().map(|excerpt| excerpt as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.excerpt()?;
        let label = LabeledSpan::new_primary_with_span(self.label.clone(), excerpt.span(0));
        Some(Box::new(std::iter::once(label)))
    }
}

/// Every problem found while loading a pack folder.
#[derive(Debug, Clone, Default)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "规则文件有 {} 处错误", self.0.len())
    }
}

impl std::error::Error for RuleErrors {}
