//! `GET /api/overview?period=2022-H1[&district=417][&level=commune]`: the reviewer's
//! matrix of units × reports for a period (`domain::completeness`).

use super::error::ApiError;
use super::query::Query;
use crate::auth::AuthUser;
use crate::domain::area;
use crate::server::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::vocabulary::Period;
use shared::wire::OverviewResponse;

pub fn router() -> Router<AppState> {
    Router::new().route("/overview", get(overview))
}

/// What the matrix is asked for.
#[derive(serde::Deserialize)]
struct Params {
    period: Period,
    district: Option<String>,
    level: Option<String>,
}

async fn overview(
    State(state): State<AppState>,
    user: AuthUser,
    Query(params): Query<Params>,
) -> Result<Json<OverviewResponse>, ApiError> {
    let matrix = crate::domain::completeness::matrix(
        state.store(),
        &user.principal,
        params.period,
        area::area(&user.principal, params.district.as_deref())?,
        area::level(params.level.as_deref())?,
    )
    .await?;
    Ok(Json(matrix))
}
