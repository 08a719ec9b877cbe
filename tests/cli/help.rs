//! `--help` of every command and the errors of the command line speak
//! Chinese: clap's own words (`Usage:`, `Options:`, `unexpected argument`)
//! included. Every subcommand is found from the `命令：` list of its parent,
//! so a command added later is checked without being named here.

use crate::common::{Run, reportlint};

/// The Latin words a Chinese help or error may hold besides flags
/// (`--help`, `-j`), paths (`pack.yaml`) and what the user typed: the
/// program and its commands, format names, values an option takes, and ids
/// given as examples. A new command's name goes here.
const ALLOWED: &[&str] = &[
    // the program and its commands, typed as they are
    "reportlint",
    "lint",
    "facts",
    "tables",
    "rules",
    "explain",
    "help",
    "check",
    "test",
    "list",
    "show",
    "new",
    "schema",
    "serve",
    // the configuration file and its keys
    "reportlint.toml",
    "pack",
    // format names
    "txt",
    "md",
    "markdown",
    "csv",
    "docx",
    "xlsx",
    "pdf",
    "doc",
    "wps",
    "et",
    "xls",
    "YAML",
    "JSON Schema",
    "Schema",
    "json",
    "JSON",
    "sarif",
    "SARIF",
    "html",
    "HTML",
    "human",
    "github",
    "GitHub",
    "UTF-8",
    // values of --color
    "auto",
    "always",
    "never",
    // ids named as examples
    "national",
    "budget-execution-rate",
    "hunan-changsha",
];

/// Latin words of `text` that are no flag, path or allowed word, nor one
/// of `typed` (the arguments of the run).
fn foreign_words<'a>(text: &'a str, typed: &[&str]) -> Vec<&'a str> {
    text.split(|character: char| !(character.is_ascii_alphanumeric() || "-_./".contains(character)))
        .filter(|word| word.chars().any(|character| character.is_ascii_alphabetic()))
        .map(|word| word.trim_end_matches('.'))
        .filter(|word| !word.starts_with('-') && !word.contains('/') && !word.ends_with(".yaml"))
        .filter(|word| !ALLOWED.contains(&word.trim_start_matches('.')))
        .filter(|word| !typed.iter().any(|typed| typed.split('=').any(|part| part.trim_start_matches('-') == *word)))
        .collect()
}

fn assert_chinese(run: &Run, typed: &[&str]) {
    let text = format!("{}{}", run.stdout, run.stderr);
    let foreign = foreign_words(&text, typed);
    assert!(foreign.is_empty(), "`reportlint {}` wrote Latin words {foreign:?}:\n{text}", typed.join(" "));
}

/// The subcommands a help text lists under `命令：`.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| *line != "命令：")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn every_help_is_chinese() {
    let mut pending = vec![Vec::<String>::new()];
    let mut seen = 0;
    while let Some(path) = pending.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let run = reportlint(&args).run();
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}: {run:?}");
        assert!(run.stdout.contains("用法：reportlint") && run.stdout.contains("选项：\n"), "{args:?}: {run:?}");
        assert_chinese(&run, &args);
        // `help PATH` prints the same text.
        let help: Vec<&str> = std::iter::once("help").chain(path.iter().map(String::as_str)).collect();
        assert_eq!(reportlint(&help).run().stdout, run.stdout, "{help:?}");
        for sub in subcommands(&run.stdout) {
            if sub != "help" {
                pending.push(path.iter().cloned().chain([sub]).collect());
            }
        }
        seen += 1;
    }
    // reportlint, lint, facts, tables, rules and its four, explain at least.
    assert!(seen >= 10, "{seen} helps");
}

#[test]
fn lint_help() {
    let run = reportlint(&["lint", "--help"]).run();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn the_version_is_printed() {
    let run = reportlint(&["--version"]).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, concat!("reportlint ", env!("CARGO_PKG_VERSION"), "\n")));
}

/// Each kind of command-line mistake: one Chinese sentence naming the
/// argument, the usage of the command, where help is; exit code 2.
#[test]
fn command_line_errors_are_chinese() {
    let cases: &[(&[&str], &str)] = &[
        (&["lint", "--verbos", "a.txt"], "错误：不认识的选项 --verbos\n提示：您是否想写 --verbose？\n"),
        (&["lint", "--pack"], "错误：--pack <规则包> 后面缺少值\n"),
        (
            &["lint", "--format", "xml", "a.txt"],
            "错误：--format <格式> 的值“xml”无效，可选的值：human、json、sarif、github、html、docx\n",
        ),
        (&["lint"], "错误：缺少必需的参数 <路径>...\n"),
        (&["lnt", "a.txt"], "错误：没有子命令 lnt\n提示：您是否想写 lint？\n"),
        (&["lint", "--jobs", "0", "a.txt"], "错误：--jobs <数量> 的值“0”无效：须为 1 或更大的整数\n"),
        (&["facts", "a.txt", "b.txt"], "错误：多余的参数 b.txt：此命令不需要它\n"),
        (&["lint", "--format", "json", "--format", "html", "a.txt"], "错误：选项 --format <格式> 只能用一次\n"),
        (&["rules", "show"], "错误：缺少必需的参数 <规则包>\n"),
    ];
    for (args, start) in cases {
        let run = reportlint(args).run();
        assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{args:?}: {run:?}");
        assert!(run.stderr.starts_with(start), "{args:?}:\n{}", run.stderr);
        assert!(
            run.stderr.contains("\n用法：reportlint") && run.stderr.contains(" --help\n"),
            "{args:?}:\n{}",
            run.stderr
        );
        assert_chinese(&run, args);
    }
}

#[test]
fn an_unknown_subcommand_of_help_is_named() {
    let run = reportlint(&["help", "rules", "tset"]).run();
    assert_eq!((run.code, run.stderr.as_str()), (2, "错误：没有子命令 tset\n查看全部命令：reportlint --help\n"));
}

#[test]
fn a_command_without_its_subcommand_shows_its_help() {
    let run = reportlint(&["rules"]).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("规则包："), "{}", run.stderr);
    assert_chinese(&run, &["rules"]);
}

#[test]
fn the_word_check_catches_english() {
    assert_eq!(foreign_words("Usage: reportlint lint [OPTIONS] <PATH>", &[]), ["Usage", "OPTIONS", "PATH"]);
    assert_eq!(
        foreign_words("error: unexpected argument '--bogus' found", &["--bogus"]),
        ["error", "unexpected", "argument", "found"]
    );
    assert_eq!(foreign_words("--format <格式>  human、json（.docx, rules/x.yaml）", &[]), Vec::<&str>::new());
    assert_eq!(foreign_words("没有子命令 lnt", &["lnt"]), Vec::<&str>::new());
}

/// What a rule diagnostic may say in Latin letters besides the words of
/// [`ALLOWED`]: the kinds and message
/// placeholders a rule file writes, and the pack ids of the tests.
const DIAGNOSTIC_WORDS: &[&str] = &[
    "id",
    "money",
    "ratio",
    "score",
    "count",
    "number",
    "text",
    "actual",
    "expected",
    "item",
    "label",
    "computation",
    "sample",
    "child",
    "base",
    "folders",
    // `xinjiang-urumqi` wrapped at the terminal's width
    "urumqi",
];

/// Every rule-file and configuration diagnostic the tests snapshot speaks
/// Chinese; the lines of the rule file it quotes (after `│`) and names in
/// backticks are the author's own text and are not read.
#[test]
fn every_rule_diagnostic_is_chinese() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/snapshots");
    let mut read = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("cli__rule_mistakes__") || name.starts_with("cli__config__")) {
            continue;
        }
        read += 1;
        let snapshot = std::fs::read_to_string(&path).unwrap();
        let body = snapshot.splitn(3, "---").nth(2).unwrap_or_default();
        let said: String = body
            .lines()
            .filter(|line| !line.contains('│') && !line.contains('┆'))
            // The diagnostic's code (`rules::unknown-fact`), on a line of its own.
            .filter(|line| !line.contains("::") || line.trim().contains(' '))
            .map(|line| line.split('`').step_by(2).collect::<String>() + "\n")
            .collect();
        // Ids, codes and paths hold `-`, `.` or `/`; words do not.
        let foreign: Vec<&str> =
            foreign_words(&said, DIAGNOSTIC_WORDS).into_iter().filter(|word| !word.contains(['-', '.', '/'])).collect();
        assert!(foreign.is_empty(), "{name} holds Latin words {foreign:?}:\n{said}");
    }
    assert!(read >= 20, "only {read} diagnostic snapshots found");
}
