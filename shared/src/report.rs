//! The report documents: one Automerge document per (report kind, unit, period), typed
//! through autosurgeon, each with its edits and its reviewer's summary.
//!
//! Every edit is one small operation on an object the genesis created (a count is one
//! `put`, a narrative a splice of its text, a table row a map under its own stable id),
//! so edits to different fields never conflict and concurrent typing merges by character.
//!
//! - [`activity`]: the Ban VSTBPN activity report, every field of Phụ lục 3's outline.
//! - [`programme`]: the national programme results, one row per Phụ lục 2 indicator the
//!   unit reports.
//! - [`inspection`]: the self-inspection, one entry per task the unit takes part in.

pub mod activity;
pub mod inspection;
pub mod programme;

use automerge::{AutoCommit, ObjId, ObjType, ROOT, ReadDoc, Value};

/// Why an edit could not be applied.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("Báo cáo thiếu mục «{0}»")]
    Missing(String),
    #[error("Không có trường «{0}» trong biểu mẫu")]
    UnknownField(String),
    #[error(transparent)]
    Automerge(#[from] automerge::AutomergeError),
}

/// The map at `path` from the root; every map on the path must exist.
pub(crate) fn map_at(doc: &AutoCommit, path: &[&str]) -> Result<ObjId, EditError> {
    let mut obj = ROOT;
    for key in path {
        obj = match doc.get(&obj, *key)? {
            Some((Value::Object(ObjType::Map), id)) => id,
            _ => return Err(EditError::Missing(path.join("/"))),
        };
    }
    Ok(obj)
}

/// Replaces the text at `map[key]` with `value`, as character splices.
pub(crate) fn update_text(
    doc: &mut AutoCommit,
    map: &ObjId,
    key: &str,
    value: &str,
) -> Result<(), EditError> {
    use automerge::transaction::Transactable;
    let text = match doc.get(map, key)? {
        Some((Value::Object(ObjType::Text), id)) => id,
        _ => return Err(EditError::Missing(key.to_string())),
    };
    doc.update_text(&text, value)?;
    Ok(())
}

/// A count or nothing, as stored.
pub(crate) fn count_value(value: Option<u64>) -> automerge::ScalarValue {
    value.map_or(automerge::ScalarValue::Null, automerge::ScalarValue::Uint)
}

/// "—" for an empty value, the value otherwise.
pub(crate) fn shown(value: &str) -> String {
    if value.trim().is_empty() {
        "—".to_string()
    } else {
        value.to_string()
    }
}

/// The reviewer's summary of a report document (label, value), or an error if the
/// document does not read as a report of its kind.
pub fn summary(
    kind: crate::ids::ReportKind,
    doc: &AutoCommit,
) -> Result<Vec<(String, String)>, autosurgeon::HydrateError> {
    use crate::ids::ReportKind;
    Ok(match kind {
        ReportKind::Activity => activity::ActivityReport::read(doc)?.summary(),
        ReportKind::ProgrammeResults => programme::ProgrammeReport::read(doc)?.summary(),
        ReportKind::SelfInspection => inspection::InspectionReport::read(doc)?.summary(),
    })
}

#[cfg(test)]
mod merge_properties;
