//! One PDF's reading budget: what reading it may cost, charged before the
//! memory is allocated → `Ok`, or the [`Limit`] it would pass.
//!
//! A PDF is small on disk and large inside: a 59 KB file can hold a content
//! stream of 30 million `q`, and a 60 MB text stream can be drawn by every
//! page. Each limit below is many times what a long real report needs (a
//! 300-page report has a few thousand objects, a few MB of content and a
//! few hundred thousand words) and keeps any input within seconds and well
//! under 1 GB. A stream shared by many pages is charged each time it is
//! drawn. Every value is listed in README ("Hostile input").

use super::SourceError;

/// Objects in the file (indirect objects, those of object streams
/// included): each costs parsing and a place in lopdf's table.
pub(super) const MAX_OBJECTS: usize = 500_000;

/// Bytes one stream may inflate to (content, font map or object stream).
pub(super) const MAX_STREAM_BYTES: usize = 32 << 20;

/// Bytes all the content and font streams read may inflate to, together.
pub(super) const MAX_INFLATED_BYTES: usize = 256 << 20;

/// Items (operators and operands) of one page's content, counted on the
/// inflated bytes before they are parsed: lopdf parses a page into one
/// list, ~100 bytes an item.
pub(super) const MAX_PAGE_ITEMS: usize = 1_000_000;

/// Operators of all pages together.
pub(super) const MAX_OPERATORS: usize = 10_000_000;

/// Graphics states saved by `q` and not yet restored by `Q`.
pub(super) const MAX_NESTING: usize = 256;

/// Words kept with their places on the page, all pages together.
pub(super) const MAX_WORDS: usize = 2_000_000;

/// Bytes of text extracted, all pages together: [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES),
/// checked before each piece is added.
pub(super) const MAX_TEXT: usize = 16 << 20;

/// A limit a PDF passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Limit {
    Objects,
    Stream,
    Inflated,
    PageItems,
    Operators,
    Nesting,
    Words,
    Text,
}

impl Limit {
    /// What was counted and how many were allowed, in Chinese.
    fn describe(self) -> String {
        match self {
            Limit::Objects => format!("对象超过 {MAX_OBJECTS} 个"),
            Limit::Stream => format!("单个数据流解压后超过 {} MiB", MAX_STREAM_BYTES >> 20),
            Limit::Inflated => format!("数据流解压后合计超过 {} MiB", MAX_INFLATED_BYTES >> 20),
            Limit::PageItems => format!("一页的内容流超过 {MAX_PAGE_ITEMS} 个操作符和操作数"),
            Limit::Operators => format!("内容流操作符合计超过 {MAX_OPERATORS} 个"),
            Limit::Nesting => format!("图形状态（q）嵌套超过 {MAX_NESTING} 层"),
            Limit::Words => format!("文字超过 {MAX_WORDS} 个词"),
            Limit::Text => format!("提取的文字超过 {} MiB", MAX_TEXT >> 20),
        }
    }
}

impl From<Limit> for SourceError {
    fn from(limit: Limit) -> Self {
        SourceError::Pdf {
            detail: format!("超出读取上限：{}，可能是恶意构造的文件", limit.describe())
        }
    }
}

/// What one PDF has used so far.
#[derive(Debug, Default)]
pub(super) struct Budget {
    inflated: usize,
    operators: usize,
    pub words: usize,
    pub text: usize,
}

impl Budget {
    /// The most bytes the next stream may inflate to: a decoder is given
    /// this as its cap, so it never allocates past it.
    pub fn stream_room(&self) -> usize {
        MAX_STREAM_BYTES.min(MAX_INFLATED_BYTES.saturating_sub(self.inflated))
    }

    /// The limit a stream passed when it would not fit in [`Self::stream_room`].
    pub fn stream_limit(&self) -> Limit {
        if self.stream_room() < MAX_STREAM_BYTES { Limit::Inflated } else { Limit::Stream }
    }

    /// Charges `bytes` inflated; within [`Self::stream_room`] they fit.
    pub fn inflate(&mut self, bytes: usize) -> Result<(), Limit> {
        if bytes > self.stream_room() {
            return Err(self.stream_limit());
        }
        self.inflated = self.inflated.saturating_add(bytes);
        Ok(())
    }

    /// Charges one page's parsed operators.
    pub fn operate(&mut self, operators: usize) -> Result<(), Limit> {
        self.operators = self.operators.saturating_add(operators);
        if self.operators > MAX_OPERATORS { Err(Limit::Operators) } else { Ok(()) }
    }
}

/// The objects a PDF declares, counted on its bytes before lopdf parses
/// them: each `obj` keyword that is not the end of an `endobj`.
pub(super) fn declared_objects(bytes: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, b"obj")
        .filter(|&at| at.checked_sub(3).and_then(|start| bytes.get(start..at)) != Some(b"end".as_slice()))
        .count()
}

/// An upper bound on the items (operators and operands) of content
/// `bytes`, without parsing them: every item starts a run of regular
/// characters or with a delimiter.
pub(super) fn items(bytes: &[u8]) -> usize {
    let mut count = 0usize;
    let mut in_token = false;
    for &byte in bytes {
        match byte {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' => in_token = false,
            b'[' | b']' | b'(' | b')' | b'<' | b'>' | b'{' | b'}' | b'/' | b'%' => {
                count = count.saturating_add(1);
                in_token = false;
            }
            _ => {
                if !in_token {
                    count = count.saturating_add(1);
                }
                in_token = true;
            }
        }
    }
    count
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, reason = "tests may panic by design")]
mod tests {
    use super::*;

    #[test]
    fn items_bound_what_lopdf_parses() {
        assert_eq!(items(b"q q Q"), 3);
        assert_eq!(items(b"BT /F1 12 Tf (a b)Tj [(x) -3 (y)] TJ ET"), 21);
        assert_eq!(items(b""), 0);
    }

    #[test]
    fn the_text_limit_is_that_of_every_format() {
        assert_eq!(u64::try_from(MAX_TEXT).ok(), Some(crate::source::MAX_TEXT_BYTES));
    }

    #[test]
    fn endobj_is_not_an_object() {
        assert_eq!(declared_objects(b"1 0 obj null endobj 2 0 obj\n<<>>\nendobj"), 2);
    }

    #[test]
    fn the_total_is_charged_per_use_and_named_in_the_message() {
        let mut budget = Budget::default();
        for _ in 0..MAX_INFLATED_BYTES / MAX_STREAM_BYTES {
            budget.inflate(MAX_STREAM_BYTES).unwrap();
        }
        assert_eq!(budget.stream_room(), 0);
        assert_eq!(budget.inflate(1), Err(Limit::Inflated));
        assert_eq!(
            SourceError::from(Limit::Nesting).to_string(),
            "无法读取 PDF：超出读取上限：图形状态（q）嵌套超过 256 层，可能是恶意构造的文件"
        );
    }
}
