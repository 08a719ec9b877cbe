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

use std::sync::{Arc, OnceLock};

use regex::Regex;

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
    /// The longest literal every match contains (`预算执行率`), if any.
    pub anchor: Option<String>,
    /// A searcher for the anchor, built once.
    finder: Option<memchr::memmem::Finder<'static>>,
}

impl Pattern {
    /// The lines of `text` a match can lie in, as byte ranges: the whole
    /// text, or only the lines holding the anchor. A match never spans a
    /// line (no piece of a template matches a line break), so searching
    /// those lines finds every match; the regex then scans a few hundred
    /// bytes instead of the report, and finding the anchor is a memchr-speed
    /// pass. Linear in `text`: each line is visited once.
    pub fn lines(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let Some(finder) = &self.finder else { return std::iter::once(0..text.len()).collect() };
        let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
        for at in finder.find_iter(text.as_bytes()) {
            if lines.last().is_some_and(|line| at < line.end) {
                continue;
            }
            let start =
                text.get(..at).and_then(|before| before.rfind('\n')).map_or(0, |newline| newline.saturating_add(1));
            let end = text
                .get(at..)
                .and_then(|after| after.find('\n'))
                .map_or(text.len(), |newline| at.saturating_add(newline));
            lines.push(start..end);
        }
        lines
    }

    /// The byte ranges of every match in `text`, in order.
    pub fn find_all(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let Some(regex) = self.regex.get() else { return Vec::new() };
        let mut found = Vec::new();
        for line in self.lines(text) {
            let Some(haystack) = text.get(line.clone()) else { continue };
            found.extend(
                regex
                    .find_iter(haystack)
                    .map(|each| line.start.saturating_add(each.start())..line.start.saturating_add(each.end())),
            );
        }
        found
    }
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
            message: format!("pattern is longer than {MAX_TEMPLATE_BYTES} bytes"),
            start: 0,
            end: template.len(),
        });
    }
    let mut regex = String::new();
    let mut placeholders = Vec::new();
    let mut gaps = 0usize;
    let mut pieces = 0usize;
    let mut subject = false;
    // The literal run being read, and the longest one finished.
    let (mut literal, mut anchor) = (String::new(), String::new());
    let mut rest = template.char_indices().peekable();
    while let Some((at, character)) = rest.next() {
        let folded = fold_char(character);
        let is_literal =
            !matches!(folded, '{' | '}' | '…' | ',' | ':' | ';' | '、' | '"' | '“' | '”' | '\'' | '‘' | '’');
        if is_literal {
            if !folded.is_whitespace() {
                literal.push(folded);
            }
        } else if literal.len() > anchor.len() {
            anchor = std::mem::take(&mut literal);
        } else {
            literal.clear();
        }
        if matches!(character, '{' | '…') {
            if pieces == MAX_PIECES {
                let message = format!("more than {MAX_PIECES} placeholders and `…` in one pattern; split it");
                return Err(PatternError { message, start: at, end: template.len() });
            }
            // `{a|b}` is counted too: a bound that is simple to state.
            pieces = pieces.saturating_add(1);
        }
        match character {
            '{' => {
                let after_open = template.get(at..).unwrap_or_default();
                let close = after_open
                    .find('}')
                    .map(|offset| at.saturating_add(offset))
                    .ok_or_else(|| PatternError { message: "unclosed `{`".into(), start: at, end: template.len() })?;
                // `{` is one byte: the placeholder starts right after it.
                let inner = template.get(at.saturating_add(1)..close).unwrap_or_default().trim();
                while rest.peek().is_some_and(|&(next, _)| next <= close) {
                    rest.next();
                }
                let error =
                    |message: &str| PatternError { message: message.into(), start: at, end: close.saturating_add(1) };
                if inner == "^" {
                    if !regex.is_empty() {
                        return Err(error("`{^}` (a clause's start) must begin the pattern"));
                    }
                    regex.push_str(CLAUSE_START);
                    subject = true;
                } else if inner == "#" {
                    regex.push_str(NUMBERING);
                } else if inner.contains('|') {
                    let words: Vec<String> = inner.split('|').map(|word| regex::escape(&fold(word.trim()))).collect();
                    if words.iter().all(String::is_empty) {
                        return Err(error("`{|}` needs at least one word"));
                    }
                    regex.push_str(&format!("(?:{})", words.join("|")));
                } else if is_name(inner) {
                    let group = format!("p{}", placeholders.len());
                    match capture(inner) {
                        Capture::Figure => regex.push_str(&format!("{FILLER}(?P<{group}>{NUMBER_PATTERN})")),
                        Capture::Text => regex.push_str(&format!("{PUNCTUATION}[\"“'‘「]?(?P<{group}>{TEXT})")),
                    }
                    placeholders.push(inner.to_string());
                } else {
                    return Err(error("a placeholder is `{fact.name}`, `{word|word}` or `{#}`"));
                }
            }
            '}' => {
                return Err(PatternError { message: "`}` without `{`".into(), start: at, end: at.saturating_add(1) });
            }
            '…' => {
                regex.push_str(&format!("(?P<g{gaps}>{GAP})"));
                gaps = gaps.saturating_add(1);
            }
            character if character.is_whitespace() => {}
            character => {
                let folded = fold_char(character);
                if matches!(folded, ',' | ':' | ';' | '、') {
                    regex.push_str("[,:;、]?");
                } else if matches!(folded, '"' | '“' | '”' | '\'' | '‘' | '’') {
                    regex.push_str("[\"“”'‘’]?");
                } else {
                    regex.push_str(&regex::escape(folded.encode_utf8(&mut [0; 4])));
                }
            }
        }
    }
    if regex.is_empty() {
        return Err(PatternError { message: "empty pattern".into(), start: 0, end: template.len() });
    }
    if literal.len() > anchor.len() {
        anchor = literal;
    }
    Ok(Pattern {
        source: template.to_string(),
        regex: LazyRegex::new(regex),
        placeholders,
        gaps,
        within: within.map(str::to_string),
        subject,
        finder: (!anchor.is_empty()).then(|| memchr::memmem::Finder::new(anchor.as_bytes()).into_owned()),
        anchor: (!anchor.is_empty()).then_some(anchor),
    })
}

fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('.')
            .all(|segment| !segment.is_empty() && segment.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// The folding the report's flow applies: full-width ASCII to half-width.
fn fold_char(character: char) -> char {
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
        assert!(error.message.contains("split it"));
    }

    #[test]
    fn the_anchor_is_the_longest_literal_every_match_holds() {
        let anchor = |template| compile(template, None, figure).unwrap().anchor;
        assert_eq!(anchor("年初{批复|安排}预算数{a}，全年预算执行率{b}").as_deref(), Some("全年预算执行率"));
        assert_eq!(anchor("{#}、{a}").as_deref(), None);
        assert_eq!(anchor("ＡＢ：{a}").as_deref(), Some("AB"));
    }

    #[test]
    fn lines_are_those_holding_the_anchor() {
        let pattern = compile("执行率{a}", None, figure).unwrap();
        let text = "第一行执行率90%\n无关\n执行率80%，执行率70%\n";
        let lines: Vec<&str> = pattern.lines(text).into_iter().map(|line| &text[line]).collect();
        assert_eq!(lines, ["第一行执行率90%", "执行率80%，执行率70%"]);
    }

    #[test]
    fn bad_templates_point_at_the_mistake() {
        let error = compile("预算数{budget.initial", None, figure).unwrap_err();
        assert_eq!(error.start, "预算数".len());
        let error = compile("预算数{a b}", None, figure).unwrap_err();
        assert!(error.message.contains("placeholder"));
    }
}
