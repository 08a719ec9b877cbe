//! The objects packed in a PDF's object streams, counted on its bytes
//! before lopdf loads it.
//!
//! An object stream (`/Type /ObjStm`) holds many objects in one compressed
//! stream, and lopdf parses every one of them into its table while it loads
//! the file, before any budget of ours runs: 52 MB of object streams packing
//! twelve million `1`s took lopdf past 3.5 GB. So each object stream's index
//! is read here first, under the same stream and total inflation limits as
//! pages: its `/First` bytes hold one object number and one offset per
//! object, so half their tokens bound the objects lopdf will parse.
//!
//! Only what can be counted for certain is counted: an object stream
//! stored plainly or under Flate alone (what every office producer
//! writes). One under other filters, or whose data does not inflate (an
//! encrypted file's, which lopdf decrypts with the empty password), is left
//! to lopdf's own limit of [`MAX_STREAM_BYTES`] per stream and to the count
//! of objects once loaded.
//!
//! [`MAX_STREAM_BYTES`]: super::budget::MAX_STREAM_BYTES

use memchr::memmem;

use super::budget::{Budget, Limit};
use super::inflate::{self, Inflate};

/// The objects packed in every object stream of `bytes`, or the limit
/// reading them passed.
pub(super) fn packed_objects(bytes: &[u8], budget: &mut Budget) -> Result<usize, Limit> {
    let mut count = 0usize;
    for at in memmem::find_iter(bytes, b"/ObjStm") {
        let Some(stream) = ObjectStream::find(bytes, at) else { continue };
        count = count.saturating_add(stream.objects(budget)?);
    }
    Ok(count)
}

/// One object stream as it stands in the file.
struct ObjectStream<'a> {
    /// The dictionary, from `obj` to `stream`.
    dictionary: &'a [u8],
    /// The stream's data as stored.
    data: &'a [u8],
}

impl<'a> ObjectStream<'a> {
    /// The object stream whose dictionary holds `/ObjStm` at `at`.
    fn find(bytes: &'a [u8], at: usize) -> Option<Self> {
        let head = bytes.get(..at)?;
        let start = memmem::rfind(head, b"obj")?;
        let keyword = memmem::find(bytes.get(at..)?, b"stream")?.checked_add(at)?;
        let dictionary = bytes.get(start..keyword)?;
        let mut data_start = keyword.checked_add(b"stream".len())?;
        if bytes.get(data_start) == Some(&b'\r') {
            data_start = data_start.checked_add(1)?;
        }
        if bytes.get(data_start) == Some(&b'\n') {
            data_start = data_start.checked_add(1)?;
        }
        let rest = bytes.get(data_start..)?;
        let data = match integer(dictionary, b"/Length") {
            Some(length)
                if rest.get(length..).is_some_and(|after| after.trim_ascii_start().starts_with(b"endstream")) =>
            {
                rest.get(..length)?
            }
            _ => rest.get(..memmem::find(rest, b"endstream")?)?,
        };
        Some(ObjectStream { dictionary, data })
    }

    /// The objects lopdf will parse from this stream at most; 0 when it
    /// cannot be counted here (see the module documentation).
    fn objects(&self, budget: &mut Budget) -> Result<usize, Limit> {
        let flate = memmem::find(self.dictionary, b"/FlateDecode").is_some();
        let filtered = memmem::find(self.dictionary, b"/Filter").is_some();
        let other_filters = memmem::find_iter(self.dictionary, b"Decode").count() > usize::from(flate);
        let content = match (filtered, flate && !other_filters) {
            (false, _) => self.data.to_vec(),
            (true, true) => match inflate::flate(self.data, budget.stream_room()) {
                Ok(content) => content,
                Err(Inflate::Over) => return Err(budget.stream_limit()),
                Err(Inflate::Corrupt(_)) => return Ok(0),
            },
            (true, false) => return Ok(0),
        };
        budget.inflate(content.len())?;
        let Some(first) = integer(self.dictionary, b"/First") else { return Ok(0) };
        let index = content.get(..first).unwrap_or(&content);
        Ok(tokens(index) / 2)
    }
}

/// The non-negative integer written directly after `key` in `dictionary`
/// (`/Length 120`), not a reference to one (`/Length 12 0 R`).
fn integer(dictionary: &[u8], key: &[u8]) -> Option<usize> {
    let after = dictionary.get(memmem::find(dictionary, key)?.checked_add(key.len())?..)?;
    // `/Length` is not `/LengthX`.
    if after.first().is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let value = after.trim_ascii_start();
    let digits = value.iter().take_while(|byte| byte.is_ascii_digit()).count();
    let rest = value.get(digits..)?.trim_ascii_start();
    let is_reference = rest.first().is_some_and(u8::is_ascii_digit);
    if digits == 0 || is_reference {
        return None;
    }
    std::str::from_utf8(value.get(..digits)?).ok()?.parse().ok()
}

/// The tokens lopdf reads in an index: runs of anything but white space,
/// up to a comment's end of line.
fn tokens(index: &[u8]) -> usize {
    index
        .split(|&byte| byte == b'\r' || byte == b'\n')
        .map(|line| line.split(|&byte| byte == b'%').next().unwrap_or_default())
        .map(|line| {
            line.split(|byte| byte.is_ascii_whitespace() || *byte == 0).filter(|token| !token.is_empty()).count()
        })
        .fold(0usize, usize::saturating_add)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::unwrap_used, reason = "tests may panic by design")]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn object_stream(content: &[u8], first: usize, compressed: bool) -> Vec<u8> {
        let (data, filter) = if compressed {
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(content).unwrap();
            (encoder.finish().unwrap(), " /Filter /FlateDecode")
        } else {
            (content.to_vec(), "")
        };
        let mut bytes =
            format!("7 0 obj\n<< /Type /ObjStm /N 3 /First {first} /Length {}{filter} >>\nstream\n", data.len())
                .into_bytes();
        bytes.extend_from_slice(&data);
        bytes.extend_from_slice(b"\nendstream\nendobj\n");
        bytes
    }

    #[test]
    fn the_index_of_each_object_stream_is_counted() {
        let index = b"10 0 11 2 12 4 ";
        let content = [index.as_slice(), b"1 2 3"].concat();
        for compressed in [false, true] {
            let bytes = [object_stream(&content, index.len(), compressed), object_stream(&content, 6, true)].concat();
            let mut budget = Budget::default();
            assert_eq!(packed_objects(&bytes, &mut budget), Ok(3 + 1), "compressed: {compressed}");
        }
    }

    #[test]
    fn counts_and_lengths_are_read_only_when_written_directly() {
        assert_eq!(integer(b"<< /Length 12 /First 5 >>", b"/Length"), Some(12));
        assert_eq!(integer(b"<< /Length 12 0 R /First 5 >>", b"/Length"), None);
        assert_eq!(integer(b"<< /LengthX 12 >>", b"/Length"), None);
        assert_eq!(tokens(b"1 0 % a comment 5 6\r\n2 10"), 4);
    }

    #[test]
    fn an_object_stream_past_the_stream_limit_is_refused() {
        let content = vec![b' '; super::super::budget::MAX_STREAM_BYTES + 1];
        let bytes = object_stream(&content, 1, true);
        assert_eq!(packed_objects(&bytes, &mut Budget::default()), Err(Limit::Stream));
    }
}
