//! The size limit on report text: a path or bytes → the bytes, or a
//! [`SourceError::TextTooLarge`].
//!
//! A report is 10–100 KB of text; a file of many megabytes is a mistake or
//! an attack, and reading it would cost memory and time for nothing. Plain
//! text is measured before it is read (its size on disk, then a read that
//! stops one byte past the limit, for a file that grows while it is read);
//! every decoded text, whatever its format, is measured again. A .docx,
//! .xlsx or .pdf may be bigger on disk (images): it is read up to
//! [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES), and what bounds its reader is
//! its own cap on the XML it inflates.

use std::path::Path;

use super::error::SourceError;
use super::file;

/// Most bytes of report text accepted: of a plain-text file as read, and of
/// any decoded text. 16 MiB is over a hundred times a long report.
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

/// Most parts of report text accepted: lines and runs of spaces or tabs,
/// together. Each line becomes a paragraph and each spaced piece may become
/// a table cell, which the later stages hold at up to a kilobyte apiece (a
/// figure inside prose costs far less). A long report has tens of thousands
/// (a 5 MB single line of prose 265,000); 16 MiB of `1 ` had eight million.
pub const MAX_TEXT_PARTS: u64 = 400_000;

/// `Ok` when `text` has at most [`MAX_TEXT_PARTS`] parts; counted in one
/// pass over its bytes, before anything is built from it.
pub(super) fn check_parts(text: &str) -> Result<(), SourceError> {
    let (mut parts, mut previous) = (0u64, b'\n');
    for &byte in text.as_bytes() {
        let starts = match byte {
            b'\n' => true,
            b' ' | b'\t' => !matches!(previous, b' ' | b'\t'),
            _ => false,
        };
        parts = parts.saturating_add(u64::from(starts));
        previous = byte;
    }
    if parts > MAX_TEXT_PARTS { Err(SourceError::TooManyParts { parts, limit: MAX_TEXT_PARTS }) } else { Ok(()) }
}

/// All of a plain-text file, if it is a regular file that holds at most
/// [`MAX_TEXT_BYTES`] ([`file::read_regular`]).
pub(super) fn read_text_file(path: &Path) -> Result<Vec<u8>, SourceError> {
    file::read_regular(path, MAX_TEXT_BYTES).map_err(|error| match error {
        SourceError::FileTooLarge { size, limit } => SourceError::TextTooLarge { size, limit },
        error => error,
    })
}

/// `Ok` for a length of at most [`MAX_TEXT_BYTES`].
pub(super) fn check(size: u64) -> Result<(), SourceError> {
    if size > MAX_TEXT_BYTES { Err(SourceError::TextTooLarge { size, limit: MAX_TEXT_BYTES }) } else { Ok(()) }
}

pub(super) fn length(bytes: usize) -> u64 {
    u64::try_from(bytes).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_inclusive() {
        assert!(check(MAX_TEXT_BYTES).is_ok());
        let error = check(MAX_TEXT_BYTES + 1).unwrap_err();
        assert!(matches!(error, SourceError::TextTooLarge { size, .. } if size == MAX_TEXT_BYTES + 1));
        assert_eq!(error.to_string(), "文件过大：16777217 字节，超过 16 MiB 的上限；一份报告通常只有几百 KB");
    }

    #[test]
    fn parts_are_lines_and_runs_of_blanks() {
        assert!(check_parts("一、概况\n年初预算 100.00  万元，\t执行率 96%。\n").is_ok());
        let ones = "1 ".repeat(400_001);
        let error = check_parts(&ones).unwrap_err();
        assert!(matches!(error, SourceError::TooManyParts { parts: 400_001, .. }), "{error:?}");
        assert!(error.to_string().contains("400000"), "{error}");
        assert!(check_parts(&"一、1\n".repeat(400_000)).is_ok());
        assert!(check_parts(&"一、1\n".repeat(400_001)).is_err());
        assert!(check_parts(&"1，".repeat(1_000_000)).is_ok(), "figures in prose are cheap");
    }

    #[test]
    fn a_device_is_refused_without_reading_it() {
        let Err(error) = read_text_file(Path::new("/dev/zero")) else { panic!("/dev/zero was read") };
        assert!(matches!(error, SourceError::NotRegular { .. }), "{error:?}");
    }
}
