//! The zip package of a .docx or an .xlsx: its parts read as text within
//! the readers' budget, and the copy written with every part it does not
//! change copied as stored, byte for byte (compressed data, names and times
//! included), so that the copy differs from the original only in the parts
//! that gain comments.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::annotate::AnnotateError;
use crate::source::docx::Limits;

/// A part as read: the name it is stored under and its text.
pub(crate) struct Part {
    pub name: String,
    pub text: String,
}

/// An open package and what reading its parts has cost so far.
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes inflated so far; at most the readers' cap for a whole package.
    inflated: u64,
    limit: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, AnnotateError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|error| package_error(&error))?;
        Ok(Package { archive, inflated: 0, limit: Limits::default().max_decompressed_bytes })
    }

    /// The name under which `path` is stored: as written, or else the
    /// first entry equal to it ignoring ASCII case (part names are
    /// case-insensitive in a package).
    pub fn entry(&self, path: &str) -> Option<String> {
        if self.archive.index_for_name(path).is_some() {
            return Some(path.to_string());
        }
        self.archive.file_names().filter_map(Result::ok).find(|name| name.eq_ignore_ascii_case(path)).map(Into::into)
    }

    /// The text of part `path`, or `None` when the package has no such part.
    pub fn read(&mut self, path: &str) -> Result<Option<String>, AnnotateError> {
        Ok(self.part(path)?.map(|part| part.text))
    }

    /// Part `path` with the name it is stored under, or `None` when the
    /// package has no such part.
    pub fn part(&mut self, path: &str) -> Result<Option<Part>, AnnotateError> {
        let Some(name) = self.entry(path) else { return Ok(None) };
        let remaining = self.limit.saturating_sub(self.inflated);
        let mut file = self.archive.by_name(&name).map_err(|error| package_error(&error))?;
        if file.size() > remaining {
            return Err(too_large(self.limit));
        }
        let mut bytes = Vec::new();
        (&mut file)
            .take(remaining.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|error| AnnotateError::Part { part: name.clone(), detail: error.to_string() })?;
        self.inflated = self.inflated.saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
        if self.inflated > self.limit {
            return Err(too_large(self.limit));
        }
        // Office writes its XML as UTF-8. A byte-order mark is dropped, as
        // the readers drop it, so that offsets into the text are theirs; a
        // part written back goes without it.
        if bytes.starts_with("\u{feff}".as_bytes()) {
            bytes.drain(.."\u{feff}".len());
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| AnnotateError::Part {
                part: name.clone(), detail: "不是 UTF-8 编码的 XML".to_string()
            })?;
        Ok(Some(Part { name, text }))
    }

    /// Whether the package holds `path`, in any case.
    pub fn has(&self, path: &str) -> bool {
        self.entry(path).is_some()
    }

    /// The copy: each stored entry in its order, as stored unless `changed`
    /// holds new text for it (keyed by the stored name), then the `added`
    /// parts.
    pub fn write(
        mut self,
        changed: &BTreeMap<String, String>,
        added: &[(String, String)],
    ) -> Result<Vec<u8>, AnnotateError> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for index in 0..self.archive.len() {
            let entry = self.archive.by_index_raw(index).map_err(|error| package_error(&error))?;
            let name = entry.name().map_err(|error| package_error(&error))?.into_owned();
            match changed.get(&name) {
                Some(text) => {
                    drop(entry);
                    writer.start_file(name, options).map_err(|error| package_error(&error))?;
                    writer.write_all(text.as_bytes()).map_err(|error| write_error(&error))?;
                }
                None => writer.raw_copy_file(entry).map_err(|error| package_error(&error))?,
            }
        }
        for (name, text) in added {
            writer.start_file(name, options).map_err(|error| package_error(&error))?;
            writer.write_all(text.as_bytes()).map_err(|error| write_error(&error))?;
        }
        Ok(writer.finish().map_err(|error| package_error(&error))?.into_inner())
    }
}

fn package_error(error: &zip::result::ZipError) -> AnnotateError {
    AnnotateError::Package { detail: format!("zip 压缩包有误（{error}）") }
}

fn write_error(error: &std::io::Error) -> AnnotateError {
    AnnotateError::Package { detail: error.to_string() }
}

fn too_large(limit: u64) -> AnnotateError {
    AnnotateError::Package {
        detail: format!("解压后的 XML 超过 {} MiB（可能是恶意构造的文件）", limit >> 20)
    }
}

#[cfg(test)]
#[path = "package_tests.rs"]
mod tests;
