//! The reviewer's matrix of units × reports for a period, each cell from the projection
//! (no document is opened): chưa nộp, nộp đúng hạn, nộp muộn, bị trả lại, đã duyệt, sửa
//! sau khi duyệt; with counts and rates per district. District officers see their
//! district.

use super::DomainError;
use super::received_list::projected_state;
use crate::store::{ProjectedReport, Store};
use shared::access::Principal;
use shared::calendar::due_report;
use shared::ids::DocId;
use shared::overview::{CellStatus, Tally, district_name, district_of, expected, reports_of};
use shared::report::review::ReportState;
use shared::vocabulary::{Period, UnitCode, UnitLevel};
use shared::wire::{DistrictTally, OverviewCell, OverviewColumn, OverviewResponse, OverviewRow};
use std::collections::{BTreeMap, HashMap};

fn tally_row(code: Option<UnitCode>, name: String, tally: Tally) -> DistrictTally {
    DistrictTally {
        code: code.map(UnitCode::get),
        name,
        submitted_rate: tally.submitted_rate(),
        on_time_rate: tally.on_time_rate(),
        tally,
    }
}

/// The matrix of `period` for `viewer` (the page and the XLSX export share it). The
/// matrix keeps to what the viewer may see (`expected`), so no area is forced here.
pub async fn matrix(
    store: &Store,
    viewer: &Principal,
    period: Period,
    district: Option<UnitCode>,
    level: Option<UnitLevel>,
) -> Result<OverviewResponse, DomainError> {
    super::area::reviewers_only(viewer, "Chỉ cán bộ thẩm định mới xem được bảng tổng hợp.")?;
    let reports = reports_of(period);
    if reports.is_empty() {
        return Err(DomainError::Invalid(format!(
            "Không có báo cáo nào của kỳ «{}».",
            period.label()
        )));
    }
    let projection: HashMap<DocId, ProjectedReport> = store
        .received_reports()
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();

    let handed_in = store.hand_ins().await?;
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
                let row = projection.get(&id);
                let state = row.map_or(ReportState::NotStarted, projected_state);
                // Timeliness is the first submission's; a resubmission does not move it.
                let submitted_at = row.and_then(|r| r.first_submitted_at);
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
                    edited_after_submission: row.is_some_and(|r| r.edited_after_submission()),
                    handed_in: handed_in.contains_key(&id.to_string()),
                })
            })
            .collect();
        rows.push(OverviewRow {
            unit_code: unit.get(),
            unit_name: unit.name(),
            district_name: district_name(unit),
            cells,
        });
    }
    let districts = districts
        .into_iter()
        .map(|(code, tally)| {
            let name = code.map_or("Các sở, ban, ngành".to_string(), UnitCode::name);
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
        // The total is labelled by what it covers: a district's units, or the province's.
        total: tally_row(
            None,
            district.map_or("Toàn tỉnh".to_string(), |d| {
                // "Toàn huyện Kỳ Sơn", "Toàn thành phố Vinh".
                let name = d.name();
                let mut chars = name.chars();
                let first = chars.next().map(|c| c.to_lowercase().to_string());
                format!("Toàn {}{}", first.unwrap_or_default(), chars.as_str())
            }),
            total,
        ),
    })
}
