//! Findings → a copy of the workbook with a cell comment (a note, 批注) on
//! the cell of each finding's figure.
//!
//! The figure's cell is the anchor the reader gave its text (`Sheet1!F12`,
//! [`Document::anchor_at`]); a finding without a figure, or whose figure has
//! no cell, is commented on the first cell the reader read (the top of the
//! first visible sheet with content: where the reader starts), or on A1 of
//! the first sheet. Excel allows one note per cell, so several findings on
//! one cell make one comment, each finding's paragraphs in turn
//! ([`cells`]).
//!
//! For each sheet with comments the copy has, as Excel writes them: the
//! comments part (`xl/comments1.xml`, [`comments`]), the legacy VML drawing
//! that shows the notes (`xl/drawings/vmlDrawing1.vml`, [`vml`]), both in the
//! sheet's relationships (the part created if absent), the sheet's
//! `<legacyDrawing>` ([`worksheet`]), and `[Content_Types].xml` entries for
//! both kinds of part ([`parts`]). A sheet that already has comments keeps
//! them, in its own comments part and drawing; reportlint's from an earlier
//! run are replaced. Every other part is copied as stored ([`Package`]).
//!
//! A package that cannot be read or rewritten (not a zip, XML that is not
//! well formed, a part missing, more than the readers' inflate budget) is
//! an [`AnnotateError`] naming the part, never a panic.

mod cells;
mod comments;
mod parts;
mod vml;
mod workbook;
mod worksheet;
mod xml;

use std::collections::BTreeMap;

use self::cells::Note;
use self::parts::{COMMENTS_TYPE, Relationships, VML_TYPE, relationships_path};
use self::workbook::Sheet;
use self::worksheet::Worksheet;
use crate::annotate::AnnotateError;
use crate::annotate::package::Package;
use crate::finding::Finding;
use crate::source::Document;

/// A copy of the workbook `original` with a cell comment (note) on the cell
/// of each finding's figure, and the number of comments written.
pub(super) fn annotate(
    original: &[u8],
    document: &Document,
    findings: &[&Finding],
) -> Result<(Vec<u8>, usize), AnnotateError> {
    let mut package = Package::open(original)?;
    let sheets = workbook::sheets(&mut package)?;
    if sheets.is_empty() {
        return Err(AnnotateError::Part {
            part: "xl/workbook.xml".to_string(),
            detail: "工作簿没有工作表".to_string(),
        });
    }
    let notes = cells::notes(document, findings, &sheets);
    let mut copy = Copy::default();
    for (index, notes) in &notes {
        let sheet =
            sheets.get(*index).ok_or_else(|| AnnotateError::Package { detail: "工作表编号越界".to_string() })?;
        annotate_sheet(&mut package, &mut copy, sheet, notes)?;
    }
    const CONTENT_TYPES: &str = "[Content_Types].xml";
    let name = package.entry(CONTENT_TYPES).unwrap_or_else(|| CONTENT_TYPES.to_string());
    let types = package.read(&name)?.ok_or_else(|| AnnotateError::Part {
        part: CONTENT_TYPES.to_string(),
        detail: "文件包中没有这一部分".to_string(),
    })?;
    if let Some(types) = parts::content_types(&types, &copy.comments, &copy.drawings)? {
        copy.changed.insert(name, types);
    }
    let count = notes.values().map(Vec::len).sum();
    Ok((package.write(&copy.changed, &copy.added)?, count))
}

/// What the copy changes and adds.
#[derive(Debug, Default)]
struct Copy {
    /// New text of stored parts, by stored name.
    changed: BTreeMap<String, String>,
    /// New parts, in the order written.
    added: Vec<(String, String)>,
    /// Comments parts and drawings written, for the content types.
    comments: Vec<String>,
    drawings: Vec<String>,
}

impl Copy {
    fn put(&mut self, package: &Package, path: &str, text: String) {
        match package.entry(path) {
            Some(stored) => {
                self.changed.insert(stored, text);
            }
            None => self.added.push((path.to_string(), text)),
        }
    }

    /// `folder/stemN.extension` with the first N from 1 that names no part,
    /// stored or new.
    fn free_name(&self, package: &Package, folder: &str, stem: &str, extension: &str) -> (String, u32) {
        let mut number = 1u32;
        loop {
            let path = format!("{folder}/{stem}{number}.{extension}");
            let taken = package.has(&path) || self.added.iter().any(|(name, _)| name.eq_ignore_ascii_case(&path));
            if !taken || number == u32::MAX {
                return (path, number);
            }
            number = number.saturating_add(1);
        }
    }
}

fn annotate_sheet(package: &mut Package, copy: &mut Copy, sheet: &Sheet, notes: &[Note]) -> Result<(), AnnotateError> {
    let text = package.read(&sheet.path)?.ok_or_else(|| AnnotateError::Part {
        part: sheet.path.clone(),
        detail: format!("工作表“{}”的这一部分不在文件包中", sheet.name),
    })?;
    let worksheet = Worksheet::read(&sheet.path, &text)?;
    let mut relationships = Relationships::read(&sheet.path, package.read(&relationships_path(&sheet.path))?)?;

    let comments_path = match relationships.find(COMMENTS_TYPE).and_then(|relationship| relationship.target.clone()) {
        Some(path) => path,
        None => {
            let (path, _) = copy.free_name(package, "xl", "comments", "xml");
            relationships.add(&sheet.path, COMMENTS_TYPE, &path);
            path
        }
    };
    let existing = package.read(&comments_path)?;
    let merged = comments::merge(&comments_path, existing.as_deref(), notes)?;
    copy.put(package, &comments_path, merged.text);
    copy.comments.push(comments_path);

    let drawing = worksheet
        .legacy_drawing()
        .and_then(|id| relationships.by_id(id))
        .filter(|relationship| relationship.kind == VML_TYPE)
        .and_then(|relationship| relationship.target.clone());
    let drawing_text = match &drawing {
        Some(path) => package.read(path)?.map(|text| (path.clone(), text)),
        None => None,
    };
    match (drawing_text, worksheet.legacy_drawing()) {
        (Some((path, text)), _) => {
            let drawing = vml::merge(&path, &text, &merged.removed, &merged.added)?;
            copy.put(package, &path, drawing);
            copy.drawings.push(path);
        }
        (None, Some(_)) => {
            return Err(AnnotateError::Part {
                part: sheet.path.clone(),
                detail: "工作表的旧式绘图（legacyDrawing）指向的部分不存在或不是 VML".to_string(),
            });
        }
        (None, None) => {
            let (path, number) = copy.free_name(package, "xl/drawings", "vmlDrawing", "vml");
            copy.put(package, &path, vml::new(number, &merged.added));
            let id = relationships.add(&sheet.path, VML_TYPE, &path);
            copy.put(package, &sheet.path, worksheet.with_legacy_drawing(&text, &id)?);
            copy.drawings.push(path);
        }
    }
    if let Some((path, text, _)) = relationships.written()? {
        copy.put(package, &path, text);
    }
    Ok(())
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

#[cfg(test)]
#[path = "tools_tests.rs"]
mod tools_tests;
