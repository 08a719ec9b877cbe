//! explain: `GET /api/checks/{id}?pack=…` → what `reportlint explain ID`
//! prints, as JSON. The check is found as the CLI finds it
//! ([`RuleSet::find_check`](crate::rules::RuleSet::find_check)).

use std::sync::Arc;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;

use super::Shared;
use super::api::pretty;
use super::reply::{Refusal, json_response};
use crate::rules::Check;

#[derive(Debug, Default, serde::Deserialize)]
pub struct Parameters {
    pack: Option<String>,
}

#[derive(Serialize)]
struct Explained<'a> {
    id: &'a str,
    title: &'a str,
    /// `error`, `warning` or `info`, as in the lint JSON.
    severity: &'a str,
    /// 错误, 警告 or 提示.
    severity_name: &'a str,
    expression: &'a str,
    rationale: Option<&'a str>,
    basis: Option<&'a str>,
    defined_in: DefinedIn<'a>,
    examples: Examples<'a>,
}

#[derive(Serialize)]
struct DefinedIn<'a> {
    pack: &'a str,
    file: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct Examples<'a> {
    pass: Vec<&'a str>,
    fail: Vec<&'a str>,
}

pub async fn check(
    State(shared): State<Arc<Shared>>,
    id: Result<Path<String>, PathRejection>,
    parameters: Result<Query<Parameters>, QueryRejection>,
) -> Response {
    let (Ok(Path(id)), Ok(Query(parameters))) = (id, parameters) else {
        return Refusal::new(StatusCode::BAD_REQUEST, "地址无法解析：应为 /api/checks/检查标识?pack=规则包").json();
    };
    let rules = shared.linter.rules();
    let pack = parameters.pack.filter(|pack| !pack.is_empty());
    if let Some(Err(unknown)) = pack.as_deref().map(|pack| shared.linter.pack(pack)) {
        return Refusal::new(StatusCode::NOT_FOUND, unknown.to_string()).json();
    }
    match rules.find_check(&id, pack.as_deref()) {
        Some(check) => json_response(StatusCode::OK, pretty(&explained(check))),
        None => {
            let within = pack.map(|pack| format!("规则包 {pack} 中")).unwrap_or_default();
            Refusal::new(
                StatusCode::NOT_FOUND,
                format!("{within}没有检查 {id}；GET /api/packs 列出规则包，reportlint rules list 列出全部检查"),
            )
            .json()
        }
    }
}

fn explained(check: &Check) -> Explained<'_> {
    Explained {
        id: &check.id,
        title: &check.title,
        severity: check.severity.as_str(),
        severity_name: check.severity.chinese(),
        expression: check.expression.trim(),
        rationale: check.rationale.as_deref(),
        basis: check.basis.as_deref(),
        defined_in: DefinedIn { pack: &check.origin.pack, file: &check.origin.file, line: check.origin.line },
        examples: Examples {
            pass: check.examples.pass.iter().map(|example| example.text.trim()).collect(),
            fail: check.examples.fail.iter().map(|example| example.text.trim()).collect(),
        },
    }
}
