//! Structural checks: what a report's shape says, not its arithmetic.
//!
//! - required sections: every heading the template requires is there;
//! - numbering: among the headings and numbered paragraphs under one
//!   parent, numbers run 1, 2, 3 … of one style: a number used twice, a
//!   gap, a restart, or a switch of style (五、 followed by 6、) is reported;
//! - units: no figure carries two units (`24.46%万元`).

use super::{Outcome, fingerprint};
use crate::finding::{Finding, Label};
use crate::report::{Numbering, NumberingStyle, Report};
use crate::rules::Check;
use crate::source::Format;

/// Why outline checks do not apply to a report read from a spreadsheet.
fn spreadsheet(report: &Report) -> Option<Vec<Outcome>> {
    matches!(report.format, Format::Xlsx | Format::Csv)
        .then(|| vec![Outcome::NotApplicable("表格文件只含自评表，没有报告正文的章节".into())])
}

pub fn sections(check: &Check, required: &[Vec<String>], report: &Report) -> Vec<Outcome> {
    if let Some(outcomes) = spreadsheet(report) {
        return outcomes;
    }
    let missing: Vec<Outcome> = required
        .iter()
        .filter(|alternatives| {
            !report.sections.iter().any(|section| alternatives.iter().any(|word| section.title.contains(word.as_str())))
        })
        .map(|alternatives| {
            let name = alternatives.first().cloned().unwrap_or_default();
            let message = format!("{}：缺少“{name}”部分", check.title);
            let help = format!("模板要求有标题含“{}”的一节", alternatives.join("”或“"));
            fail(check, message, None, Vec::new(), help, &[name])
        })
        .collect();
    if missing.is_empty() { vec![Outcome::Pass("模板要求的各部分都在".into())] } else { missing }
}

/// One numbered line: a heading or a numbered paragraph.
struct Entry {
    level: u8,
    numbering: Numbering,
    /// `、` or `.` after an Arabic number, as written.
    mark: char,
    parent: Option<usize>,
    /// A heading (short, no sentence), not a numbered sentence of a list or
    /// a numbered row of figures (`3、公务接待 3.81 4 3.76`).
    heading: bool,
}

pub fn numbering(check: &Check, report: &Report) -> Vec<Outcome> {
    if let Some(outcomes) = spreadsheet(report) {
        return outcomes;
    }
    let entries = entries(report);
    let mut outcomes = Vec::new();
    let mut groups: Vec<(Option<usize>, u8, Vec<usize>)> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        match groups.iter_mut().find(|(parent, level, _)| *parent == entry.parent && *level == entry.level) {
            Some((_, _, members)) => members.push(index),
            None => groups.push((entry.parent, entry.level, vec![index])),
        }
    }
    for (parent, _, members) in &groups {
        let mut previous: Option<&Entry> = None;
        for &index in members {
            let Some(entry) = entries.get(index) else { continue };
            let here = label(entry);
            // A list that starts late or starts again is common and harmless
            // outside the headings (a web page's numbered tips, a table's
            // numbered rows); among headings it means a section went missing.
            let problem = match previous {
                None if entry.numbering.value != 1 && entry.heading => {
                    Some(match parent.and_then(|parent| entries.get(parent)) {
                        Some(parent) if parent.numbering.value.checked_add(1) == Some(entry.numbering.value) => (
                            format!("“{here}”接在“{}”之后，编号风格不一致", label(parent)),
                            format!("同级标题应沿用“{}”的编号风格", label(parent)),
                            Some(parent.numbering.span),
                        ),
                        _ => (format!("编号从“{here}”开始，缺少前面的编号"), "同级编号应从一开始".into(), None),
                    })
                }
                None => None,
                Some(before) => {
                    let (was, now) = (before.numbering.value, entry.numbering.value);
                    let there = label(before);
                    if now == was {
                        Some((
                            format!("标题编号“{here}”重复"),
                            "同级编号不应重复，后一个应顺延".into(),
                            Some(before.numbering.span),
                        ))
                    } else if now == 1 && !(entry.heading && before.heading) {
                        None
                    } else if now == 1 {
                        Some((
                            format!("编号在“{there}”之后重新从“{here}”开始"),
                            "同级编号应连续；若是下一级内容，应改用下一级编号".into(),
                            Some(before.numbering.span),
                        ))
                    } else if was.checked_add(1) != Some(now) {
                        Some((
                            format!("标题编号从“{there}”跳到“{here}”"),
                            "同级编号应连续，不应跳号或倒序".into(),
                            Some(before.numbering.span),
                        ))
                    } else {
                        None
                    }
                }
            };
            if let Some((message, help, other)) = problem {
                let primary = Label { span: entry.numbering.span, text: format!("此处为“{here}”") };
                let related: Vec<Label> =
                    other.map(|span| Label { span, text: "前一编号".into() }).into_iter().collect();
                let identity = [message.clone()];
                outcomes.push(fail(check, message, Some(primary), related, help, &identity));
            }
            previous = Some(entry);
        }
    }
    if outcomes.is_empty() { vec![Outcome::Pass("标题编号连续、无重复".into())] } else { outcomes }
}

/// Numbered lines in order, each with the nearest earlier numbered line of
/// a smaller level as its parent.
fn entries(report: &Report) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for paragraph in &report.paragraphs {
        let Some(numbering) = paragraph.numbering else { continue };
        let level = numbering.style.level();
        while open.last().and_then(|&last| entries.get(last)).is_some_and(|entry| entry.level >= level) {
            open.pop();
        }
        let head = report.flow.get(paragraph.flow.clone()).unwrap_or_default();
        let mark = head.trim_start_matches(|c: char| c.is_ascii_digit()).chars().next().unwrap_or('.');
        let heading = paragraph.is_heading && !head.ends_with(|c: char| c.is_ascii_digit() || c == '%');
        entries.push(Entry { level, numbering, mark, parent: open.last().copied(), heading });
        open.push(entries.len().saturating_sub(1));
    }
    entries
}

pub fn units(check: &Check, report: &Report) -> Vec<Outcome> {
    const UNITS: [&str; 4] = ["万元", "亿元", "元", "%"];
    let mut outcomes = Vec::new();
    for mention in &report.numbers {
        let after = report.flow.get(mention.flow.end..).unwrap_or_default();
        let Some(second) = UNITS.iter().find(|unit| after.starts_with(**unit)) else { continue };
        let written = report.flow.get(mention.flow.clone()).unwrap_or_default();
        if !UNITS.iter().any(|unit| written.ends_with(unit)) {
            continue;
        }
        let span = report.original_span(mention.flow.start..mention.flow.end.saturating_add(second.len()));
        let message = format!("“{written}{second}”同时带有两个单位");
        let primary = Label { span, text: "单位矛盾".into() };
        let help = "一个数字只能有一个单位：删去多余的单位，或核对数字本身".to_string();
        outcomes.push(fail(check, message, Some(primary), Vec::new(), help, &[format!("{written}{second}")]));
    }
    if outcomes.is_empty() { vec![Outcome::Pass("没有带两个单位的数字".into())] } else { outcomes }
}

fn fail(
    check: &Check,
    message: String,
    primary: Option<Label>,
    related: Vec<Label>,
    help: String,
    identity: &[String],
) -> Outcome {
    Outcome::Fail(Box::new(Finding {
        rule: check.id.clone(),
        title: check.title.clone(),
        severity: check.severity,
        message,
        primary,
        related,
        help: Some(help),
        expected: None,
        actual: None,
        fingerprint: fingerprint(&check.id, identity),
    }))
}

/// A numbering as people write it: `五、`, `（十）`, `6.`, `（2）`, `③`.
fn label(entry: &Entry) -> String {
    let value = entry.numbering.value;
    match entry.numbering.style {
        NumberingStyle::ChineseComma => format!("{}、", chinese(value)),
        NumberingStyle::ChineseParen => format!("（{}）", chinese(value)),
        NumberingStyle::ArabicDot => format!("{value}{}", entry.mark),
        NumberingStyle::ArabicParen => format!("（{value}）"),
        NumberingStyle::Circled => {
            char::from_u32(value.saturating_sub(1).saturating_add(0x2460)).map_or(value.to_string(), String::from)
        }
    }
}

fn chinese(value: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (value / 10, value % 10);
    let digit = |n: u32| DIGITS.get(n as usize).copied().unwrap_or("");
    match (tens, ones) {
        (0, _) => digit(ones).to_string(),
        (1, 0) => "十".into(),
        (1, _) => format!("十{}", digit(ones)),
        (_, 0) => format!("{}十", digit(tens)),
        _ => format!("{}十{}", digit(tens), digit(ones)),
    }
}
