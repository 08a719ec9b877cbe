//! A .docx package holding fuzzed bytes as its main document part,
//! uncompressed (mutating a deflated zip rarely gets past its checksum).
//! Shared through `#[path]` by the `docx_read` and `docx_annotate` fuzz
//! targets and their replay in `tests/fuzz_regressions.rs`.

use std::io::{Cursor, Write};

use reportlint::source::docx::Limits;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The limits the .docx targets read with: small, so that fuzzed input
/// reaches them.
pub const FUZZ_LIMITS: Limits = Limits { max_decompressed_bytes: 256 << 10, max_depth: 32 };

/// The file a fuzzer's bytes stand for: an even first byte wraps the rest,
/// as `word/document.xml`, into a stored zip; an odd one hands the rest to
/// the reader as the file itself.
pub fn fuzzed_docx(data: &[u8]) -> Option<Vec<u8>> {
    let (&choice, rest) = data.split_first()?;
    if choice & 1 == 0 { stored_docx(rest) } else { Some(rest.to_vec()) }
}

/// A package holding `xml` as `word/document.xml`, stored.
pub fn stored_docx(xml: &[u8]) -> Option<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    writer.start_file("word/document.xml", options).ok()?;
    writer.write_all(xml).ok()?;
    writer.finish().ok().map(Cursor::into_inner)
}
