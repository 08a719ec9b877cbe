//! `word/document.xml` → where its runs (`w:r`) and their texts (`w:t`)
//! stand, byte by byte: what [`super::split`] needs to cut a run in two
//! at a character, copying its start tag and properties exactly.

use super::position;
use std::ops::Range;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::annotate::AnnotateError;

const WORDPROCESSING: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const WORDPROCESSING_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Run {
    /// `<w:r …>`, as written.
    pub start_tag: Range<usize>,
    /// `<w:rPr>…</w:rPr>` when it is the run's first child.
    pub properties: Option<Range<usize>>,
    /// What follows the start tag and properties, up to `</w:r>`.
    pub content: Range<usize>,
    /// Just past `</w:r>`.
    pub end: usize,
    /// The element's qualified name (`w:r`).
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Text {
    pub start_tag: Range<usize>,
    pub content: Range<usize>,
    pub end_tag: Range<usize>,
    pub name: String,
}

#[derive(Debug, Default)]
pub(super) struct Runs {
    /// In order of their start.
    runs: Vec<Run>,
    /// In order of their start.
    texts: Vec<Text>,
}

enum Open {
    Run(usize),
    Properties { run: usize, start: usize },
    Text { start_tag: Range<usize>, name: String },
    Other,
}

impl Runs {
    pub(super) fn index(xml: &str) -> Result<Runs, AnnotateError> {
        let mut reader = NsReader::from_str(xml);
        let mut runs = Runs::default();
        let mut open: Vec<Open> = Vec::new();
        loop {
            let before = position(reader.buffer_position());
            let event = reader.read_event().map_err(|error| super::part_error("document.xml", &error))?;
            let after = position(reader.buffer_position());
            match event {
                Event::Start(start) => {
                    let opened = match wordprocessing_name(&reader, &start) {
                        Some("r") => {
                            runs.runs.push(Run {
                                start_tag: before..after,
                                properties: None,
                                content: after..after,
                                end: after,
                                name: qualified_name(&start),
                            });
                            Open::Run(runs.runs.len().saturating_sub(1))
                        }
                        Some("rPr") => match open.last() {
                            Some(Open::Run(run)) if runs.runs.get(*run).is_some_and(|r| r.content.start == before) => {
                                Open::Properties { run: *run, start: before }
                            }
                            _ => Open::Other,
                        },
                        Some("t") if matches!(open.last(), Some(Open::Run(_))) => {
                            Open::Text { start_tag: before..after, name: qualified_name(&start) }
                        }
                        _ => Open::Other,
                    };
                    open.push(opened);
                }
                Event::End(_) => match open.pop() {
                    Some(Open::Run(run)) => {
                        if let Some(run) = runs.runs.get_mut(run) {
                            run.content.end = before;
                            run.end = after;
                        }
                    }
                    Some(Open::Properties { run, start }) => {
                        if let Some(run) = runs.runs.get_mut(run) {
                            run.properties = Some(start..after);
                            run.content = after..after;
                        }
                    }
                    Some(Open::Text { start_tag, name }) => {
                        runs.texts.push(Text {
                            content: start_tag.end..before,
                            start_tag,
                            end_tag: before..after,
                            name,
                        });
                    }
                    Some(Open::Other) | None => {}
                },
                Event::Eof => return Ok(runs),
                _ => {}
            }
        }
    }

    /// The innermost run whose content holds `offset` (its ends included).
    pub(super) fn run_at(&self, offset: usize) -> Option<&Run> {
        let after = self.runs.partition_point(|run| run.content.start <= offset);
        self.runs.get(..after)?.iter().rev().find(|run| run.content.start <= offset && offset <= run.content.end)
    }

    /// The `w:t` whose character data holds `offset` (its ends included).
    pub(super) fn text_at(&self, offset: usize) -> Option<&Text> {
        let after = self.texts.partition_point(|text| text.content.start <= offset);
        self.texts.get(..after)?.last().filter(|text| offset <= text.content.end)
    }
}

/// The local name of a WordprocessingML element; `None` for any other.
fn wordprocessing_name<'a>(reader: &NsReader<&[u8]>, start: &'a BytesStart) -> Option<&'a str> {
    let (namespace, _) = reader.resolver().resolve_element(start.name());
    match namespace {
        ResolveResult::Bound(namespace) if namespace.0 == WORDPROCESSING || namespace.0 == WORDPROCESSING_STRICT => {
            Some(start.local_name().into_inner())
        }
        _ => None,
    }
}

fn qualified_name(start: &BytesStart) -> String {
    start.name().as_ref().to_string()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;

    const NAMESPACE: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn runs_and_texts_are_found_with_their_tags() {
        let xml = format!(
            r#"<w:document {NAMESPACE}><w:p><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">甲 1</w:t><w:tab/><w:t>2</w:t></w:r></w:p></w:document>"#
        );
        let runs = Runs::index(&xml).unwrap();
        let at = xml.find("甲").unwrap();
        let run = runs.run_at(at).unwrap();
        assert_eq!(&xml[run.start_tag.clone()], r#"<w:r w:rsidR="1">"#);
        assert_eq!(&xml[run.properties.clone().unwrap()], "<w:rPr><w:b/></w:rPr>");
        assert!(xml[run.content.clone()].starts_with("<w:t xml:space"));
        assert!(xml[run.content.clone()].ends_with("<w:t>2</w:t>"));
        let text = runs.text_at(at).unwrap();
        assert_eq!(&xml[text.content.clone()], "甲 1");
        assert_eq!(&xml[text.start_tag.clone()], r#"<w:t xml:space="preserve">"#);
        assert_eq!(&xml[runs.text_at(xml.find(">2<").unwrap() + 1).unwrap().content.clone()], "2");
        assert!(runs.text_at(xml.find("<w:tab/>").unwrap() + 1).is_none());
    }
}
