//! One original character → what the flow holds for it.
//!
//! Full-width ASCII forms become ASCII (`０` → `0`, `，` → `,`, `（` → `(`,
//! `：` → `:`, `％` → `%`); `。` and `、` are not full-width forms and stay.
//! White space of any kind is reported as such, invisible format characters
//! are dropped, and a few look-alikes become the character patterns expect
//! (`−` → `-`, `≧` → `≥`, `﹪` → `%`).

use super::flow::FlowText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Folded {
    Character(char),
    Space,
    Nothing,
}

pub(super) fn fold(character: char) -> Folded {
    match character {
        // Most characters of a report: decided before the white-space lookup.
        '\u{4e00}'..='\u{9fff}' | '0'..='9' => Folded::Character(character),
        '\u{ff01}'..='\u{ff5e}' => {
            let ascii = u32::from(character).saturating_sub(0xfee0);
            Folded::Character(char::from_u32(ascii).unwrap_or(character))
        }
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => Folded::Nothing,
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{fe63}' => Folded::Character('-'),
        '\u{2267}' => Folded::Character('≥'),
        '\u{2266}' => Folded::Character('≤'),
        '\u{fe6a}' => Folded::Character('%'),
        character if character.is_whitespace() => Folded::Space,
        character => Folded::Character(character),
    }
}

/// Folds `character` (original bytes `start..end`) into `flow`.
pub(super) fn push_folded(character: char, start: usize, end: usize, flow: &mut FlowText) {
    match fold(character) {
        Folded::Character(folded) => flow.push(folded, start, end),
        Folded::Space => flow.space(start, end),
        Folded::Nothing => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_become_ascii() {
        let folded: String = "０１２．５％（一）：，；＜＝＞！？ＡＢ"
            .chars()
            .filter_map(|character| match fold(character) {
                Folded::Character(folded) => Some(folded),
                _ => None,
            })
            .collect();
        assert_eq!(folded, "012.5%(一):,;<=>!?AB");
    }

    #[test]
    fn chinese_stops_stay() {
        assert_eq!(fold('。'), Folded::Character('。'));
        assert_eq!(fold('、'), Folded::Character('、'));
        assert_eq!(fold('\u{3000}'), Folded::Space);
        assert_eq!(fold('\u{feff}'), Folded::Nothing);
    }
}
