//! The official files, downloaded by reviewers (the province, or a district officer for
//! its district), each built from the same domain function as its page:
//!
//! - `GET /api/export/phu-luc-2.xlsx?period=2022[&district=…][&all=true]`: the
//!   consolidated Phụ lục 2 table; approved reports only unless `all=true`;
//! - `GET /api/export/tinh-hinh-nop.xlsx?period=…[&district=…][&level=…]`: the
//!   completeness and timeliness matrix;
//! - `GET /api/export/bao-cao-hoat-dong.docx?period=…[&district=…][&all=true]`: the
//!   level's activity report following Phụ lục 3; approved only unless asked;
//! - `GET /api/export/bao-cao-hoat-dong-phu-luc.docx?…`: its annex, each unit's answers.

use super::error::ApiError;
use super::query::Query;
use crate::auth::AuthUser;
use crate::domain::area;
use crate::export::activity_docx::Part;
use crate::server::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use shared::vocabulary::Period;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/export/phu-luc-2.xlsx", get(indicators))
        .route("/export/tinh-hinh-nop.xlsx", get(matrix))
        .route(
            "/export/bao-cao-hoat-dong.docx",
            get(|s, u, q| activity(s, u, q, Part::Report)),
        )
        .route(
            "/export/bao-cao-hoat-dong-phu-luc.docx",
            get(|s, u, q| activity(s, u, q, Part::Annex)),
        )
}

#[derive(serde::Deserialize)]
struct Params {
    period: Period,
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
    let district = area::area(&user.principal, p.district.as_deref())?;
    let table = crate::domain::indicator_table::table(
        &state.documents,
        &user.principal,
        p.period,
        district,
        !p.all,
    )
    .await?;
    let as_of = crate::export::vn_time(crate::clock::now_ms());
    let bytes = crate::export::indicators_xlsx::write(&table, !p.all, &as_of).map_err(internal)?;
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
    let matrix = crate::domain::completeness::matrix(
        state.store(),
        &user.principal,
        p.period,
        area::area(&user.principal, p.district.as_deref())?,
        area::level(p.level.as_deref())?,
    )
    .await?;
    let bytes = crate::export::matrix_xlsx::write(&matrix).map_err(internal)?;
    Ok(file(
        bytes,
        XLSX,
        format!("tinh-hinh-nop-{}.xlsx", matrix.period),
    ))
}

/// The level's activity report, or its annex of the units' answers.
async fn activity(
    State(state): State<AppState>,
    user: AuthUser,
    Query(p): Query<Params>,
    part: Part,
) -> Result<Response, ApiError> {
    let district = area::area(&user.principal, p.district.as_deref())?;
    let c = crate::domain::activity_merge::merged(
        &state.documents,
        &user.principal,
        p.period,
        district,
        !p.all,
    )
    .await?;
    // The report merges the level's own with its units'; the annex, the units' alone.
    let merged = match part {
        Part::Report => c.all_merged(),
        Part::Annex => c.units_merged(),
    };
    let bytes =
        crate::export::activity_docx::write(&c.heading, c.own(), &merged, c.units().len(), part)
            .map_err(internal)?;
    let name = match part {
        Part::Report => format!("bao-cao-hoat-dong-{}.docx", p.period),
        Part::Annex => format!("bao-cao-hoat-dong-{}-phu-luc.docx", p.period),
    };
    Ok(file(bytes, DOCX, name))
}
