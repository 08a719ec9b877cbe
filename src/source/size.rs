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
    fn a_device_is_refused_without_reading_it() {
        let Err(error) = read_text_file(Path::new("/dev/zero")) else { panic!("/dev/zero was read") };
        assert!(matches!(error, SourceError::NotRegular { .. }), "{error:?}");
    }
}
