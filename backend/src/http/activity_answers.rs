//! `GET /api/activity-answers?period=2022[&district=417][&all=true]`: what the units
//! under a consolidating level answered in their activity reports, merged
//! (`domain::activity_merge`): each unit's text under its name, the sums of counts and
//! grids, the tables' rows. The province's or the district's own report is left out: this
//! is what its officer has at hand beside each field while writing the level's report.
//! Approved reports only, each at its approved version, unless `all=true`.

use super::error::ApiError;
use super::query::Query;
use crate::auth::AuthUser;
use crate::domain::area;
use crate::server::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::consolidation::MergedActivity;
use shared::vocabulary::Period;

pub fn router() -> Router<AppState> {
    Router::new().route("/activity-answers", get(answers))
}

#[derive(serde::Deserialize)]
struct Params {
    period: Period,
    district: Option<String>,
    #[serde(default)]
    all: bool,
}

async fn answers(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Json<MergedActivity>, ApiError> {
    let district = area::area(&user.principal, p.district.as_deref())?;
    let c = crate::domain::activity_merge::merged(
        &state.documents,
        &user.principal,
        p.period,
        district,
        !p.all,
    )
    .await?;
    Ok(Json(c.units_merged()))
}
