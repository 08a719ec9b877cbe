//! Literals: the words every match of a pattern must hold → one automaton
//! per pack that finds all of them in one pass over a report.
//!
//! A pack has about a hundred patterns. Running each one's regex over the
//! whole report was most of the time a lint took, though most patterns
//! match nowhere and the rest in a line or two. So each template yields, as
//! it is translated, a set of literals of which every match contains one
//! ([`Required`]: `年初{批复|安排}预算数{…}` gives `年初批复预算数` and
//! `年初安排预算数`); a pack's literals go into one Aho-Corasick automaton
//! ([`Literals`]); at lint time one pass of it over the flow lists where
//! each literal occurs ([`Occurrences`]), and a pattern's regex then runs
//! only on the lines holding one of its literals ([`super::Pattern::captures`]).
//! A pattern none of whose literals occurs never builds its regex.
//!
//! A template without a literal (`{#}、{a}`: only placeholders, numbering,
//! gaps and punctuation, which is optional) is searched over the whole text,
//! as is every pattern when the automaton cannot be built.

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Most literals searched with a DFA: the embedded packs have a few
/// hundred, a DFA of 2,000 is a few MB.
const MAX_DFA_LITERALS: usize = 2_000;

/// Most spellings a run of literal text may have: `{a|b}{c|d}` multiplies
/// them, and a template may hold 12 lists of words.
const MAX_SPELLINGS: usize = 64;

/// The best set of literals of one template, read piece by piece as it is
/// translated: every match contains at least one of them.
///
/// Literal text and `{a|b}` lists of words that follow each other form a
/// run, spelt in every way the lists allow; anything else (a placeholder,
/// `…`, `{#}`, `{^}`, optional punctuation) ends it, since what it matches
/// need not be literal. Of the runs, the one whose shortest spelling is
/// longest is kept (then the one with fewer spellings): the rarer the
/// words, the fewer lines the regex must search.
#[derive(Debug)]
pub(super) struct Required {
    /// Every spelling of the run being read.
    run: Vec<String>,
    best: Vec<String>,
}

impl Required {
    pub fn new() -> Self {
        Required { run: vec![String::new()], best: Vec::new() }
    }

    /// A literal character of the template, already folded as the flow is.
    pub fn character(&mut self, character: char) {
        self.run.iter_mut().for_each(|spelling| spelling.push(character));
    }

    /// `{a|b|c}`: one of `words` (folded; `{分别为|}` has an empty one).
    pub fn words(&mut self, words: &[String]) {
        if self.run.len().saturating_mul(words.len()) > MAX_SPELLINGS {
            // Too many spellings: the run ends here and the list starts
            // the next one, if it is short enough; else the next run starts
            // after it. Either way each run is still contiguous text.
            self.end();
            if words.len() <= MAX_SPELLINGS {
                self.run = words.to_vec();
            }
            return;
        }
        self.run = self.run.iter().flat_map(|run| words.iter().map(move |word| format!("{run}{word}"))).collect();
    }

    /// A piece that is not literal text ends the run.
    pub fn end(&mut self) {
        let run = minimal(std::mem::replace(&mut self.run, vec![String::new()]));
        // A run that may be empty (`{分别为|}` alone) holds nothing for sure.
        if run.iter().all(|spelling| !spelling.is_empty()) && (self.best.is_empty() || rank(&run) > rank(&self.best)) {
            self.best = run;
        }
    }

    /// The literals kept; empty when the template has none.
    pub fn finish(mut self) -> Vec<String> {
        self.end();
        self.best
    }
}

/// The spellings without repeats and without any that contains another: a
/// match holding `年初预算数` holds `年初预算`, so only the shorter is needed.
fn minimal(spellings: Vec<String>) -> Vec<String> {
    let distinct: BTreeSet<String> = spellings.into_iter().collect();
    distinct
        .iter()
        .filter(|spelling| !distinct.iter().any(|other| other != *spelling && spelling.contains(other.as_str())))
        .cloned()
        .collect()
}

/// Larger is better: the shortest spelling's length, then fewer spellings.
fn rank(spellings: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = spellings.iter().map(|spelling| spelling.chars().count()).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(spellings.len()))
}

/// One automaton over the literals of every pattern of a pack.
#[derive(Debug, Clone, Default)]
pub struct Literals {
    /// `None` when there are no literals, or should building fail: then
    /// every pattern is searched over the whole text.
    automaton: Option<AhoCorasick>,
    /// Literal → its pattern id in the automaton.
    ids: HashMap<String, usize, BuildHasherDefault<Fnv>>,
}

impl Literals {
    pub fn new(literals: impl IntoIterator<Item = String>) -> Self {
        // An empty literal would occur everywhere; none is needed.
        let distinct: Vec<String> = literals
            .into_iter()
            .filter(|literal| !literal.is_empty())
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect();
        // Every occurrence of every literal is wanted, so matches may overlap
        // (`年初预算数` holds `预算数`): the standard match kind. A DFA: a pack's
        // hundred literals build in half a millisecond, once, and one pass
        // over a 20 KB report then takes 50 µs, against 80 µs for a
        // contiguous NFA. But a DFA's size grows with its states times the
        // byte classes, far faster than the literals: 50,000 literals (a pack
        // of 10,000 facts) built 205 MB of DFA. Past [`MAX_DFA_LITERALS`] the
        // contiguous NFA, which grows with the literals' bytes, finds the same
        // occurrences.
        let kind =
            if distinct.len() <= MAX_DFA_LITERALS { AhoCorasickKind::DFA } else { AhoCorasickKind::ContiguousNFA };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&distinct)
            .ok()
            .filter(|_| !distinct.is_empty());
        let ids = distinct.into_iter().enumerate().map(|(id, literal)| (literal, id)).collect();
        Literals { automaton, ids }
    }

    /// Where each literal occurs in `text`: one pass of the automaton.
    pub fn find(&self, text: &str) -> Occurrences<'_> {
        let Some(automaton) = &self.automaton else { return Occurrences { ids: None, starts: Vec::new() } };
        let Ok(found) = automaton.try_find_overlapping_iter(text) else {
            return Occurrences { ids: None, starts: Vec::new() };
        };
        let mut starts = vec![Vec::new(); self.ids.len()];
        for each in found {
            if let Some(list) = starts.get_mut(each.pattern().as_usize()) {
                list.push(each.start());
            }
        }
        Occurrences { ids: Some(&self.ids), starts }
    }
}

/// Where a pack's literals occur in one text.
#[derive(Debug)]
pub struct Occurrences<'a> {
    /// `None` when nothing was searched.
    ids: Option<&'a HashMap<String, usize, BuildHasherDefault<Fnv>>>,
    /// By literal id, the byte offsets of its occurrences, in order.
    starts: Vec<Vec<usize>>,
}

impl Occurrences<'_> {
    /// Where `literal` starts in the text, in order; `None` if it was not
    /// searched for (it is not one of the pack's literals).
    pub fn starts(&self, literal: &str) -> Option<&[usize]> {
        let id = *self.ids?.get(literal)?;
        self.starts.get(id).map(Vec::as_slice)
    }

    /// Where `literal` starts and lies wholly inside `range`, in order;
    /// `None` if it was not searched for.
    pub fn within(&self, literal: &str, range: Range<usize>) -> Option<impl Iterator<Item = usize> + '_> {
        let starts = self.starts(literal)?;
        let first = starts.partition_point(|&start| start < range.start);
        let length = literal.len();
        let inside = move |start: &&usize| start.saturating_add(length) <= range.end;
        Some(starts.get(first..).unwrap_or_default().iter().take_while(inside).copied())
    }

    /// What `text[range].match_indices(literal)` finds, as offsets in the
    /// text: in order, none overlapping the one before (`等等` once in
    /// `等等等`). `None` if it was not searched for.
    pub fn match_indices(&self, literal: &str, range: Range<usize>) -> Option<Vec<usize>> {
        let mut found: Vec<usize> = Vec::new();
        for start in self.within(literal, range)? {
            if found.last().is_none_or(|&last| start >= last.saturating_add(literal.len())) {
                found.push(start);
            }
        }
        Some(found)
    }
}

/// FNV-1a, for looking a literal up: the idioms look up each of their
/// words in every paragraph, and SipHash took most of that time. The keys
/// are the pack's own words, so a hash that resists chosen keys is not needed.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn required(pieces: &[&[&str]]) -> Vec<String> {
        let mut required = Required::new();
        for piece in pieces {
            match *piece {
                [] => required.end(),
                [text] => text.chars().for_each(|character| required.character(character)),
                words => required.words(&words.iter().map(|word| word.to_string()).collect::<Vec<_>>()),
            }
        }
        required.finish()
    }

    #[test]
    fn a_list_of_words_multiplies_the_run_it_stands_in() {
        let found = required(&[&["年初"], &["批复", "安排"], &["预算数"], &[], &["调整"]]);
        assert_eq!(found, ["年初安排预算数", "年初批复预算数"]);
    }

    #[test]
    fn the_run_with_the_longest_shortest_spelling_wins() {
        assert_eq!(required(&[&["执行率"], &[], &["预算"], &["数", "总额"]]), ["执行率"]);
        assert_eq!(required(&[&["预算"], &[], &["全年"], &["预算数", "预算总额"]]), ["全年预算总额", "全年预算数"]);
    }

    #[test]
    fn a_spelling_that_holds_another_is_dropped() {
        assert_eq!(required(&[&["年初预算数", "年初预算", "年初批复预算数"]]), ["年初批复预算数", "年初预算"]);
    }

    #[test]
    fn a_run_that_may_be_empty_is_no_literal() {
        assert!(required(&[&["分别为", ""], &[]]).is_empty());
        assert_eq!(required(&[&["资金"], &["拨付", ""], &["到位"]]), ["资金到位", "资金拨付到位"]);
        assert!(required(&[&[]]).is_empty());
    }

    #[test]
    fn too_many_spellings_split_the_run() {
        let digits: Vec<String> = (0..10).map(|digit| digit.to_string()).collect();
        let mut required = Required::new();
        for character in "指标".chars() {
            required.character(character);
        }
        for _ in 0..3 {
            required.words(&digits);
        }
        // 指标 × 10 × 10 would be 100 spellings: the run ends after the
        // first list, and the lists after it are runs of their own.
        let expected: Vec<String> = digits.iter().map(|digit| format!("指标{digit}")).collect();
        assert_eq!(required.finish(), expected);
    }

    #[test]
    fn one_pass_finds_every_occurrence_even_inside_another() {
        let literals = Literals::new(["年初预算数", "预算数", "执行率"].map(String::from));
        let text = "年初预算数100万元，全年预算数120万元\n执行率";
        let found = literals.find(text);
        let naive = |word: &str| text.match_indices(word).map(|(at, _)| at).collect::<Vec<_>>();
        for word in ["年初预算数", "预算数", "执行率"] {
            assert_eq!(found.starts(word).unwrap(), naive(word), "{word}");
        }
        assert_eq!(found.starts("得分"), None, "not one of the literals");
    }

    #[test]
    fn match_indices_are_those_of_the_text_in_the_range() {
        let literals = Literals::new(["等等", "预算数"].map(String::from));
        let text = "等等等等等，预算数\n预算数";
        let found = literals.find(text);
        for range in [0..text.len(), 3..text.len(), 0..15, 6..28, 0..0] {
            for word in ["等等", "预算数"] {
                let expected: Vec<usize> =
                    text[range.clone()].match_indices(word).map(|(at, _)| at + range.start).collect();
                assert_eq!(found.match_indices(word, range.clone()).unwrap(), expected, "{word} in {range:?}");
            }
        }
    }

    #[test]
    fn many_literals_find_the_same_occurrences_without_a_dfa() {
        let words = ["年初预算数", "预算数", "执行率"];
        let many = (0..MAX_DFA_LITERALS).map(|index| format!("第{index}项资金")).chain(words.map(String::from));
        let literals = Literals::new(many);
        let text = "年初预算数100万元，第17项资金120万元\n执行率，第1999项资金";
        let found = literals.find(text);
        let naive = |word: &str| text.match_indices(word).map(|(at, _)| at).collect::<Vec<_>>();
        for word in words.into_iter().chain(["第17项资金", "第1999项资金", "第1项资金"]) {
            assert_eq!(found.starts(word).unwrap(), naive(word), "{word}");
        }
    }

    #[test]
    fn no_literals_search_nothing() {
        let literals = Literals::new(Vec::new());
        assert_eq!(literals.find("年初预算数").starts("年初预算数"), None);
    }
}
