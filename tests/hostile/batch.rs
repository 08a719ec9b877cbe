//! A folder of hostile reports and one good report: every bad file is
//! reported and skipped, the good one is still linted, and the exit code is
//! 2 because something could not be read.

use crate::harness::{Scratch, lint_json};
use crate::inputs::{self, GOOD_REPORT, has_known_finding};

#[test]
fn a_folder_of_hostile_reports_still_lints_the_good_one() {
    let scratch = Scratch::new("batch");
    scratch.write("folder/a-empty.txt", b"");
    scratch.write("folder/b-program.txt", inputs::elf_like());
    scratch.write("folder/c-noise.md", inputs::noise_without_nul(16 * 1024));
    scratch.write("folder/d-control.txt", inputs::control_characters());
    scratch.write("folder/e-cut.docx", &inputs::docx(&["一、概况"])[..100]);
    scratch.write("folder/f-bomb.docx", inputs::zip_bomb(65 << 20));
    scratch.write("folder/g-deep.docx", inputs::nesting_bomb(10_000));
    scratch.write("folder/h-good.txt", GOOD_REPORT);
    // 50 MB that cost no disk: a sparse file, refused by its size alone.
    let huge = std::fs::File::create(scratch.path().join("folder/i-huge.txt")).expect("huge file is created");
    huge.set_len(50_000_000).expect("huge file is sized");
    drop(huge);
    scratch.write("folder/j-line.txt", inputs::single_line(1_000_000));

    let run = lint_json(&scratch, &["folder"]);
    run.assert_exit(2);
    let document = run.json();
    let files = document["files"].as_array().expect("files is an array");
    let entry = |name: &str| {
        files
            .iter()
            .find(|file| file["path"] == format!("folder/{name}"))
            .unwrap_or_else(|| panic!("{name} is in the output:\n{}", run.brief()))
    };
    for (name, problem) in [
        ("a-empty.txt", "文件为空"),
        ("b-program.txt", "不是文本文件"),
        ("c-noise.md", "不是 UTF-8 或 GB18030 文本"),
        ("d-control.txt", "不是文本文件"),
        ("e-cut.docx", "无法读取 Word 文档"),
        ("f-bomb.docx", "解压后超过"),
        ("g-deep.docx", "嵌套超过 256 层"),
        ("i-huge.txt", "文件过大"),
    ] {
        let error = entry(name)["error"].as_str().unwrap_or_default();
        assert!(error.contains(problem), "{name}: `{error}` says `{problem}`");
    }
    assert!(has_known_finding(entry("h-good.txt")), "{}", run.brief());
    assert!(has_known_finding(entry("j-line.txt")), "{}", run.brief());
    assert_eq!(files.len(), 10, "{}", run.brief());
    assert_eq!(document["summary"]["failed"], 8, "{}", run.brief());
}
