//! `GET /api/reports`: the reports received so far, as reviewers list them
//! (`domain::received_list`). Reviewers see all; a district officer sees the district's.

use super::error::ApiError;
use crate::auth::AuthUser;
use crate::server::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::wire::ReceivedReport;

pub fn router() -> Router<AppState> {
    Router::new().route("/reports", get(list))
}

async fn list(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<ReceivedReport>>, ApiError> {
    let store = state.store();
    Ok(Json(
        crate::domain::received_list::received(store, &user.principal).await?,
    ))
}
