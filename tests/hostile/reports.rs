//! Hostile reports, one file each: every one ends with the documented exit
//! code and a diagnostic naming the file and the problem, or is linted like
//! any other report.

use crate::harness::{Scratch, assert_refused, lint_json};
use crate::inputs::{self, ERROR_SENTENCE, GOOD_REPORT, has_known_finding};

#[test]
fn an_empty_file_is_refused_as_empty() {
    let scratch = Scratch::new("empty");
    scratch.write("empty.txt", b"");
    assert_refused(&scratch, "empty.txt", "文件为空");
    // Blank is empty too: nothing to check.
    scratch.write("blank.md", b" \r\n\t\n\xe3\x80\x80\n");
    assert_refused(&scratch, "blank.md", "文件为空");
}

#[test]
fn an_executable_named_txt_is_not_a_text_report() {
    let scratch = Scratch::new("binary-elf");
    scratch.write("program.txt", inputs::elf_like());
    assert_refused(&scratch, "program.txt", "不是文本文件");
}

#[test]
fn random_bytes_without_nul_are_not_a_text_report() {
    let scratch = Scratch::new("binary-noise");
    scratch.write("noise.txt", inputs::noise_without_nul(64 * 1024));
    assert_refused(&scratch, "noise.txt", "不是 UTF-8 或 GB18030 文本");
}

#[test]
fn control_characters_are_not_a_text_report() {
    let scratch = Scratch::new("binary-control");
    scratch.write("control.txt", inputs::control_characters());
    assert_refused(&scratch, "control.txt", "不是文本文件");
}

#[test]
fn bytes_neither_utf8_nor_gb18030_name_the_first_bad_byte() {
    let scratch = Scratch::new("invalid-encoding");
    // Valid UTF-8 for 25 bytes, then 0xff, which starts nothing in
    // either encoding.
    let mut bytes = "一、部门基本情况\n".as_bytes().to_vec();
    assert_eq!(bytes.len(), 25);
    bytes.extend_from_slice(&[0xff, 0x80, 0xfe, 0x30]);
    bytes.extend_from_slice(ERROR_SENTENCE.as_bytes());
    scratch.write("mixed.txt", bytes);
    let error = assert_refused(&scratch, "mixed.txt", "不是 UTF-8 或 GB18030 文本");
    assert!(error.contains("字节偏移 25"), "{error}");
}

#[test]
fn a_gb18030_report_gives_the_same_findings_as_its_utf8_twin() {
    let scratch = Scratch::new("gb18030");
    let (encoded, _, unmappable) = encoding_rs::GB18030.encode(GOOD_REPORT);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&encoded).is_err(), "the twin is not accidentally UTF-8");
    scratch.write("utf8.txt", GOOD_REPORT);
    scratch.write("gb18030.txt", &encoded);

    let original = lint_json(&scratch, &["utf8.txt"]);
    original.assert_exit(1);
    let twin = lint_json(&scratch, &["gb18030.txt"]);
    twin.assert_exit(1);
    let (original, twin) = (original.only_file(), twin.only_file());
    assert!(has_known_finding(&original), "{original}");
    // Same rules, lines, character columns, values and fingerprints.
    assert_eq!(twin["findings"], original["findings"]);
    assert_eq!(twin["pack"], original["pack"]);
}

#[test]
fn a_50_mb_report_is_refused_as_too_large_before_it_is_read() {
    let scratch = Scratch::new("too-large");
    inputs::write_big_report(&scratch.path().join("huge.txt"), 50_000_000);
    let error = assert_refused(&scratch, "huge.txt", "文件过大");
    assert!(error.contains("16 MiB"), "the limit is named: {error}");
}

#[test]
fn a_single_5_mb_line_is_linted() {
    let scratch = Scratch::new("long-line");
    scratch.write("line.txt", inputs::single_line(5_000_000));
    let run = lint_json(&scratch, &["line.txt"]);
    run.assert_exit(1);
    let file = run.only_file();
    assert!(file.get("error").is_none(), "{}", run.brief());
    assert!(has_known_finding(&file), "the error at the end of the line is found:\n{}", run.brief());
    let finding =
        file["findings"].as_array().and_then(|findings| findings.iter().find(|f| f["rule"] == "budget-execution-rate"));
    assert_eq!(finding.map(|finding| finding["line"].clone()), Some(serde_json::json!(1)));
}

#[test]
fn a_truncated_docx_is_refused() {
    let scratch = Scratch::new("docx-truncated");
    let whole = inputs::docx(&["一、部门基本情况", ERROR_SENTENCE]);
    scratch.write("whole.docx", &whole);
    let run = lint_json(&scratch, &["whole.docx"]);
    run.assert_exit(1);
    assert!(has_known_finding(&run.only_file()), "the intact package lints: {}", run.brief());

    scratch.write("cut.docx", &whole[..whole.len() / 2]);
    assert_refused(&scratch, "cut.docx", "无法读取 Word 文档");
}

#[test]
fn a_zip_bomb_docx_is_refused_at_the_cap() {
    let scratch = Scratch::new("docx-bomb");
    let bomb = inputs::zip_bomb(65 << 20);
    assert!(bomb.len() < 1 << 20, "the package itself is small: {} bytes", bomb.len());
    scratch.write("bomb.docx", &bomb);
    let error = assert_refused(&scratch, "bomb.docx", "解压后超过");
    assert!(error.contains(&(64u64 << 20).to_string()), "the cap is named: {error}");
}

/// Under the 64 MiB inflation cap, yet more text than a report: the text
/// limit of every format refuses it.
#[test]
fn a_docx_with_more_than_16_mib_of_text_is_refused_as_too_large() {
    let scratch = Scratch::new("docx-huge-text");
    scratch.write("long.docx", inputs::huge_text_docx(17 << 20));
    let error = assert_refused(&scratch, "long.docx", "文件过大");
    assert!(error.contains("16 MiB"), "the limit is named: {error}");
}

/// What the reader does with `<!ENTITY x SYSTEM "file:///etc/passwd">`: the
/// DOCTYPE is skipped unread and `&x;` is dropped from the text, so the
/// rest of the paragraph is linted as if the reference were not there.
#[test]
fn an_external_entity_in_a_docx_is_never_read() {
    let scratch = Scratch::new("docx-entity");
    let secret = scratch.write("secret.txt", "root:x:0:0:不该出现的内容\n");
    for (name, target) in
        [("passwd.docx", "file:///etc/passwd".to_string()), ("secret.docx", format!("file://{}", secret.display()))]
    {
        scratch.write(name, inputs::external_entity(&target));
        for format in ["json", "human"] {
            let run = crate::harness::reportlint(scratch.path(), &["lint", name, "--format", format]);
            run.assert_exit(1);
            assert!(!run.prints("root:"), "{}", run.brief());
            assert!(!run.prints("不该出现"), "{}", run.brief());
            if format == "json" {
                assert!(has_known_finding(&run.only_file()), "{}", run.brief());
            }
        }
    }
}

#[test]
fn an_xml_nesting_bomb_is_refused_at_the_depth_cap() {
    let scratch = Scratch::new("docx-nesting");
    scratch.write("deep.docx", inputs::nesting_bomb(100_000));
    let error = assert_refused(&scratch, "deep.docx", "嵌套超过 256 层");
    assert!(error.starts_with("无法读取 Word 文档"), "{error}");
}

#[test]
fn a_csv_of_empty_fields_or_an_unclosed_quote_is_read_or_refused_plainly() {
    let scratch = Scratch::new("csv");
    scratch.write("empty.csv", ",,,\r\n,,,\r\n".repeat(10_000));
    assert_refused(&scratch, "empty.csv", "文件为空");
    // An unclosed quote runs to the end of the file: one long field, read,
    // with no finding and no error.
    let mut unclosed = String::from("项目,\"年初预算数\n");
    unclosed.push_str(&"合计,100,\"\"\n".repeat(50_000));
    scratch.write("unclosed.csv", unclosed);
    let run = lint_json(&scratch, &["unclosed.csv"]);
    run.assert_exit(0);
    assert!(run.only_file()["error"].is_null(), "{}", run.brief());
}
