//! `GET /api/changes?since=<ms>&wait=<s>`: a long poll that answers as soon as a
//! document the user may read has been stored at or after `since` (on this instance or,
//! on PostgreSQL, on any other), or after `wait` seconds with nothing. The answer names
//! the documents and the cursor for the next call; the client then runs its ordinary
//! sync. Plain HTTP with the bearer header, so it passes every proxy a phone meets.

use super::error::ApiError;
use super::query::Query;
use crate::auth::AuthUser;
use crate::clock::now_ms;
use crate::server::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::ids::DocId;
use shared::wire::ChangesResponse;
use std::time::Duration;

/// The longest a poll may wait, below the idle timeouts of common proxies.
pub const MAX_WAIT_SECONDS: u64 = 55;

pub fn router() -> Router<AppState> {
    Router::new().route("/changes", get(changes))
}

#[derive(serde::Deserialize)]
struct Params {
    since: Option<i64>,
    wait: Option<u64>,
}

async fn changes(
    State(state): State<AppState>,
    user: AuthUser,
    Query(params): Query<Params>,
) -> Result<Json<ChangesResponse>, ApiError> {
    // Subscribe before reading, so a change stored in between is not missed.
    let mut notices = state.store().subscribe();
    let mut closing = state.store().closing();
    let since = params.since.unwrap_or_else(now_ms);
    let wait = Duration::from_secs(params.wait.unwrap_or(25).min(MAX_WAIT_SECONDS));
    let deadline = tokio::time::Instant::now() + wait;
    let readable = |doc: &str| {
        doc.parse::<DocId>()
            .is_ok_and(|id| user.principal.can_read(&id))
    };
    loop {
        let updated = state.store().updated_since(since).await?;
        let docs: Vec<_> = updated.iter().filter(|u| readable(&u.doc_id)).collect();
        if let Some(last) = docs.iter().map(|u| u.updated_at).max() {
            return Ok(Json(ChangesResponse {
                docs: docs.iter().map(|u| u.doc_id.clone()).collect(),
                cursor: last + 1,
            }));
        }
        // Sleep until a notice about a document this user reads, the deadline, or the
        // server shutting down (which must not wait for this poll).
        let heard = tokio::time::timeout_at(deadline, async {
            loop {
                tokio::select! {
                    notice = notices.recv() => match notice {
                        Ok(doc) if readable(&doc) => return true,
                        Ok(_) => continue,
                        // Fell behind: re-read the table.
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => return true,
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => return false,
                    },
                    _ = closing.wait_for(|closing| *closing) => return false,
                }
            }
        })
        .await;
        if !matches!(heard, Ok(true)) {
            // A last look at the table: a notice that never came (another instance on
            // SQLite, a dropped LISTEN connection) delays an update, never loses it.
            let updated = state.store().updated_since(since).await?;
            let docs: Vec<_> = updated.iter().filter(|u| readable(&u.doc_id)).collect();
            let cursor = docs.iter().map(|u| u.updated_at + 1).max().unwrap_or(since);
            return Ok(Json(ChangesResponse {
                docs: docs.iter().map(|u| u.doc_id.clone()).collect(),
                cursor,
            }));
        }
    }
}
