//! The .docx package (a zip) read part by part and written back: every
//! part not rewritten is copied as it was stored, compressed bytes and all
//! (`raw_copy_file`), so the copy differs from the original only in the
//! parts that gain comments.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::annotate::AnnotateError;
use crate::source::docx::Limits;

pub(super) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// What is left of the bound on bytes inflated ([`Limits`]).
    budget: u64,
}

/// A part as read: its name in the zip (as spelt there) and its text.
pub(super) struct Part {
    pub name: String,
    pub text: String,
}

impl<'a> Package<'a> {
    pub(super) fn open(bytes: &'a [u8]) -> Result<Package<'a>, AnnotateError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|error| package_error(&error))?;
        Ok(Package { archive, budget: Limits::default().max_decompressed_bytes })
    }

    /// The part named `name` (case-insensitive, as package part names
    /// are), if the package has it.
    pub(super) fn part(&mut self, name: &str) -> Result<Option<Part>, AnnotateError> {
        let Some(index) = self.index(name) else {
            return Ok(None);
        };
        let part = self.archive.by_index(index).map_err(|error| package_error(&error))?;
        let zip_name = part.name().map_err(|error| package_error(&error))?.into_owned();
        let mut data = Vec::new();
        part.take(self.budget.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|_| AnnotateError::Part { part: name.to_string(), detail: "压缩数据已损坏".to_string() })?;
        let read = u64::try_from(data.len()).unwrap_or(u64::MAX);
        if read > self.budget {
            return Err(AnnotateError::Package { detail: "解压后过大".to_string() });
        }
        self.budget = self.budget.saturating_sub(read);
        if data.starts_with("\u{feff}".as_bytes()) {
            data.drain(.."\u{feff}".len());
        }
        let text = String::from_utf8(data)
            .map_err(|_| AnnotateError::Part { part: name.to_string(), detail: "不是 UTF-8 编码".to_string() })?;
        Ok(Some(Part { name: zip_name, text }))
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.archive
            .index_for_name(name)
            .or_else(|| self.archive.file_names_raw().position(|raw| raw.eq_ignore_ascii_case(name.as_bytes())))
    }

    /// The package with the parts of `replaced` (by their zip name) given
    /// new text, in their places, and `added` at the end.
    pub(super) fn write(
        mut self,
        replaced: &BTreeMap<String, String>,
        added: &[(String, String)],
    ) -> Result<Vec<u8>, AnnotateError> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for index in 0..self.archive.len() {
            let part = self.archive.by_index_raw(index).map_err(|error| package_error(&error))?;
            let name = part.name().map_err(|error| package_error(&error))?.into_owned();
            match replaced.get(&name) {
                Some(text) => {
                    let mut options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
                    if let Some(modified) = part.last_modified() {
                        options = options.last_modified_time(modified);
                    }
                    drop(part);
                    writer.start_file(name, options).map_err(|error| package_error(&error))?;
                    writer.write_all(text.as_bytes()).map_err(|error| io_error(&error))?;
                }
                None => writer.raw_copy_file(part).map_err(|error| package_error(&error))?,
            }
        }
        for (name, text) in added {
            let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
            writer.start_file(name.as_str(), options).map_err(|error| package_error(&error))?;
            writer.write_all(text.as_bytes()).map_err(|error| io_error(&error))?;
        }
        let cursor = writer.finish().map_err(|error| package_error(&error))?;
        Ok(cursor.into_inner())
    }
}

fn package_error(error: &zip::result::ZipError) -> AnnotateError {
    AnnotateError::Package { detail: format!("zip 数据有误（{error}）") }
}

fn io_error(error: &std::io::Error) -> AnnotateError {
    AnnotateError::Package { detail: format!("写出失败（{error}）") }
}
