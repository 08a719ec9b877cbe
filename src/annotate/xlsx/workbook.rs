//! The package → its worksheets by name, found as the reader finds them:
//! the package relationships name the workbook part (`xl/workbook.xml`),
//! whose `<sheet name r:id>` entries point through its relationships at
//! the sheet parts.

use super::parts::{Relationships, relationships_path, root};
use super::xml::elements;
use crate::annotate::AnnotateError;
use crate::annotate::package::Package;

const OFFICE_DOCUMENT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const WORKSHEET: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

/// A worksheet: its name as Excel shows it on the tab and its part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Sheet {
    pub name: String,
    pub path: String,
}

/// The workbook's worksheets in tab order (chart and dialog sheets left out).
pub(super) fn sheets(package: &mut Package) -> Result<Vec<Sheet>, AnnotateError> {
    let root_relationships = Relationships::read("", package.read("_rels/.rels")?)?;
    let workbook = root_relationships
        .find(OFFICE_DOCUMENT)
        .and_then(|relationship| relationship.target.clone())
        .unwrap_or_else(|| "xl/workbook.xml".to_string());
    let text = package.read(&workbook)?.ok_or_else(|| missing(&workbook))?;
    let relationships = Relationships::read(&workbook, package.read(&relationships_path(&workbook))?)?;
    let found = elements(&workbook, &text, 2, true)?;
    root(&workbook, &found, "workbook")?;
    let mut sheets = Vec::new();
    for sheet in found.iter().filter(|element| element.depth == 2 && element.local == "sheet") {
        let (Some(name), Some(id)) = (sheet.attribute("name"), sheet.attribute("id")) else { continue };
        let Some(relationship) = relationships.by_id(id) else { continue };
        if let (WORKSHEET, Some(path)) = (relationship.kind.as_str(), &relationship.target) {
            sheets.push(Sheet { name: name.to_string(), path: package.entry(path).unwrap_or_else(|| path.clone()) });
        }
    }
    Ok(sheets)
}

fn missing(part: &str) -> AnnotateError {
    AnnotateError::Part { part: part.to_string(), detail: "文件包中没有这一部分".to_string() }
}
