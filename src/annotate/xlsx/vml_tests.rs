#![allow(clippy::unwrap_used, reason = "tests may panic by design")]

use super::*;

fn cells(references: &[&str]) -> BTreeSet<Cell> {
    references.iter().map(|reference| Cell::parse(reference).unwrap()).collect()
}

#[test]
fn a_new_drawing_has_a_hidden_note_shape_per_cell() {
    let drawing = new(2, &cells(&["B3", "A1"]));
    let found = elements("d", &drawing, usize::MAX, true).unwrap();
    let shapes: Vec<&Element> = found.iter().filter(|element| element.local == "shape").collect();
    let places: Vec<Option<Cell>> = shapes.iter().map(|shape| note_cell(&found, shape)).collect();
    assert_eq!(places, [Cell::parse("A1"), Cell::parse("B3")]);
    assert_eq!(shapes[1].attribute("id"), Some("_x0000_s2050"));
    assert!(drawing.contains(r#"<o:idmap v:ext="edit" data="2"/>"#));
}

#[test]
fn merging_drops_the_shapes_of_removed_cells_and_numbers_ours_after_the_kept() {
    let existing = new(1, &cells(&["A1", "C5"]));
    let merged = merge("d", &existing, &cells(&["C5"]), &cells(&["D9"])).unwrap();
    let found = elements("d", &merged, usize::MAX, true).unwrap();
    let shapes: Vec<(Option<&str>, Option<Cell>)> = found
        .iter()
        .filter(|element| element.local == "shape")
        .map(|shape| (shape.attribute("id"), note_cell(&found, shape)))
        .collect();
    assert_eq!(shapes, [(Some("_x0000_s1025"), Cell::parse("A1")), (Some("_x0000_s1026"), Cell::parse("D9"))]);
    assert_eq!(merged.matches("<v:shapetype").count(), 1);
    assert!(merge("d", "<xml/>", &cells(&[]), &cells(&["A1"])).is_err());
    assert!(merge("d", "<html></html>", &cells(&[]), &cells(&["A1"])).is_err());
}
