//! The one error type of the `source` stage: a file that cannot become a
//! [`Document`](super::Document).
//!
//! Every variant is file-level: the CLI prints it and goes on with the next
//! file. Offsets are byte offsets into the file as read (BOM included).

use std::path::PathBuf;

use super::Format;
use super::io_message::io_message;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// A file that could not be opened or read. The message is the reason
    /// alone: whoever prints it names the file (`无法读取 报告.txt：文件或文件夹不存在`).
    #[error("{}", io_message(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A path that names no regular file: a FIFO, a device, a socket or a
    /// folder. Reading one can block for ever (a FIFO nobody writes) or
    /// never end (`/dev/zero`); it is refused by what was opened, so nothing
    /// can be swapped in between. `kind` says what it is, in Chinese.
    #[error("这是{kind}，不是普通文件；只读取普通文件")]
    NotRegular { kind: &'static str },
    /// A file over the limit of its format, by its size on disk or by the
    /// bytes read from it (a file that grows while it is read).
    #[error("文件过大：{size} 字节，超过 {} MiB 的上限", limit >> 20)]
    FileTooLarge { size: u64, limit: u64 },
    /// A folder a batch walk could not list.
    #[error("无法列出文件夹中的文件：{}", io_message(source))]
    Folder {
        #[source]
        source: std::io::Error,
    },
    /// A folder deeper than a batch walk goes; its files were not linted.
    #[error("文件夹层级超过 {limit} 层，其中的文件没有检查")]
    TooDeep { limit: usize },
    #[error("文件为空，没有可检查的文字")]
    Empty,
    #[error("不是文本文件：字节偏移 {offset} 处是 NUL 字节（二进制文件？）")]
    Binary { offset: usize },
    /// Text that decodes, yet is more than a tenth control characters;
    /// `line` (1-based) holds the first.
    #[error("不是文本文件：有 {count} 个控制字符，第一个在第 {line} 行（二进制文件？）")]
    ControlCharacters { count: usize, line: usize },
    #[error("不是 UTF-8 或 GB18030 文本：字节偏移 {offset} 处无法解码")]
    Encoding { offset: usize },
    /// A format this build was compiled without (PDF without the `pdf`
    /// feature).
    #[error("此版本不支持 {} 格式，请先另存为 .txt 或 .md", format_name(*format))]
    UnsupportedFormat { format: Format },
    /// An old binary Word, Excel or WPS file (`.doc`, `.wps`, `.xls`,
    /// `.et`), which is not read: `saved_as` is the format to save it as
    /// (`.docx`, `.xlsx`), `program` what to save it with.
    #[error("这是旧版的 {extension} 文件，无法直接检查；请在 {program} 中另存为 {saved_as} 后再检查")]
    Legacy { extension: String, saved_as: &'static str, program: &'static str },
    /// An .xlsx file calamine cannot read: not a zip, a missing part, bad XML.
    #[error("无法读取 Excel 表格：{detail}")]
    Spreadsheet { detail: String },
    /// A PDF lopdf cannot parse.
    #[error("无法读取 PDF：{detail}")]
    Pdf { detail: String },
    /// A workbook or PDF that opens only with a password.
    #[error("文件有密码保护，请取消密码后再检查")]
    Encrypted,
    /// reportlint itself failed on this file (a panic in a batch worker,
    /// caught so that the other files are still linted).
    #[error("内部错误，请将此文件报告给 reportlint 的维护者：{detail}")]
    Internal { detail: String },
    /// A .docx that is not a readable Word package: not a zip, a missing or
    /// corrupt part, malformed or too deeply nested XML, an old `.doc`.
    #[error("无法读取 Word 文档：{detail}")]
    Docx { detail: String },
    /// Text over [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES): a plain-text file
    /// by its size, any other format by the text read from it.
    #[error("文件过大：{size} 字节，超过 {} MiB 的上限；一份报告通常只有几百 KB", limit >> 20)]
    TextTooLarge { size: u64, limit: u64 },
    /// Text of more lines and runs of blanks than
    /// [`MAX_TEXT_PARTS`](super::MAX_TEXT_PARTS): generated, not written.
    #[error("文件内容过于零碎：共 {parts} 行和空白分隔的片段，超过 {limit} 个的上限；一份报告通常只有几千个")]
    TooManyParts { parts: u64, limit: u64 },
    /// A compressed file that inflates past the limit (a zip bomb).
    #[error("文件解压后超过 {limit} 字节的上限，可能是恶意构造的压缩包")]
    TooLarge { limit: u64 },
}

/// A format as people call it.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "纯文本",
        Format::Markdown => "Markdown",
        Format::Docx => "Word（.docx）",
        Format::Xlsx => "Excel（.xlsx）",
        Format::Csv => "CSV",
        Format::Pdf => "PDF",
    }
}
