//! job: one upload from its headers to its rendered result — what the
//! headers alone can refuse, then a place in the queue, the files read,
//! each file linted on a worker, the outcomes rendered there too (rendering
//! a page is CPU work as well), and the time limit over the wait and the
//! lint.

use std::sync::Arc;

use axum::extract::Request;
use axum::http::StatusCode;

use super::Shared;
use super::reply::Refusal;
use super::upload::{self, Uploads};
use crate::lint::{FileOutcome, UnknownPack};

/// Lints the files `request` uploads and hands them, with their outcomes in
/// the same order, to `render` on the worker; refusals carry their status
/// and Chinese reason.
pub async fn run<T: Send + 'static>(
    shared: &Arc<Shared>,
    request: Request,
    render: impl FnOnce(&Uploads, &[FileOutcome]) -> T + Send + 'static,
) -> Result<T, Refusal> {
    let pending = upload::check(request, &shared.config)?;
    let place = shared.queue.admit().map_err(|_| {
        let state = shared.queue.state();
        Refusal::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("服务正忙：{} 个检查正在进行，{} 个请求在排队，队列已满；请稍后再试", state.running, state.waiting),
        )
    })?;
    let uploads = pending.read(&shared.config).await?;
    if let Some(pack) = &uploads.pack {
        known_pack(shared, pack)?;
    }
    let worker = Arc::clone(shared);
    let work = move || lint(&worker, &uploads).map(|outcomes| render(&uploads, &outcomes));
    let timeout = shared.config.timeout;
    match tokio::time::timeout(timeout, place.run(work)).await {
        Err(_) => Err(Refusal::new(
            StatusCode::GATEWAY_TIMEOUT,
            format!("检查在 {} 秒内没有完成（排队等候和检查合计）；请稍后再试，或把报告分开上传", timeout.as_secs()),
        )),
        Ok(Err(crashed)) => Err(Refusal::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("内部错误，请报告给 reportlint 的维护者：{}", crashed.0),
        )),
        Ok(Ok(Err(unknown))) => Err(unknown_pack(&unknown)),
        Ok(Ok(Ok(rendered))) => Ok(rendered),
    }
}

fn lint(shared: &Shared, uploads: &Uploads) -> Result<Vec<FileOutcome>, UnknownPack> {
    let linter = &shared.linter;
    uploads
        .files
        .iter()
        .map(|file| match &uploads.pack {
            Some(pack) => linter.lint_bytes_with_pack(&file.name, &file.bytes, file.format, pack),
            None => Ok(linter.lint_bytes(&file.name, &file.bytes, file.format)),
        })
        .collect()
}

/// A pack the request names must exist: 400 before the lint, not a
/// failure per file.
fn known_pack(shared: &Shared, pack: &str) -> Result<(), Refusal> {
    shared.linter.pack(pack).map(drop).map_err(|unknown| unknown_pack(&unknown))
}

fn unknown_pack(unknown: &UnknownPack) -> Refusal {
    Refusal::new(StatusCode::BAD_REQUEST, unknown.to_string())
}
