//! Running the binary on hostile input: a scratch folder per test, a
//! watchdog on every run, and the checks every case shares.
//!
//! `lint(scratch, args)` runs `reportlint lint ARGS… --format json` inside
//! the scratch folder (so paths in the output are the short relative ones
//! the test wrote) and returns stdout, stderr and the exit code. A run that
//! is still going after [`WATCHDOG`] is killed and fails its test: a hang is
//! a bug. How long a run takes is never asserted; machines are noisy.

use std::path::Path;
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;

#[path = "../support/scratch.rs"]
mod scratch;
pub use scratch::Scratch;

/// Generous: the slowest case takes a few seconds on a debug build.
pub const WATCHDOG: Duration = Duration::from_secs(60);

/// What one run of the binary printed and returned.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    /// Stdout parsed as JSON; fails the test with the output if it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}):\n{}", self.brief()))
    }

    /// The one file of a single-file JSON run.
    pub fn only_file(&self) -> serde_json::Value {
        let document = self.json();
        let files = document["files"].as_array().expect("files is an array");
        assert_eq!(files.len(), 1, "{}", self.brief());
        files[0].clone()
    }

    /// Both streams, cut short: a hostile run may print megabytes.
    pub fn brief(&self) -> String {
        format!("exit {}\n--- stdout\n{}\n--- stderr\n{}", self.code, shorten(&self.stdout), shorten(&self.stderr))
    }

    /// Whether `needle` occurs in stdout or stderr.
    pub fn prints(&self, needle: &str) -> bool {
        self.stdout.contains(needle) || self.stderr.contains(needle)
    }

    /// The exit code is `code` and nothing panicked.
    pub fn assert_exit(&self, code: i32) {
        assert!(!self.stderr.contains("panicked"), "the binary panicked:\n{}", self.brief());
        assert_eq!(self.code, code, "{}", self.brief());
    }
}

fn shorten(text: &str) -> String {
    const KEEP: usize = 4000;
    match text.char_indices().nth(KEEP) {
        Some((at, _)) => format!("{}… ({} bytes in all)", &text[..at], text.len()),
        None => text.to_string(),
    }
}

/// `reportlint ARGS…` in `folder`, without colour, 100 columns wide, killed
/// after [`WATCHDOG`].
pub fn reportlint(folder: &Path, args: &[&str]) -> Run {
    let mut command = cargo_bin_cmd!("reportlint");
    command.args(args).current_dir(folder).env("NO_COLOR", "1").env("COLUMNS", "100").timeout(WATCHDOG);
    let output = command.output().expect("the reportlint binary runs");
    let code = output.status.code().unwrap_or_else(|| {
        panic!(
            "reportlint {args:?} was killed ({:?}): it ran past the {} s watchdog, or crashed",
            output.status,
            WATCHDOG.as_secs()
        )
    });
    Run {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code,
    }
}

/// `reportlint lint ARGS… --format json` in the scratch folder.
pub fn lint_json(scratch: &Scratch, args: &[&str]) -> Run {
    let mut all = vec!["lint"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    reportlint(scratch.path(), &all)
}

/// A single report that cannot be read: exit 2, its JSON entry carries an
/// error that contains `problem`, and the human output names the file.
pub fn assert_refused(scratch: &Scratch, file: &str, problem: &str) -> String {
    let run = lint_json(scratch, &[file]);
    run.assert_exit(2);
    let entry = run.only_file();
    assert_eq!(entry["path"], file, "{}", run.brief());
    assert!(entry["pack"].is_null(), "{}", run.brief());
    let error = entry["error"].as_str().unwrap_or_else(|| panic!("no error:\n{}", run.brief())).to_string();
    assert!(error.contains(problem), "the error says `{problem}`: {error}");

    let human = reportlint(scratch.path(), &["lint", file]);
    human.assert_exit(2);
    assert!(human.stdout.contains(&format!("无法读取 {file}")), "{}", human.brief());
    assert!(human.stdout.contains(problem), "{}", human.brief());
    error
}
