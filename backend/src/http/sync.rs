//! `POST /api/sync`: one batched round of Automerge sync for all of a device's documents.
//!
//! The whole body is checked before any document is touched: a malformed envelope or
//! message, an unknown document id, or a document the user may not read fails the request
//! (400 or 403) with nothing stored. Then each document is answered in turn; a refused
//! write is answered per document so the device's other reports still sync.

use super::error::ApiError;
use crate::auth::AuthUser;
use crate::domain::document_sync::{DocumentSync, sync_document};
use crate::server::AppState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::post;
use shared::ids::DocId;
use shared::wire::{
    self, DocReply, MAX_DOCS_PER_REQUEST, MAX_SYNC_BODY, SyncRequest, SyncResponse,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sync", post(sync))
        .layer(DefaultBodyLimit::max(MAX_SYNC_BODY))
}

/// How many sync requests work on their documents at once; the others wait with only
/// their parsed body in memory. Each working request holds its documents, a copy being
/// checked and the bytes being stored (a report is ~30 KB in memory): 500 phones
/// uploading at once took the server from 120 to over 180 MB before this limit. Writes
/// are grouped behind one writer anyway (`store/group_commit.rs`), and an idle check
/// takes well under a millisecond. On 2 cores, 16 served the most edits with the lowest
/// tail of the limits tried (`cargo xtask load`).
static AT_ONCE: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(16);

/// The media type of sync envelopes.
pub const SYNC_CONTENT_TYPE: &str = "application/x-vstbpn-sync";

async fn sync(
    State(state): State<AppState>,
    user: AuthUser,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    let invalid = || ApiError::BadRequest("Dữ liệu đồng bộ không hợp lệ.".to_string());
    let request: SyncRequest = wire::decode(&body).map_err(|_| invalid())?;
    if request.docs.len() > MAX_DOCS_PER_REQUEST {
        return Err(ApiError::TooLarge);
    }
    if request.device.is_empty() || request.device.len() > 64 {
        return Err(ApiError::BadRequest("Thiếu mã thiết bị.".to_string()));
    }
    let mut parsed = Vec::with_capacity(request.docs.len());
    for item in &request.docs {
        let id: DocId = item
            .doc
            .parse()
            .map_err(|e: shared::vocabulary::IdError| ApiError::BadRequest(e.to_string()))?;
        if !user.principal.can_read(&id) {
            return Err(ApiError::Forbidden(format!(
                "Bạn không có quyền truy cập báo cáo «{id}»."
            )));
        }
        if parsed.iter().any(|(seen, _)| *seen == id) {
            return Err(ApiError::BadRequest(format!(
                "Báo cáo «{id}» bị gửi hai lần."
            )));
        }
        let message = shared::sync_message::decode(&item.message).map_err(|_| invalid())?;
        parsed.push((id, message));
    }
    // Wait for a turn before loading any document: see [`AT_ONCE`].
    let _turn = AT_ONCE
        .acquire()
        .await
        .expect("the semaphore is never closed");
    // What the database says of every document of the request, in one query.
    let ids: Vec<DocId> = parsed.iter().map(|(id, _)| *id).collect();
    let stamps = state.store().document_stamps(&ids).await?;
    let mut docs = Vec::with_capacity(parsed.len());
    for (id, message) in parsed {
        let stamp = stamps.get(&id).copied();
        let outcome =
            sync_document(&state.documents, &user, &request.device, id, message, stamp).await?;
        docs.push(match outcome {
            DocumentSync::Stored(reply) | DocumentSync::Unchanged(reply) => DocReply::Message {
                doc: id.to_string(),
                message: reply.encode(),
            },
            DocumentSync::Refused(refusal) => DocReply::Refused {
                doc: id.to_string(),
                reason: refusal.to_string(),
            },
        });
    }
    Ok((
        [(header::CONTENT_TYPE, SYNC_CONTENT_TYPE)],
        wire::encode(&SyncResponse { docs }),
    ))
}
