//! `POST /api/import`: a saved file of a unit's documents handed in at the province (or
//! the district), merged document by document (`domain::hand_in`).

use super::error::ApiError;
use crate::auth::AuthUser;
use crate::server::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::routing::post;
use axum::{Json, Router};
use shared::bundle;
use shared::wire::{ImportResult, MAX_DOCS_PER_REQUEST, MAX_IMPORT_BODY};

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
    Ok(Json(
        crate::domain::hand_in::hand_in(&state.documents, &user, docs).await?,
    ))
}
