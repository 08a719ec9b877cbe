//! routes: the router — which handler answers which method and path, the
//! per-request log around them all, and Chinese answers for a path or a
//! method that is not served.

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use super::reply::Refusal;
use super::{Shared, api, explain, log, page, review};

pub fn router(shared: Arc<Shared>) -> Router {
    // The body is read under its cap before the multipart parser sees it;
    // the parser's own default cap (2 MB) would refuse a smaller upload.
    let body_limit = DefaultBodyLimit::max(shared.config.max_upload);
    Router::new()
        .route("/", get(page::upload).post(page::review))
        .route("/api/lint", post(api::lint))
        .route("/api/review", post(review::review))
        .route("/api/packs", get(api::packs))
        .route("/api/checks/{id}", get(explain::check))
        .route("/healthz", get(api::healthz))
        .fallback(not_found)
        .method_not_allowed_fallback(wrong_method)
        .layer(body_limit)
        .layer(axum::middleware::from_fn(log::request))
        .with_state(shared)
}

async fn not_found(request: Request) -> Response {
    let message = format!(
        "没有这个地址：{} {}；可用的地址：GET /、POST /、POST /api/lint、POST /api/review、GET /api/packs、GET /api/checks/检查标识、GET /healthz",
        request.method(),
        request.uri().path()
    );
    Refusal::new(StatusCode::NOT_FOUND, message).json()
}

async fn wrong_method(request: Request) -> Response {
    let message = format!("地址 {} 不接受 {} 请求", request.uri().path(), request.method());
    Refusal::new(StatusCode::METHOD_NOT_ALLOWED, message).json()
}
