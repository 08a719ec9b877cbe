//! The upload page and the reviewer page it posts to, as a browser without
//! JavaScript sends the form.

use super::server::{Server, example};

#[test]
fn the_upload_page_is_a_plain_form_with_the_packs_and_nothing_from_elsewhere() {
    let server = Server::start(&[]);
    let answer = server.get("/");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("text/html; charset=utf-8"));
    let policy = answer.header("content-security-policy").unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    let page = &answer.body;
    let form = &page[page.find("<form").unwrap()..page.find("</form>").unwrap() + "</form>".len()];
    insta::assert_snapshot!(form);
    // Nothing is loaded from anywhere: no external script, style or image.
    for outside in ["http://", "https://", "src=", "<link", "@import"] {
        assert!(!page.contains(outside), "the page refers to {outside}");
    }
    assert!(page.contains("<style>") && page.contains("<script>") && page.contains("addEventListener('drop'"));
}

#[test]
fn the_first_choice_names_the_default_pack_of_the_command_line() {
    let server = Server::start(&["--pack", "xinjiang-karamay"]);
    let page = server.get("/").body;
    assert!(page.contains("<option value=\"\" selected>默认：新疆克拉玛依区"), "{page}");
}

#[test]
fn posting_the_form_answers_the_reviewer_page_of_lint_format_html() {
    let server = Server::start(&[]);
    let name = "克拉玛依区-部门整体支出自评报告.txt";
    let answer = server.upload("/", &[(name, &example(name))], &[("pack", "")]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("text/html; charset=utf-8"));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lint", "--format", "html", "--no-config", &format!("examples/{name}")])
        .output()
        .unwrap();
    let expected = String::from_utf8(output.stdout).unwrap().replace(&format!("examples/{name}"), name);
    // The same page, with the commented copy offered between the chart and the report.
    let start = answer.body.find("<section id=\"downloads\">").unwrap();
    let end = start + answer.body[start..].find("</section>\n").unwrap() + "</section>\n".len();
    assert_eq!(format!("{}{}", &answer.body[..start], &answer.body[end..]), expected);
    assert!(answer.body.contains("<mark id=\"f-1\""), "findings are highlighted in place");
}

#[test]
fn a_refused_form_post_answers_a_page_in_chinese() {
    let server = Server::start(&[]);
    let answer = server.upload("/", &[("图.png", b"\x89PNG")], &[]);
    assert_eq!(answer.status, 415);
    assert!(answer.body.contains("<h1>无法检查</h1>") && answer.body.contains("不能检查 图.png"), "{}", answer.body);
}
