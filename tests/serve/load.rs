//! A small load run in the test suite: 200 uploads of a 20 KB report on 16
//! threads, within the queue, must all be answered 200 with the report's
//! findings. It asserts no time: `benches/serve_load.rs` measures.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::server::Server;

const REQUESTS: usize = 200;
const THREADS: usize = 16;

#[test]
fn concurrent_uploads_within_the_queue_are_all_answered() {
    let options = reportlint_corpus::Options {
        seed: 7,
        count: 1,
        target_bytes: 20_000,
        faulty_per_mille: 500,
        forms_per_mille: 0,
    };
    let report = reportlint_corpus::generate(&options).next().unwrap();
    let server = Server::start(&["--queue", "32"]);
    let next = AtomicUsize::new(0);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    let mut failures = Vec::new();
                    while next.fetch_add(1, Ordering::Relaxed) < REQUESTS {
                        let answer = server.upload("/api/lint", &[(&report.name, report.text.as_bytes())], &[]);
                        let path = (answer.status == 200).then(|| answer.json()["files"][0]["path"].clone());
                        if path.as_ref().and_then(|path| path.as_str()) != Some(report.name.as_str()) {
                            failures.push(format!("{}: {}", answer.status, answer.body));
                        }
                    }
                    failures
                })
            })
            .collect();
        workers.into_iter().flat_map(|worker| worker.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{} of {REQUESTS} failed, the first: {}", failures.len(), failures[0]);
    server.assert_healthy();
}
