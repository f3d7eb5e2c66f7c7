//! `GET /api/consolidated?period=2022[&district=417]`: the Phụ lục 2 table rolled up from
//! the figures of every programme report received (the projection), by each row's rule
//! (`shared::rollup`): actual 2022 beside result 2021 and plan 2022, how many units
//! reported of those expected, and whether the target is met. With a district: that
//! district's column of the same roll-up. District officers get their own district.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::access::Role;
use shared::ids::{DocId, Period, ReportKind, UnitCode};
use shared::plan::{IndicatorKind, plan};
use shared::rollup::{Figures, figure, roll_up_all};
use shared::units::UnitLevel;
use shared::wire::{ConsolidatedResponse, ConsolidatedRow};

pub fn router() -> Router<AppState> {
    Router::new().route("/consolidated", get(consolidated))
}

#[derive(serde::Deserialize)]
struct Params {
    period: String,
    district: Option<String>,
}

/// The figures of every programme report of `period` the store holds.
pub async fn figures(store: &crate::store::Store, period: Period) -> Result<Figures, ApiError> {
    let plan = plan();
    let mut figures = Figures::new();
    for row in store.indicator_values(&period.to_string()).await? {
        let Ok(id) = row.doc_id.parse::<DocId>() else {
            continue;
        };
        if id.kind != ReportKind::ProgrammeResults {
            continue;
        }
        let Some(indicator) = plan
            .indicators
            .iter()
            .find(|i| i.id == row.figure.indicator)
        else {
            continue;
        };
        let non_negative = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok());
        if let Some(f) = figure(
            indicator,
            row.figure.value.as_deref(),
            non_negative(row.figure.numerator),
            non_negative(row.figure.denominator),
        ) {
            figures.insert((indicator.id.clone(), id.unit), f);
        }
    }
    Ok(figures)
}

async fn consolidated(
    State(state): State<AppState>,
    user: AuthUser,
    Query(params): Query<Params>,
) -> Result<Json<ConsolidatedResponse>, ApiError> {
    if !user.principal.role.reviews() {
        return Err(ApiError::Forbidden(
            "Chỉ cán bộ thẩm định mới xem được bảng tổng hợp chỉ tiêu.".to_string(),
        ));
    }
    let bad = |e: String| ApiError::BadRequest(e);
    let period: Period = params
        .period
        .parse()
        .map_err(|e: shared::ids::IdError| bad(e.to_string()))?;
    let asked: Option<UnitCode> = params
        .district
        .filter(|d| !d.is_empty())
        .map(|d| d.parse())
        .transpose()
        .map_err(|e: shared::ids::IdError| bad(e.to_string()))?;
    if asked.is_some_and(|d| d.unit().level != UnitLevel::District) {
        return Err(bad("Mã huyện không hợp lệ.".to_string()));
    }
    // A district officer sees its own district, whatever it asks.
    let district = match user.principal.role {
        Role::DistrictOfficer => user.principal.unit,
        _ => asked,
    };
    let plan = plan();
    let rolled = roll_up_all(plan, &figures(&state.store, period).await?);
    let rows = plan
        .indicators
        .iter()
        .map(|i| {
            let area = rolled.get(&i.id).map(|r| match district {
                Some(d) => r.districts.get(&d).copied().unwrap_or_default(),
                None => r.province,
            });
            let area = area.unwrap_or_default();
            ConsolidatedRow {
                id: i.id.clone(),
                printed: i.printed.clone(),
                text: i.text.clone(),
                unit: i.unit.clone(),
                result_2021: i.result_2021.to_string(),
                plan_2022: i.plan_2022.to_string(),
                actual: area.value.map(|v| v.to_string()),
                numerator: area.numerator,
                denominator: area.denominator,
                reported: area.reported as u32,
                expected: area.expected as u32,
                met: area.value.and_then(|v| i.target_met(v)),
                heading: i.kind == IndicatorKind::Heading,
            }
        })
        .collect();
    Ok(Json(ConsolidatedResponse {
        period: period.to_string(),
        area: district.map_or("Toàn tỉnh".to_string(), |d| d.unit().name.clone()),
        rows,
    }))
}
