use super::*;

fn range(start: (u32, u32), end: (u32, u32)) -> Dimensions {
    Dimensions { start, end }
}

/// Sweeps `rows` × `columns` and shows each position: `w×h` where a cell
/// starts, `·` where one is covered.
fn sweep(ranges: &[Dimensions], rows: &[u32], columns: u32) -> Vec<String> {
    let mut merges = Merges::new(ranges, rows.to_vec());
    rows.iter()
        .map(|&row| {
            merges.enter(row);
            let places: Vec<String> = (0..columns)
                .map(|column| match merges.place(row, column) {
                    Place::Cell { width, height } => format!("{width}×{height}"),
                    Place::Covered => "·".to_string(),
                })
                .collect();
            places.join(" ")
        })
        .collect()
}

#[test]
fn the_top_left_cell_covers_its_range() {
    // A1:A3 (一级指标 over three rows), B1:C1 (a header over two columns).
    let ranges = [range((0, 0), (2, 0)), range((0, 1), (0, 2))];
    assert_eq!(sweep(&ranges, &[0, 1, 2, 3], 3), ["1×3 2×1 ·", "· 1×1 1×1", "· 1×1 1×1", "1×1 1×1 1×1"]);
}

#[test]
fn heights_count_the_rows_the_table_has() {
    // Row 1 has no value, so the table leaves it out.
    let ranges = [range((0, 0), (3, 1))];
    assert_eq!(sweep(&ranges, &[0, 2, 3, 5], 3), ["2×3 · 1×1", "· · 1×1", "· · 1×1", "1×1 1×1 1×1"]);
    // A range whose top row is not in the table still covers what it holds.
    assert_eq!(sweep(&[range((1, 0), (2, 0))], &[0, 2], 2), ["1×1 1×1", "· 1×1"]);
}

#[test]
fn reversed_corners_single_cells_and_overlaps() {
    let ranges = [
        range((1, 1), (0, 0)),
        range((2, 2), (2, 2)),
        // Overlaps the first range, which comes first in reading order.
        range((1, 1), (2, 1)),
        range((2, 0), (2, 1)),
    ];
    assert_eq!(sweep(&ranges, &[0, 1, 2], 3), ["2×2 · 1×1", "· · 1×1", "2×1 · 1×1"]);
}

#[test]
fn a_huge_range_is_never_expanded() {
    let whole_sheet = range((0, 0), (1_048_575, 16_383));
    let beyond = range((u32::MAX - 1, u32::MAX - 1), (u32::MAX, u32::MAX));
    let rows: Vec<u32> = (0..1_000).collect();
    let mut merges = Merges::new(&[whole_sheet, beyond], rows.clone());
    merges.enter(0);
    assert_eq!(merges.place(0, 0), Place::Cell { width: 16_384, height: 1_000 });
    merges.enter(999);
    assert_eq!(merges.place(999, 16_383), Place::Covered);
    assert_eq!(merges.place(999, 16_384), Place::Cell { width: 1, height: 1 });
    merges.enter(u32::MAX - 1);
    assert_eq!(merges.place(u32::MAX - 1, u32::MAX - 1), Place::Cell { width: 2, height: 1 });
}
