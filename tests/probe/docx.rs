//! A large legitimate .docx is linted normally: a report with 20 MB of
//! photographs (incompressible, as JPEG and PNG data are) stays within the
//! reader's budget, which counts the parts it reads, not the media it skips.

use std::io::Write;

use zip::write::SimpleFileOptions;

use super::capped::{self, CAP_BYTES};
use super::scratch::Scratch;

const MB: usize = 1 << 20;

/// Bytes that do not compress (xorshift64), standing in for photographs.
fn noise(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut bytes = Vec::with_capacity(length);
    while bytes.len() < length {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(length);
    bytes
}

fn report_with_photographs(photographs: usize, each: usize) -> Vec<u8> {
    const WORD: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let paragraphs: String = [
        "示范县水务局 2024 年度项目支出绩效自评报告",
        "一、项目基本情况",
        "年初预算数为 200.00 万元，调整后全年预算数为 240.00 万元，全年实际支出资金 180.00 万元，预算执行率为 75.00%。",
        "二、绩效目标完成情况",
        "现场照片见附件。",
    ]
    .iter()
    .map(|text| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"))
    .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD}"><w:body>{paragraphs}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut part = |name: &str, bytes: &[u8], options: SimpleFileOptions| {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    };
    part(
        "[Content_Types].xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        deflated,
    );
    part(
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        deflated,
    );
    part("word/document.xml", document.as_bytes(), deflated);
    for index in 0..photographs {
        // Word stores media as they are: already compressed.
        part(&format!("word/media/image{}.jpeg", index + 1), &noise(each), stored);
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_report_with_twenty_megabytes_of_photographs_is_linted_normally() {
    let scratch = Scratch::new("docx-photographs");
    let docx = report_with_photographs(10, 2 * MB);
    assert!(docx.len() > 20 * MB, "the package holds its photographs: {} bytes", docx.len());
    scratch.write("报告.docx", docx);
    let run = capped::run(scratch.path(), &["lint", "--format", "json", "报告.docx"]);
    // 180 ÷ 240 = 75.00%: no error finding, and no reading error.
    run.assert_ends(0, CAP_BYTES / 4);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|_| panic!("{}", run.brief()));
    let file = &json["files"][0];
    assert!(file["error"].is_null(), "the report was read: {}", run.brief());
    assert!(file["pack"].is_string(), "a pack was chosen: {}", run.brief());
}
