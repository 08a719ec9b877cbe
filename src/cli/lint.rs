//! `reportlint lint PATH...`: files and folders → rendered findings on
//! stdout or in `--output FILE`, an exit code.
//!
//! Folders are walked in sorted order, files are linted on `--jobs`
//! threads and come back in input order ([`Linter::lint_paths_with`]), so
//! the output is the same bytes whatever the number of threads.
//!
//! Streaming: on the worker thread, right after a file is linted, its
//! findings are recorded for `--write-baseline` (before filtering, so the
//! file holds every current finding), filtered by `--baseline`, counted
//! into a per-file [`Tally`] and, for the formats that are a sequence of
//! files (human, JSON, GitHub), rendered; the document is dropped there.
//! The calling thread writes each part as soon as it and every earlier one
//! are done, merges the tallies and ends with the summary. Memory is the
//! rules plus a window of `4 × jobs` files, not the run. SARIF and the HTML
//! page are one document over the whole run (the page embeds every report),
//! so for them the outcomes are kept until the end.
//!
//! [`Linter::lint_paths_with`]: reportlint::lint::Linter::lint_paths_with

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufWriter, Write as _};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use reportlint::baseline::{self, Baseline};
use reportlint::lint::FileOutcome;
use reportlint::render::{self, HumanOptions, JsonStream, Tally};
use reportlint::source::{self, SourceError};

use super::output::{emit, linter, use_color, width};
use super::{ColorChoice, EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE, RuleArgs};

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Report files (.txt, .md, .docx, .xlsx, .pdf) or folders of them.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Also list the checks that did not apply to each report, and why.
    #[arg(long, short)]
    verbose: bool,
    /// Lint this many files at once (default: one per processor; at most 4 per processor).
    #[arg(long, short, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Hide the findings recorded in this baseline file (same path, same fingerprint).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every current finding in FILE, to be used later with --baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

/// Report files a folder holds, sorted so output order never depends on
/// the file system.
/// How `lint` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// miette diagnostics for people.
    Human,
    /// The JSON contract (README).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// One self-contained HTML page for a reviewer.
    Html,
}

const REPORT_EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "docx", "xlsx", "pdf"];

pub fn run(args: LintArgs) -> u8 {
    let linter = match linter(&args.rules) {
        Ok(linter) => linter,
        Err(code) => return code,
    };
    let accepted = match args.baseline.as_deref().map(read_baseline).transpose() {
        Ok(accepted) => accepted,
        Err(code) => return code,
    };
    let mut sink = match Sink::open(args.output.as_deref()) {
        Ok(sink) => sink,
        Err(code) => return code,
    };
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN));
    let color = match (&args.output, args.color) {
        // `auto` asks whether stdout is a terminal; a file is not one.
        (Some(_), ColorChoice::Auto) => false,
        (_, choice) => use_color(choice),
    };
    let options = HumanOptions { color, width: width(), verbose: args.verbose, hidden: 0 };
    let recording = args.write_baseline.is_some();
    let prepare = |mut outcome: FileOutcome| {
        let mut recorded = Baseline::default();
        if recording {
            recorded.record(&outcome);
        }
        let mut tally = Tally::default();
        if let Some(accepted) = &accepted {
            tally.hidden = baseline::filter(accepted, std::slice::from_mut(&mut outcome));
        }
        tally.add(&outcome);
        let output = match args.format {
            OutputFormat::Human => Rendered::Text(render::human_file(&outcome, &options)),
            OutputFormat::Json => Rendered::Text(render::json_file(&outcome)),
            OutputFormat::Github => Rendered::Text(render::github_file(&outcome)),
            OutputFormat::Sarif | OutputFormat::Html => Rendered::Kept(Box::new(outcome)),
        };
        Part { recorded, tally, output }
    };
    let (mut tally, mut recorded, mut stream, mut kept) =
        (Tally::default(), Baseline::default(), JsonStream::default(), Vec::new());
    linter.lint_paths_with(&expand(&args.paths), jobs, prepare, |part| {
        match part.output {
            Rendered::Text(text) if args.format == OutputFormat::Json => sink.write(&stream.push(&text)),
            Rendered::Text(text) => sink.write(&text),
            Rendered::Kept(outcome) => kept.push(*outcome),
        }
        tally.merge(part.tally);
        recorded.files.extend(part.recorded.files);
    });
    match args.format {
        OutputFormat::Human => sink.write(&render::human_summary(&tally)),
        OutputFormat::Json => sink.write(&stream.finish(&tally)),
        OutputFormat::Github => {}
        OutputFormat::Sarif => sink.write(&render::sarif(&kept, linter.rules())),
        OutputFormat::Html => sink.write(&render::html(&kept)),
    }
    if let Err(code) = sink.close() {
        return code;
    }
    if let Some(path) = &args.write_baseline {
        if let Err(error) = fs::write(path, recorded.to_json()) {
            eprintln!("错误：无法写入基线文件 {}：{error}", path.display());
            return EXIT_UNREADABLE;
        }
        eprintln!("已将 {} 条问题写入基线文件 {}。", recorded.len(), path.display());
    }
    exit_code(&tally)
}

/// One file's share of the run, made on the worker thread.
struct Part {
    recorded: Baseline,
    tally: Tally,
    output: Rendered,
}

/// A file's output, or the file itself for the whole-run formats.
enum Rendered {
    Text(String),
    Kept(Box<FileOutcome>),
}

/// Standard output or `--output FILE`. Write errors are kept, not fatal,
/// until the end: a closed pipe means the reader has what it wanted; a full
/// disk is reported once.
struct Sink {
    file: Option<(PathBuf, BufWriter<fs::File>)>,
    error: Option<std::io::Error>,
}

impl Sink {
    fn open(path: Option<&Path>) -> Result<Self, u8> {
        let Some(path) = path else { return Ok(Sink { file: None, error: None }) };
        match fs::File::create(path) {
            Ok(file) => Ok(Sink { file: Some((path.to_path_buf(), BufWriter::new(file))), error: None }),
            Err(error) => {
                eprintln!("错误：无法写入 {}：{error}", path.display());
                Err(EXIT_UNREADABLE)
            }
        }
    }

    fn write(&mut self, text: &str) {
        match &mut self.file {
            None => emit(text),
            Some((_, file)) if self.error.is_none() => self.error = file.write_all(text.as_bytes()).err(),
            Some(_) => {}
        }
    }

    fn close(self) -> Result<(), u8> {
        let Some((path, mut file)) = self.file else { return Ok(()) };
        match self.error.map_or_else(|| file.flush(), Err) {
            Ok(()) => Ok(()),
            Err(error) => {
                eprintln!("错误：无法写入 {}：{error}", path.display());
                Err(EXIT_UNREADABLE)
            }
        }
    }
}

/// The baseline at `path`, or exit code 2 after saying why not. Only a
/// regular file of at most [`baseline::MAX_BYTES`] is read.
fn read_baseline(path: &Path) -> Result<Baseline, u8> {
    let bytes = source::read_regular(path, baseline::MAX_BYTES).map_err(|error| {
        match error {
            SourceError::Io { source, .. } => eprintln!("错误：无法读取基线文件 {}：{source}", path.display()),
            error => eprintln!("错误：无法读取基线文件 {}：{error}", path.display()),
        }
        EXIT_UNREADABLE
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        eprintln!("错误：{}：不是有效的基线文件：不是 UTF-8 文本", path.display());
        EXIT_UNREADABLE
    })?;
    Baseline::parse(&text).map_err(|error| {
        eprintln!("错误：{}：{error}", path.display());
        EXIT_UNREADABLE
    })
}

fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, 0, &mut BTreeSet::new());
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Deepest folder level searched under a folder argument. Report trees are
/// a few levels deep; the cap bounds the recursion whatever the file system
/// holds.
const MAX_FOLDER_DEPTH: usize = 32;

/// Report files under `folder`, sorted per folder. A folder reached twice
/// (a symbolic link to a parent makes an endless tree) is read once.
fn walk(folder: &Path, files: &mut Vec<PathBuf>, depth: usize, seen: &mut BTreeSet<PathBuf>) {
    if depth > MAX_FOLDER_DEPTH {
        return;
    }
    if let Ok(canonical) = fs::canonicalize(folder) {
        if !seen.insert(canonical) {
            return;
        }
    }
    let Ok(entries) = fs::read_dir(folder) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, files, depth.saturating_add(1), seen);
        } else if path
            .extension()
            .and_then(|extension| extension.to_str())
            .is_some_and(|extension| REPORT_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()))
        {
            files.push(path);
        }
    }
}

fn exit_code(tally: &Tally) -> u8 {
    if tally.failed > 0 {
        EXIT_UNREADABLE
    } else if tally.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::collections::BTreeSet;
    use std::fs;

    use super::walk;

    #[test]
    fn a_link_back_to_a_parent_folder_is_read_once() {
        let root = std::env::temp_dir().join(format!("reportlint-walk-{}", std::process::id()));
        let inner = root.join("二级");
        fs::create_dir_all(&inner).unwrap();
        fs::write(inner.join("报告.txt"), "一、概况").unwrap();
        std::os::unix::fs::symlink(&root, inner.join("回到上级")).unwrap();
        let mut files = Vec::new();
        walk(&root, &mut files, 0, &mut BTreeSet::new());
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(files, vec![inner.join("报告.txt")]);
    }
}
