//! Helpers: lint a package, comment it, and read the result back part by
//! part; undo the commenting of `document.xml` to compare it with the
//! original.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
use regex::Regex;
use reportlint::annotate::{self, Annotated, Options};
use reportlint::lint::{FileOutcome, LintedFile, Linter};
use reportlint::rules;
use reportlint::source::Format;
use zip::ZipArchive;

pub fn linter() -> Linter {
    Linter::new(rules::load_embedded().unwrap())
}

pub fn lint(name: &str, bytes: &[u8], format: Format) -> LintedFile {
    match linter().lint_bytes(name, bytes, format) {
        FileOutcome::Linted(file) => file,
        FileOutcome::Failed(failed) => panic!("{name} could not be linted: {failed:?}"),
    }
}

/// The linted file and its commented copy, infos included or not.
pub fn commented(name: &str, bytes: &[u8], include_info: bool) -> (LintedFile, Annotated) {
    let format = Format::from_path(std::path::Path::new(name));
    let file = lint(name, bytes, format);
    let annotated = annotate::annotate(bytes, &file, &Options { include_info }).unwrap();
    (file, annotated)
}

/// Every part of a package, by name, inflated.
pub fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut parts = BTreeMap::new();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        parts.insert(part.name().unwrap().to_string(), data);
    }
    parts
}

pub fn part(bytes: &[u8], name: &str) -> String {
    String::from_utf8(parts(bytes).remove(name).unwrap_or_else(|| panic!("no part {name}"))).unwrap()
}

/// Parses `xml` to its end; panics on the first error.
pub fn assert_well_formed(name: &str, xml: &str) {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0_i64;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("{name} is not well-formed at {}: {error}", reader.error_position()),
        }
    }
    assert_eq!(depth, 0, "{name} leaves elements open");
}

/// What one comment id has in the package.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Marked {
    pub starts: usize,
    pub ends: usize,
    pub references: usize,
    pub comments: usize,
    pub author: String,
}

/// Per comment id: its marks in `document.xml` and its entries in
/// `comments.xml`.
pub fn marks(document_xml: &str, comments_xml: &str) -> BTreeMap<String, Marked> {
    let mut marks: BTreeMap<String, Marked> = BTreeMap::new();
    let element = Regex::new(r#"<w:(commentRangeStart|commentRangeEnd|commentReference) w:id="(\d+)"/>"#).unwrap();
    for found in element.captures_iter(document_xml) {
        let entry = marks.entry(found[2].to_string()).or_default();
        match &found[1] {
            "commentRangeStart" => entry.starts += 1,
            "commentRangeEnd" => entry.ends += 1,
            _ => entry.references += 1,
        }
    }
    let comment = Regex::new(r#"<w:comment w:id="(\d+)" w:author="([^"]*)""#).unwrap();
    for found in comment.captures_iter(comments_xml) {
        let entry = marks.entry(found[1].to_string()).or_default();
        entry.comments += 1;
        entry.author = found[2].to_string();
    }
    marks
}

/// Every id has one start, one end, one reference and one comment.
pub fn assert_complete(marks: &BTreeMap<String, Marked>) {
    for (id, marked) in marks {
        assert_eq!(
            (marked.starts, marked.ends, marked.references, marked.comments),
            (1, 1, 1, 1),
            "comment {id} is incomplete: {marked:?}"
        );
    }
}

/// The text each of reportlint's comment ranges holds, by id: the
/// character data between its start and its end, entities resolved.
pub fn ranged_texts(document_xml: &str) -> BTreeMap<String, String> {
    let start = Regex::new(r#"<w:commentRangeStart w:id="(\d+)"/>"#).unwrap();
    let mut texts = BTreeMap::new();
    for found in start.captures_iter(document_xml) {
        let id = found[1].to_string();
        let from = found.get(0).unwrap().end();
        let end = format!(r#"<w:commentRangeEnd w:id="{id}"/>"#);
        let to = from + document_xml[from..].find(&end).unwrap();
        texts.insert(id, character_data(&document_xml[from..to]));
    }
    texts
}

/// The `w:t` text of an XML fragment.
pub fn character_data(fragment: &str) -> String {
    let text = Regex::new(r"<w:t(?: [^>]*)?>([^<]*)</w:t>").unwrap();
    text.captures_iter(fragment).map(|found| quick_xml::escape::unescape(&found[1]).unwrap().into_owned()).collect()
}

/// `document.xml` with the marks of comments `ids` taken out.
pub fn without_marks(document_xml: &str, ids: &[String]) -> String {
    let mut xml = document_xml.to_string();
    for id in ids {
        for pattern in [
            format!(r#"<w:commentRangeStart w:id="{id}"/>"#),
            format!(r#"<w:commentRangeEnd w:id="{id}"/>"#),
            format!(
                r#"<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{id}"/></w:r>"#
            ),
            format!(r#"<w:r><w:commentReference w:id="{id}"/></w:r>"#),
        ] {
            xml = xml.replace(&pattern, "");
        }
    }
    xml
}

/// `commented` (marks already taken out) with its cut runs joined again,
/// guided by the `original`: wherever the two differ, the commented text
/// must hold a cut of the run open there in the original (`</w:t></w:r>`
/// or `</w:r>`, then a copy of the run's start tag and properties, and of
/// its `w:t` start tag, with `xml:space="preserve"` or not), which is
/// dropped. Panics where a difference is anything else.
pub fn rejoined(commented: &str, original: &str) -> String {
    let (commented, original) = (commented.as_bytes(), original.as_bytes());
    let mut output = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < commented.len() {
        if j < original.len() && commented[i] == original[j] {
            output.push(commented[i]);
            i += 1;
            j += 1;
            continue;
        }
        let before = std::str::from_utf8(&original[..j])
            .unwrap_or_else(|_| panic!("the copy differs inside a character at byte {j}"));
        let run_start = before.rfind("<w:r>").into_iter().chain(before.rfind("<w:r ")).max().unwrap();
        let mut head = before[run_start..].split_inclusive('>').next().unwrap().to_string();
        let after_tag = &before[run_start + head.len()..];
        if after_tag.starts_with("<w:rPr>") {
            head.push_str(&after_tag[..after_tag.find("</w:rPr>").unwrap() + "</w:rPr>".len()]);
        }
        let text_tag = before.rfind("<w:t").map(|at| before[at..].split_inclusive('>').next().unwrap().to_string());
        let mut cuts = vec![format!("</w:r>{head}")];
        if let Some(tag) = text_tag {
            let preserved = if tag.contains("xml:space") {
                tag.clone()
            } else {
                format!("{} xml:space=\"preserve\">", tag.trim_end_matches('>'))
            };
            cuts.insert(0, format!("</w:t></w:r>{head}{preserved}"));
            cuts.insert(0, format!("</w:t></w:r>{head}{tag}"));
        }
        let rest = &commented[i..];
        let cut = cuts.iter().find(|cut| rest.starts_with(cut.as_bytes())).unwrap_or_else(|| {
            panic!(
                "the copy differs at byte {i} by more than a cut run:\n  copy:     {}\n  original: {}",
                String::from_utf8_lossy(&rest[..rest.len().min(160)]),
                String::from_utf8_lossy(&original[j..original.len().min(j + 160)])
            )
        });
        i += cut.len();
    }
    String::from_utf8(output).unwrap()
}
