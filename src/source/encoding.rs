//! Bytes → text: UTF-8 (BOM dropped), UTF-16 with a BOM, else GB18030.
//!
//! Invariant: the returned text is exactly what spans point into; nothing is
//! replaced (no U+FFFD): a file that does not decode cleanly is an error
//! naming the byte offset of the first bad byte. Text that decodes but is
//! more than a tenth control characters (a binary file without NUL bytes
//! that happens to be valid UTF-8) is refused as not text.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};

use super::error::SourceError;

pub(super) fn decode_text(bytes: &[u8]) -> Result<String, SourceError> {
    if bytes.is_empty() {
        return Err(SourceError::Empty);
    }
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) if encoding == UTF_8 => utf8(bytes.get(bom_length..).unwrap_or_default())
            .map_err(|offset| SourceError::Encoding { offset: offset.saturating_add(bom_length) })?,
        Some((encoding, bom_length)) => decode_strict(encoding, bytes.get(bom_length..).unwrap_or_default())
            .map_err(|offset| SourceError::Encoding { offset: offset.saturating_add(bom_length) })?,
        None => decode_without_bom(bytes)?,
    };
    if text.trim().is_empty() {
        return Err(SourceError::Empty);
    }
    refuse_control_characters(&text)?;
    Ok(text)
}

/// A few stray control characters occur in real exports (a bell or a
/// vertical tab per Word table cell); a tenth of the text does not.
fn refuse_control_characters(text: &str) -> Result<(), SourceError> {
    // Almost every report has none: a byte scan (C0, DEL and the lead byte
    // of C1 controls) settles that without decoding characters.
    // Whole chunks without an early exit, so that the compiler vectorises.
    let suspect = |byte: &u8| matches!(byte, 0..=0x08 | 0x0b | 0x0e..=0x1f | 0x7f | 0xc2);
    if !text.as_bytes().chunks(64).any(|chunk| chunk.iter().fold(false, |found, byte| found | suspect(byte))) {
        return Ok(());
    }
    let mut first = None;
    let mut count = 0usize;
    let mut characters = 0usize;
    for (at, character) in text.char_indices() {
        characters = characters.saturating_add(1);
        if character.is_control() && !matches!(character, '\t' | '\n' | '\r' | '\u{c}') {
            count = count.saturating_add(1);
            first.get_or_insert(at);
        }
    }
    match first {
        Some(at) if count.saturating_mul(10) > characters => {
            // A line, not an offset: it is the same whatever the encoding.
            let line = text.get(..at).unwrap_or_default().matches('\n').count().saturating_add(1);
            Err(SourceError::ControlCharacters { count, line })
        }
        _ => Ok(()),
    }
}

fn decode_without_bom(bytes: &[u8]) -> Result<String, SourceError> {
    // UTF-16 without a BOM is not guessed: a NUL byte means binary.
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(SourceError::Binary { offset });
    }
    let utf8_error = match utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(offset) => offset,
    };
    // GB18030 accepts most byte soups, so a clean decode must also read like
    // Chinese text before we believe it.
    match decode_strict(GB18030, bytes) {
        Ok(text) if looks_like_text(&text) => Ok(text),
        _ => Err(SourceError::Encoding { offset: utf8_error }),
    }
}

/// The text, or the offset of the first byte that is not UTF-8.
fn utf8(bytes: &[u8]) -> Result<String, usize> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => Err(error.valid_up_to()),
    }
}

/// Decodes without replacement characters; the error is the offset of the
/// first malformed byte sequence.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let mut read_total = 0;
    loop {
        let rest = bytes.get(read_total..).unwrap_or_default();
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        read_total = read_total.saturating_add(read);
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => text.reserve(rest.len().max(16)),
            DecoderResult::Malformed(bad, after) => {
                return Err(read_total.saturating_sub(usize::from(bad)).saturating_sub(usize::from(after)));
            }
        }
    }
}

/// No control characters besides tab, line breaks and form feed, and most
/// non-ASCII characters are CJK or CJK punctuation.
fn looks_like_text(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut chinese = 0usize;
    for character in text.chars() {
        if character.is_control() && !matches!(character, '\t' | '\n' | '\r' | '\u{c}') {
            return false;
        }
        if !character.is_ascii() {
            non_ascii = non_ascii.saturating_add(1);
            if is_chinese(character) {
                chinese = chinese.saturating_add(1);
            }
        }
    }
    chinese.saturating_mul(2) >= non_ascii
}

fn is_chinese(character: char) -> bool {
    matches!(character,
        '\u{2000}'..='\u{206f}'   // general punctuation: “ ” … —
        | '\u{2460}'..='\u{24ff}' // ① …
        | '\u{3000}'..='\u{303f}' // 。、《》
        | '\u{3400}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff00}'..='\u{ffef}') // full-width forms
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "一、基本概况\n年初预算数为 120.50 万元，执行率 98.6%。\n";

    #[test]
    fn utf8_is_read_as_is() {
        assert_eq!(decode_text(REPORT.as_bytes()).ok().as_deref(), Some(REPORT));
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let mut bytes = vec![0xef, 0xbb, 0xbf];
        bytes.extend_from_slice(REPORT.as_bytes());
        assert_eq!(decode_text(&bytes).ok().as_deref(), Some(REPORT));
    }

    #[test]
    fn gb18030_decodes_to_the_same_text_as_utf8() {
        let (bytes, _, had_errors) = GB18030.encode(REPORT);
        assert!(!had_errors);
        assert_ne!(bytes.as_ref(), REPORT.as_bytes());
        assert_eq!(decode_text(&bytes).ok().as_deref(), Some(REPORT));
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in REPORT.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).ok().as_deref(), Some(REPORT));
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        assert!(matches!(decode_text(b""), Err(SourceError::Empty)));
        assert!(matches!(decode_text(b" \r\n\t\n"), Err(SourceError::Empty)));
        assert!(matches!(decode_text(&[0xef, 0xbb, 0xbf]), Err(SourceError::Empty)));
    }

    #[test]
    fn a_nul_byte_means_binary() {
        let bytes = b"PK\x03\x04\x00\x00abc";
        assert!(matches!(decode_text(bytes), Err(SourceError::Binary { offset: 4 })));
    }

    #[test]
    fn undecodable_bytes_name_the_first_bad_utf8_byte() {
        // Valid UTF-8 up to byte 6, then a lone 0xff (never valid in GB18030).
        let mut bytes = "预算".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xff, 0xff, 0x01]);
        assert!(matches!(decode_text(&bytes), Err(SourceError::Encoding { offset: 6 })));
    }

    #[test]
    fn utf8_that_is_mostly_control_characters_is_not_text() {
        let bytes = [b'A', 0x01, 0x02, 0x1b, b'B'];
        assert!(matches!(decode_text(&bytes), Err(SourceError::ControlCharacters { count: 3, line: 1 })));
        // One stray bell in a report is tolerated.
        let report = format!("{REPORT}\u{7}");
        assert_eq!(decode_text(report.as_bytes()).ok(), Some(report));
    }

    #[test]
    fn control_characters_are_not_text() {
        // Decodes as GB18030 but contains a bell character.
        let bytes = [0xb0, 0xa1, 0x07, 0xb0, 0xa1];
        assert!(matches!(decode_text(&bytes), Err(SourceError::Encoding { offset: 0 })));
    }
}
