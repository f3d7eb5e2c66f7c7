//! The official files, downloaded by reviewers (the province, or a district officer for
//! its district), each built from the same data as its page:
//!
//! - `GET /api/export/phu-luc-2.xlsx?period=2022[&district=…][&all=true]`: the
//!   consolidated Phụ lục 2 table; approved reports only unless `all=true`;
//! - `GET /api/export/tinh-hinh-nop.xlsx?period=…[&district=…][&level=…]`: the
//!   completeness and timeliness matrix;
//! - `GET /api/export/bao-cao-hoat-dong.docx?period=…[&district=…][&all=true]`: the
//!   activity reports merged into one, following Phụ lục 3; approved only unless asked.

use super::{consolidated, overview};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::server::AppState;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use shared::consolidation::merge_activity;
use shared::ids::{ReportKind, UnitCode};
use shared::overview::expected;
use shared::report::activity::ActivityReport;
use std::collections::HashSet;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/export/phu-luc-2.xlsx", get(indicators))
        .route("/export/tinh-hinh-nop.xlsx", get(matrix))
        .route("/export/bao-cao-hoat-dong.docx", get(activity))
}

#[derive(serde::Deserialize)]
struct Params {
    period: String,
    district: Option<String>,
    level: Option<String>,
    /// Every report as it stands, approved or not.
    #[serde(default)]
    all: bool,
}

fn file(bytes: Vec<u8>, content_type: &'static str, name: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("export: {e}"))
}

async fn indicators(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, ApiError> {
    let params = consolidated::Params {
        period: p.period,
        district: p.district,
        approved: !p.all,
    };
    let table = consolidated::build(&state, &user.principal, &params).await?;
    let bytes = crate::export::indicators_xlsx::write(&table, !p.all).map_err(internal)?;
    Ok(file(
        bytes,
        XLSX,
        format!("phu-luc-2-{}.xlsx", table.period),
    ))
}

async fn matrix(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, ApiError> {
    let params = overview::Params {
        period: p.period,
        district: p.district,
        level: p.level,
    };
    let matrix = overview::build(&state, &user.principal, &params).await?;
    let bytes = crate::export::matrix_xlsx::write(&matrix).map_err(internal)?;
    Ok(file(
        bytes,
        XLSX,
        format!("tinh-hinh-nop-{}.xlsx", matrix.period),
    ))
}

async fn activity(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
) -> Result<Response, ApiError> {
    if !user.principal.role.reviews() {
        return Err(ApiError::Forbidden(
            "Chỉ cán bộ thẩm định mới tải được báo cáo tổng hợp.".to_string(),
        ));
    }
    let district = super::scope::area(&user.principal, p.district.as_deref())?;
    let period = super::scope::period(&p.period)?;
    if shared::calendar::due_report(ReportKind::Activity, period).is_none() {
        return Err(ApiError::BadRequest(format!(
            "Không có báo cáo hoạt động của kỳ «{}».",
            period.label()
        )));
    }
    let owing: HashSet<UnitCode> = expected(&user.principal, period, district, None)
        .into_iter()
        .filter(|(_, docs)| docs.iter().any(|d| d.kind == ReportKind::Activity))
        .map(|(unit, _)| unit)
        .collect();
    let chosen = crate::versions::chosen(&state, ReportKind::Activity, period, !p.all, |u| {
        owing.contains(&u)
    })
    .await?;
    let mut reports = Vec::with_capacity(chosen.len());
    for c in &chosen {
        let doc = crate::versions::read(&state, c).await?;
        let report = ActivityReport::read(&doc).map_err(internal)?;
        reports.push((c.id.unit, report));
    }
    let merged = merge_activity(&reports);
    let heading = crate::export::activity_docx::Heading {
        committee: district.map_or("UBND TỈNH NGHỆ AN".to_string(), |d| {
            format!("UBND {}", d.unit().name.to_uppercase())
        }),
        period: period.label(),
        scope: if p.all {
            "gồm cả báo cáo chưa duyệt".to_string()
        } else {
            "chỉ các báo cáo đã duyệt".to_string()
        },
        expected: owing.len(),
    };
    let bytes = crate::export::activity_docx::write(&heading, &merged).map_err(internal)?;
    Ok(file(
        bytes,
        DOCX,
        format!("bao-cao-hoat-dong-{period}.docx"),
    ))
}
