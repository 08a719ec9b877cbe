//! An XML element's namespace and local name → the [`Element`] it is to the
//! text extractor.
//!
//! Only WordprocessingML elements (transitional or strict namespace) and the
//! markup-compatibility fallback matter; anything else is [`Element::Other`]
//! and transparent: its content is read as if the element were not there
//! (hyperlinks, content controls, smart tags, field wrappers).

/// Office 2007 and "transitional" documents: what Word, WPS and LibreOffice write.
const WORDPROCESSING: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// ISO 29500 "strict" documents.
const WORDPROCESSING_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MARKUP_COMPATIBILITY: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Element {
    Paragraph,
    Table,
    Row,
    Cell,
    Run,
    /// `w:t`: the only element whose character data is document text.
    Text,
    /// `w:tab`, `w:ptab`.
    Tab,
    /// `w:br`, `w:cr`: a line, page or column break inside a paragraph.
    Break,
    /// `w:noBreakHyphen`: a hyphen Word keeps on one line.
    Hyphen,
    /// `w:del`, `w:moveFrom`: a tracked deletion, or the mark that a
    /// paragraph mark or table row is deleted.
    Deleted,
    ParagraphProperties,
    RunProperties,
    RowProperties,
    CellProperties,
    /// `w:gridSpan`: the cell covers several grid columns.
    GridSpan,
    /// `w:vMerge`: the cell continues (or starts) a vertical merge.
    VerticalMerge,
    /// `w:gridBefore`: grid columns left out before a row's first cell.
    GridBefore,
    /// `w:vanish`: hidden text.
    Vanish,
    /// `mc:Fallback`: a second copy of what `mc:Choice` already holds.
    Fallback,
    Other,
}

/// Classifies an element; `namespace` is the URI its prefix is bound to.
pub(super) fn classify(namespace: Option<&str>, local_name: &str) -> Element {
    match namespace {
        Some(WORDPROCESSING | WORDPROCESSING_STRICT) => wordprocessing(local_name),
        Some(MARKUP_COMPATIBILITY) if local_name == "Fallback" => Element::Fallback,
        _ => Element::Other,
    }
}

fn wordprocessing(local_name: &str) -> Element {
    match local_name {
        "p" => Element::Paragraph,
        "tbl" => Element::Table,
        "tr" => Element::Row,
        "tc" => Element::Cell,
        "r" => Element::Run,
        "t" => Element::Text,
        "tab" | "ptab" => Element::Tab,
        "br" | "cr" => Element::Break,
        "noBreakHyphen" => Element::Hyphen,
        "del" | "moveFrom" => Element::Deleted,
        "pPr" => Element::ParagraphProperties,
        "rPr" => Element::RunProperties,
        "trPr" => Element::RowProperties,
        "tcPr" => Element::CellProperties,
        "gridSpan" => Element::GridSpan,
        "vMerge" => Element::VerticalMerge,
        "gridBefore" => Element::GridBefore,
        "vanish" => Element::Vanish,
        _ => Element::Other,
    }
}

impl Element {
    /// The properties of a paragraph, run, row or cell.
    pub(super) fn is_properties(self) -> bool {
        matches!(
            self,
            Element::ParagraphProperties | Element::RunProperties | Element::RowProperties | Element::CellProperties
        )
    }

    /// What makes the body's blocks and text.
    pub(super) fn is_content(self) -> bool {
        matches!(
            self,
            Element::Paragraph | Element::Table | Element::Row | Element::Cell | Element::Run | Element::Text
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_wordprocessing_names_count() {
        assert_eq!(classify(Some(WORDPROCESSING), "t"), Element::Text);
        assert_eq!(classify(Some(WORDPROCESSING_STRICT), "tbl"), Element::Table);
        // DrawingML has its own `a:t`, which never holds body text of ours.
        assert_eq!(classify(Some("http://schemas.openxmlformats.org/drawingml/2006/main"), "t"), Element::Other);
        assert_eq!(classify(None, "p"), Element::Other);
        assert_eq!(classify(Some(MARKUP_COMPATIBILITY), "Fallback"), Element::Fallback);
        assert_eq!(classify(Some(MARKUP_COMPATIBILITY), "Choice"), Element::Other);
        assert_eq!(classify(Some(WORDPROCESSING), "instrText"), Element::Other);
    }
}
