//! Received reports read at the version a consolidation or an export asks for
//! (`shared::consolidation::export_version`): by default each report at the heads its
//! approval recorded, leaving out reports not approved; on request every submitted
//! report as it stands ("gồm cả báo cáo chưa duyệt": a draft never submitted is no
//! report yet, and counts only as the consolidating level's own, which its officer is
//! writing). The decision in force comes from the projection; the document itself is
//! opened only when it must be read.

use super::DomainError;
use super::documents::Documents;
use crate::store::ProjectedReport;
use automerge::AutoCommit;
use shared::consolidation::{ExportVersion, export_version};
use shared::ids::DocId;
use shared::vocabulary::{Period, ReportKind, UnitCode};

/// A received report of `kind` and `period` with the version an export reads.
pub struct Chosen {
    pub id: DocId,
    pub version: ExportVersion,
    /// Whether the document now is the version chosen (approved and not edited since,
    /// or the latest asked for): its projected figures can stand for it.
    pub current: bool,
}

/// Whether a report counts when every report is asked for: submitted at least once, or
/// the consolidating level's own.
pub fn counts_unapproved(row: &ProjectedReport, level: UnitCode) -> bool {
    row.first_submitted_at.is_some() || row.submitted_at.is_some() || row.id.unit == level
}

/// The reports of `kind` and `period` an export reads, for the units `visible` keeps,
/// in the unit list's order; `level` is the consolidating level's own unit.
pub async fn chosen(
    documents: &Documents,
    kind: ReportKind,
    period: Period,
    approved_only: bool,
    level: UnitCode,
    visible: impl Fn(UnitCode) -> bool,
) -> Result<Vec<Chosen>, DomainError> {
    let rows = documents.store().received_reports().await?;
    let mut chosen: Vec<(usize, Chosen)> = rows
        .into_iter()
        .filter_map(|row| {
            let id = row.id;
            if id.kind != kind || id.period != period || id.is_review() || !visible(id.unit) {
                return None;
            }
            if !approved_only && !counts_unapproved(&row, level) {
                return None;
            }
            let heads = row.verdict_heads.clone().unwrap_or_default();
            let version = export_version(row.verdict, heads.as_slice(), approved_only)?;
            let current = version == ExportVersion::Latest || row.at_decided_version();
            let order = shared::units::units()
                .all()
                .iter()
                .position(|u| u.code == id.unit)
                .unwrap_or(usize::MAX);
            Some((
                order,
                Chosen {
                    id,
                    version,
                    current,
                },
            ))
        })
        .collect();
    chosen.sort_by_key(|(order, _)| *order);
    Ok(chosen.into_iter().map(|(_, c)| c).collect())
}

/// The document of `chosen` at its chosen version.
pub async fn read(documents: &Documents, chosen: &Chosen) -> Result<AutoCommit, DomainError> {
    documents
        .read(chosen.id, |doc| match &chosen.version {
            ExportVersion::Latest => Ok(doc.clone()),
            ExportVersion::At(heads) => doc.fork_at(heads).map_err(|e| {
                DomainError::Broken(format!(
                    "{}: the approved version is missing: {e}",
                    chosen.id
                ))
            }),
        })
        .await?
}
