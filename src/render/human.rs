//! human: outcomes → text for people, with miette's graphical handler.
//!
//! Per linted file: a header line with path and rule pack, then each finding
//! as a miette diagnostic (labels under the figures; miette measures Chinese
//! characters as two columns), or a line saying nothing was found. Per
//! unreadable file: one diagnostic line. Last: a summary line in Chinese.
//! Links and URLs are off, so the output is the same on every terminal and
//! in snapshots.

use std::fmt::Write;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use crate::lint::{FileOutcome, LintedFile};
use crate::render::diagnostic::{FailureDiagnostic, FindingDiagnostic};
use crate::render::source_text::ReportSource;
use crate::render::tally::Tally;

/// How `human` draws: ANSI colours or none, and the width messages wrap at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
    /// Also list the checks that did not apply, and why.
    pub verbose: bool,
}

/// Renders every outcome and the summary. The result ends with a newline.
pub fn human(outcomes: &[FileOutcome], options: &HumanOptions) -> String {
    let handler = handler(options);
    let mut out = String::new();
    for outcome in outcomes {
        match outcome {
            FileOutcome::Linted(file) => {
                render_linted(&handler, file, &mut out);
                if options.verbose {
                    render_skipped(file, &mut out);
                }
            }
            FileOutcome::Failed(file) => {
                render_diagnostic(&handler, &FailureDiagnostic { file }, &mut out);
            }
        }
    }
    out.push_str(&summary_line(&Tally::count(outcomes)));
    out
}

fn handler(options: &HumanOptions) -> GraphicalReportHandler {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme).with_links(false).with_urls(false).with_width(options.width)
}

fn render_linted(handler: &GraphicalReportHandler, file: &LintedFile, out: &mut String) {
    out.push_str(&format!("── {}（规则包 {}）\n\n", file.path, file.pack));
    if file.findings.is_empty() {
        out.push_str("  ✓ 未发现问题\n\n");
        return;
    }
    let source = ReportSource::new(&file.path, &file.document.text);
    for finding in &file.findings {
        render_diagnostic(handler, &FindingDiagnostic::new(finding, &source), out);
    }
}

/// The checks that did not apply: a rule author's view of what the
/// patterns failed to find.
fn render_skipped(file: &LintedFile, out: &mut String) {
    if file.skipped.is_empty() {
        return;
    }
    out.push_str(&format!("  未适用的检查（{} 条）：\n", file.skipped.len()));
    for skipped in &file.skipped {
        let kind = if skipped.rule_error { "规则错误" } else { "不适用" };
        out.push_str(&format!("    - {}：{kind}，{}\n", skipped.rule, skipped.reason));
    }
    out.push('\n');
}

/// One diagnostic and a blank line after it.
fn render_diagnostic(handler: &GraphicalReportHandler, diagnostic: &dyn Diagnostic, out: &mut String) {
    let mut rendered = String::new();
    if handler.render_report(&mut rendered, diagnostic).is_err() {
        // miette fails only when it cannot read a label's snippet; the
        // message must still reach the reader.
        rendered = format!("  × {diagnostic}\n");
    }
    out.push_str(&rendered);
    out.push('\n');
}

/// Finding counts are always shown, zeros included (a reviewer reads
/// "0 个错误" as the good news it is); unreadable files only when there are some.
fn summary_line(tally: &Tally) -> String {
    let mut line = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        line,
        "共检查 {} 个文件：{} 个错误，{} 个警告，{} 条提示",
        tally.files, tally.errors, tally.warnings, tally.infos
    );
    if tally.failed > 0 {
        let _ = write!(line, "；{} 个文件无法读取", tally.failed);
    }
    line.push_str("。\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    const PLAIN: HumanOptions = HumanOptions { color: false, width: 100, verbose: true };

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
        let coloured = human(&outcomes, &HumanOptions { color: true, width: 100, verbose: false });
        assert!(coloured.contains('\u{1b}'));
        assert!(!human(&outcomes, &PLAIN).contains('\u{1b}'));
    }

    #[test]
    fn summary_leaves_out_unreadable_files_when_there_are_none() {
        let tally = Tally { files: 2, errors: 0, warnings: 1, ..Tally::default() };
        assert_eq!(summary_line(&tally), "共检查 2 个文件：0 个错误，1 个警告，0 条提示。\n");
    }
}
