//! A sheet's legacy VML drawing with a note shape (`ObjectType="Note"`) for
//! each cell that has a comment: Excel shows a note only through its
//! shape, whose `x:Row` and `x:Column` (zero-based) name the cell; the
//! words are in the comments part. LibreOffice reads the comments part.
//!
//! An existing drawing keeps every shape but those of cells whose note
//! was ours; ours are added before its end, with ids after the largest it
//! uses. Office writes VML with the prefixes `v`, `o` and `x` declared on
//! its root, and so do we; a drawing read here need not be strict XML.

use std::collections::BTreeSet;

use super::cells::Cell;
use super::parts::root;
use super::xml::{Element, Splice, elements, malformed};
use crate::annotate::AnnotateError;

const SHAPE_TYPE: &str = r##"<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>"##;

/// A new drawing holding the shapes of `cells`; `number` is the drawing's
/// number (`vmlDrawing3.vml`), which Office uses as its block of shape ids.
pub(super) fn new(number: u32, cells: &BTreeSet<Cell>) -> String {
    let first = u64::from(number).saturating_mul(1024).saturating_add(1);
    format!(
        r#"<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{number}"/></o:shapelayout>{SHAPE_TYPE}{}</xml>"#,
        shapes(first, cells)
    )
}

/// `text` (a drawing) without the note shapes of the `removed` cells and
/// with shapes for the `added` ones.
pub(super) fn merge(
    part: &str,
    text: &str,
    removed: &BTreeSet<Cell>,
    added: &BTreeSet<Cell>,
) -> Result<String, AnnotateError> {
    let found = elements(part, text, usize::MAX, false)?;
    let root = root(part, &found, "xml")?;
    if root.is_empty() {
        return Err(malformed(part, "绘图是空元素"));
    }
    let mut splice = Splice::default();
    // Office gives each drawing blocks of 1,024 ids, numbered by `o:idmap`.
    let block = found
        .iter()
        .find(|element| element.local == "idmap")
        .and_then(|idmap| idmap.attribute("data"))
        .and_then(|data| data.split(',').next()?.trim().parse::<u64>().ok())
        .unwrap_or(1);
    let mut largest = block.saturating_mul(1024);
    let mut has_type = false;
    for element in found.iter().filter(|element| element.depth == 1) {
        if element.local == "shapetype" && element.attribute("id") == Some("_x0000_t202") {
            has_type = true;
        }
        if element.local != "shape" {
            continue;
        }
        if note_cell(&found, element).is_some_and(|cell| removed.contains(&cell)) {
            splice.replace(element.start, element.end, String::new());
            continue;
        }
        // Ids are counted over the shapes kept, so that a second run
        // writes the drawing the first one did.
        let number = element.attribute("id").and_then(|id| id.strip_prefix("_x0000_s")).and_then(|n| n.parse().ok());
        largest = largest.max(number.unwrap_or(0));
    }
    let mut inserted = String::new();
    if !has_type {
        inserted.push_str(SHAPE_TYPE);
    }
    inserted.push_str(&shapes(largest.saturating_add(1), added));
    splice.insert(root.close_start, inserted);
    splice.apply(part, text)
}

/// The cell of a note shape: its `x:ClientData ObjectType="Note"` with
/// `x:Row` and `x:Column`.
fn note_cell(found: &[Element], shape: &Element) -> Option<Cell> {
    let inside = |element: &&Element| element.start >= shape.open_end && element.end <= shape.close_start;
    let data = found
        .iter()
        .filter(inside)
        .find(|element| element.local == "ClientData" && element.attribute("ObjectType") == Some("Note"))?;
    let value = |local: &str| {
        found
            .iter()
            .filter(|element| element.start >= data.open_end && element.end <= data.close_start)
            .find(|element| element.local == local)
            .and_then(|element| element.text.trim().parse::<u32>().ok())
    };
    Some(Cell { row: value("Row")?, column: value("Column")? })
}

/// One hidden note shape per cell, ids from `first` on. The note opens to
/// the right of its cell, five columns wide and ten rows high: our words
/// are a few lines long.
fn shapes(first: u64, cells: &BTreeSet<Cell>) -> String {
    let mut id = first;
    let mut shapes = String::new();
    for (layer, cell) in (1u64..).zip(cells) {
        let (row, column) = (cell.row, cell.column);
        let anchor = format!(
            "{}, 15, {}, 10, {}, 15, {}, 4",
            column.saturating_add(1),
            row.saturating_sub(1),
            column.saturating_add(6),
            row.saturating_add(9)
        );
        shapes.push_str(&format!(
            r##"<v:shape id="_x0000_s{id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:270pt;height:150pt;z-index:{layer};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row}</x:Row><x:Column>{column}</x:Column></x:ClientData></v:shape>"##
        ));
        id = id.saturating_add(1);
    }
    shapes
}

#[cfg(test)]
#[path = "vml_tests.rs"]
mod tests;
