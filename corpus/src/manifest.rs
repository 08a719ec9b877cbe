//! manifest: a generated corpus on disk.
//!
//! Input: a folder and [`Options`]. Output: one `.txt` file per report and
//! `manifest.json` listing, per file, its size, injected errors and form, so that
//! tools other than the Rust tests (benchmarks, scripts) can score a run.
//! Reports are written as they are generated; memory holds one at a time.

use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{FormSummary, Injected, Options, generate};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub options: Options,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestFile {
    pub name: String,
    pub bytes: usize,
    pub injected: Vec<Injected>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<FormSummary>,
}

/// Writes the corpus of `options` into `folder` (created if needed) and
/// returns its manifest, also written there as `manifest.json`.
pub fn write(folder: &Path, options: &Options) -> io::Result<Manifest> {
    fs::create_dir_all(folder)?;
    let mut files = Vec::with_capacity(options.count);
    for report in generate(options) {
        fs::write(folder.join(&report.name), &report.text)?;
        files.push(ManifestFile {
            name: report.name,
            bytes: report.text.len(),
            injected: report.injected,
            form: report.form,
        });
    }
    let manifest = Manifest { options: options.clone(), files };
    let json = serde_json::to_string_pretty(&manifest).map_err(io::Error::other)?;
    fs::write(folder.join("manifest.json"), json + "\n")?;
    Ok(manifest)
}
