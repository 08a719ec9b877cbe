//! terminal: text from reports and rule files → text safe to print.
//!
//! Two dangers, one module. Control characters (ESC, OSC, the C1 range,
//! bidirectional overrides) in a report or a rule file would drive the
//! reader's terminal: clear the screen, set the window title, hide text.
//! [`escape`] writes them as `\x1b` or `\u{9b}`, as ripgrep does for bytes
//! it will not print raw. And miette's graphical handler pads with
//! `format!` widths, which panic past 65,535 columns; [`Excerpt`] hands it
//! only the few lines a diagnostic shows, each escaped and clipped around
//! its spans with `…`. [`Escaped`] wraps any diagnostic so that its
//! message, help and labels are escaped too. Text laid out in columns is
//! measured in display columns ([`width`]), a Chinese character being two.
//! miette's English `help:` label becomes `建议：` ([`chinese_help`]).

mod escaped;
mod excerpt;
mod help_label;
pub mod width;

use std::borrow::Cow;
use std::fmt::Write as _;

pub use escaped::Escaped;
pub use excerpt::Excerpt;
pub use help_label::chinese_help;

/// `text` with every character [`is_unsafe`] written as an escape; `\n`
/// and `\t` stay, since they lay text out. Borrowed when nothing changes.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().saturating_add(16));
    for character in text.chars() {
        push_escaped(&mut out, character);
    }
    Cow::Owned(out)
}

/// [`escape`] for text that must stay on one line (a file name in a
/// header): `\n` and `\t` are escaped too.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|character| character.is_control() || is_unsafe(character)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().saturating_add(16));
    for character in text.chars() {
        match character {
            '\n' | '\t' => {
                let _ = write!(out, "\\x{:02x}", u32::from(character));
            }
            _ => push_escaped(&mut out, character),
        }
    }
    Cow::Owned(out)
}

/// A control character other than `\n` and `\t` (C0, DEL, C1), or one of
/// the invisible marks that reorder text on screen (Trojan Source).
pub fn is_unsafe(character: char) -> bool {
    (character.is_control() && !matches!(character, '\n' | '\t'))
        || matches!(character, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends `character`, escaped when [`is_unsafe`].
fn push_escaped(out: &mut String, character: char) {
    if !is_unsafe(character) {
        out.push(character);
    } else if character.is_ascii() {
        // Writing to a String cannot fail.
        let _ = write!(out, "\\x{:02x}", u32::from(character));
    } else {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(character));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_as_escapes() {
        assert_eq!(escape("a\u{1b}]0;标题\u{7}b\u{9b}2J\u{202e}c\r"), "a\\x1b]0;标题\\x07b\\u{9b}2J\\u{202e}c\\x0d");
    }

    #[test]
    fn a_line_escapes_line_breaks_and_tabs_too() {
        assert_eq!(escape_line("报告\n\t\u{1b}.txt"), "报告\\x0a\\x09\\x1b.txt");
        assert!(matches!(escape_line("报告.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn layout_and_plain_text_are_left_alone() {
        let text = "一、概况\n\t预算 100.00 万元";
        assert!(matches!(escape(text), Cow::Borrowed(borrowed) if borrowed == text));
    }
}
