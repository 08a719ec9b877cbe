//! Embeds the rule packs of `rules/` into the binary: writes a Rust array of
//! `(pack folder, file path, text, stored form)` to OUT_DIR.
//!
//! The stored form is the file parsed here, once, and written as
//! MessagePack with every value's position (`src/rules/spanned.rs`):
//! loading the embedded packs decodes it instead of parsing YAML. A file
//! that does not parse gets no stored form; loading parses its text and
//! reports the mistake as for any rule file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[allow(dead_code, reason = "shared with the crate, which uses all of it")]
#[path = "src/rules/spanned.rs"]
mod spanned;

#[allow(dead_code, reason = "shared with the crate, which uses all of it")]
#[path = "src/rules/raw.rs"]
mod raw;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/rules/raw.rs");
    println!("cargo::rerun-if-changed=src/rules/spanned.rs");
    // Read at run time: a build script compiled once may serve several
    // checkouts that share a target folder.
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let mut entries = String::from("&[\n");
    for (index, (folder, file)) in rule_files().iter().enumerate() {
        let absolute = manifest.join(file);
        let stored = std::fs::read_to_string(&absolute)
            .ok()
            .and_then(|text| raw::parse(&text).ok())
            .and_then(|parsed| rmp_serde::to_vec(&parsed).ok())
            .and_then(|bytes| {
                let path = out.join(format!("rule-{index}.msgpack"));
                std::fs::write(&path, bytes).ok().map(|()| path)
            });
        let stored = match stored {
            Some(path) => format!("Some(include_bytes!({:?}))", path.display().to_string()),
            None => "None".to_string(),
        };
        let _ = writeln!(
            entries,
            "    ({folder:?}, {:?}, include_str!({:?}), {stored}),",
            file.display().to_string(),
            absolute.display().to_string()
        );
    }
    entries.push(']');
    let _ = std::fs::write(out.join("embedded_rules.rs"), entries);
}

/// `(pack folder, relative path)` of every YAML file of every pack, sorted.
fn rule_files() -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for pack in sorted(Path::new("rules")).iter().filter(|path| path.join("pack.yaml").is_file()) {
        let folder = pack.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        for file in sorted(pack).into_iter().filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        {
            files.push((folder.clone(), file));
        }
    }
    files
}

fn sorted(folder: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<_> =
        std::fs::read_dir(folder).map(|dir| dir.flatten().map(|entry| entry.path()).collect()).unwrap_or_default();
    paths.sort();
    paths
}
