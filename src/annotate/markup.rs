//! The WordprocessingML of a comment, shared by the commented copy of a
//! .docx and the Word document written for other formats: the comment
//! itself (`w:comment`, in the comments part) and the three marks in the
//! body that anchor it (range start, range end, reference run).
//!
//! Written as Word writes them, so that Word, WPS and LibreOffice open the
//! file without a repair prompt: the first paragraph starts with the
//! `w:annotationRef` run, every text is in a `w:t` that keeps its spaces,
//! and the comment styles are named only when the document defines them.
//! No `w:date`: a comment's date would be the run's, which a reviewer
//! could mistake for when someone read the draft, and it would make two
//! runs on the same draft differ.

/// The author of every comment reportlint writes, and how an earlier run's
/// comments are recognised.
pub(crate) const AUTHOR: &str = "reportlint";
const INITIALS: &str = "RL";

/// Which of Word's comment styles the document defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Styles {
    /// `CommentText` (批注文字), the comment's paragraphs.
    pub text: bool,
    /// `CommentReference` (批注引用), the reference mark.
    pub reference: bool,
}

impl Styles {
    /// The styles a `styles.xml` defines, by their ids.
    pub(crate) fn of(styles_xml: &str) -> Styles {
        Styles {
            text: styles_xml.contains(r#"styleId="CommentText""#),
            reference: styles_xml.contains(r#"styleId="CommentReference""#),
        }
    }
}

/// The marks of comment `id`, with the WordprocessingML prefix `w`.
pub(crate) struct Marks<'a> {
    pub prefix: &'a str,
    pub styles: Styles,
}

impl Marks<'_> {
    pub(crate) fn range_start(&self, id: usize) -> String {
        format!(r#"<{0}:commentRangeStart {0}:id="{id}"/>"#, self.prefix)
    }

    /// The end of the range and the reference run right after it.
    pub(crate) fn range_end(&self, id: usize) -> String {
        let p = self.prefix;
        format!(
            r#"<{p}:commentRangeEnd {p}:id="{id}"/><{p}:r>{}<{p}:commentReference {p}:id="{id}"/></{p}:r>"#,
            self.reference_style()
        )
    }

    fn reference_style(&self) -> String {
        if self.styles.reference {
            format!(r#"<{0}:rPr><{0}:rStyle {0}:val="CommentReference"/></{0}:rPr>"#, self.prefix)
        } else {
            String::new()
        }
    }

    /// The `w:comment` element of comment `id`, one `w:p` per paragraph.
    pub(crate) fn comment(&self, id: usize, paragraphs: &[String]) -> String {
        let p = self.prefix;
        let mut xml = format!(r#"<{p}:comment {p}:id="{id}" {p}:author="{AUTHOR}" {p}:initials="{INITIALS}">"#);
        for (index, paragraph) in paragraphs.iter().enumerate() {
            xml.push_str(&format!("<{p}:p>"));
            if self.styles.text {
                xml.push_str(&format!(r#"<{p}:pPr><{p}:pStyle {p}:val="CommentText"/></{p}:pPr>"#));
            }
            if index == 0 {
                xml.push_str(&format!("<{p}:r>{}<{p}:annotationRef/></{p}:r>", self.reference_style()));
            }
            xml.push_str(&format!(
                r#"<{p}:r><{p}:t xml:space="preserve">{}</{p}:t></{p}:r></{p}:p>"#,
                escape(paragraph)
            ));
        }
        xml.push_str(&format!("</{p}:comment>"));
        xml
    }
}

/// Whether XML 1.0 can hold `character` at all, written or as a reference:
/// not a control other than tab and line ends, nor U+FFFE or U+FFFF. A
/// plain-text report may hold any of them; every part this module and
/// `xlsx` write keeps them out.
pub(crate) fn xml_can_hold(character: char) -> bool {
    matches!(character, '\t' | '\n' | '\r') || !(character.is_control() || matches!(character, '\u{FFFE}' | '\u{FFFF}'))
}

/// Text as XML character data: markup escaped, and the characters XML 1.0
/// cannot hold ([`xml_can_hold`]) left out.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\n' | '\r' => escaped.push(' '),
            '\t' => escaped.push('\t'),
            character if !xml_can_hold(character) => {}
            character => escaped.push(character),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_xml_cannot_hold_is_left_out() {
        assert_eq!(escape("甲\u{1}乙\u{FFFE}丙\u{FFFF}丁\t<戊>"), "甲乙丙丁\t&lt;戊&gt;");
    }

    #[test]
    fn a_comment_starts_with_its_reference_mark_and_keeps_its_spaces() {
        let marks = Marks { prefix: "w", styles: Styles { text: true, reference: true } };
        let xml = marks.comment(7, &["错误：a < b & c".to_string(), "检查：x".to_string()]);
        assert_eq!(
            xml,
            concat!(
                r#"<w:comment w:id="7" w:author="reportlint" w:initials="RL">"#,
                r#"<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>"#,
                r#"<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>"#,
                r#"<w:r><w:t xml:space="preserve">错误：a &lt; b &amp; c</w:t></w:r></w:p>"#,
                r#"<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>"#,
                r#"<w:r><w:t xml:space="preserve">检查：x</w:t></w:r></w:p></w:comment>"#,
            )
        );
    }

    #[test]
    fn styles_are_named_only_when_the_document_has_them() {
        let marks = Marks { prefix: "w", styles: Styles::of("<w:styles/>") };
        assert_eq!(marks.range_end(3), r#"<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r>"#);
        assert_eq!(marks.range_start(3), r#"<w:commentRangeStart w:id="3"/>"#);
        assert_eq!(escape("a\u{1}b\nc"), "ab c");
    }
}
