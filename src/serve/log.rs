//! log: one `tracing` event per request — method, path, status, bytes of
//! the response body, milliseconds. The path is logged without its query
//! (a file name may be personal); a URI holds visible ASCII only, so the
//! path needs no escaping.

use std::time::Instant;

use axum::body::HttpBody as _;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

pub async fn request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    // Every response here is a whole body made in memory, whose size is known.
    let bytes = response.body().size_hint().exact().unwrap_or_default();
    let status = response.status().as_u16();
    let ms = started.elapsed().as_millis();
    tracing::info!(%method, path = %path, status, bytes, ms, "请求");
    response
}
