#![allow(
    clippy::print_stdout,
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::panic,
    reason = "tests may panic by design; a skipped tool test says why on stdout"
)]

//! The copy as other programs see it: openpyxl reads its notes, and
//! LibreOffice converts it to PDF. Each tool is run when it is installed;
//! when it is not, the test says so and passes, unless
//! `REPORTLINT_REQUIRE_TOOLS=1` (CI), where a missing tool fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::tests::{SCORE_TABLE, review, workbook};

/// Whether `program --version` runs; when it does not, says why, or fails
/// when tools are required.
fn available(program: &str, arguments: &[&str]) -> bool {
    let found = Command::new(program).args(arguments).output().is_ok_and(|output| output.status.success());
    if !found {
        assert!(
            std::env::var("REPORTLINT_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{program} is required (REPORTLINT_REQUIRE_TOOLS=1) but does not run"
        );
        println!("skipped: {program} is not installed");
    }
    found
}

fn folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("reportlint-annotate-xlsx-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// The notes openpyxl reads from `path`: `cell|author|text` lines.
fn openpyxl_notes(path: &Path) -> Vec<String> {
    let script = [
        "import sys, openpyxl",
        "wb = openpyxl.load_workbook(sys.argv[1])",
        "for ws in wb.worksheets:",
        "    for row in ws.iter_rows():",
        "        for cell in row:",
        "            if cell.comment:",
        r"                text = cell.comment.text.replace('\n', '/')",
        "                print(ws.title + '!' + cell.coordinate + '|' + cell.comment.author + '|' + text)",
    ]
    .join("\n");
    let output = Command::new("python3").arg("-c").arg(&script).arg(path).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn openpyxl_reads_the_notes_of_our_copy_and_of_its_own_workbook_commented() {
    if !available("python3", &["-c", "import openpyxl"]) {
        return;
    }
    let folder = folder("openpyxl");
    let (copy, _, _) = review(&workbook(SCORE_TABLE, Some(("C9", "场次请附签到表"))));
    let path = folder.join("自评表-审核.xlsx");
    std::fs::write(&path, &copy).unwrap();
    let notes = openpyxl_notes(&path);
    assert_eq!(notes.len(), 3, "{notes:?}");
    // In the order of the rows.
    assert!(notes[0].starts_with("Sheet1!F4|reportlint|reportlint：/错误："), "{notes:?}");
    assert_eq!(notes[1], "Sheet1!C9|张会计|张会计:/场次请附签到表");
    assert!(notes[2].starts_with("Sheet1!G11|reportlint|reportlint：/错误："), "{notes:?}");

    // A workbook openpyxl writes, with a note of its own: its parts are
    // laid out otherwise (xl/comments/comment1.xml, its own drawing).
    let original = folder.join("openpyxl.xlsx");
    let cells: Vec<String> = SCORE_TABLE
        .iter()
        .map(|(cell, value)| match value.parse::<f64>() {
            Ok(number) => format!("ws['{cell}'] = {number}"),
            Err(_) => format!("ws['{cell}'] = '{value}'"),
        })
        .collect();
    let script = format!(
        "import sys, openpyxl\nfrom openpyxl.comments import Comment\nwb = openpyxl.Workbook()\nws = wb.active\n{}\nws['C9'].comment = Comment('场次请附签到表', '张会计')\nwb.save(sys.argv[1])\n",
        cells.join("\n")
    );
    let output = Command::new("python3").arg("-c").arg(script).arg(&original).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (copy, count, _) = review(&std::fs::read(&original).unwrap());
    assert_eq!(count, 2);
    let path = folder.join("openpyxl-审核.xlsx");
    std::fs::write(&path, &copy).unwrap();
    let notes = openpyxl_notes(&path);
    let cells: Vec<&str> = notes.iter().map(|note| note.split('|').next().unwrap()).collect();
    assert_eq!(cells, ["Sheet!F4", "Sheet!C9", "Sheet!G11"], "{notes:?}");
    std::fs::remove_dir_all(folder).unwrap();
}

#[test]
fn libreoffice_converts_the_copy() {
    if !available("soffice", &["--version"]) {
        return;
    }
    let folder = folder("soffice");
    let (copy, _, _) = review(&workbook(SCORE_TABLE, Some(("C9", "场次请附签到表"))));
    let path = folder.join("review.xlsx");
    std::fs::write(&path, &copy).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", folder.join("profile").display());
    let output = Command::new("soffice")
        .args(["--headless", &profile, "--convert-to", "pdf", "--outdir"])
        .arg(&folder)
        .arg(&path)
        .output()
        .unwrap();
    let pdf = folder.join("review.pdf");
    assert!(
        output.status.success() && pdf.metadata().is_ok_and(|pdf| pdf.len() > 0),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // LibreOffice reads the notes from the comments part: converted back
    // to .xlsx, the copy still has them.
    let output = Command::new("soffice")
        .args(["--headless", &profile, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir"])
        .arg(folder.join("again"))
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let again = std::fs::read(folder.join("again").join("review.xlsx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(again.as_slice())).unwrap();
    let names: Vec<String> = archive.file_names().map(|name| name.unwrap().into_owned()).collect();
    let comments = names.iter().find(|name| name.contains("comments")).expect("LibreOffice kept no comments");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(comments).unwrap(), &mut text).unwrap();
    for expected in ["场次请附签到表", "scorecard-weights-total", "scorecard-score-cap"] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    std::fs::remove_dir_all(folder).unwrap();
}
