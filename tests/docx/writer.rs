//! A minimal .docx writer for tests: body XML in, package bytes out.
//!
//! [`Body`] collects paragraphs and tables as WordprocessingML ([`cell`],
//! [`cell_with`] and [`table`] write tables with merged or nested cells for
//! [`Body::raw`]); [`package`] wraps a body with the parts Word needs to open
//! it ([Content_Types].xml, the package and document relationships) and,
//! optionally, a header and a footer. [`bomb`] writes, by hand, a zip whose one member inflates to a
//! gigabyte from a few megabytes, with an honest or a lying header.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const NAMESPACES: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#,
);

/// The body of `word/document.xml`, built up block by block.
#[derive(Default)]
pub struct Body {
    xml: String,
}

impl Body {
    pub fn new() -> Self {
        Body::default()
    }

    /// A paragraph of one run.
    pub fn paragraph(self, text: &str) -> Self {
        self.runs(&[text])
    }

    /// A paragraph whose text is split over several runs, as Word splits it
    /// where formatting or spell-checking state changes.
    pub fn runs(mut self, pieces: &[&str]) -> Self {
        self.xml.push_str("<w:p>");
        for piece in pieces {
            self.xml.push_str(&run(piece));
        }
        self.xml.push_str("</w:p>");
        self
    }

    /// A table of plain cells, one paragraph each.
    pub fn table(mut self, rows: &[Vec<&str>]) -> Self {
        self.xml.push_str("<w:tbl>");
        for cells in rows {
            self.xml.push_str("<w:tr>");
            for text in cells {
                self.xml.push_str(&format!("<w:tc><w:p>{}</w:p></w:tc>", run(text)));
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
        self
    }

    /// Body XML written out by the test itself.
    pub fn raw(mut self, xml: &str) -> Self {
        self.xml.push_str(xml);
        self
    }

    pub fn document_xml(&self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{}<w:sectPr/></w:body></w:document>"#,
            self.xml
        )
    }

    pub fn docx(&self) -> Vec<u8> {
        package(&self.document_xml(), None)
    }
}

/// One run; text with a tab becomes `w:tab` between `w:t`s.
pub fn run(text: &str) -> String {
    let pieces: Vec<String> =
        text.split('\t').map(|piece| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece))).collect();
    format!("<w:r>{}</w:r>", pieces.join("<w:tab/>"))
}

/// A table cell of one paragraph; `properties` go into its `w:tcPr`
/// (`<w:gridSpan w:val="2"/>`, `<w:vMerge/>`).
pub fn cell(properties: &str, text: &str) -> String {
    cell_with(properties, &format!("<w:p>{}</w:p>", run(text)))
}

/// A table cell holding `content` (paragraphs, a nested table) as written.
pub fn cell_with(properties: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>")
}

/// A table of rows, each the concatenated XML of its cells.
pub fn table(rows: &[String]) -> String {
    let rows: String = rows.iter().map(|cells| format!("<w:tr>{cells}</w:tr>")).collect();
    format!("<w:tbl>{rows}</w:tbl>")
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A complete package around `document_xml`; `header_and_footer` adds a
/// header part and a footer part with that text, referenced from the body
/// the way Word references them.
pub fn package(document_xml: &str, header_and_footer: Option<&str>) -> Vec<u8> {
    let mut parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", PACKAGE_RELATIONSHIPS.to_string()),
        ("word/document.xml", document_xml.to_string()),
    ];
    let mut relationships = String::new();
    if let Some(text) = header_and_footer {
        for (kind, part, root) in [("header", "word/header1.xml", "hdr"), ("footer", "word/footer1.xml", "ftr")] {
            let xml = format!(r#"<w:{root} {NAMESPACES}><w:p>{}</w:p></w:{root}>"#, run(text));
            parts.push((part, xml));
            relationships.push_str(&format!(
                r#"<Relationship Id="{kind}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{kind}1.xml"/>"#
            ));
        }
    }
    parts.push((
        "word/_rels/document.xml.rels",
        format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relationships}</Relationships>"#),
    ));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, xml) in parts {
        writer.start_file(name, options).unwrap();
        writer.write_all(xml.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="{main}.header+xml"/><Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/></Types>"#
    )
}

const PACKAGE_RELATIONSHIPS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// What [`bomb`] inflates to: a space, then 258 more for each match.
pub fn bomb_size(matches: u64) -> u64 {
    1 + 258 * matches
}

/// A zip whose `word/document.xml` inflates to [`bomb_size`] spaces and
/// declares `declared_size` in its headers. The deflate stream is written by
/// hand: one fixed-Huffman block, a literal space, then `matches` copies of
/// "258 bytes from distance 1" at 13 bits each (about 1 : 160).
pub fn bomb(matches: u64, declared_size: u32) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.push(1, 1); // BFINAL
    bits.push(1, 2); // BTYPE = fixed Huffman
    bits.push_code(0x30 + u32::from(b' '), 8);
    // Length symbol 285 (258 bytes), then distance symbol 0 (distance 1),
    // whose five bits are zeros.
    let one_match = 0b1100_0101u32.reverse_bits() >> 24;
    for _ in 0..matches {
        bits.push(one_match, 13);
    }
    bits.push_code(0, 7); // end of block
    single_member_zip("word/document.xml", &bits.finish(), declared_size)
}

/// Deflate packs bits from the least significant end; Huffman codes go in
/// most significant bit first.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    current: u64,
    count: u32,
}

impl Bits {
    fn push(&mut self, value: u32, width: u32) {
        self.current |= u64::from(value) << self.count;
        self.count += width;
        while self.count >= 8 {
            self.bytes.push(self.current as u8);
            self.current >>= 8;
            self.count -= 8;
        }
    }

    fn push_code(&mut self, code: u32, width: u32) {
        self.push(code.reverse_bits() >> (32 - width), width);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.bytes.push(self.current as u8);
        }
        self.bytes
    }
}

/// One deflated member with a local header, a central directory and its end
/// record. The CRC is left 0: a reader must give up long before it checks it.
fn single_member_zip(name: &str, deflated: &[u8], inflated_size: u32) -> Vec<u8> {
    let compressed_size = u32::try_from(deflated.len()).unwrap();
    let name_length = u16::try_from(name.len()).unwrap();
    let mut zip = Vec::with_capacity(deflated.len() + 200);
    let common = |zip: &mut Vec<u8>| {
        for value in [20u16, 0, 8, 0, 0x21] {
            zip.extend(value.to_le_bytes()); // version, flags, deflate, time, date
        }
        for value in [0, compressed_size, inflated_size] {
            zip.extend(value.to_le_bytes()); // crc, sizes
        }
        zip.extend(name_length.to_le_bytes());
        zip.extend(0u16.to_le_bytes()); // extra field length
    };
    zip.extend(0x0403_4b50u32.to_le_bytes());
    common(&mut zip);
    zip.extend(name.as_bytes());
    zip.extend(deflated);
    let directory_start = u32::try_from(zip.len()).unwrap();
    zip.extend(0x0201_4b50u32.to_le_bytes());
    zip.extend(20u16.to_le_bytes()); // version made by
    common(&mut zip);
    for value in [0u16, 0, 0] {
        zip.extend(value.to_le_bytes()); // comment length, disk, internal attributes
    }
    zip.extend(0u32.to_le_bytes()); // external attributes
    zip.extend(0u32.to_le_bytes()); // local header offset
    zip.extend(name.as_bytes());
    let directory_size = u32::try_from(zip.len()).unwrap() - directory_start;
    zip.extend(0x0605_4b50u32.to_le_bytes());
    for value in [0u16, 0, 1, 1] {
        zip.extend(value.to_le_bytes()); // disks, entries
    }
    zip.extend(directory_size.to_le_bytes());
    zip.extend(directory_start.to_le_bytes());
    zip.extend(0u16.to_le_bytes()); // comment length
    zip
}
