//! Facts found by template patterns over the flow.
//!
//! Each pattern's regex runs only around the lines that hold one of its
//! literals, which one pass of the pack's automaton found beforehand
//! ([`crate::rules::Literals`], [`Pattern::captures`]).

use crate::report::Report;
use crate::rules::{Capture, Kind, Occurrences, Pack, Pattern};

use super::{Facts, Mention, Value, Via, fits};

/// The pack's words that change what a match means.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    /// Words that make the figure after them negative.
    pub sign: &'a [String],
    /// Names of parts: a synonym after one states the part.
    pub parts: &'a [String],
}

impl<'a> Words<'a> {
    pub fn of(pack: &'a Pack) -> Self {
        Words { sign: &pack.sign_words, parts: &pack.part_words }
    }
}

pub fn extract(pack: &Pack, report: &Report, occurrences: &Occurrences<'_>, facts: &mut Facts) {
    for fact in pack.facts.values() {
        for pattern in &fact.patterns {
            for (name, mention) in matches(pattern, report, occurrences, &Words::of(pack), |name| {
                pack.facts.get(name).map_or((Kind::Number, false), |fact| (fact.kind, fact.exact))
            }) {
                facts.values.entry(name).or_default().push(mention);
            }
        }
    }
}

/// Every `(placeholder name, mention)` that `pattern` captures in the flow
/// range `range`; `occurrences` are those of the pack's literals in the flow.
pub fn matches_in(
    pattern: &Pattern,
    report: &Report,
    range: std::ops::Range<usize>,
    occurrences: &Occurrences<'_>,
    words: &Words<'_>,
    kind_of: impl Fn(&str) -> (Kind, bool),
) -> Vec<(String, Mention)> {
    let Words { sign: sign_words, parts: part_words } = *words;
    let base = range.start;
    let mut found = Vec::new();
    for captures in pattern.captures(&report.flow, range, occurrences) {
        let Some(whole) = captures.get(0) else { continue };
        let match_start = base.saturating_add(whole.start());
        if !in_scope(pattern, report, match_start) {
            continue;
        }
        // A synonym after a part's name, in its sentence, states the part
        // (`基本支出全年预算数`, `专项项目年初预算…，全年实际支出`); a part named
        // in passing, in parentheses (`（含结转项目50万元）`), does not.
        if let Some(subject) = captures.name("subject") {
            let label_start = base.saturating_add(subject.end());
            let before = report.flow.get(..label_start).unwrap_or_default();
            let sentence =
                before.rfind(['。', '!', '?', ';', '\n']).and_then(|stop| before.get(stop..)).unwrap_or(before);
            let sentence = outside_parentheses(sentence);
            if part_words.iter().any(|word| sentence.contains(word.as_str())) {
                continue;
            }
        }
        let gaps: Vec<std::ops::Range<usize>> = (0..pattern.gaps)
            .filter_map(|index| captures.name(&format!("g{index}")))
            .map(|gap| base.saturating_add(gap.start())..base.saturating_add(gap.end()))
            .collect();
        let mut anchor = match_start;
        for (index, name) in pattern.placeholders.iter().enumerate() {
            let Some(group) = captures.name(&format!("p{index}")) else { continue };
            let start = base.saturating_add(group.start());
            let end = base.saturating_add(group.end());
            let (kind, exact) = kind_of(name);
            let negated = negates(report, anchor..start, &gaps, sign_words);
            anchor = end;
            let mention = match kind.capture() {
                Capture::Text => Mention {
                    value: Value::Text(group.as_str().to_string()),
                    span: report.original_span(start..end),
                    via: via(pattern),
                    exact,
                },
                Capture::Figure => {
                    let Some(number) = report.number_at(start).cloned() else { continue };
                    let Some(mut number) = fits(kind, number, None) else { continue };
                    if negated && number.value.is_sign_positive() {
                        // Negation only flips the sign bit: it cannot overflow.
                        number.value.set_sign_negative(true);
                    }
                    Mention { span: number.span, value: Value::Figure(number), via: via(pattern), exact }
                }
            };
            found.push((name.clone(), mention));
        }
    }
    found
}

/// `text` without what stands in parentheses (the flow folds `（）` to
/// `()`); after an unclosed `(`, nothing.
fn outside_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    let mut kept = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '(' => depth = depth.saturating_add(1),
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(character),
            _ => {}
        }
    }
    kept
}

/// How strong a pattern's readings are: a fact's synonyms are weaker.
fn via(pattern: &Pattern) -> Via {
    if pattern.subject { Via::Synonym } else { Via::Pattern }
}

fn matches(
    pattern: &Pattern,
    report: &Report,
    occurrences: &Occurrences<'_>,
    words: &Words<'_>,
    kind_of: impl Fn(&str) -> (Kind, bool),
) -> Vec<(String, Mention)> {
    matches_in(pattern, report, 0..report.flow.len(), occurrences, words, kind_of)
}

/// Whether the pattern text before a figure holds a sign word (调减数):
/// only the pattern's own words count, not text skipped by a `…` gap.
fn negates(
    report: &Report,
    lead: std::ops::Range<usize>,
    gaps: &[std::ops::Range<usize>],
    sign_words: &[String],
) -> bool {
    let mut pieces = vec![lead];
    for gap in gaps {
        pieces = pieces
            .into_iter()
            .flat_map(|piece| {
                if gap.end <= piece.start || gap.start >= piece.end {
                    vec![piece]
                } else {
                    vec![piece.start..gap.start.max(piece.start), gap.end.min(piece.end)..piece.end]
                }
            })
            .collect();
    }
    // `调减至 15 人` says what it came down to, not by how much.
    let negating = |text: &str, word: &str| {
        text.match_indices(word).any(|(at, _)| {
            let after = text.get(at.saturating_add(word.len())..).unwrap_or_default();
            !after.starts_with(['至', '到'])
        })
    };
    pieces
        .into_iter()
        .filter_map(|piece| report.flow.get(piece))
        .any(|text| sign_words.iter().any(|word| negating(text, word)))
}

/// A pattern `within` a heading matches only inside sections whose heading,
/// or an ancestor's, contains that text.
fn in_scope(pattern: &Pattern, report: &Report, flow_offset: usize) -> bool {
    let Some(within) = &pattern.within else { return true };
    let Some(section) = report.section_at(flow_offset) else { return false };
    report
        .section_path(section)
        .iter()
        .filter_map(|&index| report.sections.get(index))
        .any(|section| section.title.contains(within.as_str()))
}
