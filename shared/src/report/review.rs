//! The review of a report: a separate document per submission, written only by reviewers
//! and read by the reporting unit. It holds every decision ever taken on the
//! report, each with the version (heads) of the report it refers to and the comments
//! attached to fields, so "sửa sau khi duyệt" is a fact (the report's heads moved past
//! the approved heads) and exports can read the report exactly as approved.
//!
//! ```text
//! decisions: [ { verdict: "returned", heads: ["ab12…"], note: Text?, comments: { "assessment": "…" },
//!                by: "Nguyễn Văn A", at: 1656460800000 }, … ]
//! ```
//!
//! Decisions are only ever appended, so two reviewers deciding at once both stay on
//! record; the last one in the list is the one in force.

use super::EditError;
use crate::heads::Heads;
use crate::ids::DocId;
use crate::plan::plan;
use crate::vocabulary::ReportKind;
use automerge::{AutoCommit, ChangeHash, ObjType, ROOT, ReadDoc, Value};
use autosurgeon::{Hydrate, Reconcile};
use std::collections::BTreeMap;
use std::str::FromStr;

/// What the reviewer decided; on the wire and in the store as [`Verdict::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approved,
    /// Returned to the unit for correction.
    Returned,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Approved => "approved",
            Verdict::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        [Verdict::Approved, Verdict::Returned]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// One decision on the report.
///
/// A document type: a field added here is also read in `report/read.rs` and written in
/// the skeleton of `report/skeleton.rs` (the tests there compare both with autosurgeon's
/// `Hydrate` and `Reconcile` of this struct, and fail until the three agree).
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct Decision {
    /// [`Verdict::as_str`].
    pub verdict: String,
    /// The report's heads the reviewer saw, as hex hashes.
    pub heads: Vec<String>,
    /// A general note to the unit.
    pub note: String,
    /// Field key → comment, shown next to that field.
    pub comments: BTreeMap<String, String>,
    /// The reviewer's display name.
    pub by: String,
    /// The reviewer's device time, ms since the epoch (shown only; the server's receipt
    /// time is on record in the change log).
    pub at: i64,
}

impl Decision {
    pub fn verdict(&self) -> Option<Verdict> {
        Verdict::parse(&self.verdict)
    }

    /// The report's heads this decision refers to.
    pub fn report_heads(&self) -> Vec<ChangeHash> {
        self.heads
            .iter()
            .filter_map(|h| ChangeHash::from_str(h).ok())
            .collect()
    }
}

/// The review document's root.
///
/// A document type: a field added here is also read in `report/read.rs` and written in
/// the skeleton of `report/skeleton.rs` (the tests there compare both with autosurgeon's
/// `Hydrate` and `Reconcile` of this struct, and fail until the three agree).
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct Review {
    pub decisions: Vec<Decision>,
}

/// Why a decision cannot be recorded.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    #[error("Trả lại báo cáo cần ít nhất một nhận xét.")]
    NothingToCorrect,
    #[error("Báo cáo chưa được nộp nên chưa thể duyệt hay trả lại.")]
    NotSubmitted,
    #[error("Không có trường «{0}» trong báo cáo này.")]
    UnknownField(String),
    #[error(transparent)]
    Edit(#[from] EditError),
}

impl Review {
    pub fn skeleton() -> Review {
        Review::default()
    }

    pub fn read(doc: &AutoCommit) -> Result<Review, autosurgeon::HydrateError> {
        let review = super::read::review(doc)?;
        if review.decisions.iter().any(|d| d.verdict().is_none()) {
            return Err(autosurgeon::HydrateError::unexpected(
                "approved or returned",
                "another verdict".to_string(),
            ));
        }
        Ok(review)
    }

    /// The decisions `self` adds to `before`, if it keeps every decision of `before`
    /// unchanged and in order: decisions are facts, only ever appended. `None` when one
    /// was removed or changed. Decisions appended concurrently on two desks may land
    /// between others; each is still new.
    pub fn appended<'a>(&'a self, before: &Review) -> Option<Vec<&'a Decision>> {
        let mut kept = before.decisions.iter().peekable();
        let mut new = Vec::new();
        for d in &self.decisions {
            if kept.peek() == Some(&d) {
                kept.next();
            } else {
                new.push(d);
            }
        }
        kept.peek().is_none().then_some(new)
    }

    /// The decision in force: the last one taken.
    pub fn latest(&self) -> Option<&Decision> {
        self.decisions.last()
    }

    /// The last approval, whose heads exports read.
    pub fn approved(&self) -> Option<&Decision> {
        self.decisions
            .iter()
            .rev()
            .find(|d| d.verdict() == Some(Verdict::Approved))
    }
}

/// Records a decision on `report` in its review document `review`. Returning needs at
/// least one comment (a note or a field comment) so the unit knows what to fix; every
/// commented field must be a field of that report.
pub fn decide(
    review: &mut AutoCommit,
    report_id: &DocId,
    report: &mut AutoCommit,
    mut decision: Decision,
) -> Result<(), DecisionError> {
    if !super::is_submitted(report) {
        return Err(DecisionError::NotSubmitted);
    }
    let verdict = decision.verdict().unwrap_or(Verdict::Returned);
    decision.comments.retain(|_, text| !text.trim().is_empty());
    let fields = commentable_fields(report_id);
    if let Some(unknown) = decision
        .comments
        .keys()
        .find(|k| !fields.iter().any(|(key, _)| key == *k))
    {
        return Err(DecisionError::UnknownField(unknown.clone()));
    }
    if verdict == Verdict::Returned
        && decision.note.trim().is_empty()
        && decision.comments.is_empty()
    {
        return Err(DecisionError::NothingToCorrect);
    }
    decision.verdict = verdict.as_str().to_string();
    decision.heads = report.get_heads().iter().map(|h| h.to_string()).collect();
    let list = match review.get(ROOT, "decisions").map_err(EditError::from)? {
        Some((Value::Object(ObjType::List), id)) => id,
        _ => return Err(EditError::Missing("decisions".to_string()).into()),
    };
    let at = review.length(&list);
    autosurgeon::reconcile_insert(review, list, at, &decision)
        .map_err(|e| EditError::Missing(e.to_string()))?;
    Ok(())
}

/// The fields of a report a reviewer can comment on: (key, label), in the form's order.
pub fn commentable_fields(id: &DocId) -> Vec<(String, String)> {
    let plan = plan();
    match id.kind {
        ReportKind::Activity => plan
            .activity_outline
            .iter()
            .flat_map(|section| {
                section
                    .fields
                    .iter()
                    .map(move |f| (f.key.clone(), format!("{}. {}", section.number, f.label)))
            })
            .collect(),
        ReportKind::ProgrammeResults => super::programme::rows_for(id.unit)
            .map(|i| (i.id.clone(), format!("{} {}", plan.reference(i), i.text)))
            .collect(),
        ReportKind::SelfInspection => super::inspection::tasks_for(id.unit)
            .into_iter()
            .map(|t| (t.number.clone(), format!("Nhiệm vụ {}", t.number)))
            .chain(
                super::inspection::SECTIONS
                    .iter()
                    .map(|(key, label)| (key.to_string(), label.to_string())),
            )
            .collect(),
    }
}

/// Where a report stands, as the officer's home list and the reviewer's overview name it.
/// On the wire as [`ReportState::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    NotStarted,
    Drafting,
    Submitted,
    Returned,
    Approved,
    EditedAfterApproval,
}

impl ReportState {
    /// Whether the unit still owes the report: not handed in, or sent back to it.
    pub fn owed(self) -> bool {
        matches!(
            self,
            ReportState::NotStarted | ReportState::Drafting | ReportState::Returned
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportState::NotStarted => "Chưa bắt đầu",
            ReportState::Drafting => "Đang soạn",
            ReportState::Submitted => "Đã nộp",
            ReportState::Returned => "Bị trả lại",
            ReportState::Approved => "Đã duyệt",
            ReportState::EditedAfterApproval => "Sửa sau khi duyệt",
        }
    }

    /// A stable word for markup and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportState::NotStarted => "not_started",
            ReportState::Drafting => "drafting",
            ReportState::Submitted => "submitted",
            ReportState::Returned => "returned",
            ReportState::Approved => "approved",
            ReportState::EditedAfterApproval => "edited_after_approval",
        }
    }
}

/// What decides where a report stands, however it was learnt: from the documents
/// themselves (the phone) or from the server's projection (lists that open no document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateFacts {
    /// The report's `submitted` flag is up.
    pub submitted: bool,
    /// The verdict of the decision in force, if a reviewer decided.
    pub verdict: Option<Verdict>,
    /// The report is still at the version that decision refers to.
    pub at_decided_version: bool,
    /// The unit submitted again after the decision (a new `submitted` operation).
    pub submitted_since_decision: bool,
    /// Anything beyond the genesis was ever written.
    pub edited: bool,
}

impl ReportState {
    /// The one rule for a report's state:
    ///
    /// - approved, and the report is still at the approved version → approved; moved on
    ///   → edited after approval;
    /// - returned, and the unit has not submitted again since → returned;
    /// - otherwise: submitted, drafting (any edit beyond the genesis) or not started.
    pub fn of(facts: StateFacts) -> ReportState {
        match facts.verdict {
            Some(Verdict::Approved) if facts.at_decided_version => ReportState::Approved,
            Some(Verdict::Approved) => ReportState::EditedAfterApproval,
            Some(Verdict::Returned) if !(facts.submitted && facts.submitted_since_decision) => {
                ReportState::Returned
            }
            _ if facts.submitted => ReportState::Submitted,
            _ if facts.edited => ReportState::Drafting,
            _ => ReportState::NotStarted,
        }
    }
}

/// Where the report stands given its review (if any has arrived), read from the
/// documents: submitting again is a new `submitted` operation, one the report did not
/// have at the decided heads.
pub fn report_state(report: &mut AutoCommit, review: Option<&Review>) -> ReportState {
    let decision = review.and_then(Review::latest);
    let heads = decision.map(|d| Heads::new(d.report_heads()));
    let submitted = super::is_submitted(report);
    let facts = StateFacts {
        submitted,
        verdict: decision.and_then(Decision::verdict),
        at_decided_version: heads.as_ref() == Some(&Heads::of(report)),
        submitted_since_decision: heads.as_ref().is_some_and(|heads| {
            submitted && submission_mark(report) != submission_mark_at(report, heads.as_slice())
        }),
        edited: report
            .get_changes(&[])
            .iter()
            .any(|c| !crate::genesis::is_genesis(c)),
    };
    ReportState::of(facts)
}

/// The operation that last set `submitted`: a new one means a new submission, even when
/// the value was already true (submitting again after a return).
pub fn submission_mark(doc: &AutoCommit) -> Option<automerge::ObjId> {
    match doc.get(ROOT, "submitted") {
        Ok(Some((Value::Scalar(s), op)))
            if s.as_ref() == &automerge::ScalarValue::Boolean(true) =>
        {
            Some(op)
        }
        _ => None,
    }
}

/// The change that brought each decision of the review's list, in order (the change
/// holding the operation that made the decision's map): through the server's provenance,
/// who took the decision. `None` for an entry that is not a decision.
pub fn decision_changes(review: &mut AutoCommit) -> Vec<Option<ChangeHash>> {
    let Ok(Some((Value::Object(ObjType::List), list))) = review.get(ROOT, "decisions") else {
        return Vec::new();
    };
    let objects: Vec<Option<(u64, automerge::ActorId)>> = (0..review.length(&list))
        .map(|i| match review.get(&list, i) {
            Ok(Some((Value::Object(ObjType::Map), automerge::ObjId::Id(counter, actor, _)))) => {
                Some((counter, actor))
            }
            _ => None,
        })
        .collect();
    let changes = review.get_changes_meta(&[]);
    objects
        .into_iter()
        .map(|object| {
            let (counter, actor) = object?;
            changes
                .iter()
                .find(|c| *c.actor == actor && c.start_op <= counter && counter <= c.max_op)
                .map(|c| c.hash)
        })
        .collect()
}

/// The version the submission in force named: the change that made its mark (the
/// document as that change left it is what the unit submitted).
pub fn submitted_version(doc: &mut AutoCommit) -> Option<ChangeHash> {
    let Some(automerge::ObjId::Id(counter, actor, _)) = submission_mark(doc) else {
        return None;
    };
    doc.get_changes_meta(&[])
        .into_iter()
        .find(|c| *c.actor == actor && c.start_op <= counter && counter <= c.max_op)
        .map(|c| c.hash)
}

/// Every change that submitted the report (made a submission mark), oldest first in the
/// document's order: the first of them, by the server's receipt, is the submission that
/// decides timeliness; later ones are resubmissions.
pub fn submission_changes(doc: &mut AutoCommit) -> Vec<ChangeHash> {
    let changes: Vec<(ChangeHash, automerge::ActorId, u64, u64)> = doc
        .get_changes_meta(&[])
        .into_iter()
        .map(|c| (c.hash, c.actor.into_owned(), c.start_op, c.max_op))
        .collect();
    changes
        .into_iter()
        .filter(|(hash, actor, start, max)| {
            matches!(
                submission_mark_at(doc, &[*hash]),
                Some(automerge::ObjId::Id(counter, a, _))
                    if a == *actor && *start <= counter && counter <= *max
            )
        })
        .map(|(hash, ..)| hash)
        .collect()
}

/// Whether the report was submitted at `heads` (all of which this copy holds).
pub fn submitted_at(doc: &AutoCommit, heads: &[ChangeHash]) -> bool {
    submission_mark_at(doc, heads).is_some()
}

fn submission_mark_at(doc: &AutoCommit, heads: &[ChangeHash]) -> Option<automerge::ObjId> {
    // Heads this copy does not have yet read as "not submitted then", which is what the
    // unit's device sees until the reviewed changes reach it.
    if heads.iter().any(|h| doc.get_change_by_hash(h).is_none()) {
        return None;
    }
    match doc.get_at(ROOT, "submitted", heads) {
        Ok(Some((Value::Scalar(s), op)))
            if s.as_ref() == &automerge::ScalarValue::Boolean(true) =>
        {
            Some(op)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::{genesis, start};
    use crate::report::activity::set_narrative;
    use crate::report::set_submitted;
    use automerge::ActorId;

    fn id() -> DocId {
        "activity:16816:2022-H1".parse().unwrap()
    }

    fn returned(comment_on: &str, text: &str) -> Decision {
        Decision {
            verdict: Verdict::Returned.as_str().to_string(),
            comments: [(comment_on.to_string(), text.to_string())].into(),
            by: "Chuyên viên".to_string(),
            ..Decision::default()
        }
    }

    fn approved() -> Decision {
        Decision {
            verdict: Verdict::Approved.as_str().to_string(),
            ..Decision::default()
        }
    }

    #[test]
    fn the_whole_cycle_of_states() {
        let mut report = start(&id(), ActorId::random());
        let mut review = start(&id().review(), ActorId::random());
        assert_eq!(report_state(&mut report, None), ReportState::NotStarted);
        set_narrative(&mut report, "assessment", "Đã triển khai").unwrap();
        report.commit();
        assert_eq!(report_state(&mut report, None), ReportState::Drafting);
        assert!(matches!(
            decide(&mut review, &id(), &mut report, approved()),
            Err(DecisionError::NotSubmitted)
        ));
        set_submitted(&mut report, true).unwrap();
        report.commit();
        assert_eq!(report_state(&mut report, None), ReportState::Submitted);

        decide(
            &mut review,
            &id(),
            &mut report,
            returned("assessment", "Ghi rõ số liệu"),
        )
        .unwrap();
        let r = Review::read(&review).unwrap();
        assert_eq!(r.latest().unwrap().comments["assessment"], "Ghi rõ số liệu");
        assert_eq!(report_state(&mut report, Some(&r)), ReportState::Returned);
        // Fixing is not yet submitting again.
        set_narrative(&mut report, "assessment", "Đã triển khai 12 cuộc").unwrap();
        report.commit();
        assert_eq!(report_state(&mut report, Some(&r)), ReportState::Returned);
        // Submitting again is a new operation although the value stays true.
        set_submitted(&mut report, true).unwrap();
        report.commit();
        assert_eq!(report_state(&mut report, Some(&r)), ReportState::Submitted);

        decide(&mut review, &id(), &mut report, approved()).unwrap();
        let r = Review::read(&review).unwrap();
        assert_eq!(report_state(&mut report, Some(&r)), ReportState::Approved);
        assert_eq!(r.approved().unwrap().report_heads(), report.get_heads());
        set_narrative(&mut report, "assessment", "Đã triển khai 13 cuộc").unwrap();
        report.commit();
        assert_eq!(
            report_state(&mut report, Some(&r)),
            ReportState::EditedAfterApproval
        );
    }

    #[test]
    fn a_return_says_what_to_fix_and_names_real_fields() {
        let mut report = start(&id(), ActorId::random());
        set_submitted(&mut report, true).unwrap();
        report.commit();
        let mut review = genesis(&id().review());
        let silent = Decision {
            verdict: "returned".to_string(),
            comments: [("assessment".to_string(), "  ".to_string())].into(),
            ..Decision::default()
        };
        assert!(matches!(
            decide(&mut review, &id(), &mut report, silent),
            Err(DecisionError::NothingToCorrect)
        ));
        let unknown = returned("no_such_field", "?");
        let err = decide(&mut review, &id(), &mut report, unknown).unwrap_err();
        assert!(err.to_string().contains("no_such_field"), "{err}");
        assert!(Review::read(&review).unwrap().decisions.is_empty());
    }

    #[test]
    fn two_reviewers_deciding_at_once_both_stay_on_record() {
        let mut report = start(&id(), ActorId::random());
        set_submitted(&mut report, true).unwrap();
        report.commit();
        let mut a = start(&id().review(), ActorId::random());
        let mut b = start(&id().review(), ActorId::random());
        decide(&mut a, &id(), &mut report, approved()).unwrap();
        decide(&mut b, &id(), &mut report, returned("assessment", "Thiếu")).unwrap();
        a.merge(&mut b).unwrap();
        assert_eq!(Review::read(&a).unwrap().decisions.len(), 2);
    }

    #[test]
    fn every_kind_has_fields_to_comment_on() {
        for doc in [
            "activity:16816:2022-H1",
            "programme:16816:2022",
            "inspection:90001:2022",
        ] {
            let id: DocId = doc.parse().unwrap();
            assert!(commentable_fields(&id).len() > 3, "{doc}");
        }
    }
}
