//! The report documents: one Automerge document per (report kind, unit, period), typed
//! as Rust structs (read by [`read`], written by single operations), each with its edits
//! and its reviewer's summary.
//!
//! Every edit is one small operation on an object the genesis created (a count is one
//! `put`, a narrative a splice of its text, a table row a map under its own stable id),
//! so edits to different fields never conflict and concurrent typing merges by character.
//!
//! - [`activity`]: the Ban VSTBPN activity report, every field of Phụ lục 3's outline.
//! - [`programme`]: the national programme results, one row per Phụ lục 2 indicator the
//!   unit reports.
//! - [`inspection`]: the self-inspection, one entry per task the unit takes part in.
//! - [`conflicts`]: fields two phones set concurrently, for a person to choose.
//! - [`history`]: the changes that gave a field its values.
//! - [`read`]: a whole report read out of its document, one pass per map.
//! - [`review`]: the reviewer's decisions on a report and where the report stands.
//! - [`reapply`]: refused edits written again on top of the server's copy.
//! - [`since_approval`]: what changed in a report after it was approved.
//! - [`skeleton`]: each report's skeleton as the value tree its genesis writes.

pub mod activity;
pub mod conflicts;
pub mod decision_order;
pub mod history;
pub mod inspection;
pub mod programme;
pub mod read;
pub mod reapply;
pub mod review;
pub mod shape;
pub mod since_approval;
pub mod skeleton;

use automerge::{AutoCommit, ObjId, ObjType, ROOT, ReadDoc, Value};

/// A map built by inserting, not by `collect()`: `BTreeMap`'s `FromIterator` sorts, and
/// each sort instantiated for a skeleton's pair type cost the phone's build ~5 KB raw.
/// Skeletons are small, so the inserts cost nothing noticeable.
pub(crate) fn inserted<K: Ord, V>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> std::collections::BTreeMap<K, V> {
    let mut map = std::collections::BTreeMap::new();
    map.extend(pairs);
    map
}

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

/// Marks a report submitted (or not). Submitting is an edit like any other: it works
/// offline and the server's receipt time of this change is the submission time.
///
/// Submitting a report that already says "submitted" (again, after a reviewer returned
/// it) must still be a new operation, which Automerge does not make of a put of the same
/// value; so the flag goes down and up again within the one change.
pub fn set_submitted(doc: &mut AutoCommit, submitted: bool) -> Result<(), EditError> {
    use automerge::transaction::Transactable;
    if submitted && is_submitted(doc) {
        doc.put(ROOT, "submitted", false)?;
    }
    doc.put(ROOT, "submitted", submitted)?;
    Ok(())
}

/// Whether the document says it was submitted.
pub fn is_submitted(doc: &AutoCommit) -> bool {
    matches!(doc.get(ROOT, "submitted"), Ok(Some((Value::Scalar(s), _))) if s.as_ref() == &automerge::ScalarValue::Boolean(true))
}

/// What blocks submitting a report: its errors (a required field left empty, a figure
/// that does not hold), never its warnings. The phone keeps "Nộp báo cáo" disabled while
/// there are any, and the server refuses a new submission mark on a report that has any,
/// so that a report marked submitted empty before the deadline never counts as on time.
pub fn submit_blockers(id: &crate::ids::DocId, doc: &AutoCommit) -> Vec<crate::validation::Issue> {
    issues(id, doc)
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.severity == crate::validation::Severity::Error)
        .collect()
}

/// Everything the officer should see before submitting: errors block
/// ([`submit_blockers`]), warnings do not.
pub fn issues(
    id: &crate::ids::DocId,
    doc: &AutoCommit,
) -> Result<Vec<crate::validation::Issue>, autosurgeon::HydrateError> {
    use crate::vocabulary::ReportKind;
    Ok(match id.kind {
        ReportKind::Activity => {
            let report = activity::ActivityReport::read(doc)?;
            crate::validation::missing_required(activity::outline(), |key| report.is_filled(key))
        }
        ReportKind::ProgrammeResults => programme::ProgrammeReport::read(doc)?.issues(id.unit),
        ReportKind::SelfInspection => inspection::InspectionReport::read(doc)?.issues(),
    })
}

/// Whether a report document stays within the outline's keys and the bounds of
/// [`shape`]; `Ok(None)` when it does, the Vietnamese reason when it does not, an error
/// when it does not read as a report of its kind.
pub fn out_of_bounds(
    kind: crate::vocabulary::ReportKind,
    doc: &AutoCommit,
) -> Result<Option<shape::ShapeError>, autosurgeon::HydrateError> {
    use crate::vocabulary::ReportKind;
    if let Err(stray) = shape::root(kind, doc) {
        return Ok(Some(stray));
    }
    let checked = match kind {
        ReportKind::Activity => {
            let report = activity::ActivityReport::read(doc)?;
            shape::activity(&report)
                .and_then(|()| shape::only_what_it_reads(doc, skeleton::activity(&report)))
        }
        ReportKind::ProgrammeResults => {
            let report = programme::ProgrammeReport::read(doc)?;
            shape::programme(&report)
                .and_then(|()| shape::only_what_it_reads(doc, skeleton::programme(&report)))
        }
        ReportKind::SelfInspection => {
            let report = inspection::InspectionReport::read(doc)?;
            shape::inspection(&report)
                .and_then(|()| shape::only_what_it_reads(doc, skeleton::inspection(&report)))
        }
    };
    Ok(checked.err())
}

/// Why a review document is out of bounds, if it is (see [`shape::review`]).
pub fn review_out_of_bounds(
    report: &crate::ids::DocId,
    doc: &AutoCommit,
) -> Result<Option<shape::ShapeError>, autosurgeon::HydrateError> {
    let review = review::Review::read(doc)?;
    Ok(shape::review(report, &review)
        .and_then(|()| shape::only_what_it_reads(doc, skeleton::review(&review)))
        .err())
}

/// The reviewer's summary of a report document (label, value), or an error if the
/// document does not read as a report of its kind.
pub fn summary(
    kind: crate::vocabulary::ReportKind,
    doc: &AutoCommit,
) -> Result<Vec<(String, String)>, autosurgeon::HydrateError> {
    use crate::vocabulary::ReportKind;
    Ok(match kind {
        ReportKind::Activity => activity::ActivityReport::read(doc)?.summary(),
        ReportKind::ProgrammeResults => programme::ProgrammeReport::read(doc)?.summary(),
        ReportKind::SelfInspection => inspection::InspectionReport::read(doc)?.summary(),
    })
}

#[cfg(test)]
mod merge_properties;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use crate::ids::DocId;
    use crate::validation::Severity;

    #[test]
    fn submitting_is_an_edit_and_issues_come_per_kind() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let mut doc = start(&id, automerge::ActorId::random());
        assert!(!is_submitted(&doc));
        let errors = issues(&id, &doc).unwrap();
        assert_eq!(errors.len(), 6, "the six required fields of the outline");
        assert!(errors.iter().all(|i| i.severity == Severity::Error));
        set_submitted(&mut doc, true).unwrap();
        assert!(is_submitted(&doc));

        let programme: DocId = "programme:16816:2022".parse().unwrap();
        let mut doc = start(&programme, automerge::ActorId::random());
        programme::set_numerator(&mut doc, "3.2a.1", Some(2)).unwrap();
        programme::set_denominator(&mut doc, "3.2a.1", Some(1)).unwrap();
        let found = issues(&programme, &doc).unwrap();
        let error = found
            .iter()
            .find(|i| i.severity == Severity::Error)
            .unwrap();
        assert_eq!(error.message, "Tử số không được lớn hơn mẫu số.");
        assert_eq!(
            found
                .iter()
                .filter(|i| i.severity == Severity::Warning)
                .count(),
            5
        );

        let inspection: DocId = "inspection:90006:2022".parse().unwrap();
        let doc = start(&inspection, automerge::ActorId::random());
        let found = issues(&inspection, &doc).unwrap();
        assert_eq!(found.len(), 9);
        assert_eq!(
            found[0].message,
            "Nhiệm vụ 1.10 chưa đánh giá tình trạng thực hiện."
        );
    }
}
