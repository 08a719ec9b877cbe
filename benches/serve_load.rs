//! A load run of `reportlint serve` on loopback: 2,000 `POST /api/lint` of
//! a 20 KB synthetic report (`reportlint-corpus`, seed 7, as
//! `cargo run --release -q -p reportlint-corpus -- --out DIR --count 1
//! --bytes 20000 --seed 7` writes it) from 32 threads at once, within the
//! queue. Counts the answers that are not a 200 with the report's
//! findings (there must be none) and prints requests per second and the
//! latency percentiles.
//!
//! `cargo bench --bench serve_load` starts the release server itself on a
//! free port; `-- --url http://127.0.0.1:8080` loads one already running
//! instead, `--requests N`, `--concurrency N` and `--report FILE` change
//! the run. Every request goes to that one address; the run is bounded by
//! its count and stops by itself.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a load run whose setup fails should stop at once"
)]
#![allow(clippy::print_stdout, clippy::print_stderr, reason = "a load run reports on the terminal")]
#![allow(
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "percentiles of a non-empty list of latencies"
)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Options {
    url: Option<String>,
    requests: usize,
    concurrency: usize,
    report: Option<String>,
}

fn options() -> Options {
    let mut options = Options { url: None, requests: 2_000, concurrency: 32, report: None };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--url" => options.url = args.next(),
            "--requests" => options.requests = args.next().and_then(|n| n.parse().ok()).expect("--requests N"),
            "--concurrency" => options.concurrency = args.next().and_then(|n| n.parse().ok()).expect("--concurrency N"),
            "--report" => options.report = args.next(),
            // `cargo bench` passes `--bench`; other harness flags mean nothing here.
            _ => {}
        }
    }
    options
}

/// The release server on a free loopback port, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(queue: usize) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reportlint"))
        .args(["serve", "--bind", "127.0.0.1:0", "--no-config", "--queue", &queue.to_string()])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let address = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| line.strip_prefix("正在监听 ").map(|url| url.trim_end_matches('/').to_owned()))
        .expect("the server says where it listens");
    // Drain the request log so that the server never blocks on the pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (Server(child), address)
}

fn main() {
    let options = options();
    let (name, report) = match &options.report {
        Some(path) => (
            std::path::Path::new(path).file_name().unwrap().to_string_lossy().into_owned(),
            std::fs::read(path).unwrap(),
        ),
        None => {
            let corpus = reportlint_corpus::Options {
                seed: 7,
                count: 1,
                target_bytes: 20_000,
                faulty_per_mille: 500,
                forms_per_mille: 0,
            };
            let generated = reportlint_corpus::generate(&corpus).next().unwrap();
            (generated.name, generated.text.into_bytes())
        }
    };
    let (_server, base) = match &options.url {
        Some(url) => (None, url.trim_end_matches('/').to_owned()),
        None => {
            let (server, address) = start(options.concurrency.max(1) * 2);
            (Some(server), address)
        }
    };
    let url = format!("{base}/api/lint?filename={}", percent(&name));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let send = |agent: &ureq::Agent| -> Result<(), String> {
        let mut response = agent
            .post(&url)
            .header("Content-Type", "application/octet-stream")
            .send(&report[..])
            .map_err(|error| error.to_string())?;
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().map_err(|error| error.to_string())?;
        if status == 200 && body.contains(&format!("\"path\": \"{name}\"")) {
            Ok(())
        } else {
            Err(format!("{status}: {body}"))
        }
    };
    // A few requests first, so that the packs' patterns are compiled.
    for _ in 0..options.concurrency {
        send(&agent).unwrap();
    }
    let next = AtomicUsize::new(0);
    let latencies = Mutex::new(Vec::with_capacity(options.requests));
    let errors = Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..options.concurrency {
            scope.spawn(|| {
                // One connection per thread, kept alive, as a client pool would.
                let agent = agent.clone();
                while next.fetch_add(1, Ordering::Relaxed) < options.requests {
                    let sent = Instant::now();
                    let result = send(&agent);
                    let took = sent.elapsed();
                    latencies.lock().unwrap().push(took);
                    if let Err(error) = result {
                        errors.lock().unwrap().push(error);
                    }
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let mut latencies = latencies.into_inner().unwrap();
    latencies.sort();
    let errors = errors.into_inner().unwrap();
    let percentile = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)].as_secs_f64() * 1000.0;
    println!(
        "{} 个请求（{:.1} KB 的报告，{} 个并发）：出错 {} 个；用时 {:.2} 秒，每秒 {:.0} 个请求；延迟 p50 {:.1} ms，p99 {:.1} ms，最长 {:.1} ms",
        options.requests,
        report.len() as f64 / 1000.0,
        options.concurrency,
        errors.len(),
        elapsed.as_secs_f64(),
        options.requests as f64 / elapsed.as_secs_f64(),
        percentile(50),
        percentile(99),
        latencies.last().unwrap().as_secs_f64() * 1000.0,
    );
    if let Some(first) = errors.first() {
        eprintln!("第一个错误：{first}");
        std::process::exit(1);
    }
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}
