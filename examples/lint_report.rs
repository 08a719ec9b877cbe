//! Lints one report with the embedded rules and prints each finding as
//! `rule line:column help`, the way an integrator would use the library.
//!
//! ```sh
//! cargo run --example lint_report -- examples/克拉玛依区-部门整体支出自评报告.txt
//! cargo run --example lint_report            # lints a short draft held in a string
//! ```

use std::path::Path;
use std::process::ExitCode;

use reportlint::finding::Finding;
use reportlint::lint::{FileOutcome, LintedFile, Linter};
use reportlint::span::LineIndex;

/// A draft of our own with one wrong rate: 150.00 ÷ 200.00 is 75.00%, not 90%.
const DRAFT: &str =
    "一、部门基本情况\n调整后全年预算数为 200.00 万元，全年实际支出资金 150.00 万元，预算执行率为 90%。\n";

fn main() -> ExitCode {
    let rules = match reportlint::rules::load_embedded() {
        Ok(rules) => rules,
        Err(errors) => {
            eprintln!("the embedded rules do not load: {errors}");
            return ExitCode::FAILURE;
        }
    };
    let linter = Linter::new(rules);
    let file = match std::env::args_os().nth(1) {
        // Any supported format; the pack is chosen from the report's text.
        Some(path) => match linter.lint_path(Path::new(&path)) {
            FileOutcome::Linted(file) => file,
            FileOutcome::Failed(failed) => {
                eprintln!("{}: {}", failed.path, failed.error);
                return ExitCode::FAILURE;
            }
        },
        None => match linter.lint_text("草稿.txt", DRAFT) {
            Ok(file) => file,
            Err(error) => {
                eprintln!("草稿.txt: {error}");
                return ExitCode::FAILURE;
            }
        },
    };
    print!("{}", describe(&file));
    ExitCode::SUCCESS
}

/// `path (pack): N findings`, then one line per finding.
pub fn describe(file: &LintedFile) -> String {
    let text = &file.document.text;
    let lines = LineIndex::new(text);
    let mut out = format!("{} ({}): {} findings\n", file.path, file.pack, file.findings.len());
    for finding in &file.findings {
        out.push_str(&line(finding, text, &lines));
        out.push('\n');
    }
    out
}

/// `budget-execution-rate 2:47 预算执行率应为 75.00%（150.00 ÷ 200.00），报告为 90%`;
/// a finding about the whole report has no position and shows `-`.
fn line(finding: &Finding, text: &str, lines: &LineIndex) -> String {
    let place = match &finding.primary {
        Some(label) => {
            let position = lines.position(text, label.span.start);
            format!("{}:{}", position.line, position.column)
        }
        None => "-".to_string(),
    };
    let help = finding.help.as_deref().unwrap_or(&finding.message);
    format!("{:<8} {:<32} {place:<7} {help}", finding.severity.as_str(), finding.rule)
}
