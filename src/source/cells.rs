//! One table line → its cell spans.
//!
//! A cell span excludes the separators (tabs, pipes), the white space around
//! the cell and an HTML paragraph wrapper `<p>…</p>` that some converters put
//! around long cells. An empty cell is an empty span where the cell was.

use std::ops::Range;

use crate::span::Span;

/// Cells of a tab-separated line: one per tab-separated piece, empty ones
/// included (they keep the columns aligned).
pub(super) fn tab_cells(text: &str, line: Range<usize>) -> Vec<Span> {
    let mut cells = Vec::new();
    let mut start = line.start;
    for (at, _) in text.get(line.clone()).unwrap_or_default().match_indices('\t') {
        let tab = line.start.saturating_add(at);
        cells.push(cell(text, start, tab));
        start = tab.saturating_add(1);
    }
    cells.push(cell(text, start, line.end));
    cells
}

/// Cells of a Markdown pipe row (outer pipes optional).
pub(super) fn pipe_cells(text: &str, line: Range<usize>) -> Vec<Span> {
    let content = trim(text, line.start, line.end);
    let piece = |start: usize, end: usize| text.get(start..end).unwrap_or_default();
    let mut start = content.start;
    let mut end = content.end;
    if piece(start, end).starts_with('|') {
        start = start.saturating_add(1);
    }
    if end > start && piece(start, end).ends_with('|') {
        end = end.saturating_sub(1);
    }
    let mut cells = Vec::new();
    let mut cell_start = start;
    for (at, _) in piece(start, end).match_indices('|') {
        let pipe = start.saturating_add(at);
        cells.push(cell(text, cell_start, pipe));
        cell_start = pipe.saturating_add(1);
    }
    cells.push(cell(text, cell_start, end));
    cells
}

/// Cells of a line whose pieces stand apart by white space (a table run
/// together on one line): one per piece, split at runs of spaces,
/// non-breaking spaces and U+3000.
pub(super) fn space_cells(text: &str, line: Range<usize>) -> Vec<Span> {
    let piece = text.get(line.clone()).unwrap_or_default();
    let mut cells = Vec::new();
    let mut start: Option<usize> = None;
    for (at, character) in piece.char_indices() {
        let at = line.start.saturating_add(at);
        match (character.is_whitespace(), start) {
            (true, Some(from)) => {
                cells.push(Span::new(from, at));
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(from) = start {
        cells.push(Span::new(from, line.end));
    }
    cells
}

/// Whether a piece of text is one bare figure: an optional comparison, the
/// digits, and at most a short unit (`89.974`, `86%`, `≥50个`, `≤90万元`).
pub(super) fn is_figure(piece: &str) -> bool {
    const RELATIONS: [char; 10] = ['≥', '≤', '>', '<', '=', '≧', '≦', '═', '＞', '＜'];
    let rest = piece.trim_start_matches(RELATIONS).trim_start_matches(['-', '−']);
    let digits = rest.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '０'..='９')).count();
    let starts_with_digit = rest.chars().next().is_some_and(|c| c.is_ascii_digit() || matches!(c, '０'..='９'));
    let unit: String = rest.chars().skip(digits).collect();
    let dots = rest.chars().take(digits).filter(|c| *c == '.').count();
    starts_with_digit
        && dots <= 1
        && (unit.is_empty()
            || matches!(unit.as_str(), "%" | "％")
            || (unit.chars().count() <= 3 && unit.chars().all(|c| !c.is_ascii() && !c.is_whitespace())))
}

/// The content of one cell: trimmed, without a `<p>…</p>` wrapper.
pub(super) fn cell(text: &str, start: usize, end: usize) -> Span {
    let mut span = trim(text, start, end);
    let content = text.get(span.start..span.end).unwrap_or_default();
    if let Some(inner) = content.strip_prefix("<p>") {
        span.start = span.start.saturating_add("<p>".len());
        if inner.ends_with("</p>") {
            span.end = span.end.saturating_sub("</p>".len());
        }
        span = trim(text, span.start, span.end);
    }
    span
}

/// `start..end` without surrounding white space (U+3000 included).
pub(super) fn trim(text: &str, start: usize, end: usize) -> Span {
    let piece = text.get(start..end).unwrap_or_default();
    let without_leading = piece.trim_start();
    let new_start = start.saturating_add(piece.len().saturating_sub(without_leading.len()));
    let new_end = new_start.saturating_add(without_leading.trim_end().len());
    Span::new(new_start, new_end)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn texts(text: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|span| text[span.start..span.end].to_string()).collect()
    }

    #[test]
    fn tab_cells_keep_empty_columns() {
        let text = "项目\t 12.5 \t\t合计";
        let cells = tab_cells(text, 0..text.len());
        assert_eq!(texts(text, &cells), ["项目", "12.5", "", "合计"]);
        let empty_at = "项目\t 12.5 \t".len();
        assert_eq!(cells[2], Span::new(empty_at, empty_at));
    }

    #[test]
    fn pipe_cells_drop_outer_pipes() {
        let text = "  | 指标 | **95%** |  ";
        let cells = pipe_cells(text, 0..text.len());
        assert_eq!(texts(text, &cells), ["指标", "**95%**"]);
    }

    #[test]
    fn space_cells_split_at_any_white_space() {
        let text = "项目资金 (万元)\u{3000}年初预算数  0\u{a0}89.974";
        assert_eq!(texts(text, &space_cells(text, 0..text.len())), ["项目资金", "(万元)", "年初预算数", "0", "89.974"]);
    }

    #[test]
    fn figures_are_digits_with_at_most_a_short_unit() {
        for figure in ["0", "89.974", "100.00%", "≥50个", "≤90万元", "22.5", "1,200", "≥100百分比"] {
            assert!(is_figure(figure), "{figure}");
        }
        for other in ["", "合计100", "2019-05-22T04:56:35Z", "64.864.8", "100%以上的", "万元", "指标1"] {
            assert!(!is_figure(other), "{other}");
        }
    }

    #[test]
    fn paragraph_wrapper_is_not_part_of_the_cell() {
        let text = "\t<p>全年完成 8 场。</p>\t";
        let cells = tab_cells(text, 0..text.len());
        assert_eq!(texts(text, &cells), ["", "全年完成 8 场。", ""]);
    }
}
