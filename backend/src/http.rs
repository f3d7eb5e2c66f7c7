//! The HTTP API, one file per resource, each with its own routes.

pub mod assets;
mod changes;
pub mod consolidated;
pub mod headers;
mod health;
mod history;
mod import;
mod login;
mod overview;
mod reports;
mod sync;

use crate::server::AppState;
use axum::Router;

/// Every `/api` route.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(login::router())
        .merge(sync::router())
        .merge(reports::router())
        .merge(history::router())
        .merge(changes::router())
        .merge(overview::router())
        .merge(consolidated::router())
        .merge(import::router())
        .fallback(|| async { crate::error::ApiError::NotFound })
}
