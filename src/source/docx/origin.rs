//! Where a piece of the document text came from in `word/document.xml`:
//! recorded by the body walk only when asked ([`super::trace`]), so that
//! a commented copy can put its marks around the very characters a
//! finding points at.
//!
//! A piece is one event the walk gave the builder: the character data of
//! a `w:t` between two markup boundaries, one entity or character
//! reference (`&amp;`, `&#x4e00;`: never split, it is one character), or a
//! `w:noBreakHyphen` element (one `-`). Pieces come in the order the
//! builder received them, which is the order of the document text; a piece
//! the text does not show (a deleted row, a merged cell's continuation) is
//! not recorded.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The bytes of the event in the XML.
    pub xml: Range<usize>,
    /// The text it gave, references resolved and line ends normalised.
    pub text: String,
}

impl Origin {
    /// A piece read from bytes `at` of the XML; `None` when it gave no text.
    pub(super) fn new(at: (u64, u64), text: &str) -> Option<Origin> {
        let start = usize::try_from(at.0).ok()?;
        let end = usize::try_from(at.1).ok()?;
        (!text.is_empty() && start <= end).then(|| Origin { xml: start..end, text: text.to_string() })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::super::{Limits, body, layout, trace};

    const NAMESPACE: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn tracing_reads_the_same_text_and_records_only_what_it_shows() {
        let body = concat!(
            "<w:p><w:r><w:t>甲&amp;乙</w:t><w:noBreakHyphen/><w:t>1</w:t></w:r>",
            "<w:del><w:r><w:delText>删</w:delText></w:r></w:del>",
            r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>上</w:t></w:r></w:p></w:tc>"#,
            "<w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>",
            "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>续</w:t></w:r></w:p></w:tc>",
            "<w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        );
        let xml = format!("<w:document {NAMESPACE}><w:body>{body}</w:body></w:document>");
        let traced = trace(&xml, &Limits::default()).unwrap();
        let (read, _) = layout::lay_out(&body::read(&xml, 256).unwrap());
        assert_eq!(traced.text, read);
        let pieces: Vec<(&str, &str)> =
            traced.origins.iter().map(|origin| (&xml[origin.xml.clone()], origin.text.as_str())).collect();
        assert_eq!(
            pieces,
            [
                ("甲", "甲"),
                ("&amp;", "&"),
                ("乙", "乙"),
                ("<w:noBreakHyphen/>", "-"),
                ("1", "1"),
                ("上", "上"),
                ("2", "2"),
                ("3", "3")
            ]
        );
    }
}
