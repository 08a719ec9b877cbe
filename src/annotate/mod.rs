//! annotate: findings → the author's own file with a comment (批注) on
//! each finding's figure, to be handed back inside the draft.
//!
//! What a comment says is [`note`] and how it is written [`markup`];
//! where it is anchored, and how the file is rewritten, depends on the
//! format the report came in: a .docx is commented in place ([`docx`]);
//! text, Markdown, CSV and PDF become a new Word document of their text
//! ([`text_docx`]); a workbook gets a note on each finding's cell
//! ([`xlsx`]). [`annotate`] is the entry point.

mod docx;
mod error;
pub(crate) mod markup;
pub mod note;
mod package;
mod text_docx;
mod xlsx;

use std::path::Path;

pub use error::AnnotateError;

use crate::finding::{Finding, Severity};
use crate::lint::LintedFile;
use crate::source::Format;

const DOCX_MEDIA_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX_MEDIA_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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

/// Whether the copy of a report in `format` is made from its original
/// bytes (a .docx or a workbook is commented in place), rather than from
/// the text read: a caller that no longer holds the bytes reads them again
/// only then, and may pass nothing otherwise.
pub fn needs_original(format: Format) -> bool {
    matches!(format, Format::Docx | Format::Xlsx)
}

/// The commented copy of a linted file, from the file's bytes as read
/// (`original`, unused where [`needs_original`] says so): its findings, less infos unless `options` asks for them,
/// each a comment. The caller has already removed what a baseline hides.
pub fn annotate(original: &[u8], file: &LintedFile, options: &Options) -> Result<Annotated, AnnotateError> {
    let findings: Vec<&Finding> =
        file.findings.iter().filter(|finding| options.include_info || finding.severity != Severity::Info).collect();
    let ((bytes, comments), extension, media_type) = match file.document.format {
        Format::Docx => (docx::annotate(original, &file.document, &findings)?, "docx", DOCX_MEDIA_TYPE),
        Format::Text | Format::Markdown | Format::Csv | Format::Pdf => {
            (text_docx::write(&file.document, &findings)?, "docx", DOCX_MEDIA_TYPE)
        }
        Format::Xlsx => (xlsx::annotate(original, &file.document, &findings)?, "xlsx", XLSX_MEDIA_TYPE),
    };
    Ok(Annotated { bytes, file_name: file_name(&file.path, extension), media_type, comments })
}

/// `报告-审核.docx` for `材料/报告.txt`.
fn file_name(path: &str, extension: &str) -> String {
    let stem = Path::new(path).file_stem().map_or_else(|| "报告".into(), |stem| stem.to_string_lossy());
    format!("{stem}-审核.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_the_stem_with_a_review_mark() {
        assert_eq!(file_name("材料/2023 年报告.txt", "docx"), "2023 年报告-审核.docx");
        assert_eq!(file_name("a.b.docx", "docx"), "a.b-审核.docx");
    }
}
