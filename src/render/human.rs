//! human: outcomes → text for people, with miette's graphical handler.
//!
//! Per linted file: a header line with path and rule pack, then each finding
//! as a miette diagnostic (labels under the figures; miette measures Chinese
//! characters as two columns), or a line saying nothing was found. Per
//! unreadable file: one diagnostic line. Last: the summary in Chinese; for
//! more than one file it first counts the findings by check and lists the
//! files that could not be read, and it always ends with the totals line.
//! A label on a spreadsheet cell ends with the cell's name (`（Sheet1!G11）`).
//! Links and URLs are off, so the output is the same on every terminal and
//! in snapshots.
//!
//! Whatever a report or a rule file wrote reaches the terminal escaped
//! ([`crate::terminal`]): paths, messages, labels, notes and the snippets,
//! which miette gets as excerpts clipped around the labels, so that no
//! line, however long, makes it panic.

use std::borrow::Cow;
use std::fmt::Write;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use crate::finding::Finding;
use crate::lint::{FileOutcome, LintedFile};
use crate::render::diagnostic::{FailureDiagnostic, FindingDiagnostic};
use crate::render::source_text::ReportSource;
use crate::render::tally::Tally;
use crate::source::Document;
use crate::terminal::width::{pad, width};
use crate::terminal::{Escaped, chinese_help, escape, escape_line};

/// How `human` draws: ANSI colours or none, and the width messages wrap at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
    /// Also list the checks that did not apply, and why.
    pub verbose: bool,
    /// Findings a baseline hid, for the summary (0 without a baseline).
    pub hidden: usize,
}

/// Renders every outcome and the summary. The result ends with a newline.
pub fn human(outcomes: &[FileOutcome], options: &HumanOptions) -> String {
    let mut out: String = outcomes.iter().map(|outcome| human_file(outcome, options)).collect();
    let mut tally = Tally::count(outcomes);
    tally.hidden = options.hidden;
    out.push_str(&human_summary(&tally));
    out
}

/// One file's part of [`human`]: what a streaming caller writes as soon as
/// the file and every earlier one are done.
pub fn human_file(outcome: &FileOutcome, options: &HumanOptions) -> String {
    let handler = handler(options);
    let mut out = String::new();
    match outcome {
        FileOutcome::Linted(file) => {
            render_linted(&handler, file, &mut out);
            if options.verbose {
                let mut verbose = String::new();
                render_verbose(file, &mut verbose);
                out.push_str(&escape(&verbose));
            }
        }
        FileOutcome::Failed(file) => {
            render_diagnostic(&handler, &FailureDiagnostic { file }, &mut out);
        }
    }
    out
}

fn handler(options: &HumanOptions) -> GraphicalReportHandler {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme).with_links(false).with_urls(false).with_width(options.width)
}

fn render_linted(handler: &GraphicalReportHandler, file: &LintedFile, out: &mut String) {
    out.push_str(&format!("── {}（规则包 {}）\n\n", escape_line(&file.path), escape_line(&file.pack)));
    if file.findings.is_empty() {
        out.push_str("  ✓ 未发现问题\n\n");
        return;
    }
    let source = ReportSource::new(&file.path, &file.document.text);
    for finding in &file.findings {
        let finding = located(finding, &file.document);
        let diagnostic = FindingDiagnostic::new(&finding, &source);
        render_diagnostic(handler, &diagnostic, out);
        for far in diagnostic.far() {
            render_diagnostic(handler, far, out);
        }
    }
}

/// The finding with the spreadsheet cell of each label appended to the
/// label's text; the finding itself when the document has no cells.
fn located<'a>(finding: &'a Finding, document: &Document) -> Cow<'a, Finding> {
    if document.anchors.is_empty() {
        return Cow::Borrowed(finding);
    }
    let mut finding = finding.clone();
    for label in finding.primary.iter_mut().chain(finding.related.iter_mut()) {
        if let Some(anchor) = document.anchor_at(label.span.start) {
            label.text = format!("{}（{}）", label.text, anchor.name);
        }
    }
    Cow::Owned(finding)
}

/// A rule author's view: what the tables left unread, the checks that ran
/// and held with their figures, and the checks that did not apply and why.
fn render_verbose(file: &LintedFile, out: &mut String) {
    let place = |scope: &Option<String>| scope.as_ref().map(|scope| format!("〔{scope}〕")).unwrap_or_default();
    if !file.notes.is_empty() {
        out.push_str(&format!("  表格中未读取的内容（{} 处）：\n", file.notes.len()));
        for note in &file.notes {
            out.push_str(&format!("    - {note}\n"));
        }
        out.push('\n');
    }
    if !file.passed.is_empty() {
        out.push_str(&format!("  通过的检查（{} 条）：\n", file.passed.len()));
        for passed in &file.passed {
            out.push_str(&format!("    - {}{}：{}\n", place(&passed.scope), passed.rule, passed.detail));
        }
        out.push('\n');
    }
    if !file.skipped.is_empty() {
        out.push_str(&format!("  未适用的检查（{} 条）：\n", file.skipped.len()));
        for skipped in &file.skipped {
            let kind = if skipped.rule_error { "规则错误" } else { "不适用" };
            out.push_str(&format!("    - {}{}：{kind}，{}\n", place(&skipped.scope), skipped.rule, skipped.reason));
        }
        out.push('\n');
    }
}

/// One diagnostic and a blank line after it.
fn render_diagnostic(handler: &GraphicalReportHandler, diagnostic: &dyn Diagnostic, out: &mut String) {
    let diagnostic = Escaped::new(diagnostic);
    let mut rendered = String::new();
    if handler.render_report(&mut rendered, &diagnostic).is_err() {
        // miette fails only when it cannot read a label's snippet; the
        // message must still reach the reader.
        rendered = format!("  × {diagnostic}\n");
    }
    out.push_str(&chinese_help(&rendered));
    out.push('\n');
}

/// The closing summary. A single file's findings and failure are right
/// above it, so the per-check table and the list of unreadable files are
/// only written for a batch.
pub fn human_summary(tally: &Tally) -> String {
    let mut out = String::new();
    if tally.files > 1 {
        out.push_str(&by_check(tally));
        out.push_str(&listed("无法读取的文件", "", &tally.unreadable));
        let why = "，改过名或新加的报告？其问题全部列出";
        out.push_str(&listed("基线中没有记录的文件", why, &tally.not_in_baseline));
    }
    out.push_str(&tally.sentence());
    out.push('\n');
    escape(&out).into_owned()
}

/// `按检查统计：` then one line per check, most frequent first (ties by
/// id): the id, the count and the title, columns by display width (an id
/// may be written in Chinese).
fn by_check(tally: &Tally) -> String {
    if tally.by_rule.is_empty() {
        return String::new();
    }
    let mut rows: Vec<(&str, usize)> = tally.by_rule.iter().map(|(rule, count)| (rule.as_str(), *count)).collect();
    rows.sort_by(|(rule_a, count_a), (rule_b, count_b)| count_b.cmp(count_a).then(rule_a.cmp(rule_b)));
    let rule_width = rows.iter().map(|(rule, _)| width(rule)).max().unwrap_or_default();
    let count_width = rows.iter().map(|(_, count)| count.to_string().len()).max().unwrap_or_default();
    let mut out = String::from("按检查统计：\n");
    for (rule, count) in rows {
        let title = tally.titles.get(rule).map(String::as_str).unwrap_or_default();
        let line = format!("  {}  {count:>count_width$}  {title}", pad(rule, rule_width));
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push('\n');
    out
}

/// `TITLE（N 个NOTE）：` then one path a line, or nothing for no paths.
fn listed(title: &str, note: &str, paths: &[String]) -> String {
    if paths.is_empty() {
        return String::new();
    }
    let mut out = format!("{title}（{} 个{note}）：\n", paths.len());
    for path in paths {
        let _ = writeln!(out, "  {path}");
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    const PLAIN: HumanOptions = HumanOptions { color: false, width: 100, verbose: true, hidden: 0 };

    #[test]
    fn renders_files_findings_failures_and_summary() {
        insta::assert_snapshot!(human(&fixture::outcomes(), &PLAIN));
    }

    #[test]
    fn header_position_counts_characters() {
        let text = human(&fixture::outcomes(), &PLAIN);
        // `100%` is the 49th character of line 3 (it starts at byte 100).
        assert!(text.contains("[新城区-部门整体支出绩效自评报告.txt:3:49]"), "{text}");
    }

    #[test]
    fn colour_only_when_asked() {
        let outcomes = fixture::outcomes();
        let coloured = human(&outcomes, &HumanOptions { color: true, width: 100, verbose: false, hidden: 0 });
        assert!(coloured.contains('\u{1b}'));
        assert!(!human(&outcomes, &PLAIN).contains('\u{1b}'));
    }

    #[test]
    fn summary_leaves_out_unreadable_files_when_there_are_none() {
        let tally = Tally { files: 2, errors: 0, warnings: 1, ..Tally::default() };
        assert_eq!(tally.sentence(), "共检查 2 个文件：0 个错误，1 个警告，0 条提示。");
    }

    #[test]
    fn batch_summary_counts_by_check_and_names_unreadable_files() {
        let by_rule = [("weights-total", 2), ("project-share", 12), ("budget-execution-rate", 2)]
            .into_iter()
            .map(|(rule, count)| (rule.to_owned(), count))
            .collect();
        let tally = Tally {
            files: 4,
            errors: 14,
            infos: 2,
            failed: 2,
            by_rule,
            hidden: 3,
            unreadable: vec!["报告/空白.txt".to_owned(), "报告/扫描件.pdf".to_owned()],
            not_in_baseline: vec!["报告/新城区（修改稿）.txt".to_owned()],
            titles: [("project-share", "项目支出占总支出比例 = 项目支出 ÷ 全年实际支出"), ("weights-total", "")]
                .into_iter()
                .map(|(rule, title)| (rule.to_owned(), title.to_owned()))
                .collect(),
            ..Tally::default()
        };
        insta::assert_snapshot!(human_summary(&tally), @"
        按检查统计：
          project-share          12  项目支出占总支出比例 = 项目支出 ÷ 全年实际支出
          budget-execution-rate   2
          weights-total           2

        无法读取的文件（2 个）：
          报告/空白.txt
          报告/扫描件.pdf

        基线中没有记录的文件（1 个，改过名或新加的报告？其问题全部列出）：
          报告/新城区（修改稿）.txt

        共检查 4 个文件：14 个错误，0 个警告，2 条提示；2 个文件无法读取；已按基线隐藏 3 条；1 个文件在基线中没有记录。
        ");
    }

    #[test]
    fn a_single_file_without_a_baseline_entry_says_so() {
        let tally = Tally { files: 1, errors: 2, not_in_baseline: vec!["草稿.txt".to_owned()], ..Tally::default() };
        assert_eq!(
            human_summary(&tally),
            "共检查 1 个文件：2 个错误，0 个警告，0 条提示；基线中没有此文件的记录，其问题全部列出。\n"
        );
    }

    #[test]
    fn single_file_summary_is_one_line() {
        let tally = Tally {
            files: 1,
            errors: 1,
            by_rule: [("weights-total".to_owned(), 1)].into_iter().collect(),
            ..Tally::default()
        };
        assert_eq!(human_summary(&tally), "共检查 1 个文件：1 个错误，0 个警告，0 条提示。\n");
    }
}
