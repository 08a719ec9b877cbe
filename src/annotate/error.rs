//! Why a commented copy of a report could not be written.

/// The original file could be linted but not rewritten with comments.
/// The message is the reason alone; whoever prints it names the file.
#[derive(Debug, thiserror::Error)]
pub enum AnnotateError {
    /// The package (zip) or one of its XML parts is not as it must be to
    /// be rewritten: `part` names it (`word/document.xml`).
    #[error("无法在 {part} 中加入批注：{detail}")]
    Part { part: String, detail: String },
    /// A zip that can no longer be read, or written back.
    #[error("无法重写文件包：{detail}")]
    Package { detail: String },
}
