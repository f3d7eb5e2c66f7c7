//! Calls to the server. Every failure becomes an [`ApiError`] with a Vietnamese message
//! the officer can act on.

use js_sys::Uint8Array;
use serde::de::DeserializeOwned;
use shared::wire::{ErrorBody, LoginRequest, LoginResponse, ReceivedReport};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer: no signal, or the server is down.
    Offline,
    /// The token expired or was revoked.
    Unauthorized(String),
    /// The server refused the request and said why.
    Refused(String),
}

impl ApiError {
    pub fn message(&self) -> String {
        match self {
            ApiError::Offline => "Không kết nối được máy chủ. Dữ liệu vẫn được lưu trên máy và sẽ tự gửi khi có mạng.".to_string(),
            ApiError::Unauthorized(m) | ApiError::Refused(m) => m.clone(),
        }
    }
}

async fn send(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, JsValue)>,
) -> Result<Response, ApiError> {
    let init = RequestInit::new();
    init.set_method(method);
    let request = Request::new_with_str_and_init(path, &init).map_err(|_| ApiError::Offline)?;
    if let Some(token) = token {
        let _ = request
            .headers()
            .set("Authorization", &format!("Bearer {token}"));
    }
    let request = match body {
        Some((content_type, body)) => {
            let init = RequestInit::new();
            init.set_method(method);
            init.set_body(&body);
            let _ = request.headers().set("Content-Type", content_type);
            init.set_headers(&request.headers());
            Request::new_with_str_and_init(path, &init).map_err(|_| ApiError::Offline)?
        }
        None => request,
    };
    let window = web_sys::window().ok_or(ApiError::Offline)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ApiError::Offline)?
        .dyn_into()
        .map_err(|_| ApiError::Offline)?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let message = match text(&response).await {
        Ok(text) => serde_json::from_str::<ErrorBody>(&text)
            .map(|b| b.error)
            .ok(),
        Err(_) => None,
    }
    .unwrap_or_else(|| format!("Máy chủ trả lời lỗi {status}."));
    Err(match status {
        401 => ApiError::Unauthorized(message),
        502..=504 => ApiError::Offline,
        _ => ApiError::Refused(message),
    })
}

async fn text(response: &Response) -> Result<String, ApiError> {
    let promise = response.text().map_err(|_| ApiError::Offline)?;
    let value = JsFuture::from(promise)
        .await
        .map_err(|_| ApiError::Offline)?;
    value.as_string().ok_or(ApiError::Offline)
}

async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    serde_json::from_str(&text(&response).await?)
        .map_err(|_| ApiError::Refused("Máy chủ trả lời không đúng định dạng.".to_string()))
}

pub async fn login(username: &str, password: &str) -> Result<LoginResponse, ApiError> {
    let body = serde_json::to_string(&LoginRequest {
        username: username.to_string(),
        password: password.to_string(),
    })
    .expect("strings serialize");
    let response = send(
        "POST",
        "/api/login",
        None,
        Some(("application/json", body.into())),
    )
    .await?;
    json(response).await
}

/// One batched sync round: the encoded request out, the encoded response back.
pub async fn sync(token: &str, body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let bytes = Uint8Array::from(body);
    let response = send(
        "POST",
        "/api/sync",
        Some(token),
        Some(("application/x-vstbpn-sync", bytes.into())),
    )
    .await?;
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| ApiError::Offline)?)
        .await
        .map_err(|_| ApiError::Offline)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

pub async fn received_reports(token: &str) -> Result<Vec<ReceivedReport>, ApiError> {
    json(send("GET", "/api/reports", Some(token), None).await?).await
}

/// Who uploaded each change of a document, and when the server received it.
pub async fn history(token: &str, doc: &str) -> Result<Vec<shared::wire::ChangeRecord>, ApiError> {
    json(
        send(
            "GET",
            &format!("/api/documents/{doc}/history"),
            Some(token),
            None,
        )
        .await?,
    )
    .await
}

/// Hands a saved file in to the server (at the province), which merges it like a sync.
pub async fn import(token: &str, file: &[u8]) -> Result<shared::wire::ImportResult, ApiError> {
    let bytes = Uint8Array::from(file);
    json(
        send(
            "POST",
            "/api/import",
            Some(token),
            Some(("application/octet-stream", bytes.into())),
        )
        .await?,
    )
    .await
}

/// The long poll for changes stored since `since` (from now when `None`).
pub async fn changes(
    token: &str,
    since: Option<i64>,
    wait_seconds: u32,
) -> Result<shared::wire::ChangesResponse, ApiError> {
    let since = since.map(|s| format!("&since={s}")).unwrap_or_default();
    json(
        send(
            "GET",
            &format!("/api/changes?wait={wait_seconds}{since}"),
            Some(token),
            None,
        )
        .await?,
    )
    .await
}

/// The reviewer's matrix of a period (`query`: period, district, level).
pub async fn overview(
    token: &str,
    query: &str,
) -> Result<shared::wire::OverviewResponse, ApiError> {
    json(send("GET", &format!("/api/overview?{query}"), Some(token), None).await?).await
}

/// Phụ lục 2 rolled up (`query`: period, district).
pub async fn consolidated(
    token: &str,
    query: &str,
) -> Result<shared::wire::ConsolidatedResponse, ApiError> {
    json(
        send(
            "GET",
            &format!("/api/consolidated?{query}"),
            Some(token),
            None,
        )
        .await?,
    )
    .await
}

/// A file from the server (`path` under `/api/export`), read chunk by chunk so a long
/// download can show how far it got: `progress(received, total)` after each chunk.
/// Returns the bytes and the file name the server gave.
pub async fn download(
    token: &str,
    path: &str,
    progress: impl Fn(u64, Option<u64>),
) -> Result<(Vec<u8>, String), ApiError> {
    let response = send("GET", path, Some(token), None).await?;
    let headers = response.headers();
    let total = headers
        .get("Content-Length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<u64>().ok());
    let name = headers
        .get("Content-Disposition")
        .ok()
        .flatten()
        .and_then(|v| {
            v.split("filename=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "bao-cao".to_string());
    let mut bytes = Vec::with_capacity(total.unwrap_or(0) as usize);
    let body = response.body().ok_or(ApiError::Offline)?;
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| ApiError::Offline)?;
    progress(0, total);
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| ApiError::Offline)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            bytes.extend(Uint8Array::new(&value).to_vec());
        }
        progress(bytes.len() as u64, total);
    }
    Ok((bytes, name))
}

/// Phụ lục 1's tasks with what their lead agencies reported (`query`: period, all).
pub async fn progress(
    token: &str,
    query: &str,
) -> Result<Vec<shared::progress::TaskProgress>, ApiError> {
    json(send("GET", &format!("/api/progress?{query}"), Some(token), None).await?).await
}
