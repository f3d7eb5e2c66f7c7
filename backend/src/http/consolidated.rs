//! `GET /api/consolidated?period=2022[&district=417][&approved=true]`: the Phụ lục 2
//! table rolled up from the figures of the programme reports received, by each row's
//! rule (`shared::rollup`): actual 2022 beside result 2021 and plan 2022, how many units
//! reported of those expected, and whether the target is met. With a district: that
//! district's column of the same roll-up. District officers get their own district. With
//! `approved=true` (what exports use by default) only approved reports count, each at its
//! approved version.

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::server::AppState;
use crate::store::IndicatorValue;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::access::Principal;
use shared::ids::{DocId, Period, ReportKind, UnitCode};
use shared::plan::{IndicatorKind, plan};
use shared::rollup::{Figures, district_of, expected_units, figure, roll_up_all};
use shared::wire::{AreaFigure, ConsolidatedResponse, ConsolidatedRow};
use std::collections::HashSet;

pub fn router() -> Router<AppState> {
    Router::new().route("/consolidated", get(consolidated))
}

/// What the table is asked for.
#[derive(serde::Deserialize)]
pub struct Params {
    pub period: String,
    pub district: Option<String>,
    /// Only approved reports, at their approved versions.
    #[serde(default)]
    pub approved: bool,
}

/// Adds one report's figures to `figures`.
fn add_figures(figures: &mut Figures, unit: UnitCode, values: &[IndicatorValue]) {
    let plan = plan();
    let non_negative = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok());
    for v in values {
        let Some(indicator) = plan.indicators.iter().find(|i| i.id == v.indicator) else {
            continue;
        };
        if let Some(f) = figure(
            indicator,
            v.value.as_deref(),
            non_negative(v.numerator),
            non_negative(v.denominator),
        ) {
            figures.insert((indicator.id.clone(), unit), f);
        }
    }
}

/// The figures of every programme report of `period` the store holds, as they stand.
pub async fn figures(store: &crate::store::Store, period: Period) -> Result<Figures, ApiError> {
    let mut figures = Figures::new();
    for row in store.indicator_values(&period.to_string()).await? {
        let Ok(id) = row.doc_id.parse::<DocId>() else {
            continue;
        };
        if id.kind == ReportKind::ProgrammeResults {
            add_figures(&mut figures, id.unit, std::slice::from_ref(&row.figure));
        }
    }
    Ok(figures)
}

/// The figures of the approved programme reports of `period`, each at its approved
/// version: from the projection while the report is unchanged since, else read from the
/// document at the approved heads.
pub async fn approved_figures(state: &AppState, period: Period) -> Result<Figures, ApiError> {
    let chosen =
        crate::versions::chosen(state, ReportKind::ProgrammeResults, period, true, |_| true)
            .await?;
    let unchanged: HashSet<String> = chosen
        .iter()
        .filter(|c| c.current)
        .map(|c| c.id.to_string())
        .collect();
    let mut figures = Figures::new();
    for row in state.store.indicator_values(&period.to_string()).await? {
        if let (true, Ok(id)) = (unchanged.contains(&row.doc_id), row.doc_id.parse::<DocId>()) {
            add_figures(&mut figures, id.unit, std::slice::from_ref(&row.figure));
        }
    }
    for c in chosen.iter().filter(|c| !c.current) {
        let doc = crate::versions::read(state, c).await?;
        add_figures(&mut figures, c.id.unit, &IndicatorValue::of(&c.id, &doc));
    }
    Ok(figures)
}

/// Checks the request and builds the table (the page and the XLSX export share it).
pub async fn build(
    state: &AppState,
    viewer: &Principal,
    params: &Params,
) -> Result<ConsolidatedResponse, ApiError> {
    if !viewer.role.reviews() {
        return Err(ApiError::Forbidden(
            "Chỉ cán bộ thẩm định mới xem được bảng tổng hợp chỉ tiêu.".to_string(),
        ));
    }
    let period = super::scope::period(&params.period)?;
    let district = super::scope::area(viewer, params.district.as_deref())?;
    let plan = plan();
    let figures = if params.approved {
        approved_figures(state, period).await?
    } else {
        figures(&state.store, period).await?
    };
    let rolled = roll_up_all(plan, &figures);
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
                parts: match (district, rolled.get(&i.id)) {
                    (_, None) => Vec::new(),
                    (None, Some(r)) => r
                        .districts
                        .iter()
                        .map(|(code, a)| AreaFigure {
                            code: code.get(),
                            name: code.unit().name.clone(),
                            value: a.value.map(|v| v.to_string()),
                            reported: a.reported as u32,
                            expected: a.expected as u32,
                        })
                        .collect(),
                    (Some(d), Some(_)) => expected_units(plan, i)
                        .into_iter()
                        .filter(|u| district_of(*u) == Some(d))
                        .map(|u| {
                            let given = figures.get(&(i.id.clone(), u));
                            AreaFigure {
                                code: u.get(),
                                name: u.unit().name.clone(),
                                value: given.map(|f| f.shown()),
                                reported: u32::from(given.is_some()),
                                expected: 1,
                            }
                        })
                        .collect(),
                },
            }
        })
        .collect();
    Ok(ConsolidatedResponse {
        period: period.to_string(),
        area: district.map_or("Toàn tỉnh".to_string(), |d| d.unit().name.clone()),
        rows,
    })
}

async fn consolidated(
    State(state): State<AppState>,
    user: AuthUser,
    Query(params): Query<Params>,
) -> Result<Json<ConsolidatedResponse>, ApiError> {
    Ok(Json(build(&state, &user.principal, &params).await?))
}
