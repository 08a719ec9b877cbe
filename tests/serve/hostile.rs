//! Hostile requests: each gets a clear 4xx (or the 503 of a full queue) in
//! Chinese, and the server answers `/healthz` afterwards. Timeouts are set
//! short on the command line so that the tests wait seconds, not minutes;
//! no test asserts how fast an answer comes, only that it comes before a
//! generous watchdog.

use std::io::Write;
use std::time::Duration;

use super::server::{BOUNDARY, Server, example, multipart, read_until_closed};

const WATCHDOG: Duration = Duration::from_secs(20);

/// The status of a raw answer (`HTTP/1.1 408 Request Timeout…` → 408).
fn status(answer: &str) -> u16 {
    answer.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or_else(|| panic!("no status line: {answer:?}"))
}

/// The JSON error of a raw answer.
fn error(answer: &str) -> String {
    let body = answer.split_once("\r\n\r\n").map(|(_, body)| body).unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("no JSON body: {answer:?}"));
    value["error"].as_str().unwrap().to_owned()
}

#[test]
fn an_upload_over_the_cap_is_413_whether_or_not_its_length_is_declared() {
    let server = Server::start(&["--max-upload", "1000"]);
    // Declared: refused from the headers, before any of the body is read.
    let (answer, closed) = server.raw(
        b"POST /api/lint?filename=a.txt HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 30000000\r\n\r\n",
        WATCHDOG,
    );
    assert_eq!(status(&answer), 413, "{answer}");
    assert!(closed, "the connection is closed, not left to read 30 MB");
    assert_eq!(error(&answer), "上传内容过大：30000000 字节，超过 1000 字节（0.0 MiB）的上限");
    // Chunked, no length: counted as it arrives.
    let mut request =
        b"POST /api/lint?filename=a.txt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..3 {
        request.extend_from_slice(format!("{:x}\r\n{}\r\n", 600, "预".repeat(200)).as_bytes());
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let (answer, _) = server.raw(&request, WATCHDOG);
    assert_eq!(status(&answer), 413, "{answer}");
    assert!(error(&answer).starts_with("上传内容过大：超过 1000 字节"), "{answer}");
    // Through a client, a multipart upload over the cap.
    let big = "一、部门基本情况\n".repeat(200);
    let answer = server.upload("/api/lint", &[("大.txt", big.as_bytes())], &[]);
    assert_eq!(answer.status, 413);
    server.assert_healthy();
}

#[test]
fn a_body_that_never_ends_is_408_after_the_body_time_limit_and_the_connection_closes() {
    let server = Server::start(&["--body-timeout", "1"]);
    let (answer, closed) = server.raw(
        b"POST /api/lint?filename=a.txt HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n\xe4\xb8\x80\xe3\x80\x81",
        WATCHDOG,
    );
    assert_eq!(status(&answer), 408, "{answer}");
    assert!(answer.to_ascii_lowercase().contains("connection: close"), "{answer}");
    assert!(closed, "the connection is closed after the 408");
    assert_eq!(error(&answer), "上传内容在 1 秒内没有传完，连接已关闭");
    server.assert_healthy();
}

#[test]
fn headers_that_never_end_are_cut_off_after_the_header_time_limit() {
    let server = Server::start(&["--header-timeout", "1"]);
    let mut stream = server.connect();
    stream.set_read_timeout(Some(WATCHDOG)).unwrap();
    stream.write_all(b"POST /api/lint HTTP/1.1\r\nHost: x\r\nX-Slow: ").unwrap();
    let (answer, closed) = read_until_closed(&mut stream);
    assert!(closed, "the server closes a connection whose headers never end");
    assert!(!answer.contains("200"), "{answer}");
    // A connection that sends nothing at all is closed the same way.
    let mut idle = server.connect();
    idle.set_read_timeout(Some(WATCHDOG)).unwrap();
    assert!(read_until_closed(&mut idle).1);
    server.assert_healthy();
}

#[test]
fn malformed_multipart_is_400() {
    let server = Server::start(&[]);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let garbage = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n没有结尾的部分"
    );
    let answer = server.post("/api/lint", &content_type, garbage.as_bytes());
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert!(answer.error().contains("multipart/form-data"), "{}", answer.body);
    let answer = server.post("/api/lint", "multipart/form-data", b"--x\r\n\r\n");
    assert_eq!(answer.status, 400);
    assert_eq!(answer.error(), "multipart/form-data 请求缺少 boundary 参数，无法分出各个部分");
    // Well-formed, but no file in it.
    let (content_type, body) = multipart(&[], &[("pack", "national")]);
    let answer = server.post("/api/lint", &content_type, &body);
    assert_eq!(answer.status, 400);
    assert!(answer.error().starts_with("没有收到文件"), "{}", answer.body);
    // The page answers the same mistakes with a page.
    let answer = server.post("/", &content_type, &body);
    assert_eq!(answer.status, 400);
    assert!(answer.body.contains("没有收到文件") && answer.body.contains("<a href=\"/\">"), "{}", answer.body);
    server.assert_healthy();
}

#[test]
fn a_zip_bomb_docx_is_422_with_the_reason_in_chinese() {
    let server = Server::start(&[]);
    // 70 MB of spaces in a package of about 450 KB.
    let matches = 270_000;
    let bomb = super::writer::bomb(matches, u32::try_from(super::writer::bomb_size(matches)).unwrap());
    assert!(bomb.len() < 1 << 20);
    let answer = server.upload("/api/lint", &[("炸弹.docx", &bomb)], &[]);
    assert_eq!(answer.status, 422, "{}", answer.body);
    let value = answer.json();
    assert_eq!(value["summary"]["failed"], 1);
    let reason = value["files"][0]["error"].as_str().unwrap();
    assert!(reason.contains("解压后超过") && reason.contains("恶意构造的压缩包"), "{reason}");
    assert_eq!(value["error"], format!("有 1 个文件无法检查：炸弹.docx：{reason}"));
    server.assert_healthy();
}

#[test]
fn a_path_like_file_name_is_cut_to_its_last_component_and_nothing_is_written() {
    let scratch = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-names");
    let deep = scratch.join("a").join("b");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&deep).unwrap();
    let server = Server::start_in(&deep, &[]);
    let report = example("克拉玛依区-部门整体支出自评报告.txt");
    let answer = server.upload("/api/lint", &[("../../x.txt", &report)], &[]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["files"][0]["path"], "x.txt");
    let answer = server.post("/api/lint?filename=..%2F..%2Fy.md", "text/markdown", &report);
    assert_eq!(answer.json()["files"][0]["path"], "y.md");
    let answer = server.upload("/api/lint", &[("..\\..\\C:\\z.txt", &report)], &[]);
    assert_eq!(answer.json()["files"][0]["path"], "z.txt");
    // Nothing was written in the server's folder or above it.
    let mut written = Vec::new();
    for entry in walk(&scratch) {
        written.push(entry);
    }
    assert!(written.is_empty(), "{written:?}");
    server.assert_healthy();
}

fn walk(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_wrong_content_type_or_file_type_is_415() {
    let server = Server::start(&[]);
    let answer = server.post("/api/lint?filename=a.txt", "application/json", b"{\"report\": 1}");
    assert_eq!(answer.status, 415, "{}", answer.body);
    assert!(answer.error().starts_with("请求体的类型 application/json 不是文件"), "{}", answer.body);
    let answer = server.upload("/api/lint", &[("图.png", b"\x89PNG\r\n\x1a\n")], &[]);
    assert_eq!(answer.status, 415);
    assert_eq!(answer.error(), "不能检查 图.png：只接受 .docx、.xlsx、.pdf、.txt、.md、.csv 文件");
    let answer = server.upload("/api/lint", &[("旧报告.doc", b"\xd0\xcf\x11\xe0")], &[]);
    assert_eq!(answer.status, 415);
    assert!(answer.error().contains("另存为 .docx"), "{}", answer.body);
    // A raw body without a name cannot be given a format.
    let answer = server.post("/api/lint", "application/octet-stream", b"text");
    assert_eq!(answer.status, 400);
    assert!(answer.error().starts_with("缺少文件名"), "{}", answer.body);
    server.assert_healthy();
}

#[test]
fn a_full_queue_is_503_with_retry_after_and_the_queued_requests_are_answered() {
    let server = Server::start(&["--workers", "1", "--queue", "1"]);
    let slow = super::slow_upload();
    let started = std::time::Instant::now();
    let running = std::thread::scope(|scope| {
        let first = scope.spawn(|| server.post("/api/lint?filename=slow.txt", "text/plain", &slow));
        wait_for(&server, 1, 0);
        let second = scope.spawn(|| server.post("/api/lint?filename=slow.txt", "text/plain", &slow));
        wait_for(&server, 1, 1);
        let refused = server.upload("/api/lint", &[("a.txt", "一、部门基本情况\n".as_bytes())], &[]);
        let still_running = server.get("/healthz").json();
        (refused, still_running, first.join().unwrap(), second.join().unwrap())
    });
    let (refused, still_running, first, second) = running;
    assert_eq!(still_running["running"], 1, "the slow lints outlast the refusal ({:?})", started.elapsed());
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert_eq!(refused.header("retry-after"), Some("2"));
    assert!(refused.error().starts_with("服务正忙："), "{}", refused.body);
    assert_eq!((first.status, second.status), (200, 200), "{} {}", first.body, second.body);
    server.assert_healthy();
}

/// Polls `/healthz` until `running` lints run and `waiting` requests wait.
fn wait_for(server: &Server, running: u64, waiting: u64) {
    for _ in 0..2_000 {
        let state = server.get("/healthz").json();
        if state["running"] == running && state["waiting"] == waiting {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the queue never had {running} running and {waiting} waiting");
}
