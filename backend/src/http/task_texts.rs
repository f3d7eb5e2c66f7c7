//! `GET /api/plan/task-texts`: the content of Phụ lục 1's tasks, which the PWA's embedded
//! plan leaves out so that a commune officer's first visit does not carry them. Devices
//! that show them (a department's or district's self-inspection page) fetch them once
//! after signing in and keep them. They are the published plan's text, so no sign-in is
//! needed.

use crate::server::AppState;
use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use shared::plan::{plan, texts_as_lines};

pub fn router() -> Router<AppState> {
    Router::new().route("/plan/task-texts", get(texts))
}

/// One line per bullet (`shared::plan::texts_as_lines`).
async fn texts() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        texts_as_lines(&plan().tasks),
    )
}
