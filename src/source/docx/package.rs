//! .docx bytes (a zip package) → the text of its main document part.
//!
//! The main part is the target of the package relationship of type
//! `officeDocument` in `_rels/.rels` (`word/document.xml` when Word wrote
//! it, `word/document2.xml` from some online editors); headers, footers,
//! notes and comments are other parts and are not read.
//!
//! Safety: all parts read together stay under the limit or the file is
//! refused. A part whose header declares more is refused at once; what is
//! inflated is counted while reading too, so a header that lies (a zip
//! bomb's) cannot make us hold more than the limit.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;
use zip::result::ZipError;

use super::{Limits, docx_error};
use crate::source::SourceError;

const PACKAGE_RELATIONSHIPS: &str = "_rels/.rels";
const DEFAULT_MAIN_PART: &str = "word/document.xml";
/// An OLE compound file: a Word 97–2003 `.doc`, or an encrypted .docx.
const COMPOUND_FILE_SIGNATURE: [u8; 8] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

pub(super) fn main_part(bytes: &[u8], limits: &Limits) -> Result<String, SourceError> {
    if bytes.is_empty() {
        return Err(SourceError::Empty);
    }
    if bytes.starts_with(&COMPOUND_FILE_SIGNATURE) {
        return Err(compound_file_error(bytes));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|error| zip_error(&error))?;
    let mut budget = limits.max_decompressed_bytes;
    let main = match part_index(&archive, PACKAGE_RELATIONSHIPS) {
        Some(index) => {
            let relationships = read_part(&mut archive, (index, PACKAGE_RELATIONSHIPS), &mut budget, limits)?;
            main_part_name(&relationships).unwrap_or_else(|| DEFAULT_MAIN_PART.to_string())
        }
        None => DEFAULT_MAIN_PART.to_string(),
    };
    let index =
        part_index(&archive, &main).ok_or_else(|| docx_error(format!("缺少正文部分 {main}（不是 Word 文档？）")))?;
    let mut xml = read_part(&mut archive, (index, &main), &mut budget, limits)?;
    if xml.starts_with("\u{feff}".as_bytes()) {
        xml.drain(.."\u{feff}".len());
    }
    String::from_utf8(xml)
        .map_err(|error| docx_error(format!("{main} 不是 UTF-8 编码（第 {} 字节）", error.utf8_error().valid_up_to())))
}

/// Part names are case-insensitive in a package; zip names are not.
fn part_index(archive: &ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<usize> {
    archive
        .index_for_name(name)
        .or_else(|| archive.file_names_raw().position(|raw| raw.eq_ignore_ascii_case(name.as_bytes())))
}

/// Inflates one part, counting against what is left of the budget.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    (index, name): (usize, &str),
    budget: &mut u64,
    limits: &Limits,
) -> Result<Vec<u8>, SourceError> {
    let too_large = SourceError::TooLarge { limit: limits.max_decompressed_bytes };
    let part = archive.by_index(index).map_err(|error| zip_error(&error))?;
    // An honest header over the budget is refused before inflating; the zip
    // crate stops a lying one at the size it declares, and the count below
    // holds whatever the header says.
    if part.size() > *budget {
        return Err(too_large);
    }
    let capacity = part.size();
    match read_capped(part, *budget, capacity) {
        Ok(Some(data)) => {
            *budget = budget.saturating_sub(u64::try_from(data.len()).unwrap_or(u64::MAX));
            Ok(data)
        }
        Ok(None) => Err(too_large),
        Err(_) => Err(docx_error(format!("{name} 的压缩数据已损坏"))),
    }
}

/// All of `reader` if it holds at most `budget` bytes, else `None`, having
/// read one byte more than the budget. `capacity` (from a header) only
/// sizes the first allocation, within the budget.
fn read_capped(reader: impl Read, budget: u64, capacity: u64) -> std::io::Result<Option<Vec<u8>>> {
    let capacity = usize::try_from(capacity.min(budget).min(1 << 24)).unwrap_or(0);
    let mut data = Vec::with_capacity(capacity);
    reader.take(budget.saturating_add(1)).read_to_end(&mut data)?;
    let read = u64::try_from(data.len()).unwrap_or(u64::MAX);
    Ok((read <= budget).then_some(data))
}

/// The target of the `officeDocument` relationship, without a leading `/`.
pub(crate) fn main_part_name(relationships: &[u8]) -> Option<String> {
    let xml = std::str::from_utf8(relationships).ok()?;
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(element) | Event::Empty(element) if element.local_name().as_ref() == "Relationship" => {
                let mut kind = None;
                let mut target = None;
                for attribute in element.attributes().with_checks(false).flatten() {
                    match attribute.key.local_name().as_ref() {
                        "Type" => kind = Some(attribute.value.into_owned()),
                        "Target" => target = Some(attribute.value.into_owned()),
                        _ => {}
                    }
                }
                if let (Some(kind), Some(target)) = (kind, target) {
                    if kind.ends_with("/officeDocument") {
                        return Some(target.trim_start_matches('/').to_string());
                    }
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn compound_file_error(bytes: &[u8]) -> SourceError {
    // An encrypted .docx keeps the real package in a stream of this name
    // (UTF-16 in the compound file's directory).
    let encrypted_package: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if bytes.windows(encrypted_package.len()).any(|window| window == encrypted_package) {
        SourceError::Encrypted
    } else {
        // A .doc renamed .docx: the same advice as for a .doc.
        SourceError::Legacy { extension: ".doc".to_owned(), saved_as: ".docx", program: "Word 或 WPS" }
    }
}

/// What a zip error means to someone who saved a Word document; the zip
/// crate's own text is English and names zip internals.
fn zip_error(error: &ZipError) -> SourceError {
    match error {
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            docx_error("压缩方式不受支持，请在 Word 或 WPS 中重新保存后再检查".to_string())
        }
        ZipError::InvalidPassword => SourceError::Encrypted,
        _ => docx_error("文件已损坏或不是 zip 格式（.docx 文件是一个 zip 压缩包）".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_part_is_the_office_document_relationship() {
        let relationships = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/>
</Relationships>"#;
        assert_eq!(main_part_name(relationships.as_bytes()).as_deref(), Some("word/document2.xml"));
        assert_eq!(main_part_name(b"<Relationships/>"), None);
        assert_eq!(main_part_name(b"\xff\xfe"), None);
    }

    #[test]
    fn reading_stops_one_byte_past_the_budget() {
        let endless = std::io::repeat(b' ');
        assert!(read_capped(endless, 1 << 20, u64::MAX).unwrap().is_none());
        let short = read_capped(&b"<w:document/>"[..], 13, 1 << 40).unwrap();
        assert_eq!(short.as_deref(), Some(&b"<w:document/>"[..]));
        assert!(read_capped(&b"<w:document/>"[..], 12, 0).unwrap().is_none());
    }

    #[test]
    fn old_word_files_are_named() {
        let mut document = COMPOUND_FILE_SIGNATURE.to_vec();
        document.extend_from_slice(&[0; 64]);
        assert!(matches!(main_part(&document, &Limits::default()), Err(SourceError::Legacy { saved_as: ".docx", .. })));
        document.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(matches!(main_part(&document, &Limits::default()), Err(SourceError::Encrypted)));
    }
}
