//! A report read from text, Markdown, CSV or PDF → a new Word document of
//! its text, with a comment on each finding's figure.
//!
//! One paragraph per line of the document text, a tab as `w:tab`, so that
//! reading the document back gives the same lines; each figure is a run
//! of its own with the comment's range around it. A finding without a
//! figure is anchored on the title, the first line with text. The package
//! holds only what Word needs: content types, relationships, the main
//! part, styles (a Chinese body font, and the comment styles) and the
//! comments.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::AnnotateError;
use super::markup::{Marks, Styles, escape};
use super::note;
use crate::finding::Finding;
use crate::source::Document;
use crate::span::Span;

const NAMESPACES: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#,
);
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

/// The Word document of `document`'s text with a comment per finding,
/// and the number of comments.
pub(super) fn write(document: &Document, findings: &[&Finding]) -> Result<(Vec<u8>, usize), AnnotateError> {
    let marks = Marks { prefix: "w", styles: Styles { text: true, reference: true } };
    let title = title(&document.text);
    let mut points: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    let mut comments = Vec::with_capacity(findings.len());
    for (id, finding) in findings.iter().enumerate() {
        let span =
            finding.primary.as_ref().map(|primary| primary.span).filter(|span| !span.is_empty()).unwrap_or(title);
        points.entry(span.start).or_default().1.push(id);
        points.entry(span.end).or_default().0.push(id);
        comments.push(marks.comment(id, &note::paragraphs(finding, document)));
    }
    let body = body(&document.text, &points, &marks);
    let document_xml = format!("{DECLARATION}<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>");
    let comments_xml = format!("{DECLARATION}<w:comments {NAMESPACES}>{}</w:comments>", comments.concat());
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELATIONSHIPS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELATIONSHIPS),
        ("word/document.xml", document_xml.as_str()),
        ("word/styles.xml", STYLES),
        ("word/comments.xml", comments_xml.as_str()),
    ];
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, text) in parts {
        writer.start_file(name, options).map_err(|error| package_error(&error.to_string()))?;
        writer.write_all(text.as_bytes()).map_err(|error| package_error(&error.to_string()))?;
    }
    let bytes = writer.finish().map_err(|error| package_error(&error.to_string()))?.into_inner();
    Ok((bytes, findings.len()))
}

/// The paragraphs of `text`, with the marks of `points` (offset → range
/// ends, range starts) at their offsets.
fn body(text: &str, points: &BTreeMap<usize, (Vec<usize>, Vec<usize>)>, marks: &Marks) -> String {
    let mut body = String::with_capacity(text.len().saturating_mul(2));
    let mut line_start = 0_usize;
    for line in text.split('\n') {
        let line_end = line_start.saturating_add(line.len());
        body.push_str("<w:p>");
        let mut written = line_start;
        for (offset, (ends, starts)) in points.range(line_start..=line_end) {
            body.push_str(&run(text.get(written..*offset).unwrap_or_default()));
            for id in ends {
                body.push_str(&marks.range_end(*id));
            }
            for id in starts {
                body.push_str(&marks.range_start(*id));
            }
            written = *offset;
        }
        body.push_str(&run(text.get(written..line_end).unwrap_or_default()));
        body.push_str("</w:p>");
        line_start = line_end.saturating_add(1);
    }
    body
}

/// A run of `text`, its tabs as `w:tab`; nothing for no text.
fn run(text: &str) -> String {
    let text = text.trim_end_matches('\r');
    if text.is_empty() {
        return String::new();
    }
    let pieces: Vec<String> = text
        .split('\t')
        .map(|piece| {
            if piece.is_empty() {
                String::new()
            } else {
                format!(r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece))
            }
        })
        .collect();
    format!("<w:r>{}</w:r>", pieces.join("<w:tab/>"))
}

/// The first line with text, trimmed: where a finding without a figure is
/// anchored.
fn title(text: &str) -> Span {
    let mut offset = 0_usize;
    for line in text.split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset.saturating_add(line.len().saturating_sub(line.trim_start().len()));
            return Span::new(start, start.saturating_add(trimmed.len()));
        }
        offset = offset.saturating_add(line.len()).saturating_add(1);
    }
    Span::new(0, 0)
}

fn package_error(detail: &str) -> AnnotateError {
    AnnotateError::Package { detail: detail.to_string() }
}

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#,
    "</Types>",
);

const PACKAGE_RELATIONSHIPS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    "</Relationships>",
);

const DOCUMENT_RELATIONSHIPS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#,
    "</Relationships>",
);

/// 宋体 for Chinese, as a government report is set; the comment styles
/// Word defines (批注文字, 批注引用).
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
    r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:docDefaults><w:rPrDefault><w:rPr>"#,
    r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>"#,
    r#"<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>"#,
    r#"</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"#,
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
    r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>"#,
    r#"<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>"#,
    "</w:styles>",
);

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used, reason = "tests may panic by design")]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_a_paragraph_and_a_figure_its_own_run() {
        let text = "标题\n甲\t90%\n";
        let mut points = BTreeMap::new();
        let at = text.find("90%").unwrap();
        points.insert(at, (vec![], vec![0]));
        points.insert(at + 3, (vec![0], vec![]));
        let marks = Marks { prefix: "w", styles: Styles::default() };
        assert_eq!(
            body(text, &points, &marks),
            concat!(
                r#"<w:p><w:r><w:t xml:space="preserve">标题</w:t></w:r></w:p>"#,
                r#"<w:p><w:r><w:t xml:space="preserve">甲</w:t><w:tab/></w:r><w:commentRangeStart w:id="0"/>"#,
                r#"<w:r><w:t xml:space="preserve">90%</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#,
                "<w:p></w:p>",
            )
        );
        assert_eq!(title("\n  一、概况 \n二"), Span::new(3, 3 + "一、概况".len()));
    }
}
