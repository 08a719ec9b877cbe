//! file: a path → the bytes of one regular file, read up to a limit.
//!
//! Only regular files are read: a FIFO nobody writes blocks a read for
//! ever, `/dev/zero` never ends, and a socket or another device is no
//! report. The file is opened without blocking (`O_NONBLOCK`, so that
//! opening a FIFO returns at once; `O_NOCTTY`, so that a terminal named as
//! a report never becomes this process's) and the type of the file that
//! was opened is checked, not the type the path had a moment before: no
//! one can swap a FIFO in between. A symbolic link is followed. The read
//! itself is bounded whatever the size on disk said: a file that grows
//! while it is read stops one byte past the limit.

use std::fs::{FileType, OpenOptions};
use std::io::Read;
use std::path::Path;

use super::error::SourceError;

/// Most bytes of a .docx, .xlsx or .pdf file read. Images make a Word or
/// PDF report bigger than its text (a 20 MB .docx is ordinary); 128 MiB is
/// several times the biggest report seen, and what is read stays well
/// under the 1 GB a run may use. The text inside has its own, smaller cap
/// ([`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES)).
pub const MAX_FILE_BYTES: u64 = 128 << 20;

/// All of the regular file at `path`, if it holds at most `limit` bytes.
///
/// Fails with [`SourceError::NotRegular`] for a FIFO, a device, a socket or
/// a folder (after opening it without blocking, before reading a byte),
/// with [`SourceError::FileTooLarge`] for a file over `limit` (by its size
/// on disk, before reading, or by what a read returned), and with
/// [`SourceError::Io`] when it cannot be opened or read.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, SourceError> {
    let io = |source| SourceError::Io { path: path.to_path_buf(), source };
    let file = open_options().open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if !metadata.is_file() {
        return Err(SourceError::NotRegular { kind: kind(&metadata.file_type()) });
    }
    let too_large = |size| SourceError::FileTooLarge { size, limit };
    if metadata.len() > limit {
        return Err(too_large(metadata.len()));
    }
    // The size on disk only sizes the buffer; the read itself is bounded.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit { Err(too_large(read)) } else { Ok(bytes) }
}

#[cfg(unix)]
fn open_options() -> OpenOptions {
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut options = OpenOptions::new();
    // A regular file ignores O_NONBLOCK, so reads are the usual ones.
    options.read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    options
}

#[cfg(not(unix))]
fn open_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true);
    options
}

/// What a file that is not a regular file is, for the message.
fn kind(file_type: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "命名管道（FIFO）";
        } else if file_type.is_char_device() {
            return "字符设备";
        } else if file_type.is_block_device() {
            return "块设备";
        } else if file_type.is_socket() {
            return "套接字";
        }
    }
    if file_type.is_dir() { "文件夹" } else { "特殊文件" }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn devices_and_folders_are_refused_before_a_byte_is_read() {
        let refused = |path: &str| match read_regular(Path::new(path), MAX_FILE_BYTES) {
            Err(SourceError::NotRegular { kind }) => kind,
            other => panic!("{path}: {other:?}"),
        };
        assert_eq!(refused("/dev/zero"), "字符设备");
        assert_eq!(refused("/"), "文件夹");
        assert_eq!(
            SourceError::NotRegular { kind: "字符设备" }.to_string(),
            "这是字符设备，不是普通文件；只读取普通文件"
        );
    }

    #[test]
    fn a_regular_file_is_read_up_to_the_limit() {
        let path = std::env::temp_dir().join(format!("reportlint-file-{}.txt", std::process::id()));
        std::fs::write(&path, "一二三").unwrap();
        let whole = read_regular(&path, 9);
        let over = read_regular(&path, 8);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(whole.unwrap(), "一二三".as_bytes());
        assert!(matches!(over, Err(SourceError::FileTooLarge { size: 9, limit: 8 })), "{over:?}");
        assert_eq!(
            SourceError::FileTooLarge { size: 200 << 20, limit: MAX_FILE_BYTES }.to_string(),
            "文件过大：209715200 字节，超过 128 MiB 的上限"
        );
    }
}
