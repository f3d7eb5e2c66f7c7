//! `GET /api/documents/{doc}/history`: who uploaded each change of a document and when
//! the server received it. The phone joins this with the document's own history to show
//! who changed a field and when.

use super::error::ApiError;
use crate::auth::AuthUser;
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::ids::DocId;
use shared::wire::ChangeRecord;

pub fn router() -> Router<AppState> {
    Router::new().route("/documents/{doc}/history", get(history))
}

async fn history(
    State(state): State<AppState>,
    user: AuthUser,
    Path(doc): Path<String>,
) -> Result<Json<Vec<ChangeRecord>>, ApiError> {
    let id: DocId = doc
        .parse()
        .map_err(|e: shared::vocabulary::IdError| ApiError::BadRequest(e.to_string()))?;
    if !user.principal.can_read(&id) {
        return Err(ApiError::Forbidden(format!(
            "Bạn không có quyền truy cập báo cáo «{id}»."
        )));
    }
    Ok(Json(state.store().change_records(id).await?))
}
