//! Calls to the server. Every failure becomes an [`ApiError`] with a Vietnamese message
//! the officer can act on.

use crate::json_body;
use js_sys::Uint8Array;
use shared::wire::LoginResponse;
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

pub(crate) async fn send(
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
    let message = json_value(&response)
        .await
        .as_ref()
        .and_then(json_body::error)
        .unwrap_or_else(|| format!("Máy chủ trả lời lỗi {status}."));
    Err(match status {
        401 => ApiError::Unauthorized(message),
        502..=504 => ApiError::Offline,
        _ => ApiError::Refused(message),
    })
}

/// A JSON body read by the browser's own parser. The wasm carries no JSON parser (and
/// no float parser with it): the field build is size-bound.
async fn json_value(response: &Response) -> Option<JsValue> {
    JsFuture::from(response.json().ok()?).await.ok()
}

fn malformed() -> ApiError {
    ApiError::Refused("Máy chủ trả lời không đúng định dạng.".to_string())
}

/// A JSON body mapped into `T` by serde-wasm-bindgen: the reviewer's build, whose
/// answers are many (the field build reads its few with `crate::json_body`).
#[cfg(feature = "review")]
pub(crate) async fn json<T: serde::de::DeserializeOwned>(
    response: Response,
) -> Result<T, ApiError> {
    json_value(&response)
        .await
        .and_then(|v| serde_wasm_bindgen::from_value(v).ok())
        .ok_or_else(malformed)
}

pub async fn login(username: &str, password: &str) -> Result<LoginResponse, ApiError> {
    let request = json_body::login_request(username, password).ok_or(ApiError::Offline)?;
    let response = send(
        "POST",
        "/api/login",
        None,
        Some(("application/json", request.into())),
    )
    .await?;
    json_value(&response)
        .await
        .as_ref()
        .and_then(json_body::login)
        .ok_or_else(malformed)
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

/// Who uploaded each change of a document, and when the server received it.
pub async fn history(token: &str, doc: &str) -> Result<Vec<shared::wire::ChangeRecord>, ApiError> {
    let path = format!("/api/documents/{doc}/history");
    let response = send("GET", &path, Some(token), None).await?;
    json_value(&response)
        .await
        .as_ref()
        .and_then(json_body::change_records)
        .ok_or_else(malformed)
}

/// The long poll for changes stored since `since` (from now when `None`).
#[cfg(feature = "review")]
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
