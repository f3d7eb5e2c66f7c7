//! `GET /api/reports`: the reports received so far, as reviewers list them, each with the
//! server's receipt times. Reviewers see all; a district officer sees the district's.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::server::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::calendar::{due_report, title_of};
use shared::ids::DocId;
use shared::report::review::{Verdict, projected_state};
use shared::wire::ReceivedReport;

pub fn router() -> Router<AppState> {
    Router::new().route("/reports", get(list))
}

async fn list(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<ReceivedReport>>, ApiError> {
    if !user.principal.role.reviews() {
        return Err(ApiError::Forbidden(
            "Chỉ cán bộ thẩm định mới xem được danh sách báo cáo đã nhận.".to_string(),
        ));
    }
    let rows = state.store.received_reports().await?;
    let mut reports = Vec::new();
    for row in rows {
        let id: DocId = row
            .doc_id
            .parse()
            .map_err(|e| anyhow::anyhow!("projection holds a bad id {}: {e}", row.doc_id))?;
        if !user.principal.can_read(&id) {
            continue;
        }
        let unit = id.unit.unit();
        let values: Vec<(String, String)> =
            serde_json::from_str(&row.summary).map_err(anyhow::Error::from)?;
        let title = title_of(&id);
        reports.push(ReceivedReport {
            doc: row.doc_id,
            unit_code: row.unit_code,
            unit_name: unit.name.clone(),
            district_name: unit
                .parent
                .filter(|p| p.unit().level == shared::units::UnitLevel::District)
                .map(|p| p.unit().name.clone()),
            title,
            period: id.period.label(),
            first_received_at: row.first_received_at,
            last_received_at: row.last_received_at,
            submitted_at: row.submitted_at,
            on_time: row
                .submitted_at
                .and_then(|at| due_report(id.kind, id.period).map(|due| due.on_time(at))),
            values,
            state: projected_state(
                row.submitted_at,
                row.verdict.as_deref().and_then(Verdict::parse),
                row.decided_at,
                row.heads_unchanged,
                true,
            )
            .as_str()
            .to_string(),
            verdict: row.verdict,
            decided_at: row.decided_at,
        });
    }
    Ok(Json(reports))
}
