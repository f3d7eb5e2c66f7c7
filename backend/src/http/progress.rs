//! `GET /api/progress?period=2022[&all=true]`: Phụ lục 1's tasks with what their lead
//! agencies reported (`domain::task_progress`); approved reports only unless `all=true`.

use super::error::ApiError;
use super::query::Query;
use crate::auth::AuthUser;
use crate::server::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::progress::TaskProgress;
use shared::vocabulary::Period;

pub fn router() -> Router<AppState> {
    Router::new().route("/progress", get(progress))
}

#[derive(serde::Deserialize)]
struct Params {
    period: Period,
    #[serde(default)]
    all: bool,
}

async fn progress(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Json<Vec<TaskProgress>>, ApiError> {
    Ok(Json(
        crate::domain::task_progress::progress(&state.documents, &user.principal, p.period, !p.all)
            .await?,
    ))
}
