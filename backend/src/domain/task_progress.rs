//! Phụ lục 1's tasks with what their lead agencies said in their self-inspection reports
//! (`shared::progress`): approved reports only, at their approved versions, unless every
//! report is asked for. District officers see what their own district reported.

use super::DomainError;
use super::documents::Documents;
use super::versions;
use shared::access::{Principal, Role};
use shared::progress::{TaskProgress, task_progress};
use shared::report::inspection::InspectionReport;
use shared::vocabulary::{Period, ReportKind, UnitCode};
use std::collections::BTreeMap;

/// The tasks' progress in `period` as `viewer` may see it.
pub async fn progress(
    documents: &Documents,
    viewer: &Principal,
    period: Period,
    approved_only: bool,
) -> Result<Vec<TaskProgress>, DomainError> {
    super::area::reviewers_only(
        viewer,
        "Chỉ cán bộ thẩm định mới xem được tiến độ nhiệm vụ.",
    )?;
    let own = match viewer.role {
        Role::DistrictOfficer => viewer.unit,
        _ => None,
    };
    let visible = |u: UnitCode| own.is_none_or(|d| d == u);
    let chosen = versions::chosen(
        documents,
        ReportKind::SelfInspection,
        period,
        approved_only,
        own.unwrap_or_else(|| shared::units::units().province()),
        visible,
    )
    .await?;
    let mut reports = BTreeMap::new();
    for c in &chosen {
        let doc = versions::read(documents, c).await?;
        if let Ok(report) = InspectionReport::read(&doc) {
            reports.insert(c.id.unit, report);
        }
    }
    Ok(task_progress(&reports, visible))
}
