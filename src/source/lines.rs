//! Text → physical lines, each classified by the shape that decides which
//! block it belongs to.
//!
//! A line ends at `\n`; a `\r` before it is not part of the line, so CRLF
//! text keeps its bytes and still breaks where a reader sees a break. A
//! lone `\r` (old Mac line endings) was made a `\n` when the text was
//! decoded ([`unify_breaks`]), so every stage that counts lines agrees.
//! Invariant: `start..end` of every line lies on char boundaries of the text.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineKind {
    /// Nothing at all: the separator between paragraphs, or between the
    /// cells of a one-cell-a-line export.
    Blank,
    /// Only white space (a space, a non-breaking space, U+3000): in a
    /// one-cell-a-line export, an empty cell; elsewhere a blank line.
    Space,
    /// Ordinary text: a paragraph line.
    Text,
    /// Tab-separated cells on one line (a Word or spreadsheet table row).
    TabRow,
    /// A single tab, then one cell: Word's "one cell a line" export, where a
    /// blank line ends the row. Also what a tab-indented paragraph looks like;
    /// [`super::blocks`] tells the two apart by context.
    CellLine,
    /// A pipe row: `| a | b |`, and the forms web conversions leave, with
    /// only a trailing pipe (`a | b |`, `项目名称 |`) or only a leading one.
    PipeRow,
    /// A Markdown separator row `|---|:--:|`.
    PipeSeparator,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    pub range: Range<usize>,
    pub kind: LineKind,
}

pub(super) fn classify(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    while let Some(rest) = text.get(start..).filter(|rest| !rest.is_empty()) {
        let (line, next) = match rest.split_once('\n') {
            Some((line, _)) => (line, start.saturating_add(line.len()).saturating_add(1)),
            None => (rest, text.len()),
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        let end = start.saturating_add(line.len());
        lines.push(Line { range: start..end, kind: kind_of(line) });
        start = next;
    }
    attach_cell_lines_to_tab_rows(&mut lines);
    lines
}

/// `text` with every lone `\r` (one not followed by `\n`) made a `\n`:
/// both are one byte, so every offset stays where it was, and the lines
/// are the ones an editor shows. CRLF is left as it is.
pub(super) fn unify_breaks(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut unified = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        let lone = character == '\r' && characters.peek() != Some(&'\n');
        unified.push(if lone { '\n' } else { character });
    }
    unified
}

fn kind_of(line: &str) -> LineKind {
    if let Some(cell) = line.strip_prefix('\t') {
        if !cell.contains('\t') {
            return LineKind::CellLine;
        }
    }
    let trimmed = line.trim();
    if line.is_empty() {
        LineKind::Blank
    } else if trimmed.is_empty() && !line.contains('\t') {
        LineKind::Space
    } else if trimmed.is_empty() {
        LineKind::Blank
    } else if line.contains('\t') {
        LineKind::TabRow
    } else if trimmed.starts_with('|') || trimmed.ends_with('|') {
        let inner = trimmed.trim_start_matches('|');
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        if !inner.is_empty() && inner.split('|').all(is_separator_cell) {
            LineKind::PipeSeparator
        } else {
            LineKind::PipeRow
        }
    } else {
        LineKind::Text
    }
}

fn is_separator_cell(cell: &str) -> bool {
    let cell = cell.trim();
    let dashes = cell.trim_start_matches(':').trim_end_matches(':');
    !dashes.is_empty() && dashes.bytes().all(|byte| byte == b'-')
}

/// A tab-led line touching a tab row (no blank line between) is a row of
/// that table whose first cell is empty, not a one-cell line.
fn attach_cell_lines_to_tab_rows(lines: &mut [Line]) {
    // Backwards, so that a run of cell lines before a tab row joins it whole.
    let mut next_is_row = false;
    for line in lines.iter_mut().rev() {
        if line.kind == LineKind::CellLine && next_is_row {
            line.kind = LineKind::TabRow;
        }
        next_is_row = line.kind == LineKind::TabRow;
    }
    // Forwards, so that a run of cell lines after a tab row joins it whole.
    let mut previous_is_row = false;
    for line in lines.iter_mut() {
        if line.kind == LineKind::CellLine && previous_is_row {
            line.kind = LineKind::TabRow;
        }
        previous_is_row = line.kind == LineKind::TabRow;
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        classify(text).into_iter().map(|line| line.kind).collect()
    }

    #[test]
    fn crlf_lines_end_before_the_carriage_return() {
        let text = "第一行\r\n\r\n第二行";
        let lines = classify(text);
        assert_eq!(&text[lines[0].range.clone()], "第一行");
        assert_eq!(lines[1].kind, LineKind::Blank);
        assert_eq!(&text[lines[2].range.clone()], "第二行");
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_in_place() {
        let text = unify_breaks("第一行\r第二行\r\n第三行\r\r".to_owned());
        assert_eq!(text, "第一行\n第二行\r\n第三行\n\n");
        let lines: Vec<&str> = classify(&text).iter().map(|line| &text[line.range.clone()]).collect();
        assert_eq!(lines, ["第一行", "第二行", "第三行", ""]);
    }

    #[test]
    fn shapes() {
        use LineKind::*;
        assert_eq!(
            kinds("文字\n\t单元格\n\t\n  \n\n项目\t金额\n| a | b |\n|---|:-:|\n"),
            vec![Text, CellLine, CellLine, Space, Blank, TabRow, PipeRow, PipeSeparator]
        );
    }

    #[test]
    fn pipes_on_one_side_make_pipe_rows() {
        use LineKind::*;
        assert_eq!(
            kinds("项目名称 |\n|\n| — |\n绩效指标 | 一级指标 | |||\n| 公开14表 | 项目名称\n单价 12|元"),
            vec![PipeRow, PipeRow, PipeRow, PipeRow, PipeRow, Text]
        );
    }

    #[test]
    fn tab_led_lines_next_to_tab_rows_are_rows() {
        use LineKind::*;
        assert_eq!(
            kinds("项目\t金额\t备注\n\t其中：本级\n\t小计\t12\n\n\t单独"),
            vec![TabRow, TabRow, TabRow, Blank, CellLine]
        );
    }
}
