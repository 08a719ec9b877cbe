//! Package plumbing: part paths, relationships and content types.
//!
//! A relationship's target is relative to the folder of its source part
//! (`../comments1.xml` from `xl/worksheets/sheet1.xml`) or absolute from the
//! package root (`/xl/comments1.xml`); paths here are zip entry names,
//! without the leading slash.

use super::xml::{Element, Splice, elements, escape};
use crate::annotate::AnnotateError;

pub(super) const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
pub(super) const OFFICE_RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(super) const COMMENTS_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
pub(super) const VML_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
pub(super) const COMMENTS_CONTENT: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
pub(super) const VML_CONTENT: &str = "application/vnd.openxmlformats-officedocument.vmlDrawing";

/// The relationships part of `part` (`xl/worksheets/_rels/sheet1.xml.rels`).
pub(super) fn relationships_path(part: &str) -> String {
    let (folder, name) = part.rsplit_once('/').unwrap_or(("", part));
    if folder.is_empty() { format!("_rels/{name}.rels") } else { format!("{folder}/_rels/{name}.rels") }
}

/// The part a relationship of `source` points at, or `None` when the target
/// leaves the package (`../../x`, or an external address).
pub(super) fn resolve(source: &str, target: &str) -> Option<String> {
    let mut segments: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => source.split('/').collect(),
    };
    if target.strip_prefix('/').is_none() {
        // The source's own name is not a folder.
        segments.pop();
    }
    let target = target.split(['#', '?']).next().unwrap_or(target);
    for segment in target.trim_start_matches('/').split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            _ => segments.push(segment),
        }
    }
    (!segments.is_empty()).then(|| segments.join("/"))
}

/// `target` as written in a relationship of `source`: relative to the
/// source's folder (`../drawings/vmlDrawing1.vml`).
pub(super) fn relative(source: &str, target: &str) -> String {
    let folder: Vec<&str> = source.split('/').collect();
    let folder = folder.split_last().map_or(&[][..], |(_, folder)| folder);
    let target: Vec<&str> = target.split('/').collect();
    let (name, target_folder) = target.split_last().map_or(("", &[][..]), |(name, folder)| (*name, folder));
    let shared = folder.iter().zip(target_folder).take_while(|(a, b)| a == b).count();
    let mut path: Vec<&str> = folder.iter().skip(shared).map(|_| "..").collect();
    path.extend(target_folder.iter().skip(shared));
    path.push(name);
    path.join("/")
}

/// One relationship of a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Relationship {
    pub id: String,
    pub kind: String,
    /// The part it points at; `None` for an external target or one that
    /// leaves the package.
    pub target: Option<String>,
}

/// A relationships part as read, to be added to.
#[derive(Debug)]
pub(super) struct Relationships {
    /// Its path.
    pub path: String,
    /// Its text, or `None` when the source part has none yet.
    text: Option<String>,
    pub entries: Vec<Relationship>,
    /// Where new relationships go (before `</Relationships>`) and the
    /// prefix the root is written with.
    insert_at: Option<(usize, String)>,
    added: Vec<String>,
}

impl Relationships {
    /// The relationships of `source`, read from `text` (`None`: it has none).
    pub fn read(source: &str, text: Option<String>) -> Result<Relationships, AnnotateError> {
        let path = relationships_path(source);
        let mut entries = Vec::new();
        let mut insert_at = None;
        if let Some(text) = &text {
            let found = elements(&path, text, 1, true)?;
            let root = root(&path, &found, "Relationships")?;
            insert_at = Some((root_insertion(&path, root)?, root.prefix().to_string()));
            for element in found.iter().filter(|element| element.depth == 1 && element.local == "Relationship") {
                let external = element.attribute("TargetMode").is_some_and(|mode| mode == "External");
                let target = element.attribute("Target").filter(|_| !external).and_then(|t| resolve(source, t));
                entries.push(Relationship {
                    id: element.attribute("Id").unwrap_or_default().to_string(),
                    kind: element.attribute("Type").unwrap_or_default().to_string(),
                    target,
                });
            }
        }
        Ok(Relationships { path, text, entries, insert_at, added: Vec::new() })
    }

    /// The first relationship of type `kind` to a part.
    pub fn find(&self, kind: &str) -> Option<&Relationship> {
        self.entries.iter().find(|entry| entry.kind == kind && entry.target.is_some())
    }

    pub fn by_id(&self, id: &str) -> Option<&Relationship> {
        self.entries.iter().find(|entry| entry.id == id)
    }

    /// Adds a relationship from `source` to `target` and returns its id, one
    /// no relationship of the part has (`rId3`).
    pub fn add(&mut self, source: &str, kind: &str, target: &str) -> String {
        let mut number = self.entries.len().saturating_add(1);
        while self.entries.iter().any(|entry| entry.id == format!("rId{number}")) {
            number = number.saturating_add(1);
        }
        let id = format!("rId{number}");
        let prefix = self.insert_at.as_ref().map_or("", |(_, prefix)| prefix.as_str());
        self.added.push(format!(
            r#"<{prefix}Relationship Id="{id}" Type="{kind}" Target="{}"/>"#,
            escape(&relative(source, target))
        ));
        self.entries.push(Relationship { id: id.clone(), kind: kind.to_string(), target: Some(target.to_string()) });
        id
    }

    /// The part's new text, or `None` when nothing was added. The second
    /// value says whether the part is new.
    pub fn written(self) -> Result<Option<(String, String, bool)>, AnnotateError> {
        if self.added.is_empty() {
            return Ok(None);
        }
        let added = self.added.concat();
        match (self.text, self.insert_at) {
            (Some(text), Some((at, _))) => {
                let mut splice = Splice::default();
                splice.insert(at, added);
                Ok(Some((self.path.clone(), splice.apply(&self.path, &text)?, false)))
            }
            _ => {
                let text = format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"{RELATIONSHIPS}\">{added}</Relationships>"
                );
                Ok(Some((self.path, text, true)))
            }
        }
    }
}

/// The root of a part, which must be named `local`.
pub(super) fn root<'a>(part: &str, found: &'a [Element], local: &str) -> Result<&'a Element, AnnotateError> {
    found
        .first()
        .filter(|root| root.depth == 0 && root.local == local)
        .ok_or_else(|| AnnotateError::Part { part: part.to_string(), detail: format!("根元素不是 {local}") })
}

/// Where children are added at the end of `root`: before its end tag. A
/// root written as `<a/>` cannot take children by an insertion.
pub(super) fn root_insertion(part: &str, root: &Element) -> Result<usize, AnnotateError> {
    if root.is_empty() {
        return Err(AnnotateError::Part { part: part.to_string(), detail: format!("{} 元素是空的", root.name) });
    }
    Ok(root.close_start)
}

/// `[Content_Types].xml` with what the new parts need: a `vml` default and
/// an override for each comments part, unless it already has them.
pub(super) fn content_types(
    text: &str,
    comments: &[String],
    drawings: &[String],
) -> Result<Option<String>, AnnotateError> {
    const PART: &str = "[Content_Types].xml";
    let found = elements(PART, text, 1, true)?;
    let root = root(PART, &found, "Types")?;
    let prefix = root.prefix();
    let entries: Vec<&Element> = found.iter().filter(|element| element.depth == 1).collect();
    let overridden = |path: &str| {
        entries.iter().any(|entry| {
            entry.local == "Override"
                && entry
                    .attribute("PartName")
                    .is_some_and(|name| name.trim_start_matches('/').eq_ignore_ascii_case(path))
        })
    };
    let has_default = |extension: &str| {
        entries.iter().any(|entry| {
            entry.local == "Default" && entry.attribute("Extension").is_some_and(|e| e.eq_ignore_ascii_case(extension))
        })
    };
    let mut added = String::new();
    if drawings.iter().any(|drawing| !overridden(drawing)) && !has_default("vml") {
        added.push_str(&format!(r#"<{prefix}Default Extension="vml" ContentType="{VML_CONTENT}"/>"#));
    }
    for part in comments.iter().filter(|part| !overridden(part)) {
        added
            .push_str(&format!(r#"<{prefix}Override PartName="/{}" ContentType="{COMMENTS_CONTENT}"/>"#, escape(part)));
    }
    if added.is_empty() {
        return Ok(None);
    }
    let mut splice = Splice::default();
    // Defaults come first in Excel's files; both orders are valid.
    splice.insert(root_insertion(PART, root)?, added);
    splice.apply(PART, text).map(Some)
}

#[cfg(test)]
#[path = "parts_tests.rs"]
mod tests;
