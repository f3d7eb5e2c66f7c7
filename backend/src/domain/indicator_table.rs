//! The Phụ lục 2 table rolled up from the figures of the programme reports received, by
//! each row's rule (`shared::rollup`): actual beside last year's result and this year's
//! plan, how many units reported of those expected, and whether the target is met; for
//! the province (with each district's column) or one district (with each unit's figure).

use super::DomainError;
use super::documents::Documents;
use super::versions;
use crate::store::Store;
use shared::access::Principal;
use shared::ids::DocId;
use shared::plan::{Indicator, IndicatorKind, plan};
use shared::report::programme::{Entered, ProgrammeReport};
use shared::rollup::{Figures, district_of, expected_units, figure, roll_up_all};
use shared::vocabulary::{Period, ReportKind, UnitCode};
use shared::wire::{AreaFigure, ConsolidatedResponse, ConsolidatedRow};
use std::collections::HashSet;

/// Adds one report's figures to `figures`.
fn add_figures(figures: &mut Figures, unit: UnitCode, values: &[Entered]) {
    let plan = plan();
    for v in values {
        let Some(indicator) = plan.indicators.iter().find(|i| i.id == v.indicator) else {
            continue;
        };
        if let Some(f) = figure(indicator, v.value.as_deref(), v.numerator, v.denominator) {
            figures.insert((indicator.id.clone(), unit), f);
        }
    }
}

/// The figures of every programme report of `period` the store holds, as they stand:
/// those submitted at least once, and `level`'s own (`versions::counts_unapproved`).
pub async fn figures(
    store: &Store,
    period: Period,
    level: UnitCode,
) -> Result<Figures, DomainError> {
    let counted: HashSet<DocId> = store
        .received_reports()
        .await?
        .iter()
        .filter(|row| versions::counts_unapproved(row, level))
        .map(|row| row.id)
        .collect();
    let mut figures = Figures::new();
    for row in store.figures(period).await? {
        if row.id.kind == ReportKind::ProgrammeResults && counted.contains(&row.id) {
            add_figures(
                &mut figures,
                row.id.unit,
                std::slice::from_ref(&row.entered),
            );
        }
    }
    Ok(figures)
}

/// The figures of the approved programme reports of `period`, each at its approved
/// version: from the projection while the report is unchanged since, else read from the
/// document at the approved heads.
pub async fn approved_figures(
    documents: &Documents,
    period: Period,
) -> Result<Figures, DomainError> {
    let chosen = versions::chosen(
        documents,
        ReportKind::ProgrammeResults,
        period,
        true,
        shared::units::units().province(),
        |_| true,
    )
    .await?;
    let unchanged: HashSet<DocId> = chosen.iter().filter(|c| c.current).map(|c| c.id).collect();
    let mut figures = Figures::new();
    for row in documents.store().figures(period).await? {
        if unchanged.contains(&row.id) {
            add_figures(
                &mut figures,
                row.id.unit,
                std::slice::from_ref(&row.entered),
            );
        }
    }
    for c in chosen.iter().filter(|c| !c.current) {
        let doc = versions::read(documents, c).await?;
        // Every stored version read as a report when it was accepted.
        let entered = ProgrammeReport::read(&doc)
            .map(|r| r.entered())
            .unwrap_or_default();
        add_figures(&mut figures, c.id.unit, &entered);
    }
    Ok(figures)
}

/// The table of `period` for `viewer`, over `district` (already held to the viewer's
/// area) or the province; approved reports only, at their approved versions, when
/// `approved` (the page and the XLSX export share it).
pub async fn table(
    documents: &Documents,
    viewer: &Principal,
    period: Period,
    district: Option<UnitCode>,
    approved: bool,
) -> Result<ConsolidatedResponse, DomainError> {
    super::area::reviewers_only(
        viewer,
        "Chỉ cán bộ thẩm định mới xem được bảng tổng hợp chỉ tiêu.",
    )?;
    if shared::calendar::due_report(ReportKind::ProgrammeResults, period).is_none() {
        return Err(DomainError::Invalid(format!(
            "Không có báo cáo kết quả Chương trình (Phụ lục 2) của kỳ «{}».",
            period.label()
        )));
    }
    let plan = plan();
    let figures = if approved {
        approved_figures(documents, period).await?
    } else {
        let level = district.unwrap_or_else(|| shared::units::units().province());
        figures(documents.store(), period, level).await?
    };
    let rolled = roll_up_all(plan, &figures);
    let notes = level_notes(documents, period, district, approved).await?;
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
                actual: area.value.map(|v| i.show(v)),
                numerator: area.numerator,
                denominator: area.denominator,
                reported: area.reported as u32,
                expected: area.expected as u32,
                met: area.value.and_then(|v| i.target_met(v)),
                heading: i.kind == IndicatorKind::Heading,
                note: notes
                    .as_ref()
                    .and_then(|r| r.rows.get(&i.id))
                    .map(|row| row.note.as_str().trim().to_string())
                    .filter(|n| !n.is_empty()),
                parts: match (district, rolled.get(&i.id)) {
                    (_, None) => Vec::new(),
                    // Each district, then each department that gives the row: every
                    // unit of the province's figure is in exactly one part.
                    (None, Some(r)) => r
                        .districts
                        .iter()
                        .map(|(code, a)| AreaFigure {
                            code: code.get(),
                            name: code.name(),
                            value: a.value.map(|v| i.show(v)),
                            reported: a.reported as u32,
                            expected: a.expected as u32,
                        })
                        .chain(
                            expected_units(plan, i)
                                .into_iter()
                                .filter(|u| district_of(*u).is_none())
                                .map(|u| unit_part(&figures, i, u, u.name())),
                        )
                        .collect(),
                    // The district's own figure (what it handled itself) apart from each
                    // of its communes'.
                    (Some(d), Some(_)) => expected_units(plan, i)
                        .into_iter()
                        .filter(|u| district_of(*u) == Some(d))
                        .map(|u| {
                            let name = if u == d {
                                format!("{} (cấp huyện trực tiếp)", u.name())
                            } else {
                                u.name()
                            };
                            unit_part(&figures, i, u, name)
                        })
                        .collect(),
                },
            }
        })
        .collect();
    Ok(ConsolidatedResponse {
        period: period.to_string(),
        area: district.map_or("Toàn tỉnh".to_string(), UnitCode::name),
        rows,
    })
}

/// The consolidating level's own programme report (the district's, or the province's
/// drafted by Sở LĐTBXH) at the version asked for: its notes explain the area's rows.
async fn level_notes(
    documents: &Documents,
    period: Period,
    district: Option<UnitCode>,
    approved: bool,
) -> Result<Option<ProgrammeReport>, DomainError> {
    let level = district.unwrap_or_else(|| shared::units::units().province());
    let chosen = versions::chosen(
        documents,
        ReportKind::ProgrammeResults,
        period,
        approved,
        level,
        |u| u == level,
    )
    .await?;
    let Some(c) = chosen.first() else {
        return Ok(None);
    };
    let doc = versions::read(documents, c).await?;
    Ok(ProgrammeReport::read(&doc).ok())
}

/// One unit's own figure in a drill-down, as the unit gave it.
fn unit_part(figures: &Figures, row: &Indicator, unit: UnitCode, name: String) -> AreaFigure {
    let given = figures.get(&(row.id.clone(), unit));
    AreaFigure {
        code: unit.get(),
        name,
        value: given.map(|f| f.shown()),
        reported: u32::from(given.is_some()),
        expected: 1,
    }
}
