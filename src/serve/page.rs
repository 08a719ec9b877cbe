//! page: the upload page (`GET /`) and the reviewer page it posts to
//! (`POST /`).
//!
//! The upload page is a plain `<form method=post enctype=multipart/form-data>`
//! with a file input (several files) and a pack `<select>` (自动识别 first,
//! then every pack of the rule set); its HTML, CSS and script are files
//! beside this one, included at build time, and it loads nothing from
//! anywhere. The script only adds drag and drop onto the same input and
//! lists the files chosen: without it the form posts the same request.
//! The answer to the post is the reviewer page of `lint --format html`
//! (`render::html`) for the files uploaded, with a link to download the
//! commented copy of each (`review::downloads`).

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::Shared;
use super::job;
use super::reply::html_response;
use super::review;
use super::upload::{EXTENSIONS, Uploads};
use crate::lint::FileOutcome;
use crate::render::{HtmlPage, escape_html as escape};

const TEMPLATE: &str = include_str!("page/upload.html");
const STYLE: &str = include_str!("page/upload.css");
const SCRIPT: &str = include_str!("page/upload.js");

pub async fn upload(State(shared): State<Arc<Shared>>) -> Response {
    html_response(StatusCode::OK, upload_page(&shared))
}

pub async fn review(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    match job::run(&shared, request, reviewer_page).await {
        Ok(page) => html_response(StatusCode::OK, page),
        Err(refusal) => refusal.page(),
    }
}

/// The page of `lint --format html` for these files, with the commented
/// copy of each offered for download between the chart and the reports.
fn reviewer_page(uploads: &Uploads, outcomes: &[FileOutcome]) -> String {
    let mut page = HtmlPage::default();
    let sections: String = outcomes.iter().map(|outcome| page.section(outcome)).collect();
    let mut html = page.head();
    html.push_str(&review::downloads(uploads, outcomes));
    html.push_str(&sections);
    html.push_str(&HtmlPage::tail());
    html
}

fn upload_page(shared: &Shared) -> String {
    let limit = shared.config.max_upload;
    let limit = if limit >= 1 << 20 { format!("{} MB", limit >> 20) } else { format!("{} KB", (limit >> 10).max(1)) };
    TEMPLATE
        .replace("{{style}}", STYLE.trim_end())
        .replace("{{script}}", SCRIPT.trim_end())
        .replace("{{extensions}}", EXTENSIONS)
        .replace("{{limit}}", &limit)
        // Last: pack titles come from rule files and are not read again.
        .replace("{{options}}", &options(shared))
}

/// 自动识别 (or the pack the configuration forces) first, then each pack.
fn options(shared: &Shared) -> String {
    let linter = &shared.linter;
    let rules = linter.rules();
    let first = match linter.forced_pack().and_then(|id| rules.pack(id)) {
        Some(pack) => format!("默认：{}（{}）", escape(&pack.title), escape(&pack.id)),
        None => "自动识别".to_owned(),
    };
    let mut out = format!("<option value=\"\" selected>{first}</option>");
    for pack in rules.packs.values() {
        let _ = write!(out, "\n<option value=\"{0}\">{1}（{0}）</option>", escape(&pack.id), escape(&pack.title));
    }
    out
}
