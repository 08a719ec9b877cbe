//! `reportlint lint PATH...`: files and folders → rendered findings on
//! stdout or in `--output FILE`, an exit code.
//!
//! Folders are walked in sorted order, files are linted on `--jobs`
//! threads and come back in input order ([`Linter::lint_paths_with`]), so
//! the output is the same bytes whatever the number of threads.
//!
//! Streaming: on the worker thread, right after a file is linted, its
//! findings are recorded for `--write-baseline` (before filtering, so the
//! file holds every current finding), filtered by `--baseline` (a file it
//! has no entry for is counted as such; both baselines key a file by its
//! path relative to their own folder, [`Anchor`]), counted
//! into a per-file [`Tally`] and, for the formats that are a sequence of
//! files (human, JSON, GitHub), rendered; the document is dropped there.
//! The calling thread writes each part as soon as it and every earlier one
//! are done, merges the tallies and ends with the summary. Memory is the
//! rules plus a window of `4 × jobs` files, not the run. SARIF and the HTML
//! page are one document over the whole run whose beginning depends on
//! every file: for SARIF each file leaves a summary of its results
//! ([`SarifFile`]), and the log is written at the end; the page's report
//! sections are made in order on the calling thread and kept on disk
//! ([`spool`]) until the summary table and chart that stand before them
//! can be written.
//!
//! [`SarifFile`]: reportlint::render::SarifFile
//!
//! Files: an output that is one of the inputs is refused before anything
//! is read ([`overlap`]); what a folder walk passes over is reported at its
//! place in the output ([`walk`]), and folders that hold no report at all
//! are exit 2 with what they hold instead; every file is written whole or
//! not at all, and a failed write is exit 2 ([`sink`]).
//!
//! `--format docx` writes a commented copy of each report instead
//! ([`annotated`]): made on the worker thread, written by the calling
//! thread, one line per file on standard output, then the summary.
//!
//! [`Linter::lint_paths_with`]: reportlint::lint::Linter::lint_paths_with

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use reportlint::annotate::{Annotated, Options};
use reportlint::baseline::{Anchor, Applied, Baseline};
use reportlint::lint::FileOutcome;
use reportlint::render::{self, HtmlPage, HumanOptions, JsonStream, SarifFile, Tally};
use reportlint::source::{self, io_message};

use super::annotated::{self, Destination};
use super::output::{linter, use_color, width};
use super::overlap::{self, Files};
use super::sink::{self, Sink};
use super::spool::Spool;
use super::walk::{self, Inputs};
use super::{ColorChoice, EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE, RuleArgs};

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// 要检查的报告（.txt、.md、.csv、.docx、.xlsx、.pdf）或存放报告的文件夹
    #[arg(required = true, value_name = "路径")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// 输出格式：human（默认，供人阅读）、json、sarif、github（GitHub 工作流注释）、html（供审阅的网页）
    #[arg(long, value_enum, default_value = "human", value_name = "格式")]
    format: OutputFormat,
    /// 何时使用颜色：auto（默认，仅在终端上）、always、never
    #[arg(long, value_enum, default_value = "auto", value_name = "何时")]
    color: ColorChoice,
    /// 另外列出每份报告通过的检查、未适用的检查及原因
    #[arg(long, short)]
    verbose: bool,
    /// 同时检查的文件数（默认每个处理器一个，最多每个处理器 4 个）
    #[arg(long, short, value_name = "数量", value_parser = jobs)]
    jobs: Option<NonZeroUsize>,
    /// 把结果写入此文件，而不是标准输出
    #[arg(long, short, value_name = "文件")]
    output: Option<PathBuf>,
    /// 隐藏此基线文件记录的问题（按报告路径和指纹对应）
    #[arg(long, value_name = "文件")]
    baseline: Option<PathBuf>,
    /// 把当前的全部问题记入基线文件，供以后的 --baseline 使用
    #[arg(long, value_name = "文件")]
    write_baseline: Option<PathBuf>,
}

/// `--jobs N`: a count of threads, at least one.
fn jobs(text: &str) -> Result<NonZeroUsize, String> {
    text.parse::<NonZeroUsize>().map_err(|_| "须为 1 或更大的整数".to_owned())
}

/// How `lint` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// 供人阅读的诊断
    Human,
    /// README 所述的 JSON
    Json,
    /// SARIF 2.1.0，供代码扫描工具
    Sarif,
    /// GitHub Actions 的工作流注释
    Github,
    /// 供审阅人阅读的单页网页
    Html,
    /// 带批注的 Word 文档：每份报告一份，批注在出错的数字上（须配合 --output）
    Docx,
}

pub fn run(args: LintArgs) -> u8 {
    if args.format == OutputFormat::Docx && args.output.is_none() {
        // A zip is never written to a terminal.
        eprintln!("错误：--format docx 须用 --output 指定写到哪里：一份报告时是文件，多份报告或文件夹时是文件夹");
        eprintln!("用法：reportlint lint --format docx --output <文件或文件夹> <路径>...");
        eprintln!("查看全部选项：reportlint lint --help");
        return EXIT_UNREADABLE;
    }
    let files = Files {
        inputs: &args.paths,
        baseline: args.baseline.as_deref(),
        output: args.output.as_deref(),
        write_baseline: args.write_baseline.as_deref(),
    };
    let own = match overlap::check(&files) {
        Ok(own) => own,
        Err(message) => {
            eprintln!("错误：{message}");
            return EXIT_UNREADABLE;
        }
    };
    let linter = match linter(&args.rules) {
        Ok(linter) => linter,
        Err(code) => return code,
    };
    // Baseline keys are paths relative to the baseline file's folder.
    let cwd = std::env::current_dir().unwrap_or_default();
    let anchor = |file: &Path| Anchor::new(file, &cwd);
    let accepted = args.baseline.as_deref().map(|file| {
        let anchor = anchor(file);
        read_baseline(file, &anchor).map(|baseline| (baseline, anchor))
    });
    let accepted = match accepted.transpose() {
        Ok(accepted) => accepted,
        Err(code) => return code,
    };
    let recording = args.write_baseline.as_deref().map(anchor);
    let inputs = walk::expand(&args.paths, &own);
    if inputs.files.is_empty() && inputs.passed_over.is_empty() {
        // Only folders were named, and they hold no report: nothing would
        // be checked, which must not pass for a clean run.
        eprintln!("错误：{}", walk::nothing_found(&args.paths, &inputs));
        return EXIT_UNREADABLE;
    }
    let unsupported = inputs.unsupported_count();
    let Inputs { files, passed_over, .. } = inputs;
    let mut destination = match (args.format, &args.output) {
        (OutputFormat::Docx, Some(output)) => match Destination::new(output, &args.paths, &files) {
            Ok(destination) => Some(destination),
            Err(message) => {
                eprintln!("错误：{message}");
                return EXIT_UNREADABLE;
            }
        },
        _ => None,
    };
    // The commented copies go to --output; the terminal gets a line each.
    let text_output = args.output.as_deref().filter(|_| destination.is_none());
    let mut sink = match Sink::open(text_output) {
        Ok(sink) => sink,
        Err(code) => return code,
    };
    let mut page = match args.format {
        OutputFormat::Html => match Spool::new() {
            Ok(spool) => Some((HtmlPage::default(), spool)),
            Err(error) => {
                eprintln!("错误：无法创建临时文件：{}", io_message(&error));
                return EXIT_UNREADABLE;
            }
        },
        _ => None,
    };
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN));
    let color = match (text_output, args.color) {
        // `auto` asks whether stdout is a terminal; a file is not one.
        (Some(_), ColorChoice::Auto) => false,
        (_, choice) => use_color(choice),
    };
    let options = HumanOptions { color, width: width(), verbose: args.verbose, hidden: 0 };
    let comments = Options { include_info: args.verbose };
    let json_options = render::JsonOptions { verbose: args.verbose };
    let prepare = |mut outcome: FileOutcome| {
        let mut recorded = Baseline::default();
        if let (Some(anchor), FileOutcome::Linted(file)) = (&recording, &outcome) {
            recorded.record(anchor.key(&file.path), &outcome);
        }
        let mut tally = Tally::default();
        if let (Some((accepted, anchor)), FileOutcome::Linted(file)) = (&accepted, &outcome) {
            let path = file.path.clone();
            match accepted.apply(&anchor.key(&path), &mut outcome) {
                Applied::Hidden(count) => tally.hidden = count,
                Applied::NoEntry => tally.not_in_baseline.push(path),
            }
        }
        tally.add(&outcome);
        let output = match args.format {
            OutputFormat::Human => Rendered::Text(render::human_file(&outcome, &options)),
            OutputFormat::Json => Rendered::Text(render::json_file(&outcome, &json_options)),
            OutputFormat::Github => Rendered::Text(render::github_file(&outcome)),
            OutputFormat::Sarif => Rendered::Sarif(render::sarif_file(&outcome)),
            OutputFormat::Html => Rendered::Kept(Box::new(outcome)),
            OutputFormat::Docx => match &outcome {
                FileOutcome::Linted(file) => {
                    Rendered::Annotated(file.path.clone(), Box::new(annotated::comment(file, &comments)))
                }
                FileOutcome::Failed(_) => Rendered::Text(render::human_file(&outcome, &options)),
            },
        };
        Part { recorded, tally, output }
    };
    let (mut tally, mut recorded, mut stream, mut sarif) =
        (Tally::default(), Baseline::default(), JsonStream::default(), Vec::new());
    let mut unwritten = 0_usize;
    let mut take = |part: Part| {
        match part.output {
            Rendered::Text(text) if args.format == OutputFormat::Json => sink.write(&stream.push(&text)),
            Rendered::Text(text) => sink.write(&text),
            Rendered::Sarif(file) => sarif.push(file),
            Rendered::Kept(outcome) => {
                if let Some((page, spool)) = &mut page {
                    spool.write(&page.section(&outcome));
                }
            }
            Rendered::Annotated(path, made) => {
                let written = (*made).and_then(|annotated| {
                    let destination = destination.as_mut().ok_or_else(String::new)?;
                    let target = destination.write(&path, &annotated)?;
                    Ok((target, annotated.comments))
                });
                match written {
                    Ok((target, count)) => sink.write(&format!("已写出 {}：{count} 条批注\n", target.display())),
                    Err(message) => {
                        eprintln!("错误：{path}：无法写出带批注的副本：{message}");
                        unwritten = unwritten.saturating_add(1);
                    }
                }
            }
        }
        tally.merge(part.tally);
        recorded.files.extend(part.recorded.files);
    };
    // What the walk passed over goes out at its place among the files.
    let mut passed_over = passed_over.into_iter().peekable();
    let mut linted = 0_usize;
    linter.lint_paths_with(&files, jobs, prepare, |part| {
        while let Some((_, failed)) = passed_over.next_if(|(before, _)| *before <= linted) {
            take(prepare(FileOutcome::Failed(failed)));
        }
        take(part);
        linted = linted.saturating_add(1);
    });
    passed_over.for_each(|(_, failed)| take(prepare(FileOutcome::Failed(failed))));
    tally.unsupported = unsupported;
    match args.format {
        OutputFormat::Human | OutputFormat::Docx => sink.write(&render::human_summary(&tally)),
        OutputFormat::Json => sink.write(&stream.finish(&tally)),
        OutputFormat::Github => {}
        OutputFormat::Sarif => sink.write(&render::sarif_log(sarif, linter.rules())),
        OutputFormat::Html => {
            if let Some((mut page, spool)) = page {
                page.count_run(&tally);
                sink.write(&page.head());
                if let Err(error) = spool.copy_into(&mut sink) {
                    eprintln!("错误：无法写入临时文件：{}", io_message(&error));
                    return EXIT_UNREADABLE;
                }
                sink.write(&HtmlPage::tail());
            }
        }
    }
    if let Err(code) = sink.close() {
        return code;
    }
    if let Some(path) = &args.write_baseline {
        if let Err(error) = sink::replace(path, recorded.to_json().as_bytes()) {
            eprintln!("错误：无法写入基线文件 {}：{}", path.display(), io_message(&error));
            return EXIT_UNREADABLE;
        }
        eprintln!("已将 {} 个文件的 {} 条问题写入基线文件 {}。", recorded.files.len(), recorded.len(), path.display());
    }
    if unwritten > 0 {
        return EXIT_UNREADABLE;
    }
    exit_code(&tally)
}

/// One file's share of the run, made on the worker thread.
struct Part {
    recorded: Baseline,
    tally: Tally,
    output: Rendered,
}

/// A file's output, its summary for SARIF, or the file itself for the
/// HTML page, whose sections are numbered in input order.
enum Rendered {
    Text(String),
    Sarif(SarifFile),
    Kept(Box<FileOutcome>),
    /// `--format docx`: the report's path and its commented copy.
    Annotated(String, Box<Result<Annotated, String>>),
}

/// The baseline at `path`, or exit code 2 after saying why not. Only a
/// regular file of at most [`MAX_BYTES`](reportlint::baseline::MAX_BYTES)
/// is read.
fn read_baseline(path: &Path, anchor: &Anchor) -> Result<Baseline, u8> {
    let bytes = source::read_regular(path, reportlint::baseline::MAX_BYTES).map_err(|error| {
        eprintln!("错误：无法读取基线文件 {}：{error}", path.display());
        EXIT_UNREADABLE
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        eprintln!("错误：{}：不是有效的基线文件：不是 UTF-8 文本", path.display());
        EXIT_UNREADABLE
    })?;
    Baseline::parse(&text, anchor).map_err(|error| {
        eprintln!("错误：{}：{error}", path.display());
        EXIT_UNREADABLE
    })
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
