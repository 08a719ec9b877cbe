//! Pattern templates → regexes over a report's flow text.
//!
//! Policy staff write the template sentence with placeholders:
//!
//! ```text
//! 年初{批复|安排}预算数{budget.initial}，年中{调整|调减}数{budget.adjustment}
//! ```
//!
//! - `{name}` captures one figure (or, for a text fact, a short phrase) and
//!   binds it to `name`; a short filler (为, 是, ：, 共计 …) may stand
//!   between the label and the figure.
//! - `{a|b|c}` matches one of the words; `{分别为|}` makes a word optional.
//! - `{#}` matches a numbering (一, 12, ③).
//! - `{^}`, first in a pattern, matches a clause's start and a short subject
//!   (`2022年共投入…`): a fact's synonyms are matched this way, so that the
//!   subject can be checked for a part's name.
//! - `…` skips up to 40 characters of the same sentence.
//! - `，：；、` (full- or half-width) are optional, since authors drop and
//!   swap them; white space and Markdown bold never reach the flow.
//!
//! The flow is already normalised (full-width folded, white space and `**`
//! removed), so literal text only needs the same folding here. Regexes are
//! linear time: no pattern in a rule file can hang the engine.
//!
//! Translating a template is cheap; compiling its regex is not (0.5–2 ms:
//! the figure grammar and the bounded gaps are large automata), and the
//! embedded packs hold ~200 patterns, 85 of them distinct. So [`compile`]
//! checks and translates, and the regex is built on first use ([`LazyRegex`],
//! shared by every pack that inherits the pattern): loading stays in
//! milliseconds and a run compiles only the patterns of the packs it uses,
//! once. Translation cannot produce a regex that fails to build: literals are
//! escaped and the size of a template ([`MAX_TEMPLATE_BYTES`], [`MAX_PIECES`])
//! bounds the automaton under the size limit (tested below, fuzzed in
//! `fuzz/`); should it ever fail, the pattern matches nothing.
//!
//! Translation also yields the literals of which every match holds one
//! ([`super::literals`]): a pack finds all of them in one pass over a
//! report, and [`Pattern::captures`] runs a regex only around them.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use super::literals::{Occurrences, Required};
use crate::report::NUMBER_PATTERN;

/// How a placeholder captures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capture {
    Figure,
    Text,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The template as written.
    pub source: String,
    pub regex: LazyRegex,
    /// Placeholder names in order; capture group `p{i}` holds the i-th.
    pub placeholders: Vec<String>,
    /// Number of `…` gaps; capture group `g{i}` holds the i-th. Sign words
    /// inside a gap do not negate: `本次评价…下降率2.81%` is not negative.
    pub gaps: usize,
    /// Only match in sections whose heading (or an ancestor's) contains this.
    pub within: Option<String>,
    /// It starts with `{^}`: capture group `subject` holds what stands
    /// between the clause's start and the label, so that a label preceded by
    /// a part's name (`基本支出全年预算数`) can be told from the total's.
    pub subject: bool,
    /// Literals of which every match contains one (`{年初预算数|年初预算}`
    /// gives both), from the run of literal text whose shortest spelling is
    /// longest; empty when the template has none (`{#}、{a}`). See
    /// [`super::literals`].
    pub literals: Vec<String>,
}

impl Pattern {
    /// Every match in `flow[range]`, in order, as captures of `flow[range]`:
    /// what `regex.captures_iter(&flow[range])` finds, found by running the
    /// regex only around the lines that hold one of the pattern's literals
    /// (`occurrences`: where the pack's literals occur in `flow`).
    ///
    /// A match never spans a line break (no piece of a template matches
    /// one), except the clause start and subject of `{^}`, which reach back
    /// at most [`CLAUSE_START_REACH`] bytes. So every match lies in one of
    /// the stretches: a line holding a literal, widened back by that reach,
    /// overlapping stretches merged. Each stretch is searched as the end of
    /// a text that starts where `flow[range]` does (so `^` means what it
    /// meant), and leftmost-first matching then finds exactly the matches of
    /// the whole text: a match there is a match of the whole text, and the
    /// whole text's next match, lying in a stretch, is found first in it.
    /// The regex scans a few hundred bytes instead of the report.
    pub fn captures<'t>(
        &self,
        flow: &'t str,
        range: Range<usize>,
        occurrences: &Occurrences<'_>,
    ) -> Vec<regex::Captures<'t>> {
        let Some(text) = flow.get(range.clone()) else { return Vec::new() };
        let Some(stretches) = self.stretches(text, range.start, occurrences) else {
            return self.regex.get().map(|regex| regex.captures_iter(text).collect()).unwrap_or_default();
        };
        let Some(regex) = stretches.first().and_then(|_| self.regex.get()) else { return Vec::new() };
        let mut found = Vec::new();
        for stretch in stretches {
            let Some(prefix) = text.get(..stretch.end) else { continue };
            let mut at = stretch.start;
            while let Some(captures) = regex.captures_at(prefix, at) {
                let Some(whole) = captures.get(0) else { break };
                // Every match holds a literal, so none is empty and the
                // search moves on; should one be, step past it.
                at = if whole.is_empty() { next_boundary(prefix, whole.end()) } else { whole.end() };
                found.push(captures);
                if at > prefix.len() {
                    break;
                }
            }
        }
        found
    }

    /// The byte ranges of every match in `text`, in order (see
    /// [`Pattern::captures`]).
    pub fn find_all(&self, text: &str, occurrences: &Occurrences<'_>) -> Vec<Range<usize>> {
        self.captures(text, 0..text.len(), occurrences)
            .iter()
            .filter_map(|captures| captures.get(0).map(|whole| whole.range()))
            .collect()
    }

    /// The stretches of `text` (which starts at `offset` in the text the
    /// occurrences were found in) that can hold a match, in order and
    /// disjoint; `None` when the whole text must be searched: the template
    /// has no literal, or its literals were not searched for.
    fn stretches(&self, text: &str, offset: usize, occurrences: &Occurrences<'_>) -> Option<Vec<Range<usize>>> {
        if self.literals.is_empty() {
            return None;
        }
        let mut starts = Vec::new();
        let range = offset..offset.saturating_add(text.len());
        for literal in &self.literals {
            starts.extend(occurrences.within(literal, range.clone())?.map(|start| start.saturating_sub(offset)));
        }
        starts.sort_unstable();
        let reach = if self.subject { CLAUSE_START_REACH } else { 0 };
        let mut stretches: Vec<Range<usize>> = Vec::new();
        for at in starts {
            if stretches.last().is_some_and(|last| at < last.end) {
                continue;
            }
            let line_start =
                text.get(..at).and_then(|before| before.rfind('\n')).map_or(0, |newline| newline.saturating_add(1));
            let end = text
                .get(at..)
                .and_then(|after| after.find('\n'))
                .map_or(text.len(), |newline| at.saturating_add(newline));
            let mut start = line_start.saturating_sub(reach);
            while !text.is_char_boundary(start) {
                start = start.saturating_sub(1);
            }
            match stretches.last_mut() {
                Some(last) if start <= last.end => last.end = end,
                _ => stretches.push(start..end),
            }
        }
        Some(stretches)
    }
}

/// The char boundary after `at` in `text`, or past its end.
fn next_boundary(text: &str, at: usize) -> usize {
    let step = text.get(at..).and_then(|rest| rest.chars().next()).map_or(1, char::len_utf8);
    at.saturating_add(step)
}

/// A regex built on first use; clones share it.
#[derive(Debug, Clone)]
pub struct LazyRegex(Arc<LazyInner>);

#[derive(Debug)]
struct LazyInner {
    source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn new(source: String) -> Self {
        LazyRegex(Arc::new(LazyInner { source, compiled: OnceLock::new() }))
    }

    /// Whether `other` is a clone of this one (one regex, built once).
    pub fn shares_with(&self, other: &LazyRegex) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// The regex text.
    pub fn as_str(&self) -> &str {
        &self.0.source
    }

    /// Whether the regex has been built.
    #[cfg(test)]
    pub fn is_built(&self) -> bool {
        self.0.compiled.get().is_some()
    }

    /// The compiled regex; `None` only if it exceeds the size limit, which
    /// the template limits rule out.
    pub fn get(&self) -> Option<&Regex> {
        self.0.compiled.get_or_init(|| build(&self.0.source).ok()).as_ref()
    }
}

fn build(source: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(source).size_limit(SIZE_LIMIT).build()
}

/// A problem in a template, with the byte range inside the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// Words allowed between a label and its figure.
const FILLER: &str = r"(?:为|是|:|,|共计|合计|总计|共|计|达到|达|约|总额|金额|数额)*";
/// Between a label and a phrase only punctuation: a word filler such as 为
/// would be taken out of the phrase (`为企服务次数`).
const PUNCTUATION: &str = r"[,:]*";
/// `{^}`: a clause's start, then a short subject without figures (a year
/// such as `2022年` may stand in it).
const CLAUSE_START: &str = r"(?:^|[,;:。!?(])(?P<subject>(?:[^,;:。!?()0-9]|[0-9]{4}年){0,24}?)";
/// How far before the line of its label a `{^}` match can start: its
/// subject may run back over line breaks (`。\n年初预算数…`). A clause
/// character (`。`: 3 bytes), then 24 pieces of at most 7 bytes (`2023年`).
const CLAUSE_START_REACH: usize = 3 + 24 * 7;
const NUMBERING: &str = r"(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2}|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])";
const TEXT: &str = r#"[^\n,:;、。!?"“”'‘’「」《》]{1,40}"#;
const GAP: &str = r"[^\n。]{0,40}?";
/// Longest template accepted, so that a rule file cannot ask for a huge regex.
pub const MAX_TEMPLATE_BYTES: usize = 1024;
/// Most placeholders, `{#}` and `…` in one template: each is a sizeable
/// automaton (a figure or a 40-character gap); real templates use up to 4.
pub const MAX_PIECES: usize = 12;
/// The regex crate's compiled-size limit for one pattern.
const SIZE_LIMIT: usize = 4 << 20;

/// Compiles `template`; `capture` says how each placeholder name captures.
pub fn compile(
    template: &str,
    within: Option<&str>,
    capture: impl Fn(&str) -> Capture,
) -> Result<Pattern, PatternError> {
    if template.len() > MAX_TEMPLATE_BYTES {
        return Err(PatternError {
            message: format!("模式超过 {MAX_TEMPLATE_BYTES} 字节"),
            start: 0,
            end: template.len(),
        });
    }
    let mut regex = String::new();
    let mut placeholders = Vec::new();
    let mut gaps = 0usize;
    let mut pieces = 0usize;
    let mut subject = false;
    let mut literals = Required::new();
    let mut rest = template.char_indices().peekable();
    while let Some((at, character)) = rest.next() {
        if matches!(character, '{' | '…') {
            if pieces == MAX_PIECES {
                let message = format!("一条模式里的占位符和 `…` 超过 {MAX_PIECES} 个，请拆开写");
                return Err(PatternError { message, start: at, end: template.len() });
            }
            // `{a|b}` is counted too: a bound that is simple to state.
            pieces = pieces.saturating_add(1);
        }
        match character {
            '{' => {
                let after_open = template.get(at..).unwrap_or_default();
                let close = after_open.find('}').map(|offset| at.saturating_add(offset)).ok_or_else(|| {
                    PatternError { message: "`{` 没有闭合".into(), start: at, end: template.len() }
                })?;
                // `{` is one byte: the placeholder starts right after it.
                let inner = template.get(at.saturating_add(1)..close).unwrap_or_default().trim();
                while rest.peek().is_some_and(|&(next, _)| next <= close) {
                    rest.next();
                }
                let error =
                    |message: &str| PatternError { message: message.into(), start: at, end: close.saturating_add(1) };
                if inner == "^" {
                    if !regex.is_empty() {
                        return Err(error("`{^}`（分句开头）只能写在模式的最前面"));
                    }
                    regex.push_str(CLAUSE_START);
                    subject = true;
                    literals.end();
                } else if inner == "#" {
                    regex.push_str(NUMBERING);
                    literals.end();
                } else if inner.contains('|') {
                    let words: Vec<String> = inner.split('|').map(|word| fold(word.trim())).collect();
                    if words.iter().all(String::is_empty) {
                        return Err(error("`{|}` 里至少要有一个词"));
                    }
                    let escaped: Vec<String> = words.iter().map(|word| regex::escape(word)).collect();
                    regex.push_str(&format!("(?:{})", escaped.join("|")));
                    literals.words(&words);
                } else if is_name(inner) {
                    let group = format!("p{}", placeholders.len());
                    match capture(inner) {
                        Capture::Figure => regex.push_str(&format!("{FILLER}(?P<{group}>{NUMBER_PATTERN})")),
                        Capture::Text => regex.push_str(&format!("{PUNCTUATION}[\"“'‘「]?(?P<{group}>{TEXT})")),
                    }
                    placeholders.push(inner.to_string());
                    literals.end();
                } else {
                    return Err(error("占位符只能是 `{事实名}`、`{词|词}` 或 `{#}`"));
                }
            }
            '}' => {
                return Err(PatternError {
                    message: "`}` 前面没有 `{`".into(), start: at, end: at.saturating_add(1)
                });
            }
            '…' => {
                regex.push_str(&format!("(?P<g{gaps}>{GAP})"));
                gaps = gaps.saturating_add(1);
                literals.end();
            }
            character if character.is_whitespace() => {}
            character => {
                let folded = fold_char(character);
                // Optional punctuation ends a run of literal text.
                if matches!(folded, ',' | ':' | ';' | '、') {
                    regex.push_str("[,:;、]?");
                    literals.end();
                } else if matches!(folded, '"' | '“' | '”' | '\'' | '‘' | '’') {
                    regex.push_str("[\"“”'‘’]?");
                    literals.end();
                } else {
                    regex.push_str(&regex::escape(folded.encode_utf8(&mut [0; 4])));
                    literals.character(folded);
                }
            }
        }
    }
    if regex.is_empty() {
        return Err(PatternError { message: "模式是空的".into(), start: 0, end: template.len() });
    }
    Ok(Pattern {
        source: template.to_string(),
        regex: LazyRegex::new(regex),
        placeholders,
        gaps,
        within: within.map(str::to_string),
        subject,
        literals: literals.finish(),
    })
}

fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('.')
            .all(|segment| !segment.is_empty() && segment.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// The folding the report's flow applies: full-width ASCII to half-width.
pub(super) fn fold_char(character: char) -> char {
    match character {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(character).saturating_sub(0xFEE0)).unwrap_or(character),
        character => character,
    }
}

fn fold(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(fold_char).collect()
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::string_slice, reason = "tests may panic by design")]
mod tests {
    use super::*;

    fn figure(_: &str) -> Capture {
        Capture::Figure
    }

    #[test]
    fn placeholders_are_numbered_in_order() {
        let pattern =
            compile("年初{批复|安排}预算数{budget.initial}，年中{调整|调减}数{budget.adjustment}", None, figure)
                .unwrap();
        assert_eq!(pattern.placeholders, ["budget.initial", "budget.adjustment"]);
        let captures =
            pattern.regex.get().unwrap().captures("我部门年初批复预算数480.50万元,年中调减数为20万元").unwrap();
        assert_eq!(&captures["p0"], "480.50万元");
        assert_eq!(&captures["p1"], "20万元");
    }

    #[test]
    fn punctuation_is_optional_and_width_folded() {
        let pattern = compile("预算执行率：{budget.execution_rate}", None, figure).unwrap();
        assert!(pattern.regex.get().unwrap().is_match("预算执行率96.64%"));
        assert!(pattern.regex.get().unwrap().is_match("预算执行率:96.64%"));
    }

    #[test]
    fn text_placeholders_stop_at_punctuation() {
        let pattern = compile("评价结果为{score.grade}", None, |_| Capture::Text).unwrap();
        let captures = pattern.regex.get().unwrap().captures("评价结果为“良”。").unwrap();
        assert_eq!(&captures["p0"], "良");
    }

    #[test]
    fn the_largest_template_accepted_still_builds() {
        // Figures and gaps alternate, then one long list of words: 12 pieces.
        let figures = format!("{}{{a}}", "{a}…".repeat((MAX_PIECES - 2) / 2));
        let words = format!("{{{}}}", vec!["大于等于不低于"; 40].join("|"));
        let template = format!("{figures}{words}");
        assert!(template.len() <= MAX_TEMPLATE_BYTES);
        for capture in [Capture::Figure, Capture::Text] {
            let pattern = compile(&template, None, |_| capture).unwrap();
            assert!(pattern.regex.get().is_some(), "{capture:?}");
        }
        let gaps = "…".repeat(MAX_PIECES);
        assert!(compile(&gaps, None, figure).unwrap().regex.get().is_some());
        let error = compile(&"…".repeat(MAX_PIECES + 1), None, figure).unwrap_err();
        assert!(error.message.contains("拆开写"));
    }

    #[test]
    fn the_literals_are_the_run_whose_shortest_spelling_is_longest() {
        let literals = |template| compile(template, None, figure).unwrap().literals;
        assert_eq!(literals("年初{批复|安排}预算数{a}，全年预算执行率{b}"), ["全年预算执行率"]);
        assert_eq!(literals("年初{批复|安排}预算数{a}，执行率{b}"), ["年初安排预算数", "年初批复预算数"]);
        assert_eq!(literals("{^}{全年预算数|全年预算}{a}"), ["全年预算"]);
        assert_eq!(literals("{a}资金全部{拨付|下达|}到位"), ["资金全部下达到位", "资金全部到位", "资金全部拨付到位"]);
        assert!(literals("{#}、{a}").is_empty());
        assert_eq!(literals("ＡＢ：{a}"), ["AB"]);
    }

    /// Every capture group's range, match by match.
    type Found = Vec<Vec<Option<Range<usize>>>>;

    /// What the whole-text search finds, and what the search around the
    /// literals finds.
    fn both_searches(template: &str, text: &str) -> (Found, Found) {
        let pattern = compile(template, None, figure).unwrap();
        let groups = |captures: &regex::Captures<'_>| captures.iter().map(|group| group.map(|g| g.range())).collect();
        let whole = pattern.regex.get().unwrap().captures_iter(text).map(|c| groups(&c)).collect();
        let literals = super::super::Literals::new(pattern.literals.clone());
        let around = pattern.captures(text, 0..text.len(), &literals.find(text)).iter().map(groups).collect();
        (whole, around)
    }

    #[test]
    fn searching_around_the_literals_finds_what_the_whole_text_holds() {
        let text = "一、基本情况\n年初批复预算数480.50万元,年中调减数为20万元\n全年预算数为100万元。\n\
                    本单位2023年全年预算数200万元,执行率90%;执行率95%\n(二)全年预算数300万元\n";
        for template in ["年初{批复|安排}预算数{a}", "执行率{a}", "{^}{全年预算数|执行率}{a}", "{^}执行率{a}…"]
        {
            let (whole, around) = both_searches(template, text);
            assert!(!whole.is_empty(), "{template}");
            assert_eq!(whole, around, "{template}");
        }
    }

    #[test]
    fn a_subject_reaches_back_over_lines_at_most_so_far() {
        // `。`, then 24 pieces of 7 bytes, then the label on the next line.
        let text = format!("前文。{}\n全年预算数100万元", "2023年".repeat(23));
        let pattern = compile("{^}{全年预算数}{a}", None, figure).unwrap();
        let whole = pattern.regex.get().unwrap().find(&text).unwrap();
        let line = text.find('\n').unwrap() + 1;
        assert_eq!(line - whole.start(), 3 + 23 * 7 + 1);
        assert!(line - whole.start() <= CLAUSE_START_REACH);
        let (whole, around) = both_searches("{^}{全年预算数}{a}", &text);
        assert_eq!((whole.len(), &whole), (1, &around));
    }

    #[test]
    fn a_pattern_whose_literals_are_absent_never_builds_its_regex() {
        let pattern = compile("政府采购预算数{a}", None, figure).unwrap();
        let literals = super::super::Literals::new(pattern.literals.clone());
        let text = "年初预算数100万元";
        assert!(pattern.captures(text, 0..text.len(), &literals.find(text)).is_empty());
        assert!(!pattern.regex.is_built());
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_the_same_matches(pieces in proptest::collection::vec(0..PIECES.len(), 0..80)) {
            let text: String = pieces.into_iter().map(|index| PIECES[index]).collect();
            for template in TEMPLATES {
                let (whole, around) = both_searches(template, &text);
                proptest::prop_assert_eq!(whole, around, "{}", template);
            }
        }
    }

    const PIECES: [&str; 19] = [
        "年初预算数",
        "预算数",
        "全年",
        "执行率",
        "2023年",
        "。",
        ",",
        "\n",
        "(",
        ")",
        "1",
        "0",
        ".",
        "万元",
        "%",
        "为",
        "其中",
        "基本支出",
        "a",
    ];
    const TEMPLATES: [&str; 5] =
        ["{^}{年初预算数|预算数}{a}", "执行率{a}", "{^}执行率{a}…{b}", "全年{预算数|执行率}{a}", "{#}、{a}"];

    #[test]
    fn bad_templates_point_at_the_mistake() {
        let error = compile("预算数{budget.initial", None, figure).unwrap_err();
        assert_eq!(error.start, "预算数".len());
        let error = compile("预算数{a b}", None, figure).unwrap_err();
        assert!(error.message.contains("占位符"));
    }
}
