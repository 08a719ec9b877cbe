//! The upload page as a colleague uses it, in Debian's headless Chromium:
//! open the page, choose a Word report in the file dialog, press 开始检查,
//! see each finding highlighted on its figure in the reviewer page, and
//! download the commented copy, which holds one comment per finding.

use std::io::Read;
use std::path::Path;

use super::chromium::chromium;
use super::devtools::{Chromium, downloaded};
use super::scratch::Scratch;
use super::server::Server;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/青禾县-农田水利维护-项目自评报告.docx");

#[test]
fn a_word_report_uploaded_in_the_browser_comes_back_highlighted_and_as_a_commented_copy() {
    let Some(executable) = chromium() else { return };
    let scratch = Scratch::new("browser-upload");
    let (profile, downloads) = (scratch.path().join("profile"), scratch.path().join("downloads"));
    std::fs::create_dir_all(&profile).unwrap();
    std::fs::create_dir_all(&downloads).unwrap();
    // What the page must show: the findings `lint` gives for the same file.
    let expected = expected_findings();
    assert!(expected >= 2, "the example has findings to show");

    let server = Server::start(&[]);
    let mut browser = Chromium::launch(&executable, &profile, &downloads);
    let mut page = browser.open(&server.url("/"));
    page.wait_for("document.readyState === 'complete' && document.getElementById('file')");
    page.choose_files("#file", &[Path::new(EXAMPLE)]);
    page.wait_for("document.getElementById('chosen').textContent.includes('青禾县')");
    keep_screenshot(&mut page, "serve-upload-page.png");
    page.click("#submit");
    let verdict = page.wait_for(
        "document.getElementById('reportlint-selfcheck') && document.getElementById('reportlint-selfcheck').textContent",
    );
    let verdict: serde_json::Value = serde_json::from_str(verdict.as_str().unwrap()).unwrap();
    keep_screenshot(&mut page, "serve-reviewer-page.png");
    assert_eq!(verdict["marks"].as_u64(), Some(expected), "{verdict}");
    assert_eq!(verdict["ok"].as_u64(), Some(expected), "highlights not on their figures: {verdict}");

    page.click("a[download]");
    let file = downloaded(&downloads);
    assert_eq!(file.file_name().unwrap().to_str().unwrap(), "青禾县-农田水利维护-项目自评报告-审核.docx");
    let bytes = std::fs::read(&file).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut comments = String::new();
    archive.by_name("word/comments.xml").unwrap().read_to_string(&mut comments).unwrap();
    assert_eq!(comments.matches(r#"w:author="reportlint""#).count() as u64, expected, "{comments}");
    drop(page);
    server.assert_healthy();
}

/// Errors and warnings of `lint --format json` on the example (the page and
/// the copy leave infos out, as `lint` does without -v).
fn expected_findings() -> u64 {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .args(["lint", EXAMPLE, "--format", "json", "--no-config"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["severity"] != "info" && finding.get("line").is_some())
        .count() as u64
}

/// What the colleague saw, kept in cargo's test scratch space for a person
/// to look at (the test's own folder goes with it).
fn keep_screenshot(page: &mut super::devtools::Page<'_>, name: &str) {
    std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join(name), page.screenshot()).unwrap();
}
