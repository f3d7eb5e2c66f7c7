//! `GET /api/progress?period=2022[&all=true]`: Phụ lục 1's tasks with what their lead
//! agencies said in their self-inspection reports (`shared::progress`). Approved reports
//! only, at their approved versions, unless `all=true`. District officers see what their
//! own district reported.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::access::Role;
use shared::ids::{ReportKind, UnitCode};
use shared::progress::{TaskProgress, task_progress};
use shared::report::inspection::InspectionReport;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new().route("/progress", get(progress))
}

#[derive(serde::Deserialize)]
struct Params {
    period: String,
    #[serde(default)]
    all: bool,
}

async fn progress(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Json<Vec<TaskProgress>>, ApiError> {
    if !user.principal.role.reviews() {
        return Err(ApiError::Forbidden(
            "Chỉ cán bộ thẩm định mới xem được tiến độ nhiệm vụ.".to_string(),
        ));
    }
    let period = super::scope::period(&p.period)?;
    let own = match user.principal.role {
        Role::DistrictOfficer => user.principal.unit,
        _ => None,
    };
    let visible = |u: UnitCode| own.is_none_or(|d| d == u);
    let chosen =
        crate::versions::chosen(&state, ReportKind::SelfInspection, period, !p.all, visible)
            .await?;
    let mut reports = BTreeMap::new();
    for c in &chosen {
        let doc = crate::versions::read(&state, c).await?;
        if let Ok(report) = InspectionReport::read(&doc) {
            reports.insert(c.id.unit, report);
        }
    }
    Ok(Json(task_progress(&reports, visible)))
}
