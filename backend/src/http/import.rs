//! `POST /api/import`: a saved file of a unit's documents, carried to the province (or the
//! district) when the unit has had no network for weeks. Each document is merged into the
//! server's copy (Automerge merge: nothing is overwritten, a file handed in twice changes
//! nothing) and checked exactly like a sync: the same content rules, the provenance names
//! the person who handed the file in. Documents outside the person's scope are skipped
//! and said so.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::server::AppState;
use crate::sync::Loaded;
use automerge::AutoCommit;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::routing::post;
use axum::{Json, Router};
use shared::bundle;
use shared::ids::DocId;
use shared::wire::{ImportResult, MAX_DOCS_PER_REQUEST, MAX_IMPORT_BODY};

/// The device name provenance records for changes that came in a file.
pub const IMPORT_DEVICE: &str = "tệp sao lưu";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/import", post(import))
        .layer(DefaultBodyLimit::max(MAX_IMPORT_BODY))
}

async fn import(
    State(state): State<AppState>,
    user: AuthUser,
    body: Bytes,
) -> Result<Json<ImportResult>, ApiError> {
    let docs = bundle::read(&body).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    if docs.len() > MAX_DOCS_PER_REQUEST {
        return Err(ApiError::TooLarge);
    }
    let mut result = ImportResult::default();
    for saved in docs {
        let Ok(id) = saved.doc.parse::<DocId>() else {
            result
                .skipped
                .push((saved.doc, "Mã báo cáo không hợp lệ.".to_string()));
            continue;
        };
        if !user.principal.can_import(&id) {
            result.skipped.push((
                saved.doc,
                "Báo cáo không thuộc phạm vi bạn được nhận.".to_string(),
            ));
            continue;
        }
        let Ok(mut incoming) = AutoCommit::load(&saved.bytes) else {
            result
                .skipped
                .push((saved.doc, "Dữ liệu báo cáo bị hỏng.".to_string()));
            continue;
        };
        let lock = state.locks.get(id);
        let _guard = lock.lock().await;
        let mut loaded = Loaded::load(&state.store, &state.cache, id).await?;
        let mut candidate = loaded.doc.fork();
        if candidate.merge(&mut incoming).is_err() {
            loaded.release(&state.cache, id);
            result
                .skipped
                .push((saved.doc, "Không ghép được dữ liệu.".to_string()));
            continue;
        }
        let outcome = loaded
            .accept(&state.store, &user, IMPORT_DEVICE, id, candidate, true)
            .await;
        loaded.release(&state.cache, id);
        match outcome? {
            Ok(true) => result.merged.push(saved.doc),
            Ok(false) => result.unchanged.push(saved.doc),
            Err(reason) => result.skipped.push((saved.doc, reason.to_string())),
        }
    }
    tracing::info!(
        user = user.user_id,
        merged = result.merged.len(),
        unchanged = result.unchanged.len(),
        skipped = result.skipped.len(),
        "file imported"
    );
    Ok(Json(result))
}
