//! help_label: a diagnostic as miette's graphical handler rendered it → the
//! same text with its help line headed `建议：` instead of `help:`.
//!
//! miette writes the label of a diagnostic's help in English and offers no
//! setting for it. Its footer is the only line that starts with two spaces
//! and `help: ` (after the colour codes of its style, when coloured): a
//! snippet line starts with a line number or `·`, a message line with its
//! severity mark, and a report's own escape characters are already written
//! as `\x1b`, so they cannot forge a style. `建议：` takes the eight columns
//! `help: ` took with its indent, so miette's wrapping of the help still
//! lines up.

/// `rendered` with each footer's `help: ` written `建议：`.
pub fn chinese_help(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        let styles = leading_styles(line);
        match line.get(styles..).and_then(|rest| rest.strip_prefix("  help: ")) {
            Some(rest) => {
                out.push_str(line.get(..styles).unwrap_or_default());
                out.push_str("  建议：");
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Bytes of the ANSI style sequences (`ESC [ … m`) that open `line`.
fn leading_styles(line: &str) -> usize {
    let mut end = 0;
    while let Some(rest) = line.get(end..).and_then(|rest| rest.strip_prefix("\u{1b}[")) {
        match rest.find('m') {
            Some(at) => end = end.saturating_add(2).saturating_add(at).saturating_add(1),
            None => break,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_footer_label_changes() {
        let rendered =
            "  × 执行率不符\n 3 │   help: 原文\n  help: 应为 75.00%（150.00 ÷ 200.00）\n        报告为 90%\n";
        assert_eq!(
            chinese_help(rendered),
            "  × 执行率不符\n 3 │   help: 原文\n  建议：应为 75.00%（150.00 ÷ 200.00）\n        报告为 90%\n"
        );
    }

    #[test]
    fn a_coloured_footer_keeps_its_style() {
        let rendered = "\u{1b}[38;5;4m\u{1b}[1m  help: \u{1b}[0m应为 75.00%";
        assert_eq!(chinese_help(rendered), "\u{1b}[38;5;4m\u{1b}[1m  建议：\u{1b}[0m应为 75.00%");
    }
}
