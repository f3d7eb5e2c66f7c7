//! Received reports read at the version an export asks for (`shared::consolidation::
//! export_version`): by default each report at the heads its approval recorded, leaving
//! out reports not approved; on request every report as it stands. The decision in force
//! comes from the projection; the document itself is opened only when it must be read.

use crate::error::ApiError;
use crate::server::AppState;
use crate::store::ReportRow;
use crate::sync::Loaded;
use automerge::{AutoCommit, ChangeHash};
use shared::consolidation::{ExportVersion, export_version};
use shared::ids::{DocId, Period, ReportKind, UnitCode};
use shared::report::review::Verdict;
use std::str::FromStr;

/// A received report of `kind` and `period` with the version an export reads.
pub struct Chosen {
    pub id: DocId,
    pub version: ExportVersion,
    /// Whether the document now is the version chosen (approved and not edited since,
    /// or the latest asked for): its projected figures can stand for it.
    pub current: bool,
}

/// The reports of `kind` and `period` an export reads, for the units `visible` keeps,
/// in the unit list's order.
pub async fn chosen(
    state: &AppState,
    kind: ReportKind,
    period: Period,
    approved_only: bool,
    visible: impl Fn(UnitCode) -> bool,
) -> Result<Vec<Chosen>, ApiError> {
    let rows: Vec<ReportRow> = state.store.received_reports().await?;
    let mut chosen: Vec<(usize, Chosen)> = rows
        .into_iter()
        .filter_map(|row| {
            let id: DocId = row.doc_id.parse().ok()?;
            if id.kind != kind || id.period != period || id.is_review() || !visible(id.unit) {
                return None;
            }
            let heads: Vec<ChangeHash> = row
                .verdict_heads
                .as_deref()
                .unwrap_or("")
                .split(',')
                .filter_map(|h| ChangeHash::from_str(h).ok())
                .collect();
            let verdict = row.verdict.as_deref().and_then(Verdict::parse);
            let version = export_version(verdict, &heads, approved_only)?;
            let current = version == ExportVersion::Latest || row.heads_unchanged;
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
pub async fn read(state: &AppState, chosen: &Chosen) -> Result<AutoCommit, ApiError> {
    let lock = state.locks.get(chosen.id);
    let _guard = lock.lock().await;
    let mut loaded = Loaded::load(&state.store, &state.cache, chosen.id).await?;
    let doc = match &chosen.version {
        ExportVersion::Latest => Ok(loaded.doc.clone()),
        ExportVersion::At(heads) => loaded.doc.fork_at(heads).map_err(|e| {
            ApiError::Internal(anyhow::anyhow!(
                "{}: the approved version is missing: {e}",
                chosen.id
            ))
        }),
    };
    loaded.release(&state.cache, chosen.id);
    doc
}
