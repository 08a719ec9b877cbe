//! What `lint` says about inputs that give no report: folders holding none,
//! old Word, Excel and WPS files, missing files and files that are not what
//! their extension says. Each message is Chinese and names the file once.

use crate::common::{Scratch, URUMQI, reportlint};

#[test]
fn an_empty_folder_is_an_error_not_a_clean_run() {
    let scratch = Scratch::new("inputs-empty");
    std::fs::create_dir_all(scratch.path().join("材料")).expect("folder is created");
    let run = reportlint(&["lint", "材料", "--format", "json"]).in_dir(scratch.path()).run();
    assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{run:?}");
    assert_eq!(
        run.stderr,
        "错误：没有可检查的报告：文件夹 材料 中没有文件。能检查的格式：.txt、.md、.markdown、.csv、.docx、.xlsx、.pdf；\
         .doc、.wps、.xls、.et 文件请先另存为 .docx 或 .xlsx。\n"
    );
}

#[test]
fn a_folder_of_other_files_says_what_it_holds() {
    let scratch = Scratch::new("inputs-other");
    for name in ["照片.jpg", "扫描.JPG", "附件.zip"] {
        scratch.write(&format!("材料/{name}"), b"");
    }
    let run = reportlint(&["lint", "材料"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .starts_with("错误：没有可检查的报告：文件夹 材料 中只有 3 个其他格式的文件（2 个 .jpg、1 个 .zip）。"),
        "{}",
        run.stderr
    );
}

#[test]
fn old_office_files_fail_each_with_the_format_to_save_it_as() {
    let scratch = Scratch::new("inputs-legacy");
    scratch.copy(URUMQI, "材料/报告.txt");
    scratch.write("材料/旧稿.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");
    scratch.write("材料/文字稿.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");
    scratch.write("材料/照片.jpg", b"");
    let run = reportlint(&["lint", "材料", "--format", "json"]).in_dir(scratch.path()).run();
    assert_eq!(run.code, 2, "{run:?}");
    let document = run.json();
    let errors: Vec<(&str, &str)> = document["files"]
        .as_array()
        .expect("files is an array")
        .iter()
        .filter_map(|file| Some((file["path"].as_str()?, file["error"].as_str()?)))
        .collect();
    assert_eq!(
        errors,
        [
            ("材料/文字稿.wps", "这是旧版的 .wps 文件，无法直接检查；请在 WPS 或 Word 中另存为 .docx 后再检查"),
            ("材料/旧稿.doc", "这是旧版的 .doc 文件，无法直接检查；请在 Word 或 WPS 中另存为 .docx 后再检查"),
        ]
    );
    assert_eq!(document["summary"]["unsupported"], 1, "only the photo is counted");
}

#[test]
fn a_missing_file_is_named_once_in_chinese() {
    let run = reportlint(&["lint", "没有这个文件.txt"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stdout.starts_with("  × 无法读取 没有这个文件.txt：文件或文件夹不存在\n"), "{}", run.stdout);
    let facts = reportlint(&["facts", "没有这个文件.txt"]).run();
    assert_eq!((facts.code, facts.stderr.as_str()), (2, "错误：无法读取 没有这个文件.txt：文件或文件夹不存在\n"));
}

#[test]
fn files_that_are_not_their_format_are_named_in_chinese() {
    let scratch = Scratch::new("inputs-corrupt");
    scratch.write("草稿.docx", b"PK");
    scratch.write("表.xlsx", b"not a workbook");
    scratch.write("扫描.pdf", b"not a pdf");
    let run =
        reportlint(&["lint", "草稿.docx", "表.xlsx", "扫描.pdf", "--format", "json"]).in_dir(scratch.path()).run();
    let document = run.json();
    let errors: Vec<&str> = document["files"]
        .as_array()
        .expect("files is an array")
        .iter()
        .filter_map(|file| file["error"].as_str())
        .collect();
    assert_eq!(
        errors,
        [
            "无法读取 Word 文档：文件已损坏或不是 zip 格式（.docx 文件是一个 zip 压缩包）",
            "无法读取 Excel 表格：文件已损坏或不是 zip 格式（.xlsx 文件是一个 zip 压缩包）",
            "无法读取 PDF：不是 PDF 文件（文件开头没有 %PDF 标记）",
        ]
    );
}
