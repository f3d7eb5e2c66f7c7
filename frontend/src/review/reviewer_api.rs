//! The reviewers' calls to the server: the received list, the overview, the consolidated
//! table, task progress, the official files and the hand-in of a saved file.

pub use crate::api::ApiError;
use crate::api::{json, send};
use js_sys::Uint8Array;
use shared::wire::ReceivedReport;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The reports the reviewer receives: values, receipt and submission times, decisions.
pub async fn received_reports(token: &str) -> Result<Vec<ReceivedReport>, ApiError> {
    json(send("GET", "/api/reports", Some(token), None).await?).await
}

/// The level each decision on `report` was taken at, in the review's order.
pub async fn decision_levels(
    token: &str,
    report: &str,
) -> Result<Vec<Option<shared::report::decision_order::ReviewLevel>>, ApiError> {
    let path = format!("/api/documents/{report}/decision-levels");
    json(send("GET", &path, Some(token), None).await?).await
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

/// The reviewer's matrix of a period (`query`: period, district, level).
pub async fn overview(
    token: &str,
    query: &str,
) -> Result<shared::wire::OverviewResponse, ApiError> {
    json(send("GET", &format!("/api/overview?{query}"), Some(token), None).await?).await
}

/// What the units under a consolidating level answered (`query`: period, district).
pub async fn activity_answers(
    token: &str,
    query: &str,
) -> Result<shared::consolidation::MergedActivity, ApiError> {
    json(
        send(
            "GET",
            &format!("/api/activity-answers?{query}"),
            Some(token),
            None,
        )
        .await?,
    )
    .await
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
