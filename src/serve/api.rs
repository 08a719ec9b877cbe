//! api: the JSON routes — `POST /api/lint`, `GET /api/packs`, `GET /healthz`.
//!
//! `/api/lint` answers the JSON contract of `lint --format json`
//! (`render::json`; with `verbose=1`, that of `lint -v --format json`),
//! byte for byte, with status 200 whether or not there are
//! findings: the document says so. When a file could not be read (a zip
//! bomb, a damaged workbook) the status is 422 and the same document gains
//! an `"error"` key before `"files"` saying which and why, so that every
//! API error has `error` and the other files' results still come back.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::Shared;
use super::job;
use super::reply::json_response;
use crate::lint::FileOutcome;
use crate::render;

pub async fn lint(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let rendered = job::run(&shared, request, |uploads, outcomes| {
        let options = render::JsonOptions { verbose: uploads.verbose };
        (render::json(outcomes, &options), failures(outcomes))
    })
    .await;
    match rendered {
        Ok((json, None)) => json_response(StatusCode::OK, json),
        Ok((json, Some(failures))) => json_response(StatusCode::UNPROCESSABLE_ENTITY, with_error(&json, &failures)),
        Err(refusal) => refusal.json(),
    }
}

/// `甲.docx：…；乙.xlsx：…` for the files that could not be read, if any.
pub fn failures(outcomes: &[FileOutcome]) -> Option<String> {
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            FileOutcome::Failed(failed) => Some(format!("{}：{}", failed.path, failed.error)),
            FileOutcome::Linted(_) => None,
        })
        .collect();
    (!failed.is_empty()).then(|| format!("有 {} 个文件无法检查：{}", failed.len(), failed.join("；")))
}

/// The document with `"error"` as its first key. `render::json` always
/// opens with `{` and a line break; the key is written in the same layout.
fn with_error(json: &str, error: &str) -> String {
    let quoted = serde_json::Value::from(error).to_string();
    match json.strip_prefix("{\n") {
        Some(rest) => format!("{{\n  \"error\": {quoted},\n{rest}"),
        None => json.to_owned(),
    }
}

#[derive(Serialize)]
struct Packs<'a> {
    /// The pack every report gets unless a request names one
    /// (`--pack` or reportlint.toml); null when each report's is detected.
    default: Option<&'a str>,
    packs: Vec<PackEntry<'a>>,
}

#[derive(Serialize)]
struct PackEntry<'a> {
    id: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    extends: &'a [String],
    checks: usize,
}

pub async fn packs(State(shared): State<Arc<Shared>>) -> Response {
    let linter = &shared.linter;
    let packs = Packs {
        default: linter.forced_pack(),
        packs: linter
            .rules()
            .packs
            .values()
            .map(|pack| PackEntry {
                id: &pack.id,
                title: &pack.title,
                description: pack.description.as_deref(),
                extends: &pack.extends,
                checks: pack.checks.len(),
            })
            .collect(),
    };
    json_response(StatusCode::OK, pretty(&packs))
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    #[serde(flatten)]
    queue: super::QueueState,
}

pub async fn healthz(State(shared): State<Arc<Shared>>) -> Response {
    json_response(StatusCode::OK, pretty(&Health { status: "ok", queue: shared.queue.state() }))
}

/// Pretty JSON ending in a line break, as the CLI prints it.
pub fn pretty(value: &impl Serialize) -> String {
    // Plain structs of strings and numbers always serialise.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_key_comes_first_in_the_same_layout() {
        let json = render::json(&[], &render::JsonOptions::default());
        let with = with_error(&json, "有 1 个文件无法检查：炸弹.docx：文件解压后超过上限");
        let value: serde_json::Value = serde_json::from_str(&with).unwrap();
        assert_eq!(value["error"], "有 1 个文件无法检查：炸弹.docx：文件解压后超过上限");
        assert!(with.starts_with("{\n  \"error\": \"有 1 个"), "{with}");
        assert_eq!(with.replace("  \"error\": \"有 1 个文件无法检查：炸弹.docx：文件解压后超过上限\",\n", ""), json);
    }
}
