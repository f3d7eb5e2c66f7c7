//! The HTTP API, one file per resource, each with its own routes.

pub mod assets;
mod changes;
pub mod consolidated;
mod exports;
pub mod headers;
mod health;
mod history;
mod import;
mod login;
pub mod overview;
mod progress;
mod reports;
mod scope;
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
        .merge(exports::router())
        .merge(progress::router())
        .fallback(|| async { crate::error::ApiError::NotFound })
}
