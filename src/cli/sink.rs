//! sink: the text `lint` writes → standard output or `--output FILE`, and
//! [`Replacement`], how any file of a run is written.
//!
//! A file is written to a temporary file beside it (`.NAME.PID.tmp`, same
//! folder, so same file system) and renamed into place once complete: the
//! old file stays whole until the new one replaces it in one step, and a
//! failed or interrupted write never leaves half an output (the temporary
//! file is removed on failure). A symbolic link is followed: the file it
//! points to is replaced, the link stays. A target that exists and is not
//! a regular file (`/dev/null`, a FIFO, `>(gzip)`) is written directly.
//!
//! Write errors: the first one is kept and the rest of the output dropped;
//! at the end it is reported on standard error and the run exits 2, so a
//! truncated result never looks like a normal one. A closed pipe on
//! standard output (`reportlint lint … | head`) is not an error: the reader
//! has what it wanted, the rest is dropped quietly and the exit code is
//! that of the findings, as for other command-line tools.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

use reportlint::source::io_message;

use super::EXIT_UNREADABLE;

/// Standard output or `--output FILE`.
pub struct Sink {
    file: Option<(PathBuf, Replacement)>,
    error: Option<io::Error>,
}

impl Sink {
    /// Standard output, or the replacement of `path`; exit code 2 after
    /// saying why it cannot be written.
    pub fn open(path: Option<&Path>) -> Result<Self, u8> {
        let Some(path) = path else { return Ok(Sink { file: None, error: None }) };
        match Replacement::create(path) {
            Ok(file) => Ok(Sink { file: Some((path.to_path_buf(), file)), error: None }),
            Err(error) => {
                eprintln!("错误：无法写入 {}：{}", path.display(), io_message(&error));
                Err(EXIT_UNREADABLE)
            }
        }
    }

    pub fn write(&mut self, text: &str) {
        if self.error.is_some() {
            return;
        }
        let written = match &mut self.file {
            None => write_stdout(text),
            Some((_, file)) => file.write_all(text.as_bytes()),
        };
        self.error = written.err();
    }

    /// All of `reader`, as [`Sink::write`] writes a text.
    pub fn copy(&mut self, reader: &mut impl io::Read) {
        if self.error.is_some() {
            return;
        }
        let copied = match &mut self.file {
            None => {
                let mut stdout = io::stdout().lock();
                io::copy(reader, &mut stdout).and_then(|_| stdout.flush())
            }
            Some((_, file)) => io::copy(reader, file).map(drop),
        };
        self.error = copied.err();
    }

    /// Puts a file in place; exit code 2 after reporting the first write
    /// error, if there was one (a closed standard output excepted).
    pub fn close(self) -> Result<(), u8> {
        let (shown, result) = match self.file {
            None => ("标准输出".to_owned(), self.error.map_or(Ok(()), Err)),
            Some((path, file)) => (format!(" {}", path.display()), self.error.map_or_else(|| file.commit(), Err)),
        };
        match result {
            Err(error) if error.kind() != ErrorKind::BrokenPipe => {
                eprintln!("错误：无法写入{shown}：{}", io_message(&error));
                Err(EXIT_UNREADABLE)
            }
            _ => Ok(()),
        }
    }
}

/// All of `text` on standard output, flushed, so that an error shows now.
pub fn write_stdout(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// A file being written in place of `path`: see the module documentation.
pub struct Replacement {
    writer: Option<BufWriter<File>>,
    /// The temporary file and the file it becomes; `None` when the target
    /// is written directly.
    rename: Option<(PathBuf, PathBuf)>,
}

impl Replacement {
    pub fn create(path: &Path) -> io::Result<Self> {
        let existing = fs::metadata(path).ok();
        if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
            return Err(ErrorKind::IsADirectory.into());
        }
        if existing.as_ref().is_some_and(|metadata| !metadata.is_file()) {
            let file = OpenOptions::new().write(true).open(path)?;
            return Ok(Replacement { writer: Some(BufWriter::new(file)), rename: None });
        }
        let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut name = OsString::from(".");
        name.push(target.file_name().unwrap_or(path.as_os_str()));
        name.push(format!(".{}.tmp", std::process::id()));
        let temporary = target.with_file_name(name);
        let file = match OpenOptions::new().write(true).create_new(true).open(&temporary) {
            // Left by a killed run that had this process id.
            Err(error) if error.kind() == ErrorKind::AlreadyExists => {
                fs::remove_file(&temporary)?;
                OpenOptions::new().write(true).create_new(true).open(&temporary)?
            }
            opened => opened?,
        };
        if let Some(existing) = existing {
            // The new file may be read by whoever could read the old one.
            let _ = file.set_permissions(existing.permissions());
        }
        Ok(Replacement { writer: Some(BufWriter::new(file)), rename: Some((temporary, target)) })
    }

    /// Flushes and renames the file into place.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(mut writer) = self.writer.take() {
            writer.flush()?;
        }
        match self.rename.take() {
            Some((temporary, target)) => fs::rename(&temporary, target).inspect_err(|_| {
                let _ = fs::remove_file(&temporary);
            }),
            None => Ok(()),
        }
    }
}

impl Write for Replacement {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match &mut self.writer {
            Some(writer) => writer.write(bytes),
            None => Ok(bytes.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl Drop for Replacement {
    /// Not committed: the target is left as it was.
    fn drop(&mut self) {
        drop(self.writer.take());
        if let Some((temporary, _)) = self.rename.take() {
            let _ = fs::remove_file(temporary);
        }
    }
}

/// `bytes` in place of the file at `path` (see [`Replacement`]).
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = Replacement::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_through_its_link() {
        let folder = std::env::temp_dir().join(format!("reportlint-sink-{}", std::process::id()));
        fs::create_dir_all(&folder).unwrap();
        let (target, link) = (folder.join("结果.json"), folder.join("链接.json"));
        fs::write(&target, "旧").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let mut file = Replacement::create(&link).unwrap();
        file.write_all("新".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "旧", "the old file stays whole until the end");
        file.commit().unwrap();
        let abandoned = Replacement::create(&target).unwrap();
        drop(abandoned);
        let names: Vec<_> = fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        let (written, still_a_link) = (fs::read_to_string(&target), fs::symlink_metadata(&link));
        fs::remove_dir_all(&folder).unwrap();
        assert_eq!(written.unwrap(), "新");
        assert!(still_a_link.unwrap().file_type().is_symlink());
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
    }

    #[test]
    fn a_device_is_written_directly_and_a_folder_refused() {
        replace(Path::new("/dev/null"), b"x").unwrap();
        let error = Replacement::create(Path::new("/tmp")).err().unwrap();
        assert_eq!(error.kind(), ErrorKind::IsADirectory);
    }
}
