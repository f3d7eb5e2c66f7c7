//! The HTTP layer: one file per resource, each with its own routes. A handler parses
//! the request (extractors: the signed-in user, typed query strings, bodies), calls one
//! function of the domain layer and answers; [`error::ApiError`] is the one error type,
//! Vietnamese for users.

mod activity_answers;
pub mod assets;
mod consolidated;
mod decision_levels;
pub mod error;
mod exports;
pub mod headers;
mod health;
mod history;
mod import;
mod login;
mod notices;
mod overview;
mod progress;
mod query;
mod reports;
mod sync;
mod task_texts;

use crate::server::AppState;
use axum::Router;

/// Every `/api` route.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(activity_answers::router())
        .merge(login::router())
        .merge(sync::router())
        .merge(reports::router())
        .merge(history::router())
        .merge(decision_levels::router())
        .merge(notices::router())
        .merge(overview::router())
        .merge(consolidated::router())
        .merge(import::router())
        .merge(exports::router())
        .merge(progress::router())
        .merge(task_texts::router())
        .fallback(|| async { error::ApiError::NotFound })
}
