//! Embeds the rule packs of `rules/` into the binary: writes a Rust array
//! of `(pack folder, file path, text)` to OUT_DIR.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    // Read at run time: a build script compiled once may serve several
    // checkouts that share a target folder.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let mut entries = String::from("&[\n");
    let mut packs: Vec<_> =
        std::fs::read_dir("rules").map(|dir| dir.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    packs.sort();
    for pack in packs.iter().filter(|path| path.join("pack.yaml").is_file()) {
        let mut files: Vec<_> =
            std::fs::read_dir(pack).map(|dir| dir.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        files.sort();
        for file in files.iter().filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "yml")) {
            let folder = pack.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let absolute = Path::new(&manifest).join(file);
            let _ = writeln!(
                entries,
                "    ({folder:?}, {:?}, include_str!({:?})),",
                file.display().to_string(),
                absolute.display().to_string()
            );
        }
    }
    entries.push(']');
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    let _ = std::fs::write(Path::new(&out).join("embedded_rules.rs"), entries);
}
