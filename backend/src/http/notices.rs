//! `GET /api/changes?since=<cursor>&wait=<s>`: a long poll that answers as soon as a
//! document the user may read has a change committed after the cursor (on this instance
//! or, on PostgreSQL, on any other), or after `wait` seconds with nothing. The cursor is
//! a change number taken in commit order, never a time, so a change stamped earlier but
//! committed later is still seen. The answer names
//! the documents and the cursor for the next call; the client then runs its ordinary
//! sync. Plain HTTP with the bearer header, so it passes every proxy a phone meets.

use super::error::ApiError;
use super::query::Query;
use crate::auth::AuthUser;
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
    let last = state.store().last_change().await?;
    // No cursor, or one this server never gave (a page still holding an older kind of
    // cursor): from now.
    let mut after = params.since.filter(|&since| since <= last).unwrap_or(last);
    let wait = Duration::from_secs(params.wait.unwrap_or(25).min(MAX_WAIT_SECONDS));
    let deadline = tokio::time::Instant::now() + wait;
    let readable = |doc: &str| {
        doc.parse::<DocId>()
            .is_ok_and(|id| user.principal.can_read(&id))
    };
    loop {
        let updated = state.store().updated_after(after).await?;
        // Past every change read, readable or not: they need not be read again.
        after = updated.iter().map(|u| u.change_seq).max().unwrap_or(after);
        let docs: Vec<String> = updated
            .into_iter()
            .filter(|u| readable(&u.doc_id))
            .map(|u| u.doc_id)
            .collect();
        if !docs.is_empty() {
            return Ok(Json(ChangesResponse {
                docs,
                cursor: after,
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
            let updated = state.store().updated_after(after).await?;
            let cursor = updated.iter().map(|u| u.change_seq).max().unwrap_or(after);
            return Ok(Json(ChangesResponse {
                docs: updated
                    .into_iter()
                    .filter(|u| readable(&u.doc_id))
                    .map(|u| u.doc_id)
                    .collect(),
                cursor,
            }));
        }
    }
}
