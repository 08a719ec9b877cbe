//! OCR LaTeX inside `$…$` → plain flow text.
//!
//! `$\geq 90\%$` becomes `≥90%`, `$75 \leq \text{得分} < 85$` becomes
//! `75≤得分<85`. Relation commands become their symbols, `\text{…}`-style
//! wrappers keep their content, braces and unknown commands vanish. Every
//! produced character maps to the original command that wrote it.

use std::ops::Range;

use super::flow::FlowText;
use super::fold::push_folded;

/// Normalises the math content `range` (between the dollar signs).
pub(super) fn math_into(text: &str, range: Range<usize>, flow: &mut FlowText) {
    let mut at = range.start;
    while let Some(rest) = text.get(at..range.end) {
        let Some(character) = rest.chars().next() else {
            break;
        };
        match character {
            '\\' => at = command_into(text, at, range.end, flow),
            '{' | '}' => at = at.saturating_add(1),
            _ => {
                let end = at.saturating_add(character.len_utf8());
                push_folded(character, at, end, flow);
                at = end;
            }
        }
    }
}

/// One `\command` or `\symbol` starting at `at`; returns where it ends.
fn command_into(text: &str, at: usize, limit: usize, flow: &mut FlowText) -> usize {
    // `at` is the backslash, one byte.
    let name_start = at.saturating_add(1);
    let after = text.get(name_start..limit).unwrap_or_default();
    let name_length = after.bytes().take_while(u8::is_ascii_alphabetic).count();
    if name_length == 0 {
        let Some(symbol) = after.chars().next() else {
            return limit;
        };
        let end = name_start.saturating_add(symbol.len_utf8());
        match symbol {
            '%' | '$' | '&' | '#' | '_' | '{' | '}' => flow.push(symbol, at, end),
            // `\,` `\;` `\ ` `\\` are spacing and line breaks.
            _ => flow.space(at, end),
        }
        return end;
    }
    let end = name_start.saturating_add(name_length);
    if let Some(symbol) = after.get(..name_length).and_then(symbol_of) {
        flow.push(symbol, at, end);
    }
    end
}

fn symbol_of(command: &str) -> Option<char> {
    Some(match command {
        "geq" | "ge" | "geqslant" => '≥',
        "leq" | "le" | "leqslant" => '≤',
        "gt" => '>',
        "lt" => '<',
        "neq" | "ne" => '≠',
        "approx" => '≈',
        "times" => '×',
        "div" => '÷',
        "pm" => '±',
        "cdot" => '·',
        "sim" => '~',
        // \text, \mathrm, \left, … wrap content or only format it.
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn math(source: &str) -> String {
        let mut flow = FlowText::default();
        math_into(source, 0..source.len(), &mut flow);
        flow.text
    }

    #[test]
    fn relations_and_percent() {
        assert_eq!(math(r"\geq 90\%"), "≥90%");
        assert_eq!(math(r"\ge 3"), "≥3");
        assert_eq!(math(r"\lt 5"), "<5");
    }

    #[test]
    fn text_wrappers_keep_their_content() {
        assert_eq!(math(r"75 \leq \text{得分} < 85"), "75≤得分<85");
        assert_eq!(math(r"\mathrm{ 12 }\,\text{万元}"), "12万元");
    }

    #[test]
    fn a_command_maps_to_its_own_bytes() {
        let source = r"\geq 90";
        let mut flow = FlowText::default();
        math_into(source, 0..source.len(), &mut flow);
        assert_eq!(flow.original_span(0..3), crate::span::Span::new(0, 4));
    }
}
