//! `GET /api/health`: the process is up. `GET /api/ready`: the database answers.

use super::error::ApiError;
use crate::server::AppState;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/ready", get(ready))
}

async fn ready(State(state): State<AppState>) -> Result<&'static str, ApiError> {
    state.store().count_users().await?;
    Ok("ready")
}
