//! The reviewers' list of received reports: every report the viewer may read, latest
//! first, from the projection alone (no document is opened), each with the server's
//! receipt and submission times, whether the first submission was on time, whether it
//! changed after submission, and where it stands.

use super::DomainError;
use crate::store::{ProjectedReport, Store};
use shared::access::Principal;
use shared::calendar::{due_report, title_of};
use shared::overview::district_name;
use shared::report::review::{ReportState, StateFacts};
use shared::wire::ReceivedReport;

/// Where a report stands from its projected row: the one rule of
/// [`ReportState::of`] over what the projection records.
pub fn projected_state(row: &ProjectedReport) -> ReportState {
    ReportState::of(StateFacts {
        submitted: row.submitted_at.is_some(),
        verdict: row.verdict,
        at_decided_version: row.at_decided_version(),
        submitted_since_decision: matches!(
            (row.submitted_at, row.decided_at),
            (Some(submitted), Some(decided)) if submitted > decided
        ),
        // A row exists only once a change beyond the genesis was received.
        edited: true,
    })
}

/// The received reports `viewer` may read.
pub async fn received(
    store: &Store,
    viewer: &Principal,
) -> Result<Vec<ReceivedReport>, DomainError> {
    super::area::reviewers_only(
        viewer,
        "Chỉ cán bộ thẩm định mới xem được danh sách báo cáo đã nhận.",
    )?;
    let rows = store.received_reports().await?;
    let mut hand_ins = store.hand_ins().await?;
    Ok(rows
        .into_iter()
        .filter(|row| viewer.can_read(&row.id))
        .map(|row| {
            let id = row.id;
            ReceivedReport {
                doc: id.to_string(),
                unit_code: id.unit.get(),
                unit_name: id.unit.name(),
                district_name: district_name(id.unit),
                title: title_of(&id),
                period: id.period.label(),
                first_received_at: row.first_received_at,
                last_received_at: row.last_received_at,
                submitted_at: row.submitted_at,
                first_submitted_at: row.first_submitted_at,
                on_time: row
                    .first_submitted_at
                    .and_then(|at| due_report(id.kind, id.period).map(|due| due.on_time(at))),
                edited_after_submission: row.edited_after_submission(),
                handed_in: hand_ins.remove(&id.to_string()).unwrap_or_default(),
                state: projected_state(&row),
                verdict: row.verdict,
                decided_at: row.decided_at,
                values: row.summary,
            }
        })
        .collect())
}
