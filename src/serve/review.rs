//! review: the commented copy of an upload (`annotate`) — the answer of
//! `POST /api/review`, and the download links of the reviewer page.
//!
//! Nothing is kept on the server for a later download: the API answers the
//! file itself, and the page carries each copy inline as a `data:` URL
//! (base64), so the page is the only place the copy exists.

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::CONTENT_DISPOSITION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::Shared;
use super::job;
use super::reply::{Refusal, response};
use super::upload::{Upload, Uploads};
use crate::annotate::{self, Annotated, Options};
use crate::lint::FileOutcome;
use crate::render::escape_html as escape;

/// `POST /api/review`: one file in (as for `/api/lint`), its commented copy
/// out, named `报告-审核.docx` by `Content-Disposition`, with the number of
/// comments in `X-Reportlint-Comments`. A file that cannot be read, or
/// commented, is 422 with the reason.
pub async fn review(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let commented = job::run(&shared, request, |uploads, outcomes| match (uploads.files.as_slice(), outcomes) {
        ([upload], [outcome]) => commented(upload, outcome, options(uploads)),
        _ => Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            format!("一次只能取回一个文件的批注版，这次上传了 {} 个；请逐个上传", uploads.files.len()),
        )),
    })
    .await;
    match commented.and_then(|commented| commented) {
        Ok(annotated) => {
            let mut answer = response(StatusCode::OK, annotated.media_type, annotated.bytes);
            let headers = answer.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&disposition(&annotated.file_name)) {
                headers.insert(CONTENT_DISPOSITION, value);
            }
            headers.insert("x-reportlint-comments", HeaderValue::from(annotated.comments));
            answer
        }
        Err(refusal) => refusal.json(),
    }
}

/// The commented copy of one linted upload, or why there is none.
fn commented(upload: &Upload, outcome: &FileOutcome, options: Options) -> Result<Annotated, Refusal> {
    match outcome {
        FileOutcome::Failed(failed) => {
            Err(Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, format!("{}：{}", failed.path, failed.error)))
        }
        FileOutcome::Linted(file) => annotate::annotate(&upload.bytes, file, &options).map_err(|error| {
            Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, format!("无法为 {} 生成批注版：{error}", file.path))
        }),
    }
}

/// `attachment` with an ASCII name for old clients and the real one in
/// UTF-8 (RFC 6266 with RFC 5987's `filename*`).
fn disposition(file_name: &str) -> String {
    let extension = file_name.rsplit_once('.').map_or("docx", |(_, extension)| extension);
    let mut encoded = String::new();
    for byte in file_name.bytes() {
        // RFC 5987 attr-char; everything else is percent-encoded.
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    format!("attachment; filename=\"reviewed.{extension}\"; filename*=UTF-8''{encoded}")
}

/// Errors and warnings become comments; infos too when the request asks
/// (`verbose`), as `lint -v` does.
fn options(uploads: &Uploads) -> Options {
    Options { include_info: uploads.verbose }
}

/// The reviewer page's list of commented copies: a download link per file
/// that was read, carrying the file as a `data:` URL, or why there is none.
pub fn downloads(uploads: &Uploads, outcomes: &[FileOutcome]) -> String {
    let mut items = String::new();
    for (upload, outcome) in uploads.files.iter().zip(outcomes) {
        // A file that could not be read says so in its own section.
        let FileOutcome::Linted(file) = outcome else { continue };
        match commented(upload, outcome, options(uploads)) {
            Ok(annotated) => {
                let _ = writeln!(
                    items,
                    "<li><a class=\"reportlint-download\" download=\"{name}\" data-comments=\"{comments}\" \
                     href=\"data:{media};base64,{data}\">{name}</a>（{comments} 条批注）</li>",
                    name = escape(&annotated.file_name),
                    comments = annotated.comments,
                    media = annotated.media_type,
                    data = STANDARD.encode(&annotated.bytes),
                );
            }
            Err(refusal) => {
                let _ = writeln!(items, "<li>{}：{}</li>", escape(&file.path), escape(&refusal.message));
            }
        }
    }
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<section id=\"downloads\"><h2>带批注的文件</h2>\n\
         <p>每个错误和警告都作为批注（作者 reportlint）标在原文件中对应的数字上；下载后用 Word 或 WPS 打开，\
         改好再上传检查。文本、Markdown、CSV 和 PDF 报告的批注版是一份 Word 文档，Excel 表格的批注在单元格上。</p>\n\
         <ul>\n{items}</ul></section>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chinese_name_is_given_in_utf8_beside_an_ascii_one() {
        assert_eq!(
            disposition("报告-审核.docx"),
            "attachment; filename=\"reviewed.docx\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A-%E5%AE%A1%E6%A0%B8.docx"
        );
        assert_eq!(
            disposition("a b\"c.xlsx"),
            "attachment; filename=\"reviewed.xlsx\"; filename*=UTF-8''a%20b%22c.xlsx"
        );
    }
}
