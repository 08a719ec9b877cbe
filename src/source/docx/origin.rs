//! Where a piece of the document text came from in `word/document.xml`:
//! recorded by the body walk only when asked ([`super::trace`]), so that
//! a commented copy can put its marks around the very characters a
//! finding points at.
//!
//! A piece is one event the walk gave the builder: the character data of
//! a `w:t` between two markup boundaries, one entity or character
//! reference (`&amp;`, `&#x4e00;`: never split, it is one character), or a
//! `w:noBreakHyphen` element (one `-`). Pieces come in the order the
//! builder received them, which is the order of the document text; a piece
//! the text does not show (a deleted row, a merged cell's continuation) is
//! not recorded.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The bytes of the event in the XML.
    pub xml: Range<usize>,
    /// The text it gave, references resolved and line ends normalised.
    pub text: String,
}

impl Origin {
    /// A piece read from bytes `at` of the XML; `None` when it gave no text.
    pub(super) fn new(at: (u64, u64), text: &str) -> Option<Origin> {
        let start = usize::try_from(at.0).ok()?;
        let end = usize::try_from(at.1).ok()?;
        (!text.is_empty() && start <= end).then(|| Origin { xml: start..end, text: text.to_string() })
    }
}
