//! github: outcomes → GitHub Actions workflow commands, one line per finding,
//! which the runner turns into annotations on the files of a pull request.
//!
//! `::error file=P,line=L,col=C,endLine=L,endColumn=C,title=TITLE（RULE）::MESSAGE（HELP）`;
//! warnings are `::warning`, infos `::notice`. Positions are those of the JSON
//! output (1-based, columns in characters, the end exclusive). GitHub accepts
//! columns only when start and end share a line, so a span over several lines
//! gives lines only; a finding without a span gives the file only. An
//! unreadable file is an `::error` on the file. Values are escaped as the
//! runner unescapes them: `%`, CR and LF everywhere, `:` and `,` also in
//! properties, so that a report's text can never end or forge a command;
//! other control characters (ESC, OSC, bidirectional overrides) are written
//! as `\x1b`, as for a terminal (`crate::terminal`), since the commands are
//! read in a log viewer or a terminal too.

use std::fmt::Write;

use crate::finding::{Finding, Severity};
use crate::lint::FileOutcome;
use crate::render::diagnostic::heading;
use crate::span::LineIndex;

/// Renders every finding and unreadable file as one workflow command a line.
pub fn github(outcomes: &[FileOutcome]) -> String {
    outcomes.iter().map(github_file).collect()
}

/// One file's commands: what a streaming caller writes for it.
pub fn github_file(outcome: &FileOutcome) -> String {
    let mut out = String::new();
    match outcome {
        FileOutcome::Linted(file) => {
            let text = file.document.text.as_str();
            let lines = LineIndex::new(text);
            for finding in &file.findings {
                let position = finding
                    .primary
                    .as_ref()
                    .map(|label| (lines.position(text, label.span.start), lines.position(text, label.span.end)));
                let mut properties = format!("file={}", property(&file.path));
                // Writing to a String cannot fail.
                match position {
                    Some((start, end)) if start.line == end.line => {
                        let _ = write!(
                            properties,
                            ",line={},col={},endLine={},endColumn={}",
                            start.line, start.column, end.line, end.column
                        );
                    }
                    Some((start, end)) => {
                        let _ = write!(properties, ",line={},endLine={}", start.line, end.line);
                    }
                    None => {}
                }
                let _ = write!(properties, ",title={}", property(&heading(finding)));
                command(&mut out, command_name(finding.severity), &properties, &headline(finding));
            }
        }
        FileOutcome::Failed(file) => {
            let properties = format!("file={}", property(&file.path));
            command(&mut out, "error", &properties, &format!("无法读取：{}", file.error));
        }
    }
    out
}

fn command_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The message, with the help in brackets when there is one.
fn headline(finding: &Finding) -> String {
    match &finding.help {
        Some(help) => format!("{}（{help}）", finding.message),
        None => finding.message.clone(),
    }
}

fn command(out: &mut String, name: &str, properties: &str, message: &str) {
    let _ = writeln!(out, "::{name} {properties}::{}", data(message));
}

/// A command's message: what the runner would read as a line end or an
/// escape is escaped, and what a terminal would obey.
fn data(text: &str) -> String {
    let text = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    crate::terminal::escape(&text).into_owned()
}

/// A property value: also no `:` (ends the properties) nor `,` (the next one).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn one_command_per_finding_and_unreadable_file() {
        insta::assert_snapshot!(github(&fixture::outcomes()), @r"
        ::warning file=新城区-部门整体支出绩效自评报告.txt,title=报告应附绩效自评表（indicator-table-missing）::报告未附绩效自评表（在报告末尾附上自评表，列出每项指标的分值权重与得分）
        ::error file=新城区-部门整体支出绩效自评报告.txt,line=3,col=49,endLine=3,endColumn=53,title=预算执行率 = 全年实际支出 ÷ 全年预算数（budget-execution-rate）::资金执行率与全年预算、实际支出不符（应为 91.49%25（298.62 ÷ 326.40））
        ::notice file=新城区-部门整体支出绩效自评报告.txt,line=6,col=8,endLine=6,endColumn=12,title=培训场次应达到年度目标（training-count）::培训场次未达年度目标
        ::error file=旧档案.txt::无法读取：不是 UTF-8 或 GB18030 文本：字节偏移 17 处无法解码
        ");
    }

    #[test]
    fn escapes_what_would_end_or_forge_a_command() {
        assert_eq!(data("50%\r\n::warning::x"), "50%25%0D%0A::warning::x");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(data("\u{1b}]0;title\u{7}\u{202e}"), r"\x1b]0;title\x07\u{202e}");
    }
}
