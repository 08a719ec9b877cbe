//! reply: why a request was refused, as a status and a Chinese sentence,
//! and the responses the service builds.
//!
//! The API answers `{"error": "…"}`; the upload form answers a small page
//! with the same sentence and a link back. A refusal that leaves the body
//! unread or half read (413, 408, 503) also closes the connection, so that
//! the rest of the body is never taken for the next request.

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONNECTION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

/// Seconds a client is asked to wait before it retries a request the full
/// queue refused: a report lints in well under a second, so a queue drains
/// in a few.
pub const RETRY_AFTER_SECONDS: u64 = 2;

/// Everything the pages may load: their own inline style and script, and
/// images written into them. Nothing from anywhere else, not even this
/// server; forms post back here only.
const PAGE_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'self'";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
}

impl Refusal {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Refusal {
        Refusal { status, message: message.into() }
    }

    /// `{"error": "…"}` with the status.
    pub fn json(&self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        self.finish(json_response(self.status, format!("{body:#}\n")))
    }

    /// A page saying why, with a link back to the upload page.
    pub fn page(&self) -> Response {
        let text = crate::render::escape_html(&self.message);
        let code = self.status.as_u16();
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>无法检查（{code}）</title></head>\n\
             <body><h1>无法检查</h1><p>{text}</p><p><a href=\"/\">返回上传页</a></p></body>\n</html>\n"
        );
        self.finish(html_response(self.status, html))
    }

    fn finish(&self, mut response: Response) -> Response {
        let headers = response.headers_mut();
        match self.status {
            StatusCode::PAYLOAD_TOO_LARGE | StatusCode::REQUEST_TIMEOUT => {
                headers.insert(CONNECTION, HeaderValue::from_static("close"));
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                headers.insert(CONNECTION, HeaderValue::from_static("close"));
                headers.insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
            }
            _ => {}
        }
        response
    }
}

pub fn json_response(status: StatusCode, body: String) -> Response {
    response(status, "application/json; charset=utf-8", body)
}

pub fn html_response(status: StatusCode, body: String) -> Response {
    let mut response = response(status, "text/html; charset=utf-8", body);
    response.headers_mut().insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_POLICY));
    response
}

pub fn response(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Findings are about a draft someone uploaded: no cache keeps them.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    response
}
