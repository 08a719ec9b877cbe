//! The JSON API as an integrator calls it: each route against the running
//! server, the lint results compared with what `lint --format json` prints.

use super::server::{Server, example, lint_json};

const REPORT: &str = "克拉玛依区-部门整体支出自评报告.txt";

/// The CLI names the file by the path it was given, the server by the
/// uploaded name: apart from that the bytes are the same.
fn cli_json_for_upload(args: &[&str]) -> String {
    lint_json(args).replace("\"path\": \"examples/", "\"path\": \"")
}

#[test]
fn lint_of_a_multipart_upload_is_the_cli_json_byte_for_byte() {
    let server = Server::start(&[]);
    let answer = server.upload("/api/lint", &[(REPORT, &example(REPORT))], &[]);
    // Findings are not an HTTP error: the document says how many.
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("application/json; charset=utf-8"));
    let expected = cli_json_for_upload(&[&format!("examples/{REPORT}")]);
    assert!(answer.json()["summary"]["errors"].as_u64().unwrap() > 0, "the example has error findings");
    assert_eq!(answer.body, expected);
    server.assert_healthy();
}

#[test]
fn lint_of_a_raw_body_named_in_the_query_is_the_same_json() {
    let server = Server::start(&[]);
    let name = "克拉玛依区-政务中心-自评报告.md";
    let query = format!("/api/lint?filename={}&pack=national", percent(name));
    let answer = server.post(&query, "application/octet-stream", &example(name));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, cli_json_for_upload(&["--pack", "national", &format!("examples/{name}")]));
}

#[test]
fn lint_with_verbose_is_the_cli_verbose_json() {
    let server = Server::start(&[]);
    let answer = server.upload("/api/lint", &[(REPORT, &example(REPORT))], &[("verbose", "1")]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.json()["files"][0]["passed"].as_array().is_some_and(|passed| !passed.is_empty()));
    assert_eq!(answer.body, cli_json_for_upload(&["-v", &format!("examples/{REPORT}")]));
}

#[test]
fn several_files_and_a_pack_field_in_one_upload() {
    let server = Server::start(&[]);
    let first = "乌鲁木齐高新区-部门整体支出自评报告.txt";
    let second = "石家庄高新区-党政办-自评报告.txt";
    let answer =
        server.upload("/api/lint", &[(first, &example(first)), (second, &example(second))], &[("pack", "national")]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let expected =
        cli_json_for_upload(&["--pack", "national", &format!("examples/{first}"), &format!("examples/{second}")]);
    assert_eq!(answer.body, expected);
}

#[test]
fn an_unknown_pack_is_a_400_that_lists_the_packs() {
    let server = Server::start(&[]);
    let answer = server.upload("/api/lint", &[(REPORT, &example(REPORT))], &[("pack", "atlantis")]);
    assert_eq!(answer.status, 400);
    let error = answer.error();
    assert!(error.starts_with("没有规则包 atlantis；可用的规则包：") && error.contains("national"), "{error}");
}

#[test]
fn packs_lists_every_pack_with_its_parents_and_checks() {
    let server = Server::start(&[]);
    let answer = server.get("/api/packs");
    assert_eq!(answer.status, 200);
    let value = answer.json();
    assert!(value["default"].is_null());
    let packs = value["packs"].as_array().unwrap();
    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .args(["rules", "list", "--no-config"])
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    // `rules list` heads each pack with `id — title`, its checks indented.
    let heads: Vec<&str> = listed.lines().filter(|line| !line.starts_with(' ')).collect();
    assert_eq!(packs.len(), heads.len());
    for (pack, head) in packs.iter().zip(&heads) {
        let id = pack["id"].as_str().unwrap();
        assert!(head.starts_with(&format!("{id} — {}", pack["title"].as_str().unwrap())), "{head}");
        let checks = listed.lines().skip_while(|line| line != head).skip(1).take_while(|line| line.starts_with(' '));
        assert_eq!(pack["checks"].as_u64().unwrap() as usize, checks.count(), "{id}");
    }
    let karamay = packs.iter().find(|pack| pack["id"] == "xinjiang-karamay").unwrap();
    assert_eq!(karamay["extends"], serde_json::json!(["national"]));
}

#[test]
fn packs_names_the_default_pack_of_the_command_line() {
    let server = Server::start(&["--pack", "national"]);
    assert_eq!(server.get("/api/packs").json()["default"], "national");
}

#[test]
fn a_check_is_explained_as_the_cli_explains_it() {
    let server = Server::start(&[]);
    let answer = server.get("/api/checks/budget-execution-rate");
    assert_eq!(answer.status, 200, "{}", answer.body);
    let check = answer.json();
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .args(["explain", "budget-execution-rate", "--no-config"])
        .output()
        .unwrap();
    let printed = String::from_utf8(printed.stdout).unwrap();
    let line = |label: &str| printed.lines().find_map(|line| line.strip_prefix(label)).unwrap().trim().to_owned();
    assert_eq!(
        printed.lines().next().unwrap(),
        format!("budget-execution-rate — {}", check["title"].as_str().unwrap())
    );
    assert_eq!(line("检查式："), check["expression"]);
    assert_eq!(
        line("严重程度："),
        format!("{}（{}）", check["severity_name"].as_str().unwrap(), check["severity"].as_str().unwrap())
    );
    let defined = &check["defined_in"];
    assert_eq!(
        line("定义于："),
        format!(
            "{}:{}（规则包 {}）",
            defined["file"].as_str().unwrap(),
            defined["line"],
            defined["pack"].as_str().unwrap()
        )
    );
    let passes = printed.lines().filter(|line| line.starts_with("应通过：")).count();
    assert_eq!(check["examples"]["pass"].as_array().unwrap().len(), passes);
    assert!(passes > 0);
}

#[test]
fn an_unknown_check_or_pack_is_a_404_in_chinese() {
    let server = Server::start(&[]);
    let answer = server.get("/api/checks/no-such-check");
    assert_eq!(answer.status, 404);
    assert!(answer.error().starts_with("没有检查 no-such-check；"), "{}", answer.body);
    let answer = server.get("/api/checks/budget-execution-rate?pack=atlantis");
    assert_eq!(answer.status, 404);
    assert!(answer.error().starts_with("没有规则包 atlantis；"), "{}", answer.body);
    let answer = server.get("/api/checks/budget-execution-rate?pack=national");
    assert_eq!(answer.json()["defined_in"]["pack"], "national");
}

#[test]
fn healthz_says_ok_and_how_busy_the_queue_is() {
    let server = Server::start(&["--workers", "3", "--queue", "5"]);
    let answer = server.get("/healthz");
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json(),
        serde_json::json!({"status": "ok", "workers": 3, "running": 0, "queue": 5, "waiting": 0})
    );
}

#[test]
fn an_unknown_path_or_method_is_answered_in_chinese_json() {
    let server = Server::start(&[]);
    let answer = server.get("/nowhere");
    assert_eq!(answer.status, 404);
    assert!(answer.error().starts_with("没有这个地址：GET /nowhere；可用的地址："), "{}", answer.body);
    let answer = server.post("/api/packs", "text/plain", b"x");
    assert_eq!(answer.status, 405);
    assert_eq!(answer.error(), "地址 /api/packs 不接受 POST 请求");
}

#[test]
fn each_request_is_one_log_line_with_method_path_status_bytes_and_time() {
    let server = Server::start(&[]);
    let answer = server.get("/api/packs");
    let bytes = answer.body.len();
    server.get("/nowhere?secret=1");
    // The log line is written after the response; give it a moment.
    let mut log = String::new();
    for _ in 0..100 {
        log = server.log();
        if log.contains("path=/nowhere") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let packs: Vec<&str> = log.lines().filter(|line| line.contains("path=/api/packs")).collect();
    assert_eq!(packs.len(), 1, "{log}");
    assert!(packs[0].contains(&format!("method=GET path=/api/packs status=200 bytes={bytes} ms=")), "{log}");
    let missing = log.lines().find(|line| line.contains("path=/nowhere")).unwrap();
    assert!(missing.contains("status=404") && !missing.contains("secret"), "{missing}");
}

/// Percent-encodes a query value.
pub fn percent(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                (byte as char).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}
