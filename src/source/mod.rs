//! source: bytes → [`Document`].
//!
//! Reads a report file (UTF-8 with or without BOM, GB18030/GBK, Markdown;
//! .docx in a later issue) into the text that diagnostics show, plus its
//! blocks (paragraph lines and tables with cells), each with a byte span
//! into that text. Nothing here interprets the content: numbering,
//! sentences and figures are the `report` stage's job.

use std::path::Path;

use crate::span::Span;

mod aligned;
mod blocks;
mod cells;
mod csv;
pub mod docx;
mod encoding;
mod error;
mod file;
mod io_message;
mod layout;
mod lines;
mod loose;
mod pdf;
mod size;
mod xlsx;

pub use error::SourceError;
pub use file::{MAX_FILE_BYTES, read_regular};
pub use io_message::io_message;
pub use size::{MAX_TEXT_BYTES, MAX_TEXT_PARTS};

/// Reads and decodes one report file.
///
/// The file name as given becomes [`Document::name`]; the format follows the
/// extension ([`Format::from_path`]). Only a regular file is read (a FIFO
/// or a device is refused without blocking, [`read_regular`]); a
/// plain-text file over [`MAX_TEXT_BYTES`], or any other over
/// [`MAX_FILE_BYTES`], is refused before it is read.
pub fn load(path: &Path) -> Result<Document, SourceError> {
    // A missing file is reported as missing, whatever its extension.
    if let Some(error) = legacy(path).filter(|_| path.exists()) {
        return Err(error);
    }
    let format = Format::from_path(path);
    let bytes = match format {
        Format::Text | Format::Markdown | Format::Csv => size::read_text_file(path)?,
        Format::Docx | Format::Xlsx | Format::Pdf => read_regular(path, MAX_FILE_BYTES)?,
    };
    decode(&path.display().to_string(), &bytes, format)
}

/// Old binary formats reports are still saved in, by extension, each with
/// the format to save it as and the programs that can: `.doc` and `.wps`
/// (WPS 文字) are Word documents, `.xls` and `.et` (WPS 表格) workbooks.
pub const LEGACY_FORMATS: [(&str, &str, &str); 4] = [
    ("doc", ".docx", "Word 或 WPS"),
    ("wps", ".docx", "WPS 或 Word"),
    ("xls", ".xlsx", "Excel 或 WPS"),
    ("et", ".xlsx", "WPS 或 Excel"),
];

/// [`SourceError::Legacy`] when `path` names an old binary format by its
/// extension: such a file is refused before it is read, with the format to
/// save it as, instead of being read as text and called binary.
pub fn legacy(path: &Path) -> Option<SourceError> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let &(_, saved_as, program) = LEGACY_FORMATS.iter().find(|(legacy, ..)| *legacy == extension)?;
    Some(SourceError::Legacy { extension: format!(".{extension}"), saved_as, program })
}

/// Decodes the bytes of one report into a [`Document`].
///
/// Accepts UTF-8 (a BOM is dropped), UTF-16 with a BOM and GB18030 (which
/// includes GBK). Fails on an empty file, a binary file or bytes that are
/// neither (the error names the first offending byte), and on text over
/// [`MAX_TEXT_BYTES`] or [`MAX_TEXT_PARTS`], whatever the format.
pub fn decode(name: &str, bytes: &[u8], format: Format) -> Result<Document, SourceError> {
    let document = match format {
        Format::Xlsx => xlsx::read(name, bytes)?,
        Format::Pdf => pdf::read(name, bytes)?,
        Format::Docx => docx::read(name, bytes)?,
        Format::Csv => {
            size::check(size::length(bytes.len()))?;
            csv::read(name, bytes)?
        }
        Format::Text | Format::Markdown => {
            size::check(size::length(bytes.len()))?;
            let text = lines::unify_breaks(encoding::decode_text(bytes)?);
            size::check_parts(&text)?;
            let blocks = blocks::split(&text);
            Document::new(name, text, format, blocks)
        }
    };
    size::check(size::length(document.text.len()))?;
    // Text formats were measured before they were split into blocks.
    if !matches!(format, Format::Text | Format::Markdown) {
        size::check_parts(&document.text)?;
    }
    Ok(document)
}

/// A report as text, with its physical blocks.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name as given (for messages), or a label such as `<stdin>`.
    pub name: String,
    /// The decoded text, exactly what spans point into.
    pub text: String,
    pub format: Format,
    /// Blocks in document order.
    pub blocks: Vec<Block>,
    /// Where a span lies in the original file when a line of the text is
    /// not the whole story: a spreadsheet cell (`Sheet1!F12`). Sorted by span.
    pub anchors: Vec<Anchor>,
    /// Things the reader should know about the file itself (a PDF without a
    /// text layer); `lint` reports each as an info finding.
    pub notices: Vec<String>,
}

impl Document {
    pub fn new(name: &str, text: String, format: Format, blocks: Vec<Block>) -> Self {
        Document { name: name.to_string(), text, format, blocks, anchors: Vec::new(), notices: Vec::new() }
    }

    /// The anchor whose span contains `offset`, if any.
    pub fn anchor_at(&self, offset: usize) -> Option<&Anchor> {
        let index = self.anchors.partition_point(|anchor| anchor.span.end <= offset);
        self.anchors.get(index).filter(|anchor| anchor.span.start <= offset)
    }
}

/// A named place in the original file for a span of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub span: Span,
    /// `Sheet1!F12`.
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Docx,
    Xlsx,
    /// Comma-separated values, as a spreadsheet saves a sheet.
    Csv,
    Pdf,
}

impl Format {
    /// The format a file name's extension announces: `.md`/`.markdown` are
    /// Markdown, `.docx` Word, `.xlsx` and `.csv` spreadsheets, `.pdf` a PDF;
    /// everything else is plain text.
    pub fn from_path(path: &Path) -> Format {
        let extension = path.extension().and_then(|extension| extension.to_str()).map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("docx") => Format::Docx,
            Some("xlsx") => Format::Xlsx,
            Some("csv") => Format::Csv,
            Some("pdf") => Format::Pdf,
            _ => Format::Text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// One physical line (text, Markdown) or one Word paragraph, without its
    /// line break. Blank lines are not blocks.
    Paragraph(Span),
    Table(Table),
}

/// A table, whatever the source: cells at row and column positions, with
/// the extent of merged cells.
///
/// Word and Excel tables, tab rows and regular pipe rows keep their rows and
/// columns ([`Layout::Grid`]). A flattening — pipe rows that lost empty
/// cells or wrapped, one cell a line, a table run together on one line —
/// keeps only the order of its cells ([`Layout::Flat`]): a row is then a
/// physical line (or a blank-separated group of lines) and a column is a
/// place in it, nothing more. Which cell is under which header in a
/// flattening can only be worked out with the labels of the form the table
/// follows, and forms are rule data: that is `extract`'s job, not the
/// source's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub span: Span,
    pub layout: Layout,
    pub rows: Vec<Row>,
    /// Its lines are paragraphs too: a run of short lines, or one line of
    /// spaced pieces, is probably a table but may be prose, so the report
    /// reads it both ways (see `blocks`).
    pub prose: bool,
}

/// How far a table's rows and columns can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// Rows and columns as drawn.
    Grid,
    /// Cells in reading order; rows and columns as the flattening left them.
    Flat,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub span: Span,
    /// The cells that start in this row, left to right. A position covered
    /// by a merged cell from the left or from above has no cell of its own.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// The cell's text, trimmed; an empty span where an empty cell stands.
    pub span: Span,
    /// The first column it covers (Grid), or its place in the row (Flat).
    pub column: usize,
    /// Columns and rows it covers: more than 1 for a merged cell
    /// (`w:gridSpan`, `w:vMerge`, an Excel merged range).
    pub width: usize,
    pub height: usize,
    /// The rest of a cell whose text is wrapped over lines that other
    /// cells' text stands between (a table laid out by spaces, read from
    /// `pdftotext -layout`): each further piece, in reading order, after
    /// `span`. Empty for every other source.
    pub wrapped: Vec<Span>,
}

impl Cell {
    /// A cell covering one position.
    pub fn at(column: usize, span: Span) -> Cell {
        Cell { span, column, width: 1, height: 1, wrapped: Vec::new() }
    }

    /// Whether the cell covers `column`.
    pub fn covers(&self, column: usize) -> bool {
        column >= self.column && column < self.column.saturating_add(self.width.max(1))
    }
}

impl Row {
    /// The cell of this row that covers `column`, if one starts in this row.
    pub fn cell_at(&self, column: usize) -> Option<&Cell> {
        self.cells.iter().find(|cell| cell.covers(column))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_binary_format_is_refused_with_what_to_save_it_as() {
        let path = std::env::temp_dir().join(format!("reportlint-旧报告-{}.DOC", std::process::id()));
        std::fs::write(&path, b"\xd0\xcf\x11\xe0").unwrap();
        let error = load(&path).map(drop).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(error.to_string(), "这是旧版的 .doc 文件，无法直接检查；请在 Word 或 WPS 中另存为 .docx 后再检查");
        let missing = load(Path::new("没有这个文件夹/旧报告.doc")).map(drop).unwrap_err();
        assert_eq!(missing.to_string(), "文件或文件夹不存在");
        let error = legacy(Path::new("自评表.et")).map(|error| error.to_string()).unwrap_or_default();
        assert_eq!(error, "这是旧版的 .et 文件，无法直接检查；请在 WPS 或 Excel 中另存为 .xlsx 后再检查");
        assert!(legacy(Path::new("报告.docx")).is_none() && legacy(Path::new("报告")).is_none());
    }

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(Format::from_path(Path::new("报告.MD")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("a/报告.docx")), Format::Docx);
        assert_eq!(Format::from_path(Path::new("报告.txt")), Format::Text);
        assert_eq!(Format::from_path(Path::new("报告")), Format::Text);
    }

    #[test]
    fn decode_keeps_name_format_and_text() {
        let document = decode("草稿.md", "一、概况\n\n正文。".as_bytes(), Format::Markdown);
        let document = document.unwrap();
        assert_eq!((document.name.as_str(), document.format), ("草稿.md", Format::Markdown));
        assert_eq!(document.blocks, [Block::Paragraph(Span::new(0, 12)), Block::Paragraph(Span::new(14, 23))]);
    }

    #[test]
    fn file_level_errors() {
        assert!(matches!(decode("x.docx", b"PK", Format::Docx), Err(SourceError::Docx { .. })));
        assert!(matches!(decode("x.txt", b"", Format::Text), Err(SourceError::Empty)));
        let missing = load(Path::new("/nonexistent/报告.txt"));
        assert!(matches!(missing, Err(SourceError::Io { .. })));
        // The reason only: whoever prints it names the file, once.
        assert!(missing.err().is_some_and(|error| error.to_string() == "文件或文件夹不存在"));
    }
}
