//! [`FlowText`]: normalised text that remembers, for every byte, where the
//! character it belongs to came from in the original text.
//!
//! Invariants: `starts` and `ends` have one entry per byte of `text`; all
//! bytes of one character share the same entries; every entry lies on a char
//! boundary of the original text; `starts` never decreases. White space is
//! not copied: it is remembered and becomes one ASCII space only between two
//! characters that would otherwise run together (`2023 12`, `1. 2023`).

use std::ops::Range;

use crate::span::Span;

#[derive(Debug, Default)]
pub(super) struct FlowText {
    pub text: String,
    pub starts: Vec<usize>,
    pub ends: Vec<usize>,
    last: Option<char>,
    /// Original span of white space seen since the last character.
    pending_space: Option<(usize, usize)>,
}

impl FlowText {
    pub fn with_capacity(capacity: usize) -> Self {
        FlowText {
            text: String::with_capacity(capacity),
            starts: Vec::with_capacity(capacity),
            ends: Vec::with_capacity(capacity),
            last: None,
            pending_space: None,
        }
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
        self.last = None;
        self.pending_space = None;
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends one character that stands for original bytes `start..end`.
    pub fn push(&mut self, character: char, start: usize, end: usize) {
        if let Some((space_start, space_end)) = self.pending_space.take() {
            if self.last.is_some_and(|previous| keeps_space(previous, character)) {
                self.push_raw(' ', space_start, space_end);
            }
        }
        self.push_raw(character, start, end);
    }

    /// Notes white space at original bytes `start..end`.
    pub fn space(&mut self, start: usize, end: usize) {
        if self.pending_space.is_none() {
            self.pending_space = Some((start, end));
        }
    }

    /// Ends a paragraph: a `\n` standing for the empty original span at `at`.
    pub fn break_line(&mut self, at: usize) {
        self.pending_space = None;
        self.push_raw('\n', at, at);
    }

    /// Appends another flow text, applying a pending space between them.
    pub fn append(&mut self, other: &FlowText) {
        if let Some(first) = other.text.chars().next() {
            if let (Some((start, end)), Some(previous)) = (self.pending_space, self.last) {
                if keeps_space(previous, first) {
                    self.push_raw(' ', start, end);
                }
            }
            self.pending_space = None;
            self.text.push_str(&other.text);
            self.starts.extend_from_slice(&other.starts);
            self.ends.extend_from_slice(&other.ends);
            self.last = other.last;
        }
    }

    /// The original span of flow bytes `range`.
    pub fn original_span(&self, range: Range<usize>) -> Span {
        original_span(&self.text, &self.starts, &self.ends, range)
    }

    fn push_raw(&mut self, character: char, start: usize, end: usize) {
        self.text.push(character);
        // Fixed-size copies: this is the innermost loop of the stage, and a
        // push per byte or a variable-length copy costs twice as much.
        match character.len_utf8() {
            1 => {
                self.starts.push(start);
                self.ends.push(end);
            }
            2 => {
                self.starts.extend_from_slice(&[start; 2]);
                self.ends.extend_from_slice(&[end; 2]);
            }
            3 => {
                self.starts.extend_from_slice(&[start; 3]);
                self.ends.extend_from_slice(&[end; 3]);
            }
            _ => {
                self.starts.extend_from_slice(&[start; 4]);
                self.ends.extend_from_slice(&[end; 4]);
            }
        }
        self.last = Some(character);
    }
}

/// Two characters that must stay apart: ASCII letters and digits (`2023 12`
/// would otherwise read as one number), and a numbering dot before a digit
/// (`1. 2023年` is not the decimal 1.2023).
fn keeps_space(previous: char, next: char) -> bool {
    (previous.is_ascii_alphanumeric() || previous == '.') && next.is_ascii_alphanumeric()
}

/// Maps flow bytes `range` (clamped, widened to char boundaries) back to the
/// original text. `starts` may hold one extra entry for `text.len()`.
pub(super) fn original_span(text: &str, starts: &[usize], ends: &[usize], range: Range<usize>) -> Span {
    let mut end = range.end.min(text.len());
    let mut start = range.start.min(end);
    // Both loops stop: offset 0 and `text.len()` are boundaries.
    while !text.is_char_boundary(start) {
        start = start.saturating_sub(1);
    }
    while !text.is_char_boundary(end) {
        end = end.saturating_add(1);
    }
    if start == end {
        let at = starts.get(start).or(starts.last()).copied().unwrap_or(0);
        return Span::new(at, at);
    }
    match (starts.get(start), ends.get(end.saturating_sub(1))) {
        (Some(&from), Some(&to)) => Span::new(from, to.max(from)),
        _ => Span::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_kept_only_between_ascii_words() {
        let mut flow = FlowText::default();
        let original = "2023 12 月 5 %";
        for (at, character) in original.char_indices() {
            if character == ' ' {
                flow.space(at, at + 1);
            } else {
                flow.push(character, at, at + character.len_utf8());
            }
        }
        assert_eq!(flow.text, "2023 12月5%");
        assert_eq!(flow.original_span(5..9), Span::new(5, 11));
        assert_eq!(flow.original_span(8..9), Span::new(8, 11));
    }
}
