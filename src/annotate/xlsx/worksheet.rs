//! A worksheet part → its legacy drawing (the VML that shows its notes), or
//! the part with a `<legacyDrawing r:id>` added where CT_Worksheet
//! (ECMA-376 Part 1, §18.3.1.99) puts it: after the elements listed in
//! [`BEFORE`], before `legacyDrawingHF`, `picture`, `oleObjects`, `controls`,
//! `tableParts`, `extLst` and the `mc:AlternateContent` Excel wraps
//! controls in.

use super::parts::OFFICE_RELATIONSHIPS;
use super::xml::{Element, Splice, elements, escape};
use crate::annotate::AnnotateError;

/// The children of `<worksheet>` that come before `<legacyDrawing>`, in order.
const BEFORE: [&str; 29] = [
    "sheetPr",
    "dimension",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "sheetData",
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
];

/// A worksheet part's top-level elements.
pub(super) struct Worksheet {
    path: String,
    found: Vec<Element>,
}

impl Worksheet {
    pub fn read(path: &str, text: &str) -> Result<Worksheet, AnnotateError> {
        let found = elements(path, text, 1, true)?;
        super::parts::root(path, &found, "worksheet")?;
        Ok(Worksheet { path: path.to_string(), found })
    }

    /// The relationship id of the sheet's `<legacyDrawing>`, if it has one.
    pub fn legacy_drawing(&self) -> Option<&str> {
        self.children().find(|child| child.local == "legacyDrawing").and_then(|child| child.attribute("id"))
    }

    /// `text` (the part this was read from) with `<legacyDrawing r:id="id">`.
    pub fn with_legacy_drawing(&self, text: &str, id: &str) -> Result<String, AnnotateError> {
        let Some(root) = self.found.first() else { return Err(super::xml::malformed(&self.path, "没有根元素")) };
        if root.is_empty() {
            return Err(super::xml::malformed(&self.path, "工作表是空元素"));
        }
        let prefix = root.prefix();
        // The prefix the root binds to the relationships namespace, if any;
        // otherwise the element declares one itself.
        let bound = root.attributes.iter().find_map(|(name, value)| {
            name.strip_prefix("xmlns:").filter(|_| value == OFFICE_RELATIONSHIPS && !name.is_empty())
        });
        let id = escape(id);
        let element = match bound {
            Some(r) => format!(r#"<{prefix}legacyDrawing {r}:id="{id}"/>"#),
            None => format!(r#"<{prefix}legacyDrawing xmlns:r="{OFFICE_RELATIONSHIPS}" r:id="{id}"/>"#),
        };
        let at = self
            .children()
            .filter(|child| BEFORE.contains(&child.local.as_str()) || child.local == "drawing")
            .map(|child| child.end)
            .max()
            .unwrap_or(root.open_end);
        let mut splice = Splice::default();
        splice.insert(at, element);
        splice.apply(&self.path, text)
    }

    fn children(&self) -> impl Iterator<Item = &Element> {
        self.found.iter().filter(|element| element.depth == 1)
    }
}

#[cfg(test)]
#[path = "worksheet_tests.rs"]
mod tests;
