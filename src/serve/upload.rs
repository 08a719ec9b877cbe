//! upload: an HTTP request → the files it uploads, the pack it names and
//! whether infos are commented too.
//!
//! Two shapes: `multipart/form-data` with one or several `file` fields
//! (and optionally `pack` and `verbose` fields), as the upload page and
//! `curl -F` send it; or the file itself as the body, named by
//! `?filename=` (and the pack by `?pack=`, infos by `?verbose=1`). The body is read whole into memory, never to disk, under
//! the byte cap and the body time limit of the [`Config`].
//!
//! A file's name is cut to its last component (`../../x.txt` is `x.txt`),
//! so that no name from a client can point anywhere; its extension gives
//! its format, and one reportlint cannot read is refused before any lint.

use std::path::Path;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Query, Request};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use super::Config;
use super::reply::Refusal;
use crate::source::{self, Format};

/// One uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The file name, its last component only.
    pub name: String,
    pub format: Format,
    pub bytes: Bytes,
}

/// What a request asks to have linted.
#[derive(Debug, Clone)]
pub struct Uploads {
    pub files: Vec<Upload>,
    /// The pack to use for every file; None lets the linter choose.
    pub pack: Option<String>,
    /// As `lint -v`: infos commented too (`/api/review`), notes and passed
    /// and skipped checks in the JSON (`/api/lint`) (`verbose=1`).
    pub verbose: bool,
}

/// Most files one request may upload: each is linted in turn while the
/// request holds one worker.
pub const MAX_FILES: usize = 100;

/// Longest file name kept, in characters.
const MAX_NAME_CHARS: usize = 255;

/// The extensions a file may have, as the page and the errors name them.
pub const EXTENSIONS: &str = ".docx、.xlsx、.pdf、.txt、.md、.csv";

#[derive(Debug, Default, serde::Deserialize)]
struct Parameters {
    filename: Option<String>,
    pack: Option<String>,
    verbose: Option<String>,
}

/// A request whose headers were found acceptable; its body is not read yet.
#[derive(Debug)]
pub struct Pending {
    request: Request,
    pack: Option<String>,
    verbose: bool,
    /// The file a raw body is, by its name; None for multipart.
    raw: Option<(String, Format)>,
}

/// What can be told from the headers alone, before a place in the queue is
/// taken: a declared body over the cap (413), a body of another type than
/// a file (415), a raw body without a name (400) or with a name of a type
/// reportlint cannot read (415).
pub fn check(request: Request, config: &Config) -> Result<Pending, Refusal> {
    let parameters = Query::<Parameters>::try_from_uri(request.uri()).map(|query| query.0).map_err(|_| {
        Refusal::new(StatusCode::BAD_REQUEST, "地址中的参数无法解析：应为 ?filename=文件名&pack=规则包")
    })?;
    let declared = request.headers().get(CONTENT_LENGTH).and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if let Some(length) = declared.filter(|length| *length > config.max_upload as u64) {
        return Err(too_large(Some(length), config));
    }
    let media_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
    let pack = chosen_pack(parameters.pack);
    let verbose = parameters.verbose.as_deref().is_some_and(switched_on);
    if media_type.as_deref() == Some("multipart/form-data") {
        return Ok(Pending { request, pack, verbose, raw: None });
    }
    if let Some(media_type) = media_type.as_deref().filter(|media_type| !file_media_type(media_type)) {
        return Err(Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "请求体的类型 {media_type} 不是文件：请以 multipart/form-data 上传（字段 file），\
                 或以 application/octet-stream 发送文件内容并在地址中给出 ?filename=文件名"
            ),
        ));
    }
    let Some(raw_name) = parameters.filename else {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "缺少文件名：直接发送文件内容时，请在地址中给出 ?filename=文件名（如 ?filename=报告.docx）",
        ));
    };
    Ok(Pending { request, pack, verbose, raw: Some(name_and_format(&raw_name)?) })
}

impl Pending {
    /// Reads the files. Refused: a body over the cap (413), one that takes
    /// longer than the body time limit (408), malformed multipart, no file or
    /// no file name (400), a file of a type reportlint cannot read (415).
    pub async fn read(self, config: &Config) -> Result<Uploads, Refusal> {
        let Pending { request, pack, verbose, raw } = self;
        match raw {
            Some((name, format)) => {
                let bytes = collect(request.into_body(), config).await?;
                Ok(Uploads { files: vec![Upload { name, format, bytes }], pack, verbose })
            }
            None => {
                let (parts, body) = request.into_parts();
                let bytes = collect(body, config).await?;
                multipart(Request::from_parts(parts, Body::from(bytes)), pack, verbose).await
            }
        }
    }
}

/// The body, whole, or why not.
async fn collect(body: Body, config: &Config) -> Result<Bytes, Refusal> {
    let limited = Limited::new(body, config.max_upload);
    match tokio::time::timeout(config.body_timeout, limited.collect()).await {
        Err(_) => Err(Refusal::new(
            StatusCode::REQUEST_TIMEOUT,
            format!("上传内容在 {} 秒内没有传完，连接已关闭", config.body_timeout.as_secs()),
        )),
        Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => Err(too_large(None, config)),
        Ok(Err(_)) => Err(Refusal::new(StatusCode::BAD_REQUEST, "上传内容没有读完：连接中断或请求体格式有误")),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

fn too_large(length: Option<u64>, config: &Config) -> Refusal {
    let limit = config.max_upload;
    let size = length.map(|length| format!("{length} 字节，")).unwrap_or_default();
    Refusal::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("上传内容过大：{size}超过 {limit} 字节（{:.1} MiB）的上限", limit as f64 / f64::from(1 << 20)),
    )
}

/// The fields of a multipart body already read.
async fn multipart(request: Request, mut pack: Option<String>, mut verbose: bool) -> Result<Uploads, Refusal> {
    let malformed =
        || Refusal::new(StatusCode::BAD_REQUEST, "上传内容不是有效的 multipart/form-data：各部分的分隔或标头有误");
    let mut multipart = Multipart::from_request(request, &()).await.map_err(|_| {
        Refusal::new(StatusCode::BAD_REQUEST, "multipart/form-data 请求缺少 boundary 参数，无法分出各个部分")
    })?;
    let mut files = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|_| malformed())? {
        match field.name() {
            Some("file") => {
                let raw_name = field.file_name().map(str::to_owned);
                let bytes = field.bytes().await.map_err(|_| malformed())?;
                // A form sent with no file chosen has one empty, unnamed part.
                if bytes.is_empty() && raw_name.as_deref().is_none_or(str::is_empty) {
                    continue;
                }
                let Some(raw_name) = raw_name.filter(|name| !name.is_empty()) else {
                    return Err(Refusal::new(
                        StatusCode::BAD_REQUEST,
                        "字段 file 缺少文件名（Content-Disposition 的 filename），无法判断文件类型",
                    ));
                };
                let (name, format) = name_and_format(&raw_name)?;
                if files.len() >= MAX_FILES {
                    return Err(Refusal::new(StatusCode::BAD_REQUEST, format!("一次最多上传 {MAX_FILES} 个文件")));
                }
                files.push(Upload { name, format, bytes });
            }
            Some("pack") => {
                let text = field.text().await.map_err(|_| malformed())?;
                pack = chosen_pack(Some(text)).or(pack);
            }
            Some("verbose") => {
                let text = field.text().await.map_err(|_| malformed())?;
                verbose = verbose || switched_on(&text);
            }
            // Anything else a form may send (a button's name) is ignored.
            _ => {}
        }
    }
    if files.is_empty() {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            format!("没有收到文件：请在字段 file 中上传 {EXTENSIONS} 文件"),
        ));
    }
    Ok(Uploads { files, pack, verbose })
}

/// A form's checkbox or a query's switch: `1`, `true`, `on`, `yes`.
fn switched_on(value: &str) -> bool {
    matches!(value.trim().to_ascii_lowercase().as_str(), "1" | "true" | "on" | "yes")
}

/// A pack named by the request; blank or `auto` is the linter's choice.
fn chosen_pack(named: Option<String>) -> Option<String> {
    named.map(|name| name.trim().to_owned()).filter(|name| !name.is_empty() && name != "auto")
}

/// Body types a file may be sent as: any bytes, text, a PDF, an Office
/// document.
fn file_media_type(media_type: &str) -> bool {
    media_type == "application/octet-stream"
        || media_type == "application/pdf"
        || media_type.starts_with("text/")
        || media_type.starts_with("application/vnd.openxmlformats-officedocument.")
}

/// The name a client gave, cut to its last component and cleaned, and the
/// format its extension announces; an old or unknown type is 415.
pub fn name_and_format(raw: &str) -> Result<(String, Format), Refusal> {
    let name = base_name(raw)
        .ok_or_else(|| Refusal::new(StatusCode::BAD_REQUEST, "文件名为空：请给出带扩展名的文件名，如 报告.docx"))?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, format!("文件名过长：超过 {MAX_NAME_CHARS} 个字符")));
    }
    let path = Path::new(&name);
    if let Some(legacy) = source::legacy(path) {
        return Err(Refusal::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, format!("{name}：{legacy}")));
    }
    let extension = path.extension().and_then(|extension| extension.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("docx" | "xlsx" | "pdf" | "txt" | "md" | "markdown" | "csv") => {
            let format = Format::from_path(path);
            Ok((name, format))
        }
        _ => {
            Err(Refusal::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, format!("不能检查 {name}：只接受 {EXTENSIONS} 文件")))
        }
    }
}

/// The last component of a name a client sent, with slashes of either kind
/// as separators and control characters dropped; None for nothing left or
/// `.`/`..`.
fn base_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let name: String = last.chars().filter(|character| !character.is_control()).collect();
    let name = name.trim();
    (!name.is_empty() && name != "." && name != "..").then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_its_last_component() {
        assert_eq!(base_name("../../x.txt").as_deref(), Some("x.txt"));
        assert_eq!(base_name("C:\\Users\\张三\\报告.docx").as_deref(), Some("报告.docx"));
        assert_eq!(base_name("/etc/passwd\u{0}.md").as_deref(), Some("passwd.md"));
        assert_eq!(base_name("a/.."), None);
        assert_eq!(base_name("dir/"), None);
    }

    #[test]
    fn the_extension_gives_the_format_or_a_415() {
        assert_eq!(name_and_format("报告.DOCX").unwrap(), ("报告.DOCX".to_owned(), Format::Docx));
        assert_eq!(name_and_format("../自评表.xlsx").unwrap().1, Format::Xlsx);
        let legacy = name_and_format("旧报告.doc").unwrap_err();
        assert_eq!(legacy.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(legacy.message.contains("另存为 .docx"), "{}", legacy.message);
        let picture = name_and_format("图.png").unwrap_err();
        assert_eq!(picture.message, "不能检查 图.png：只接受 .docx、.xlsx、.pdf、.txt、.md、.csv 文件");
        assert_eq!(name_and_format("报告").unwrap_err().status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(name_and_format("../").unwrap_err().status, StatusCode::BAD_REQUEST);
    }
}
