//! serve: the linter over HTTP — an upload page in Chinese and a JSON API
//! (feature `serve`; `reportlint serve` starts it).
//!
//! ```text
//! GET  /                 upload page (page.rs)          POST /  multipart → the reviewer page (render::html),
//!                                                                with each commented copy inline (review.rs)
//! POST /api/lint         multipart `file` or a raw body with ?filename= → the JSON of `lint --format json`
//! POST /api/review       the same upload, one file → its commented copy (review.rs, `annotate`)
//! GET  /api/packs        the packs (api.rs)             GET  /api/checks/{id}?pack=  what `explain` prints (explain.rs)
//! GET  /healthz          liveness, with the queue's state
//! ```
//!
//! The design, in the order a request meets it:
//!
//! - **Connections** (`connection`): HTTP/1.1 served by hyper-util's builder
//!   with a header read timeout (a client that never finishes its headers,
//!   or leaves a kept-alive connection idle, is disconnected), not
//!   `axum::serve`, which cannot set one.
//! - **Headers** (`upload::check`): what they alone can refuse is refused
//!   before anything else (a declared body over the cap, a body that is no
//!   file, a file name of a type reportlint cannot read).
//! - **Admission** (`queue`): a request that uploads takes a place in the
//!   queue *before* its body is read, so that memory is bounded by the
//!   places: at most `workers + queue` uploads of at most `max_upload`
//!   bytes are held at once. With every place taken the answer is 503 with
//!   `Retry-After`, and only then.
//! - **Upload** (`upload`): the body is read into memory under a byte cap
//!   (413, also when `Content-Length` lies or is absent) and a time limit
//!   (408, and the connection is closed); nothing is ever written to disk,
//!   and file names are cut to their last component.
//! - **Lint** (`queue`): `workers` permits of a semaphore; the permit is
//!   moved into the blocking task that lints, so a lint still running after
//!   its request timed out still holds it. A request waits at most
//!   `timeout` for a permit and its lint together; past that it gets 504.
//! - `job` strings these steps together for both `POST /` and `POST /api/lint`.
//! - **Reply** (`reply`): every error is a Chinese sentence, as
//!   `{"error": "…"}` for the API and as a small page for the form.
//!
//! Nothing is kept after a response: the upload, the document, the
//! findings and the commented copy are dropped with the request (the page
//! carries the copy as a `data:` URL rather than a link back here). The rules are loaded once, by
//! the caller, and shared by every request ([`Linter`] behind an `Arc`).
//! Each request is logged as one `tracing` event (method, path, status,
//! response bytes, milliseconds); this module never prints.

mod api;
mod connection;
mod explain;
mod job;
mod log;
mod page;
mod queue;
mod reply;
mod review;
mod routes;
mod upload;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::lint::Linter;

pub use queue::{Queue, QueueState};

/// The limits of a running service. The defaults are those of
/// `reportlint serve` and of the README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Most bytes of one request body (the whole multipart upload).
    pub max_upload: usize,
    /// Longest a request waits for a lint to start and finish.
    pub timeout: Duration,
    /// Longest a client may take to send a request's headers, and to send
    /// the next request on a kept-alive connection.
    pub header_timeout: Duration,
    /// Longest a client may take to send a request's body.
    pub body_timeout: Duration,
    /// Lints running at once.
    pub workers: usize,
    /// Requests admitted beyond those running: reading their upload or
    /// waiting for a worker.
    pub queue: usize,
}

/// 20 MiB: a report with its tables is a few hundred KB, a scanned PDF a
/// few MB.
pub const DEFAULT_MAX_UPLOAD: usize = 20 << 20;

impl Default for Config {
    fn default() -> Self {
        Config {
            max_upload: DEFAULT_MAX_UPLOAD,
            timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(60),
            workers: std::thread::available_parallelism().map_or(1, usize::from),
            queue: 64,
        }
    }
}

/// What every request handler shares.
#[derive(Debug)]
struct Shared {
    linter: Linter,
    config: Config,
    queue: Queue,
}

/// Serves `linter` on `listener` until `shutdown` completes, then lets the
/// requests under way finish (for at most the request time limit).
pub async fn serve(
    listener: tokio::net::TcpListener,
    linter: Linter,
    config: Config,
    shutdown: impl Future<Output = ()>,
) {
    let shared = Arc::new(Shared { queue: Queue::new(config.workers, config.queue), linter, config });
    let router = routes::router(Arc::clone(&shared));
    connection::accept(listener, router, &shared.config, shutdown).await;
}
