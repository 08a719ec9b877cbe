//! width: text → how many terminal columns it takes, and text cut or padded
//! to a number of columns.
//!
//! A Chinese character takes two columns, a Latin letter one
//! (`unicode-width`, East Asian ambiguous characters such as `…` and `·` as
//! one). Padding by characters, as `format!("{:<10}")` does, leaves Chinese
//! columns ragged. Line breaks, tabs and other control characters are shown
//! as one-column marks, so that a cell stays on its line.

use unicode_width::UnicodeWidthChar;

/// One line: a line break becomes `⏎`, any other control character a space.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|character| match character {
            '\n' => '⏎',
            character if character.is_control() => ' ',
            character => character,
        })
        .collect()
}

/// Terminal columns `text` takes (after [`one_line`]).
pub fn width(text: &str) -> usize {
    text.chars().map(|character| character.width().unwrap_or(1)).fold(0, usize::saturating_add)
}

/// `text` cut to at most `columns` columns, ending in `…` when cut.
pub fn fit(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let room = columns.saturating_sub(1);
    let mut cut = String::new();
    let mut used = 0usize;
    for character in text.chars() {
        let next = used.saturating_add(character.width().unwrap_or(1));
        if next > room {
            break;
        }
        cut.push(character);
        used = next;
    }
    cut.push('…');
    cut
}

/// `text` followed by spaces up to `columns` columns.
pub fn pad(text: &str, columns: usize) -> String {
    let mut padded = text.to_string();
    padded.extend(std::iter::repeat_n(' ', columns.saturating_sub(width(text))));
    padded
}

/// Spaces before `text` up to `columns` columns.
pub fn pad_left(text: &str, columns: usize) -> String {
    let mut padded: String = std::iter::repeat_n(' ', columns.saturating_sub(width(text))).collect();
    padded.push_str(text);
    padded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_columns() {
        assert_eq!(width("年初预算数"), 10);
        assert_eq!(width("≥40公里"), 7);
        assert_eq!(pad("执行率", 8), "执行率  ");
        assert_eq!(pad_left("58.50", 7), "  58.50");
        assert_eq!(pad("超过宽度的文字", 4), "超过宽度的文字");
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis_within_its_columns() {
        assert_eq!(fit("其中：当年财政拨款", 9), "其中：当…");
        assert_eq!(width(&fit("其中：当年财政拨款", 9)), 9);
        assert_eq!(fit("其中：当年财政拨款", 10), "其中：当…");
        assert_eq!(fit("合计", 4), "合计");
        assert_eq!(one_line("第一段\n第二段\t完"), "第一段⏎第二段 完");
    }
}
