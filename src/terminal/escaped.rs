//! escaped: any miette [`Diagnostic`] → the same diagnostic with its
//! message, code, help and label texts [`escape`]d.
//!
//! The snippet is the source's business: [`super::Excerpt`] escapes it.
//! Related diagnostics are wrapped too, so nothing a diagnostic says
//! reaches the terminal raw.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};

use super::escape;

#[derive(Debug)]
pub struct Escaped<'a> {
    inner: &'a dyn Diagnostic,
    message: String,
    related: Vec<Escaped<'a>>,
}

impl<'a> Escaped<'a> {
    pub fn new(inner: &'a dyn Diagnostic) -> Self {
        let related = inner.related().map(|related| related.map(Escaped::new).collect()).unwrap_or_default();
        Escaped { inner, message: escape(&inner.to_string()).into_owned(), related }
    }
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Escaped<'_> {}

fn escaped<'b>(text: Option<Box<dyn fmt::Display + 'b>>) -> Option<Box<dyn fmt::Display + 'b>> {
    text.map(|text| Box::new(escape(&text.to_string()).into_owned()) as Box<dyn fmt::Display>)
}

impl Diagnostic for Escaped<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        escaped(self.inner.code())
    }

    fn severity(&self) -> Option<Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        escaped(self.inner.help())
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.inner.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.inner.labels()?.map(|label| {
            let text = label.label().map(|text| escape(text).into_owned());
            if label.primary() {
                LabeledSpan::new_primary_with_span(text, *label.inner())
            } else {
                LabeledSpan::new_with_span(text, *label.inner())
            }
        });
        Some(Box::new(labels))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|related| related as &dyn Diagnostic)))
    }
}
