//! `reportlint lint PATH...`

use std::path::{Path, PathBuf};

use reportlint::finding::Severity;
use reportlint::lint::FileOutcome;
use reportlint::render::{self, HumanOptions};

use super::output::{emit, linter, use_color, width};
use super::{ColorChoice, EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE, Format, RuleArgs};

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Report files (.txt, .md) or folders of them.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Also list the checks that did not apply to each report, and why.
    #[arg(long, short)]
    verbose: bool,
}

/// Report files a folder holds, sorted so output order never depends on
/// the file system.
const REPORT_EXTENSIONS: [&str; 3] = ["txt", "md", "markdown"];

pub fn run(args: LintArgs) -> u8 {
    let linter = match linter(&args.rules) {
        Ok(linter) => linter,
        Err(code) => return code,
    };
    let outcomes: Vec<FileOutcome> = expand(&args.paths).iter().map(|path| linter.lint_path(path)).collect();
    let text = match args.format {
        Format::Human => render::human(
            &outcomes,
            &HumanOptions { color: use_color(args.color), width: width(), verbose: args.verbose },
        ),
        Format::Json => render::json(&outcomes),
    };
    emit(&text);
    exit_code(&outcomes)
}

fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    files
}

fn walk(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| REPORT_EXTENSIONS.contains(&e)) {
            files.push(path);
        }
    }
}

fn exit_code(outcomes: &[FileOutcome]) -> u8 {
    let unreadable = outcomes.iter().any(|outcome| matches!(outcome, FileOutcome::Failed(_)));
    let errors = outcomes.iter().any(|outcome| match outcome {
        FileOutcome::Linted(file) => file.findings.iter().any(|finding| finding.severity == Severity::Error),
        FileOutcome::Failed(_) => false,
    });
    if unreadable {
        EXIT_UNREADABLE
    } else if errors {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
