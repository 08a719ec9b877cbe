//! The size limit on report text: a path or bytes → the bytes, or a
//! [`SourceError::TextTooLarge`].
//!
//! A report is 10–100 KB of text; a file of many megabytes is a mistake or
//! an attack, and reading it would cost memory and time for nothing. Plain
//! text is measured before it is read (its size on disk, then a read that
//! stops one byte past the limit, for a file that grows or a device that
//! reports no size); every decoded text, whatever its format, is measured
//! again. A .docx, .xlsx or .pdf may be bigger on disk (images); what bounds
//! its reader is its own cap on the XML it inflates.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::error::SourceError;

/// Most bytes of report text accepted: of a plain-text file as read, and of
/// any decoded text. 16 MiB is over a hundred times a long report.
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

/// All of a plain-text file, if it holds at most [`MAX_TEXT_BYTES`].
pub(super) fn read_text_file(path: &Path) -> Result<Vec<u8>, SourceError> {
    let io = |source| SourceError::Io { path: path.to_path_buf(), source };
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    check(size)?;
    // The size on disk only sizes the buffer; the read itself is bounded.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_TEXT_BYTES.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    check(length(bytes.len()))?;
    Ok(bytes)
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
    fn a_device_without_a_size_is_read_only_up_to_the_limit() {
        let Err(error) = read_text_file(Path::new("/dev/zero")) else { panic!("/dev/zero was read") };
        assert!(matches!(error, SourceError::TextTooLarge { .. } | SourceError::Io { .. }), "{error:?}");
    }
}
