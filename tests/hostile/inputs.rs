//! Hostile files, built at run time so that nothing big is committed: a
//! small good report with one known error, pseudo-random bytes, a report
//! far over the size limit, a 5 MB line, and .docx packages that are
//! truncated, inflate past the cap, declare an external entity or nest
//! too deeply.

use std::io::{BufWriter, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::writer::{Body, package};

/// A report of our own with one deliberate error: 180 ÷ 240 is 75.00%,
/// the report says 80%.
pub const GOOD_REPORT: &str = "\
一、部门基本情况
本单位负责辖区内的公共服务保障工作，内设综合科和业务科。
二、预算执行情况
调整后全年预算数为 240.00 万元，全年实际支出资金 180.00 万元，预算执行率为 80%。
";

/// The check [`GOOD_REPORT`] fails, and what it says the rate should be.
pub const GOOD_RULE: &str = "budget-execution-rate";
pub const GOOD_EXPECTED: &str = "75.00%";

/// The error sentence of [`GOOD_REPORT`], for reports built around it.
pub const ERROR_SENTENCE: &str = "调整后全年预算数为 240.00 万元，全年实际支出资金 180.00 万元，预算执行率为 80%。";

/// Whether a JSON file entry holds the known finding of [`GOOD_REPORT`].
pub fn has_known_finding(file: &serde_json::Value) -> bool {
    file["findings"].as_array().is_some_and(|findings| {
        findings.iter().any(|finding| finding["rule"] == GOOD_RULE && finding["expected"] == GOOD_EXPECTED)
    })
}

/// `length` bytes from a fixed-seed generator (xorshift), so that every
/// run writes the same "random" file.
pub fn noise(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[3]
        })
        .collect()
}

/// What `file` prints on an executable: an ELF header (NULs included),
/// then noise.
pub fn elf_like() -> Vec<u8> {
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00".to_vec();
    bytes.extend(noise(4096));
    bytes
}

/// Noise without NUL bytes, so that it is not refused as binary at the
/// first byte: it must fail as text.
pub fn noise_without_nul(length: usize) -> Vec<u8> {
    noise(length).into_iter().map(|byte| byte.max(1)).collect()
}

/// Valid UTF-8 and no NUL, yet mostly control characters: text only in name.
pub fn control_characters() -> Vec<u8> {
    (0..8192u32).map(|index| [1u8, 2, 3, 0x1b, 0x7f, b'A', 0x10, 0x08][index as usize % 8]).collect()
}

/// Writes a plain-text report of `target` bytes or a little more: the good
/// report's paragraphs again and again, as an honest file would read.
pub fn write_big_report(path: &Path, target: usize) {
    let file = std::fs::File::create(path).expect("big report is created");
    let mut writer = BufWriter::new(file);
    let mut written = 0;
    let mut section = 0u32;
    while written < target {
        section += 1;
        let chunk = format!("（{section}）分项说明\n{ERROR_SENTENCE}\n本项工作按计划推进，完成情况良好。\n");
        writer.write_all(chunk.as_bytes()).expect("big report is written");
        written += chunk.len();
    }
    writer.flush().expect("big report is flushed");
}

/// One line of about `target` bytes: prose with figures and no line break,
/// ending with the error sentence, so that a finding proves the whole line
/// was read.
pub fn single_line(target: usize) -> String {
    let mut line = String::from("一、部门基本情况");
    let mut index = 0u32;
    while line.len() < target {
        index += 1;
        line.push_str(&format!(
            "第{index}项工作完成率为 98.5%，涉及资金 {}.{:02} 万元，服务群众 {index} 人次，",
            index % 997,
            index % 100
        ));
    }
    line.push_str(ERROR_SENTENCE);
    line
}

/// A real little .docx holding `paragraphs`.
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    paragraphs.iter().fold(Body::new(), |body, text| body.paragraph(text)).docx()
}

/// A .docx whose `word/document.xml` inflates to more than `inflated`
/// bytes of short paragraphs, written by the zip crate with deflate: the
/// package stays around a thousandth of that. The headers are honest.
pub fn zip_bomb(inflated: u64) -> Vec<u8> {
    repetitive_docx(&"<w:p><w:r><w:t>哈哈哈哈哈哈哈哈</w:t></w:r></w:p>".repeat(512), inflated)
}

/// A .docx under the inflation cap whose text is over `text_bytes`: long
/// paragraphs, almost all text.
pub fn huge_text_docx(text_bytes: u64) -> Vec<u8> {
    repetitive_docx(&format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "预算".repeat(20_000)), text_bytes)
}

/// `paragraphs` again and again in the body until it passes `inflated` bytes.
fn repetitive_docx(paragraphs: &str, inflated: u64) -> Vec<u8> {
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).large_file(false);
    let paragraph = paragraphs;
    let header = Body::new().document_xml();
    let (opening, closing) = header.split_once("<w:sectPr/>").expect("the body has a section mark");
    writer.start_file("word/document.xml", options).expect("bomb part starts");
    writer.write_all(opening.as_bytes()).expect("bomb writes");
    let mut written = 0u64;
    while written <= inflated {
        writer.write_all(paragraph.as_bytes()).expect("bomb writes");
        written += paragraph.len() as u64;
    }
    writer.write_all(format!("<w:sectPr/>{closing}").as_bytes()).expect("bomb writes");
    writer.finish().expect("bomb is finished").into_inner()
}

/// The main part declares an external entity on `target` and uses it in
/// the error sentence.
pub fn external_entity(target: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE w:document [<!ENTITY x SYSTEM "{target}">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>一、部门基本情况&x;</w:t></w:r></w:p>
<w:p><w:r><w:t>{ERROR_SENTENCE}</w:t></w:r></w:p>
<w:p><w:r><w:t>附注：&x;</w:t></w:r></w:p>
</w:body></w:document>"#
    );
    package(&xml, None)
}

/// `depth` nested content controls around one paragraph.
pub fn nesting_bomb(depth: usize) -> Vec<u8> {
    let inner =
        format!("{}<w:p><w:r><w:t>一、概况</w:t></w:r></w:p>{}", "<w:sdt>".repeat(depth), "</w:sdt>".repeat(depth));
    Body::new().raw(&inner).docx()
}
