//! A .docx package holding fuzzed bytes as its main document part,
//! uncompressed (mutating a deflated zip rarely gets past its checksum).
//! Shared through `#[path]` by the `docx_read` and `docx_annotate` fuzz
//! targets and their replay in `tests/fuzz_regressions.rs`.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A package holding `xml` as `word/document.xml`, stored.
pub fn stored_docx(xml: &[u8]) -> Option<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    writer.start_file("word/document.xml", options).ok()?;
    writer.write_all(xml).ok()?;
    writer.finish().ok().map(Cursor::into_inner)
}
