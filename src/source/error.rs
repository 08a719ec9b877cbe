//! The one error type of the `source` stage: a file that cannot become a
//! [`Document`](super::Document).
//!
//! Every variant is file-level: the CLI prints it and goes on with the next
//! file. Offsets are byte offsets into the file as read (BOM included).

use std::path::PathBuf;

use super::Format;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("无法读取文件 {}：{source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("文件为空，没有可检查的文字")]
    Empty,
    #[error("不是文本文件：字节偏移 {offset} 处是 NUL 字节（二进制文件？）")]
    Binary { offset: usize },
    #[error("不是 UTF-8 或 GB18030 文本：字节偏移 {offset} 处无法解码")]
    Encoding { offset: usize },
    #[error("暂不支持 {format:?} 格式，请先另存为 .txt 或 .md")]
    UnsupportedFormat { format: Format },
}
