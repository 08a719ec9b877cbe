//! A .docx with a comment on each finding's figure, everything else as it
//! was.
//!
//! Steps: [`Package`] reads the parts; [`comments_part`] finds the
//! author's comments and an earlier run's; [`earlier`] takes that run's
//! marks out of the main part; the reader traces the main part
//! ([`crate::source::docx::trace`]) and [`origin`] places each finding's
//! span in its XML; [`runs`] finds the runs there and [`split`] writes the
//! marks, cutting runs where a figure starts or ends inside one;
//! [`relationships`] declares a new comments part; [`linked_parts`] takes
//! the entries Word added for an earlier run's comments out of its other
//! comment parts; [`Package`] writes the zip, copying every other part as
//! it was stored.
//!
//! A finding about the report as a whole (no figure) is anchored on the
//! title, the first paragraph with text; so is one whose figure the trace
//! cannot place inside runs.

mod comments_part;
mod earlier;
mod linked_parts;
mod origin;
mod relationships;
mod runs;
mod split;

use std::collections::BTreeMap;

use crate::annotate::package::Package;
use comments_part::Comments;
use origin::Placement;
use runs::Runs;
use split::Anchor;

use super::AnnotateError;
use super::markup::{Marks, Styles};
use super::note;
use crate::finding::Finding;
use crate::source::docx::{Limits, main_part_name, trace};
use crate::source::{Block, Document};

const DEFAULT_MAIN_PART: &str = "word/document.xml";
const CONTENT_TYPES: &str = "[Content_Types].xml";

/// A byte offset of quick-xml's reader as an index into the part's text
/// (on a 32-bit machine a part past 4 GiB was refused long before).
fn position(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

/// The commented copy of `original`, whose text is `document`, and the
/// number of comments in it.
pub(super) fn annotate(
    original: &[u8],
    document: &Document,
    findings: &[&Finding],
) -> Result<(Vec<u8>, usize), AnnotateError> {
    let mut package = Package::open(original)?;
    let main = match package.part("_rels/.rels")? {
        Some(relationships) => main_part_name(relationships.text.as_bytes()),
        None => None,
    }
    .unwrap_or_else(|| DEFAULT_MAIN_PART.to_string());
    let main_part = package
        .part(&main)?
        .ok_or_else(|| AnnotateError::Part {
            part: main.clone(), detail: "文件包中没有这一部分".to_string()
        })?;
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let in_folder = |name: &str| if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") };
    let relationships_name = in_folder(&format!("_rels/{file}.rels"));
    let relationships = package.part(&relationships_name)?;
    let declared = relationships.as_ref().and_then(|part| relationships::comments_target(&part.text));
    let comments_name = match &declared {
        Some(target) if target.starts_with('/') => target.trim_start_matches('/').to_string(),
        Some(target) => in_folder(target),
        None => in_folder(comments_part::PART_NAME),
    };
    let comments_part = package.part(&comments_name)?;
    let comments = match &comments_part {
        Some(part) => Comments::read(part.text.clone())?,
        None => Comments::empty(),
    };
    let styles = package.part(&in_folder("styles.xml"))?.map(|part| Styles::of(&part.text)).unwrap_or_default();

    let (xml, highest_marked) = earlier::remove(&main_part.text, &comments.earlier_ids)?;
    let traced = trace(&xml, &Limits::default())
        .map_err(|error| AnnotateError::Part { part: main.clone(), detail: error.to_string() })?;
    if traced.text != document.text {
        return Err(AnnotateError::Part { part: main, detail: "正文与检查时读到的不一致".to_string() });
    }
    let placement = Placement::new(&xml, &traced.text, &traced.origins);
    let runs = Runs::index(&xml)?;
    let title = title(document).and_then(|span| placement.place(span)).filter(|range| split::placeable(&runs, range));
    let first_id = comments.highest.max(highest_marked).map_or(0, |id| id.saturating_add(1));
    let mut anchors = Vec::with_capacity(findings.len());
    let mut new_comments = Vec::with_capacity(findings.len());
    let comment_marks = Marks { prefix: &comments.prefix, styles };
    for finding in findings {
        let figure = finding
            .primary
            .as_ref()
            .and_then(|primary| placement.place(primary.span))
            .filter(|range| split::placeable(&runs, range));
        let Some(range) = figure.or_else(|| title.clone()) else {
            return Err(AnnotateError::Part { part: main, detail: "找不到可以加批注的文字".to_string() });
        };
        let id = first_id.saturating_add(anchors.len());
        anchors.push(Anchor { id, range });
        new_comments.push(comment_marks.comment(id, &note::paragraphs(finding, document)));
    }
    let prefix = document_prefix(&xml);
    let marked = split::insert(&xml, &runs, &anchors, &Marks { prefix: &prefix, styles });

    let mut replaced = BTreeMap::new();
    let mut added = Vec::new();
    if let Some(relationships) = &relationships {
        let forgotten =
            linked_parts::forget(&mut package, &relationships.text, &comments.earlier_paragraphs, &in_folder)?;
        replaced.extend(forgotten);
    }
    replaced.insert(main_part.name, marked);
    match comments_part {
        Some(part) => {
            replaced.insert(part.name, comments.write(&new_comments));
        }
        None if !new_comments.is_empty() => {
            added.push((comments_name.clone(), comments.write(&new_comments)));
            match relationships {
                Some(part) if declared.is_none() => {
                    replaced.insert(part.name, relationships::with_comments(Some(&part.text)));
                }
                Some(_) => {}
                None => added.push((relationships_name, relationships::with_comments(None))),
            }
        }
        None => {}
    }
    if !new_comments.is_empty()
        && let Some(types) = package.part(CONTENT_TYPES)?
    {
        let declared_types = relationships::with_comments_type(&types.text, &format!("/{comments_name}"));
        if declared_types != types.text {
            replaced.insert(types.name, declared_types);
        }
    }
    let bytes = package.write(&replaced, &added)?;
    Ok((bytes, anchors.len()))
}

/// The title: the first paragraph with text, or else the first block.
fn title(document: &Document) -> Option<crate::span::Span> {
    let paragraph = document.blocks.iter().find_map(|block| match block {
        Block::Paragraph(span) => Some(*span),
        Block::Table(_) => None,
    });
    paragraph.or_else(|| {
        document.blocks.first().map(|block| match block {
            Block::Paragraph(span) => *span,
            Block::Table(table) => table.span,
        })
    })
}

/// The prefix the main part's root gives WordprocessingML (`w`).
fn document_prefix(xml: &str) -> String {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(start)) => {
                let name = start.name().as_ref().to_string();
                return name.split_once(':').map_or_else(|| "w".to_string(), |(prefix, _)| prefix.to_string());
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return "w".to_string(),
            Ok(_) => {}
        }
    }
}

fn part_error(part: &str, error: &quick_xml::Error) -> AnnotateError {
    AnnotateError::Part { part: part.to_string(), detail: format!("XML 有误（{error}）") }
}
