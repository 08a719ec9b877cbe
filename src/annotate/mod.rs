//! annotate: findings → the author's own file with a comment (批注) on
//! each finding's figure, to be handed back inside the draft.
//!
//! What a comment says is [`note`]; where it is anchored, and how the
//! file is rewritten, depends on the format the report came in.

mod error;
pub mod note;
mod xlsx;

pub use error::AnnotateError;

/// Which findings become comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Infos too (`lint -v`); errors and warnings always.
    pub include_info: bool,
}

/// A commented copy of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated {
    pub bytes: Vec<u8>,
    /// The name to save it under: the input's stem with `-审核` and the
    /// extension of what was written (`报告-审核.docx`).
    pub file_name: String,
    /// Its media type, for a download.
    pub media_type: &'static str,
    /// How many comments it holds.
    pub comments: usize,
}
