//! The commented copy of every example opens in LibreOffice (converted to
//! PDF, headless) and in python-docx, which finds as many comments as the
//! terminal said were written.
//!
//! Skipped, with the reason printed, when the tools are not installed;
//! with `REPORTLINT_REQUIRE_TOOLS=1` (CI) a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;

use super::scratch::Scratch;

/// Opens a .docx with python-docx and counts reportlint's comments in the
/// part its comments relationship names (through the package, so that
/// Debian's python3-docx 0.8, which has no comments API, can do it too).
const COUNT_COMMENTS: &str = r#"
import sys, docx
from lxml import etree
document = docx.Document(sys.argv[1])
w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
count = 0
for relationship in document.part.rels.values():
    if relationship.reltype.endswith("/comments"):
        root = etree.fromstring(relationship.target_part.blob)
        count += len(root.findall("{%s}comment[@{%s}author='reportlint']" % (w, w)))
print(count)
"#;

fn available(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).output().is_ok_and(|output| output.status.success())
}

/// Whether to go on: the tools are there, or the test may be skipped.
fn tools_present() -> bool {
    let missing: Vec<&str> = [
        ("soffice", available("soffice", &["--version"])),
        ("python3-docx", available("python3", &["-c", "import docx"])),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(name, _)| name)
    .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var("REPORTLINT_REQUIRE_TOOLS").as_deref() != Ok("1"),
        "REPORTLINT_REQUIRE_TOOLS=1 but {} is not installed",
        missing.join(", ")
    );
    eprintln!("skipped: {} not installed", missing.join(", "));
    false
}

#[test]
fn every_commented_example_opens_in_libreoffice_and_python_docx() {
    if !tools_present() {
        return;
    }
    let scratch = Scratch::new("tools");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let output = cargo_bin_cmd!("reportlint")
        .args(["lint", "--format", "docx", "--output"])
        .arg(scratch.path().join("审核"))
        .arg(&examples)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // `已写出 PATH：N 条批注`, one line per example.
    let written: Vec<(PathBuf, usize)> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("已写出 "))
        .map(|line| {
            let (path, count) = line.rsplit_once('：').unwrap();
            (PathBuf::from(path), count.trim_end_matches(" 条批注").parse().unwrap())
        })
        .collect();
    let reports = std::fs::read_dir(&examples)
        .unwrap()
        .filter(|entry| {
            let path = entry.as_ref().unwrap().path();
            ["txt", "md", "docx"].contains(&path.extension().unwrap().to_str().unwrap())
        })
        .count();
    assert_eq!(written.len(), reports, "{stdout}");
    let profile = scratch.path().join("libreoffice-profile");
    let pdfs = scratch.path().join("pdf");
    for (docx, comments) in &written {
        assert!(*comments > 0, "{} has no comment", docx.display());
        let converted = Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&pdfs)
            .arg(docx)
            .env("HOME", scratch.path())
            .output()
            .unwrap();
        assert!(converted.status.success(), "soffice failed on {}: {converted:?}", docx.display());
        let pdf = pdfs.join(docx.with_extension("pdf").file_name().unwrap());
        assert!(
            std::fs::metadata(&pdf).is_ok_and(|metadata| metadata.len() > 0),
            "{} was not converted",
            docx.display()
        );
        let counted = Command::new("python3").args(["-c", COUNT_COMMENTS]).arg(docx).output().unwrap();
        assert!(counted.status.success(), "python-docx cannot open {}: {counted:?}", docx.display());
        assert_eq!(String::from_utf8_lossy(&counted.stdout).trim(), comments.to_string(), "{}", docx.display());
    }
}
