//! `GET /api/consolidated?period=2022[&district=417][&approved=true]`: the Phụ lục 2
//! table (`domain::indicator_table`) for the province or a district. District officers get
//! their own district. With `approved=true` (what exports use by default) only approved
//! reports count, each at its approved version.

use super::error::ApiError;
use super::query::Query;
use crate::auth::AuthUser;
use crate::domain::area;
use crate::server::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::vocabulary::Period;
use shared::wire::ConsolidatedResponse;

pub fn router() -> Router<AppState> {
    Router::new().route("/consolidated", get(consolidated))
}

/// What the table is asked for.
#[derive(serde::Deserialize)]
struct Params {
    period: Period,
    district: Option<String>,
    /// Only approved reports, at their approved versions.
    #[serde(default)]
    approved: bool,
}

async fn consolidated(
    State(state): State<AppState>,
    user: AuthUser,
    Query(params): Query<Params>,
) -> Result<Json<ConsolidatedResponse>, ApiError> {
    let district = area::area(&user.principal, params.district.as_deref())?;
    let table = crate::domain::indicator_table::table(
        &state.documents,
        &user.principal,
        params.period,
        district,
        params.approved,
    )
    .await?;
    Ok(Json(table))
}
