//! Helpers that make the CLI tests read like a spec: `reportlint(&[...]).run()`
//! gives stdout, stderr and the exit code; `Scratch` is a fresh folder for
//! files a test writes (reports, rule packs).
//!
//! The binary runs from the crate root with NO_COLOR=1 and COLUMNS=100, so
//! paths in the output are relative and the rendering is the same on every
//! machine. A test that writes files runs the binary inside its scratch
//! folder instead, for the same reason.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use assert_cmd::cargo::cargo_bin_cmd;

#[path = "../support/scratch.rs"]
mod scratch;
pub use scratch::Scratch;

pub const KARAMAY: &str = "examples/克拉玛依区-部门整体支出自评报告.txt";
pub const URUMQI: &str = "examples/乌鲁木齐高新区-部门整体支出自评报告.txt";
pub const KARAMAY_MARKDOWN: &str = "examples/克拉玛依区-政务中心-自评报告.md";
pub const HEBEI: &str = "examples/石家庄高新区-党政办-自评报告.txt";
pub const GANSU: &str = "examples/临泽县-机关事务-评价报告.txt";
pub const EXAMPLES: [&str; 5] = [KARAMAY, URUMQI, KARAMAY_MARKDOWN, HEBEI, GANSU];
pub const CONSISTENT_KARAMAY: &str = "tests/fixtures/consistent-karamay.txt";
pub const CONSISTENT_URUMQI: &str = "tests/fixtures/consistent-urumqi.txt";
pub const PAGE_BREAKS: &str = "tests/fixtures/page-breaks.txt";

/// The crate root: the working directory of every run unless a test moves it.
pub fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

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
        serde_json::from_str(&self.stdout).unwrap_or_else(|error| panic!("stdout is not JSON ({error}):\n{self:?}"))
    }

    /// The last non-empty line of stdout.
    pub fn last_line(&self) -> &str {
        self.stdout.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or_default()
    }
}

/// `reportlint(args).run()`, run once per test binary and shared: several
/// tests read the same JSON document, and a debug build of the binary
/// takes most of a second to load the embedded rules.
pub fn cached(args: &[&'static str]) -> &'static Run {
    static RUNS: OnceLock<Mutex<HashMap<Vec<&'static str>, &'static Run>>> = OnceLock::new();
    let runs = RUNS.get_or_init(Mutex::default);
    if let Some(run) = runs.lock().expect("no test panicked while holding the cache").get(args) {
        return run;
    }
    // Run outside the lock so that tests waiting for other arguments go on;
    // two tests asking for the same arguments at once both run, and one wins.
    let run: &'static Run = Box::leak(Box::new(reportlint(args).run()));
    runs.lock().expect("no test panicked while holding the cache").entry(args.to_vec()).or_insert(run)
}

/// A prepared invocation; `run` executes it.
pub struct Invocation {
    command: assert_cmd::Command,
}

/// `reportlint ARGS…` from the crate root, without colour, 100 columns wide.
pub fn reportlint(args: &[&str]) -> Invocation {
    let mut command = cargo_bin_cmd!("reportlint");
    command.args(args).current_dir(crate_root()).env("NO_COLOR", "1").env("COLUMNS", "100");
    Invocation { command }
}

impl Invocation {
    /// Runs in `folder` instead of the crate root (for paths under a scratch folder).
    pub fn in_dir(mut self, folder: &Path) -> Self {
        self.command.current_dir(folder);
        self
    }

    pub fn run(mut self) -> Run {
        let output = self.command.output().expect("the reportlint binary runs");
        Run {
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
            // A signal has no code; -1 makes any assertion on the code fail loudly.
            code: output.status.code().unwrap_or(-1),
        }
    }
}

impl Scratch {
    /// Copies a file of the crate (path relative to the crate root) to `relative`.
    pub fn copy(&self, from: &str, relative: &str) -> PathBuf {
        self.write(relative, read(from))
    }
}

/// A file of the crate as bytes.
pub fn read(relative: &str) -> Vec<u8> {
    std::fs::read(crate_root().join(relative)).expect("crate file is readable")
}

/// A UTF-8 file of the crate as text.
pub fn read_text(relative: &str) -> String {
    String::from_utf8(read(relative)).expect("crate file is UTF-8")
}

/// `(rule, line, column, expected, actual)` of every finding of the first
/// file in a `--format json` document: what must not depend on encoding or path.
pub fn finding_keys(document: &serde_json::Value) -> Vec<String> {
    document["files"][0]["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|finding| {
            format!(
                "{} {}:{} expected {} actual {}",
                finding["rule"], finding["line"], finding["column"], finding["expected"], finding["actual"]
            )
        })
        .collect()
}
