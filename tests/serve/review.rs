//! The commented copy over HTTP: `POST /api/review` answers the same bytes
//! as `lint --format docx --output`, and the reviewer page carries each
//! copy as a download link.

use base64::Engine as _;

use super::server::{Server, example};

const DOCX: &str = "青禾县-农田水利维护-项目自评报告.docx";

/// What `lint --format docx --output FILE` writes for an example.
fn cli_copy(name: &str, output: &str) -> Vec<u8> {
    cli_copy_of(name, &example(name), output, &[])
}

fn cli_copy_of(name: &str, bytes: &[u8], output: &str, flags: &[&str]) -> Vec<u8> {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-review");
    std::fs::create_dir_all(&folder).unwrap();
    // The CLI names the file by its path; a name alone, as the upload has.
    std::fs::write(folder.join(name), bytes).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .current_dir(&folder)
        .args(["lint", "--no-config", "--format", "docx", "--output", output, name])
        .args(flags)
        .output()
        .unwrap();
    assert!(status.status.code().is_some_and(|code| code < 2), "{status:?}");
    std::fs::read(folder.join(output)).unwrap()
}

/// `<w:comment ` elements in a .docx's comments part.
fn comments_in(docx: &[u8]) -> usize {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/comments.xml").unwrap(), &mut xml).unwrap();
    xml.matches("<w:comment ").count()
}

#[test]
fn review_answers_the_commented_docx_the_cli_writes() {
    let server = Server::start(&[]);
    let answer = server.upload("/api/review", &[(DOCX, &example(DOCX))], &[]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.header("content-type"),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    );
    assert_eq!(
        answer.header("content-disposition"),
        Some(
            "attachment; filename=\"reviewed.docx\"; filename*=UTF-8''%E9%9D%92%E7%A6%BE%E5%8E%BF-%E5%86%9C%E7%94%B0%E6%B0%B4%E5%88%A9%E7%BB%B4%E6%8A%A4-%E9%A1%B9%E7%9B%AE%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A-%E5%AE%A1%E6%A0%B8.docx"
        )
    );
    assert_eq!(answer.bytes, cli_copy(DOCX, "审核.docx"));
    // One comment per error and warning of the lint.
    let lint = server.upload("/api/lint", &[(DOCX, &example(DOCX))], &[]).json();
    let findings = lint["summary"]["errors"].as_u64().unwrap() + lint["summary"]["warnings"].as_u64().unwrap();
    assert!(findings > 0);
    assert_eq!(answer.header("x-reportlint-comments"), Some(findings.to_string().as_str()));
    assert_eq!(comments_in(&answer.bytes) as u64, findings);
}

#[test]
fn verbose_comments_the_infos_too_as_lint_v_does() {
    let server = Server::start(&[]);
    let by_field = server.upload("/api/review", &[(DOCX, &example(DOCX))], &[("verbose", "1")]);
    assert_eq!(by_field.status, 200, "{}", by_field.body);
    let summary = &server.upload("/api/lint", &[(DOCX, &example(DOCX))], &[]).json()["summary"];
    let infos = summary["infos"].as_u64().unwrap();
    assert!(infos > 0, "the example has an info to comment");
    let all = summary["errors"].as_u64().unwrap() + summary["warnings"].as_u64().unwrap() + infos;
    assert_eq!(by_field.header("x-reportlint-comments"), Some(all.to_string().as_str()));
    assert_eq!(comments_in(&by_field.bytes) as u64, all);
    assert_eq!(by_field.bytes, cli_copy_of(DOCX, &example(DOCX), "审核-v.docx", &["-v"]));
    let by_query = server.post(
        "/api/review?filename=%E6%8A%A5%E5%91%8A.docx&verbose=true",
        "application/octet-stream",
        &example(DOCX),
    );
    assert_eq!(by_query.header("x-reportlint-comments"), Some(all.to_string().as_str()));
}

#[test]
fn review_of_a_text_report_is_a_word_document_and_of_two_files_a_400() {
    let server = Server::start(&[]);
    let text = "克拉玛依区-部门整体支出自评报告.txt";
    let answer = server.post("/api/review?filename=%E6%8A%A5%E5%91%8A.txt", "text/plain", &example(text));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.header("content-disposition").unwrap().ends_with("''%E6%8A%A5%E5%91%8A-%E5%AE%A1%E6%A0%B8.docx"));
    assert!(comments_in(&answer.bytes) > 0);
    let answer = server.upload("/api/review", &[(text, &example(text)), (DOCX, &example(DOCX))], &[]);
    assert_eq!(answer.status, 400);
    assert_eq!(answer.error(), "一次只能取回一个文件的批注版，这次上传了 2 个；请逐个上传");
    let answer = server.upload("/api/review", &[("坏.docx", b"PK\x03\x04")], &[]);
    assert_eq!(answer.status, 422);
    assert!(answer.error().starts_with("坏.docx：无法读取 Word 文档"), "{}", answer.body);
    server.assert_healthy();
}

#[test]
fn the_reviewer_page_offers_each_commented_copy_inline() {
    let server = Server::start(&[]);
    let text = "克拉玛依区-部门整体支出自评报告.txt";
    let page = server.upload("/", &[(DOCX, &example(DOCX)), (text, &example(text)), ("坏.docx", b"PK")], &[]).body;
    let links: Vec<&str> = page.split("<a class=\"reportlint-download\" ").skip(1).collect();
    assert_eq!(links.len(), 2, "one link per file that was read");
    let data = |link: &str| {
        let href = link.split("href=\"data:").nth(1).unwrap().split('"').next().unwrap();
        let (media, data) = href.split_once(";base64,").unwrap();
        (media.to_owned(), base64::engine::general_purpose::STANDARD.decode(data).unwrap())
    };
    assert!(links[0].starts_with("download=\"青禾县-农田水利维护-项目自评报告-审核.docx\""), "{}", &links[0][..200]);
    let (media, docx) = data(links[0]);
    assert_eq!(media, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert_eq!(docx, cli_copy(DOCX, "审核.docx"));
    assert!(links[1].starts_with("download=\"克拉玛依区-部门整体支出自评报告-审核.docx\""));
    assert_eq!(data(links[1]).1, cli_copy(text, "审核-文本.docx"));
}

#[test]
fn review_of_a_workbook_is_the_workbook_with_notes() {
    let server = Server::start(&[]);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/national-form/errors.xlsx");
    let workbook = std::fs::read(path).unwrap();
    let answer = server.upload("/api/review", &[("自评表.xlsx", &workbook)], &[]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.header("content-type"),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    assert!(answer.header("content-disposition").unwrap().ends_with("-%E5%AE%A1%E6%A0%B8.xlsx"));
    assert_ne!(answer.header("x-reportlint-comments"), Some("0"));
    assert_eq!(answer.bytes, cli_copy_of("自评表.xlsx", &workbook, "审核.xlsx", &[]));
}
