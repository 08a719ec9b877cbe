//! A value of a rule file together with the place it was written.
//!
//! A rule file is read in one of two forms. YAML, through serde-saphyr,
//! which knows where each value stands. Or the stored form of an embedded
//! pack: build.rs parses the YAML under `rules/` once, at build time, and
//! stores each file as MessagePack, a value with its place as the tuple
//! `(value, start, end, line)`; loading the embedded packs then decodes
//! instead of parsing YAML, which was most of their loading time. The
//! deserializer tells the forms apart: YAML is human-readable, MessagePack is
//! not. Positions are the same either way (a test in `embedded.rs` compares
//! every embedded file in both forms).
//!
//! This file is also compiled into build.rs, so it uses nothing of the crate.
//! Its schema (for `rules::schema`) is the schema of the value.

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    /// Byte range in the file's text; `0..0` when the parser did not know.
    pub start: usize,
    pub end: usize,
    /// 1-based line; 0 when unknown.
    pub line: usize,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if !deserializer.is_human_readable() {
            let (value, start, end, line) = Deserialize::deserialize(deserializer)?;
            return Ok(Spanned { value, start, end, line });
        }
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        let (start, end) = match (span.byte_offset(), span.byte_len()) {
            (Some(start), Some(len)) => {
                let start = usize::try_from(start).unwrap_or(usize::MAX);
                (start, start.saturating_add(usize::try_from(len).unwrap_or(usize::MAX)))
            }
            _ => (0, 0),
        };
        let line = usize::try_from(spanned.referenced.line()).unwrap_or(0);
        Ok(Spanned { value: spanned.value, start, end, line })
    }
}

/// In the JSON Schema a spanned value is the value: its place is not
/// written in the file but known from where it stands.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// Only the stored form is ever written.
impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.value, self.start, self.end, self.line).serialize(serializer)
    }
}
