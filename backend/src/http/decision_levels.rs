//! `GET /api/documents/{doc}/decision-levels`: the level (district, province) each
//! decision on a report was taken at, from the provenance, so that the reviewer's page
//! knows whose turn it is (`shared::report::decision_order::awaiting`).

use super::error::ApiError;
use crate::auth::AuthUser;
use crate::domain::decision_levels;
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::ids::DocId;
use shared::report::decision_order::ReviewLevel;

pub fn router() -> Router<AppState> {
    Router::new().route("/documents/{doc}/decision-levels", get(levels))
}

async fn levels(
    State(state): State<AppState>,
    user: AuthUser,
    Path(doc): Path<String>,
) -> Result<Json<Vec<Option<ReviewLevel>>>, ApiError> {
    let id: DocId = doc
        .parse()
        .map_err(|e: shared::vocabulary::IdError| ApiError::BadRequest(e.to_string()))?;
    Ok(Json(
        decision_levels::of_report(state.store(), &user.principal, id).await?,
    ))
}
