//! One PDF stream → its bytes inflated, at most `room` of them, or why not.
//!
//! lopdf inflates a stream that fails midway into what it got so far (often
//! nothing) without a word, so a page with corrupt Flate data would read as
//! a page without text, and the PDF as a scan. A stream filtered by Flate
//! alone, as Word, WPS and most producers write content, is inflated here
//! with the error kept; other filters go through lopdf, whose errors are
//! kept too. No decoder is ever let past `room` bytes.

use std::io::Read as _;

use flate2::read::{DeflateDecoder, ZlibDecoder};
use lopdf::{DecompressError, Object, Stream};

/// Why a stream gave no bytes.
#[derive(Debug, PartialEq)]
pub(super) enum Inflate {
    /// It inflates past the room it was given.
    Over,
    /// Its data cannot be inflated: what failed.
    Corrupt(String),
}

pub(super) fn stream(stream: &Stream, room: usize) -> Result<Vec<u8>, Inflate> {
    let filters = stream.filters().unwrap_or_default();
    let predictor = stream.dict.get(b"DecodeParms").is_ok_and(|parameters| !matches!(parameters, Object::Null));
    match filters.as_slice() {
        [] if stream.content.len() > room => Err(Inflate::Over),
        [] => Ok(stream.content.clone()),
        [b"FlateDecode"] if !predictor => flate(&stream.content, room),
        _ => stream.decompressed_content_with_limit(room).map_err(|error| match error {
            lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => Inflate::Over,
            _ => Inflate::Corrupt("数据流无法解码".to_owned()),
        }),
    }
}

/// Zlib data, or raw deflate data behind a two-byte header that is not
/// zlib's (as lopdf accepts, for some encrypted files).
pub(super) fn flate(data: &[u8], room: usize) -> Result<Vec<u8>, Inflate> {
    let cap = u64::try_from(room).unwrap_or(u64::MAX).saturating_add(1);
    let mut output = Vec::new();
    if ZlibDecoder::new(data).take(cap).read_to_end(&mut output).is_err() {
        let raw = data.get(2..).filter(|_| output.is_empty());
        let recovered = raw.is_some_and(|raw| DeflateDecoder::new(raw).take(cap).read_to_end(&mut output).is_ok());
        if !recovered {
            return Err(Inflate::Corrupt("Flate 压缩数据已损坏".to_owned()));
        }
    }
    if output.len() > room { Err(Inflate::Over) } else { Ok(output) }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use lopdf::{Dictionary, Object};

    use super::*;

    fn flated(bytes: &[u8]) -> Stream {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        let mut dictionary = Dictionary::new();
        dictionary.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        Stream::new(dictionary, encoder.finish().unwrap())
    }

    #[test]
    fn flate_data_inflates_within_its_room() {
        assert_eq!(stream(&flated(b"BT ET"), 5), Ok(b"BT ET".to_vec()));
        assert_eq!(stream(&flated(b"BT ET"), 4), Err(Inflate::Over));
    }

    #[test]
    fn corrupt_flate_data_is_an_error_not_an_empty_stream() {
        let mut corrupt = flated(b"BT (text) Tj ET");
        corrupt.content.truncate(8);
        assert!(matches!(stream(&corrupt, 1 << 20), Err(Inflate::Corrupt(detail)) if detail.starts_with("Flate")));
        let garbage = Stream::new(flated(b"").dict, b"not flate at all".to_vec());
        assert!(matches!(stream(&garbage, 1 << 20), Err(Inflate::Corrupt(_))));
    }
}
