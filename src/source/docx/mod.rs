//! .docx bytes → [`Document`]: the paragraphs and tables of the main
//! document part, as text with blocks.
//!
//! Pipeline: [`package`] (zip → the XML of the main part) → [`body`] (XML →
//! paragraphs and tables, through [`builder`], which places cells in the
//! grid with [`grid`] and records nested tables with [`nested`]) →
//! [`layout`] (→ text and spans, a cell's text by [`cell_text`], vertical
//! merges resolved by [`merge`]). The text has one line per paragraph and
//! one per table row, cells separated by tabs, so the report stage and line
//! numbers work as for a text export; every block span points into that
//! text. A merged cell is one cell of the table model with its width and
//! height; a nested table is a table block of its own whose cells point
//! into the text of the cell holding it.
//!
//! A soft line break (`w:br`, `w:cr`) stays a line break inside its
//! paragraph's block rather than being dropped: the report stage reads it
//! as white space, which it removes between Chinese characters but keeps
//! between two figures (`2023` / `100` must not become `2023100`). In a
//! table cell, where a row must stay on one line, it becomes a space.
//!
//! Hostile files fail with a [`SourceError`], never a panic or an
//! allocation the file dictates: see [`Limits`].

use super::{Document, Format, SourceError};

mod body;
mod builder;
mod cell_text;
mod elements;
mod grid;
mod layout;
mod merge;
mod nested;
mod origin;
mod package;

pub(crate) use origin::Origin;
pub(crate) use package::main_part_name;

/// Bounds on what a .docx may cost to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes inflated from the zip, all parts read together (64 MiB by
    /// default; real reports are well under 5 MiB of XML).
    pub max_decompressed_bytes: u64,
    /// Elements open at once in the document XML (256 by default; Word
    /// writes fewer than 30).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_decompressed_bytes: 64 << 20, max_depth: 256 }
    }
}

/// Reads a .docx with the default [`Limits`].
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, SourceError> {
    read_with_limits(name, bytes, &Limits::default())
}

/// Reads a .docx; a file over `limits` is an error.
pub fn read_with_limits(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, SourceError> {
    let xml = package::main_part(bytes, limits)?;
    let items = body::read(&xml, limits.max_depth)?;
    let (text, blocks) = layout::lay_out(&items);
    if text.trim().is_empty() {
        return Err(SourceError::Empty);
    }
    Ok(Document::new(name, text, Format::Docx, blocks))
}

/// The text of a main document part and where each piece of it came
/// from: what the reader makes of `xml`, with the [`Origin`]s that
/// [`read`] does not record. For writing into the file (annotate).
pub(crate) struct Traced {
    pub text: String,
    pub origins: Vec<Origin>,
}

/// Reads the XML of a main document part, recording [`Origin`]s.
pub(crate) fn trace(xml: &str, limits: &Limits) -> Result<Traced, SourceError> {
    let (items, origins) = body::read_traced(xml, limits.max_depth)?;
    let (text, _) = layout::lay_out(&items);
    Ok(Traced { text, origins })
}

fn docx_error(detail: String) -> SourceError {
    SourceError::Docx { detail }
}
