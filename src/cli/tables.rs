//! `reportlint tables FILE`: the pack author's microscope. Every table of a
//! report as the engine sees it, and for every copy of a form read from
//! one, the grid the engine rebuilt, which cell became which fact and what
//! it left unread.
//!
//! report → `view` (data: tables, rows, cells, readings, with spans and
//! line:column positions) → `human` (text) or JSON (the view as it stands).
//! Exit codes as `facts`: 0, or 2 when the file or the rules cannot be read.

mod human;
mod view;

use std::path::PathBuf;

use reportlint::terminal::escape;
use reportlint::{extract, report, source};

use super::output::{emit, linter};
use super::{EXIT_CLEAN, EXIT_UNREADABLE, Format, RuleArgs};

#[derive(Debug, clap::Args)]
pub struct TablesArgs {
    /// 要读取的报告
    #[arg(value_name = "路径")]
    path: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
    /// 输出格式：human（默认，供人阅读）或 json
    #[arg(long, value_enum, default_value = "human", value_name = "格式")]
    format: Format,
}

pub fn run(args: TablesArgs) -> u8 {
    let linter = match linter(&args.rules) {
        Ok(linter) => linter,
        Err(code) => return code,
    };
    let document = match source::load(&args.path) {
        Ok(document) => document,
        Err(error) => {
            eprintln!("错误：无法读取 {}：{error}", args.path.display());
            return EXIT_UNREADABLE;
        }
    };
    let Some((pack, _)) = linter.pack_for(&document.text) else { return EXIT_UNREADABLE };
    let report = report::parse(&document);
    let facts = extract::extract(pack, &report);
    let view = view::view(&document.name, &pack.id, &document.text, &report, &facts.forms, &facts.declined);
    match args.format {
        Format::Json => emit(&format!("{}\n", serde_json::to_string_pretty(&view).unwrap_or_default())),
        Format::Human => emit(&escape(&human::human(&view))),
    }
    EXIT_CLEAN
}
