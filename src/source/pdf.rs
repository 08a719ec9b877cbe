//! .pdf bytes → [`Document`], best effort, from the PDF's text layer.
//!
//! Each page's text comes from its content stream ([`page`]); pages are
//! joined by a blank line, and the text is split into blocks as plain text
//! is, so rows whose cells stand apart on the page become tab rows. Where
//! the words' places on a page lay out a table with confidence, [`grid`]
//! rebuilds it, merged cells and wrapped cells included, and it takes the
//! place of the tab rows it covers. What a
//! PDF cannot give is a notice, not an error: a scan (pages, no text), text
//! in fonts without a Unicode map, a page whose content cannot be parsed.
//! A file that is not a PDF, or that opens only with a password, is an
//! error; so is one that passes a limit of its [`budget`] (objects,
//! inflated bytes, content items and operators, `q` nesting, words, text):
//! each is checked before the memory is allocated. A content stream whose
//! data is corrupt skips its page with a notice saying so. Without the `pdf` feature every PDF is
//! [`SourceError::UnsupportedFormat`].

use super::{Document, SourceError};
#[cfg(feature = "pdf")]
use super::{Format, blocks};

#[cfg(feature = "pdf")]
#[path = "pdf_budget.rs"]
mod budget;

#[cfg(feature = "pdf")]
#[path = "pdf_inflate.rs"]
mod inflate;

#[cfg(feature = "pdf")]
#[path = "pdf_packed.rs"]
mod packed;

#[cfg(feature = "pdf")]
#[path = "pdf_page.rs"]
mod page;

#[cfg(feature = "pdf")]
#[path = "pdf_grid.rs"]
mod grid;

#[cfg(feature = "pdf")]
#[path = "pdf_rules.rs"]
mod rules;

/// What a reader is told about the text layer, if anything: `text_found`
/// when some page gave text, `undecoded` when some text could not be turned
/// into characters.
#[cfg(feature = "pdf")]
fn text_layer_notice(text_found: bool, undecoded: bool) -> Option<&'static str> {
    match (text_found, undecoded) {
        (false, false) => Some("此 PDF 没有文字层（可能是扫描件），无法检查其中的数字；请提供 Word 或文字版"),
        (false, true) => {
            Some("此 PDF 的文字无法识别（字体缺少 Unicode 映射），无法检查其中的数字；请提供 Word 或文字版")
        }
        (true, true) => Some("此 PDF 的部分文字无法识别（字体缺少 Unicode 映射），其中的数字未被检查"),
        (true, false) => None,
    }
}

#[cfg(not(feature = "pdf"))]
pub fn read(_name: &str, _bytes: &[u8]) -> Result<Document, SourceError> {
    Err(SourceError::UnsupportedFormat { format: super::Format::Pdf })
}

/// Reads the text layer of every page.
#[cfg(feature = "pdf")]
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, SourceError> {
    // Object streams are charged to the same budget as the pages' streams.
    let mut budget = budget::Budget::default();
    let objects = budget::declared_objects(bytes).saturating_add(packed::packed_objects(bytes, &mut budget)?);
    if objects > budget::MAX_OBJECTS {
        return Err(budget::Limit::Objects.into());
    }
    let options =
        lopdf::LoadOptions { max_decompressed_size: Some(budget::MAX_STREAM_BYTES), ..lopdf::LoadOptions::default() };
    let pdf = lopdf::Document::load_mem_with_options(bytes, options).map_err(pdf_error)?;
    if pdf.objects.len() > budget::MAX_OBJECTS {
        return Err(budget::Limit::Objects.into());
    }
    // lopdf opens a file whose user password is empty and drops `/Encrypt`;
    // one still encrypted needs a password we do not have.
    if pdf.is_encrypted() {
        return Err(SourceError::Encrypted);
    }
    let pages = pdf.get_pages();
    if pages.is_empty() {
        return Err(SourceError::Pdf { detail: "文件中没有页面（可能已损坏）".to_string() });
    }
    let mut text = String::new();
    let mut notices = Vec::new();
    let mut undecoded = false;
    // Each page's start in the text, and its placed words.
    let mut placed = Vec::new();
    let mut fonts = page::Fonts::new();
    for (number, id) in pages {
        // What the text will hold once this page is joined: its separator.
        budget.text = text.len().saturating_add(2);
        match page::text(&pdf, id, &mut budget, &mut fonts) {
            Ok(page) => {
                budget.words = budget.words.saturating_add(page.words.len());
                undecoded |= page.undecoded > 0;
                if !page.text.is_empty() {
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    placed.push((text.len(), page.words, page.rules));
                    text.push_str(&page.text);
                }
            }
            Err(page::PageError::Over(limit)) => return Err(limit.into()),
            Err(page::PageError::Corrupt(detail)) => {
                notices.push(format!("此 PDF 第 {number} 页的内容流已损坏，已跳过（{detail}）"));
            }
            Err(page::PageError::Unparsed) => {
                notices.push(format!("此 PDF 第 {number} 页的内容无法解析，已跳过"));
            }
        }
    }
    // A page that could not be parsed has its own notice; saying the PDF has
    // no text layer would then be a guess, so it counts as text found.
    let text_found = !text.trim().is_empty() || !notices.is_empty();
    if let Some(notice) = text_layer_notice(text_found, undecoded) {
        notices.insert(0, notice.to_string());
    }
    let grids = placed.iter().flat_map(|(start, words, rules)| grid::tables(&text, *start, words, rules)).collect();
    let blocks = grid::merge(blocks::split(&text), grids);
    let mut document = Document::new(name, text, Format::Pdf, blocks);
    document.notices = notices;
    Ok(document)
}

#[cfg(feature = "pdf")]
fn pdf_error(error: lopdf::Error) -> SourceError {
    match error {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => SourceError::Encrypted,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => budget::Limit::Stream.into(),
        lopdf::Error::Parse(lopdf::ParseError::InvalidFileHeader) => {
            SourceError::Pdf { detail: "不是 PDF 文件（文件开头没有 %PDF 标记）".to_owned() }
        }
        _ => SourceError::Pdf { detail: "文件已损坏，无法解析".to_owned() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(feature = "pdf"))]
    #[test]
    fn without_the_feature_a_pdf_is_unsupported() {
        assert!(matches!(read("报告.pdf", b"%PDF-1.7"), Err(SourceError::UnsupportedFormat { .. })));
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn the_notice_says_what_was_missing() {
        let notice = |text_found, undecoded| text_layer_notice(text_found, undecoded).unwrap_or("");
        assert!(notice(false, false).contains("没有文字层"));
        assert!(notice(false, true).starts_with("此 PDF 的文字无法识别"));
        assert!(notice(true, true).contains("部分文字"));
        assert_eq!(notice(true, false), "");
    }
}
