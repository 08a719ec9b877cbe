//! page: the report text as it is written, line by line, with the line
//! of every figure an injected error may be found at.
//!
//! Input: paragraphs in order. Output: the text (one paragraph a line,
//! blank lines between sections, `\n` endings) and, for each [`Place`], the
//! 1-based line where it was first written. A rule pack blames the first
//! mention of a fact, so only the first line of a place is kept.

use std::collections::BTreeMap;

use crate::amount::{money, percent};
use crate::form::FormPlace;

/// Something the text states that an injected error points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// A fact of the national pack, by its name (`budget.execution_rate`).
    Fact(&'static str),
    /// The block of the indicator with this index.
    Indicator(usize),
    /// The sentence with a figure in two units.
    UnitClash,
    /// The heading numbered one too high.
    HeadingGap,
    /// 全年实际支出资金 restated in the conclusion.
    Restatement,
    /// A cell of the 项目支出绩效自评表.
    Form(FormPlace),
}

/// How figures are typeset, chosen once per report.
#[derive(Debug, Clone, Copy)]
pub struct Typeset {
    /// `**640.00**万元`, as OCR and Word exports of the templates do.
    pub bold: bool,
    /// `640.00 万元` rather than `640.00万元`.
    pub spaced: bool,
}

#[derive(Debug, Default)]
pub struct Page {
    text: String,
    /// The number of the line the next paragraph starts on.
    line: usize,
    marks: BTreeMap<Place, usize>,
}

impl Page {
    pub fn new() -> Self {
        Page { text: String::new(), line: 1, marks: BTreeMap::new() }
    }

    /// Records that `place` is written in the next paragraph.
    pub fn mark(&mut self, place: Place) {
        self.marks.entry(place).or_insert(self.line);
    }

    /// One paragraph; it may hold line breaks of its own (a page break).
    pub fn paragraph(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
        self.line += 1 + text.matches('\n').count();
    }

    pub fn blank(&mut self) {
        self.paragraph("");
    }

    pub fn finish(self) -> (String, BTreeMap<Place, usize>) {
        (self.text, self.marks)
    }
}

impl Typeset {
    pub fn money(self, cents: i64) -> String {
        self.figure(&money(cents), "万元")
    }

    pub fn percent(self, basis_points: i64) -> String {
        self.figure(&percent(basis_points), "")
    }

    fn figure(self, digits: &str, unit: &str) -> String {
        let space = if self.spaced { " " } else { "" };
        let inner = if unit.is_empty() { "" } else { space };
        if self.bold { format!("**{digits}**{unit}") } else { format!("{space}{digits}{inner}{unit}") }
    }
}

#[cfg(test)]
mod tests {
    use super::{Page, Place, Typeset};

    #[test]
    fn lines_count_page_breaks_and_keep_first_marks() {
        let mut page = Page::new();
        page.paragraph("标题");
        page.mark(Place::Fact("budget.spent"));
        page.paragraph("上半段，\n\n下半段。");
        page.mark(Place::Fact("budget.spent"));
        page.mark(Place::UnitClash);
        page.paragraph("结尾。");
        let (text, marks) = page.finish();
        assert_eq!(text.lines().count(), 5);
        assert_eq!(marks[&Place::Fact("budget.spent")], 2);
        assert_eq!(marks[&Place::UnitClash], 5);
    }

    #[test]
    fn typesetting() {
        assert_eq!(Typeset { bold: true, spaced: false }.money(64_000), "**640.00**万元");
        assert_eq!(Typeset { bold: false, spaced: true }.percent(9627), " 96.27%");
        assert_eq!(Typeset { bold: false, spaced: true }.money(64_000), " 640.00 万元");
        assert_eq!(Typeset { bold: false, spaced: false }.money(0), "0万元");
    }
}
