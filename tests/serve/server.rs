//! A `reportlint serve` of the binary under test on a free loopback port,
//! killed when dropped, and the requests the tests send it: ureq for
//! well-formed ones, bytes on a `TcpStream` for the hostile ones.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub address: String,
    log: Arc<Mutex<String>>,
    agent: ureq::Agent,
}

/// An answer: status, the headers asked for, the body as text.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as text (lossily, for a binary answer).
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.body))
    }

    /// The Chinese sentence of an error answer.
    pub fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or_else(|| panic!("no error key: {}", self.body)).to_owned()
    }
}

impl Server {
    /// `reportlint serve --bind 127.0.0.1:0 --no-config ARGS…` (without
    /// `--no-config` when ARGS name a `--config`), once it says where it
    /// listens.
    pub fn start(args: &[&str]) -> Server {
        Server::start_with(None, args)
    }

    /// A server whose working folder is `folder`.
    pub fn start_in(folder: &Path, args: &[&str]) -> Server {
        Server::start_with(Some(folder), args)
    }

    fn start_with(folder: Option<&Path>, args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_reportlint"));
        if let Some(folder) = folder {
            command.current_dir(folder);
        }
        let mut child = command
            .args(["serve", "--bind", "127.0.0.1:0"])
            // A test names its configuration, or has none.
            .args(if args.contains(&"--config") { &[][..] } else { &["--no-config"][..] })
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("reportlint serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let log = Arc::new(Mutex::new(String::new()));
        let (found, address) = mpsc::channel();
        let kept = Arc::clone(&log);
        // Reads stderr to its end, so that the server never blocks on a
        // full pipe while it logs.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("正在监听 http://") {
                    let _ = found.send(rest.trim_end_matches('/').to_owned());
                }
                let mut log = kept.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let address = match address.recv_timeout(Duration::from_secs(60)) {
            Ok(address) => address,
            Err(_) => {
                let _ = child.kill();
                panic!("the server never said where it listens:\n{}", log.lock().unwrap());
            }
        };
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build();
        Server { child, address, log, agent: config.into() }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// What the server wrote on stderr so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> Answer {
        answer(self.agent.get(&self.url(path)).call().unwrap_or_else(|error| panic!("GET {path}: {error}")))
    }

    /// A body with its content type.
    pub fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Answer {
        let request = self.agent.post(&self.url(path)).header("Content-Type", content_type);
        answer(request.send(body).unwrap_or_else(|error| panic!("POST {path}: {error}")))
    }

    /// A multipart/form-data upload of `files` (name, bytes) in fields
    /// `file`, and `fields` (name, value) as text fields.
    pub fn upload(&self, path: &str, files: &[(&str, &[u8])], fields: &[(&str, &str)]) -> Answer {
        let (content_type, body) = multipart(files, fields);
        self.post(path, &content_type, &body)
    }

    /// The server still answers, and says its queue is idle again.
    pub fn assert_healthy(&self) {
        let health = self.get("/healthz");
        assert_eq!(health.status, 200, "{}", health.body);
        assert_eq!(health.json()["status"], "ok");
    }

    /// Sends `bytes` on a new connection and returns what comes back until
    /// the server closes it or `wait` passes, and whether it closed it.
    pub fn raw(&self, bytes: &[u8], wait: Duration) -> (String, bool) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(wait)).unwrap();
        stream.write_all(bytes).unwrap();
        read_until_closed(&mut stream)
    }

    pub fn connect(&self) -> TcpStream {
        TcpStream::connect(&self.address).unwrap()
    }
}

/// Everything the server sends on `stream` until it closes the connection
/// (true) or the stream's read timeout passes (false).
pub fn read_until_closed(stream: &mut TcpStream) -> (String, bool) {
    let mut received = Vec::new();
    let mut buffer = [0; 4096];
    let closed = loop {
        match stream.read(&mut buffer) {
            Ok(0) => break true,
            Ok(count) => received.extend_from_slice(&buffer[..count]),
            // A reset after the answer is a close too.
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => break true,
            Err(_) => break false,
        }
    };
    (String::from_utf8_lossy(&received).into_owned(), closed)
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn answer(mut response: ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.to_str().unwrap_or_default().to_owned()))
        .collect();
    let bytes = response.body_mut().with_config().limit(64 << 20).read_to_vec().unwrap();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes }
}

pub const BOUNDARY: &str = "reportlint-test-boundary-7Qx";

/// A multipart/form-data body and its content type.
pub fn multipart(files: &[(&str, &[u8])], fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    for (file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// An example report of the repository.
pub fn example(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)).unwrap()
}

/// `reportlint lint --format json ARGS…` of the same binary, stdout.
pub fn lint_json(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["lint", "--format", "json", "--no-config"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}
