//! `GET /api/overview?period=2022-H1[&district=417][&level=commune]`: the reviewer's
//! matrix of units × reports for a period, each cell from the projection (no document is
//! opened), with counts and rates per district. District officers see their district.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::access::Principal;
use shared::calendar::due_report;
use shared::ids::UnitCode;
use shared::overview::{CellStatus, Tally, district_of, expected, reports_of};
use shared::report::review::{ReportState, Verdict, projected_state};
use shared::units::UnitLevel;
use shared::wire::{DistrictTally, OverviewCell, OverviewColumn, OverviewResponse, OverviewRow};
use std::collections::{BTreeMap, HashMap};

pub fn router() -> Router<AppState> {
    Router::new().route("/overview", get(overview))
}

/// What the matrix is asked for.
#[derive(serde::Deserialize)]
pub struct Params {
    pub period: String,
    pub district: Option<String>,
    pub level: Option<String>,
}

fn tally_row(code: Option<UnitCode>, name: String, tally: Tally) -> DistrictTally {
    DistrictTally {
        code: code.map(UnitCode::get),
        name,
        submitted_rate: tally.submitted_rate(),
        on_time_rate: tally.on_time_rate(),
        tally,
    }
}

async fn overview(
    State(state): State<AppState>,
    user: AuthUser,
    Query(params): Query<Params>,
) -> Result<Json<OverviewResponse>, ApiError> {
    Ok(Json(build(&state, &user.principal, &params).await?))
}

/// Checks the request and builds the matrix (the page and the XLSX export share it).
pub async fn build(
    state: &AppState,
    viewer: &Principal,
    params: &Params,
) -> Result<OverviewResponse, ApiError> {
    if !viewer.role.reviews() {
        return Err(ApiError::Forbidden(
            "Chỉ cán bộ thẩm định mới xem được bảng tổng hợp.".to_string(),
        ));
    }
    let bad = |e: String| ApiError::BadRequest(e);
    let period = super::scope::period(&params.period)?;
    // The matrix keeps to what the viewer may see (`expected`), so no area is forced here.
    let district = super::scope::district(params.district.as_deref())?;
    let level = match params.level.as_deref().filter(|l| !l.is_empty()) {
        None => None,
        Some("commune") => Some(UnitLevel::Commune),
        Some("district") => Some(UnitLevel::District),
        Some("department") => Some(UnitLevel::Department),
        Some(other) => return Err(bad(format!("Cấp đơn vị không hợp lệ: «{other}»."))),
    };
    let reports = reports_of(period);
    if reports.is_empty() {
        return Err(bad(format!(
            "Không có báo cáo nào của kỳ «{}».",
            period.label()
        )));
    }
    let projection: HashMap<String, crate::store::ReportRow> = state
        .store
        .received_reports()
        .await?
        .into_iter()
        .map(|r| (r.doc_id.clone(), r))
        .collect();

    let mut rows = Vec::new();
    let mut districts: BTreeMap<Option<UnitCode>, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for (unit, owed) in expected(viewer, period, district, level) {
        let cells = reports
            .iter()
            .map(|report| {
                let id = report.doc_id(unit);
                if !owed.contains(&id) {
                    return None;
                }
                let row = projection.get(&id.to_string());
                let state = row.map_or(ReportState::NotStarted, |r| {
                    projected_state(
                        r.submitted_at,
                        r.verdict.as_deref().and_then(Verdict::parse),
                        r.decided_at,
                        r.heads_unchanged,
                        true,
                    )
                });
                let submitted_at = row.and_then(|r| r.submitted_at);
                let on_time = submitted_at
                    .and_then(|at| due_report(id.kind, id.period).map(|d| d.on_time(at)));
                let status = CellStatus::of(state, on_time);
                districts
                    .entry(district_of(unit))
                    .or_default()
                    .add(status, on_time);
                total.add(status, on_time);
                Some(OverviewCell {
                    doc: id.to_string(),
                    status,
                    submitted_at,
                })
            })
            .collect();
        let u = unit.unit();
        rows.push(OverviewRow {
            unit_code: unit.get(),
            unit_name: u.name.clone(),
            district_name: u
                .parent
                .filter(|p| p.unit().level == UnitLevel::District)
                .map(|p| p.unit().name.clone()),
            cells,
        });
    }
    let districts = districts
        .into_iter()
        .map(|(code, tally)| {
            let name = code.map_or("Các sở, ban, ngành".to_string(), |c| {
                c.unit().name.clone()
            });
            tally_row(code, name, tally)
        })
        .collect();
    Ok(OverviewResponse {
        period: period.to_string(),
        period_label: period.label(),
        columns: reports
            .iter()
            .map(|r| OverviewColumn {
                kind: r.kind.as_str().to_string(),
                title: r.title(),
                due: r.due.to_string(),
            })
            .collect(),
        rows,
        districts,
        total: tally_row(None, "Toàn tỉnh".to_string(), total),
    })
}
