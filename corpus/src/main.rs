//! corpus: writes a synthetic report corpus to a folder.
//!
//! `corpus --count 1000 --bytes 20000 --seed 1 --out DIR [--faulty 500] [--forms 0]`
//! writes DIR/report-00000.txt … and DIR/manifest.json, then prints one
//! summary line. `--forms` is how many reports in a thousand carry a
//! 项目支出绩效自评表 (none by default, so a corpus is what it always was).

use std::path::PathBuf;
use std::process::ExitCode;

use reportlint_corpus::{Options, write};

const USAGE: &str =
    "usage: corpus --out DIR [--count N] [--bytes N] [--seed N] [--faulty PER_MILLE] [--forms PER_MILLE]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(arguments: Vec<String>) -> Result<String, String> {
    let mut options = Options { seed: 1, count: 100, target_bytes: 20_000, faulty_per_mille: 500, forms_per_mille: 0 };
    let mut out = None;
    let mut pairs = arguments.chunks(2);
    for pair in pairs.by_ref() {
        let [flag, value] = pair else {
            return Err(format!("`{}` needs a value", pair.first().map(String::as_str).unwrap_or_default()));
        };
        let number = || value.parse::<u64>().map_err(|_| format!("`{flag}` takes a number, not `{value}`"));
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(value)),
            "--count" => options.count = number()? as usize,
            "--bytes" => options.target_bytes = number()? as usize,
            "--seed" => options.seed = number()?,
            "--faulty" => options.faulty_per_mille = number()?.min(1000) as u32,
            "--forms" => options.forms_per_mille = number()?.min(1000) as u32,
            _ => return Err(format!("unknown option `{flag}`")),
        }
    }
    let out = out.ok_or("--out is required")?;
    let manifest = write(&out, &options).map_err(|error| format!("cannot write to {}: {error}", out.display()))?;
    let bytes: usize = manifest.files.iter().map(|file| file.bytes).sum();
    let errors: usize = manifest.files.iter().map(|file| file.injected.len()).sum();
    Ok(format!("{} reports, {bytes} bytes, {errors} injected errors → {}", manifest.files.len(), out.display()))
}
