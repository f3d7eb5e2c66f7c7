//! The reviewers' read model: what the projection holds for a document, computed from
//! the document and the receipt times of its changes. A sync computes it as changes
//! arrive, a rebuild from the provenance table; both call [`project`], so a rebuilt row
//! is the row the syncs left.
//!
//! - a report: its summary, figures and version from the document as it stands; its
//!   first and last receipt; its submission time, the receipt of the change that made
//!   the `submitted` operation in force (a resubmission is a new operation, so its own
//!   receipt). A sync knows only the arriving changes' receipt: when the operation in
//!   force came in an earlier change it leaves the stored time as it is
//!   ([`Submitted::AsStored`]), which is that change's receipt unless an older operation
//!   won a merge since. Apart from it, the first submission's receipt, which decides
//!   timeliness and never moves (a resubmission after a return does not make a late
//!   report on time, nor an on-time one late), and the version that submission named;
//! - a review: the decision in force (the last one), with the version it refers to,
//!   decided at the review's latest receipt.

use crate::store::{DecisionProjection, Projection, ReportProjection, Submitted};
use automerge::{AutoCommit, Change, ChangeHash, ObjId};
use shared::heads::Heads;
use shared::ids::DocId;
use shared::report::programme::ProgrammeReport;
use shared::report::review::{Review, submission_changes, submission_mark, submitted_version};
use shared::vocabulary::ReportKind;
use std::collections::HashMap;

/// When the server received a document's changes, as far as the caller knows.
pub enum Receipts<'a> {
    /// `changes` arrive now; the document's earlier changes were received before, and
    /// their times are in the store.
    Arriving { now: i64, changes: &'a [Change] },
    /// Every change's receipt, from the provenance table.
    Recorded(&'a HashMap<ChangeHash, i64>),
}

/// Why a document gives no projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unprojectable {
    /// It does not read as a report of its kind (or as a review).
    NotReadable,
    /// A review without a decision: nothing is in force.
    NoDecision,
    /// No change of it was ever received (a genesis only).
    NeverReceived,
}

impl Receipts<'_> {
    fn first(&self) -> Option<i64> {
        match self {
            Receipts::Arriving { now, .. } => Some(*now),
            Receipts::Recorded(times) => times.values().min().copied(),
        }
    }

    fn last(&self) -> Option<i64> {
        match self {
            Receipts::Arriving { now, .. } => Some(*now),
            Receipts::Recorded(times) => times.values().max().copied(),
        }
    }

    /// When the change that made the `submitted` operation in force was received.
    fn submission(&self, doc: &mut AutoCommit) -> Submitted {
        let Some(ObjId::Id(counter, actor, _)) = submission_mark(doc) else {
            return Submitted::Not;
        };
        let holds = |change_actor: &automerge::ActorId, start: u64, max: u64| {
            *change_actor == actor && start <= counter && counter <= max
        };
        match self {
            Receipts::Arriving { now, changes } => changes
                .iter()
                .find(|c| holds(c.actor_id(), c.start_op().get(), c.max_op()))
                .map_or(Submitted::AsStored, |c| Submitted::At(*now, c.hash())),
            Receipts::Recorded(times) => submitted_version(doc)
                .and_then(|hash| Some(Submitted::At(*times.get(&hash)?, hash)))
                .unwrap_or(Submitted::Not),
        }
    }

    /// When the first submission was received: the earliest receipt of a change that
    /// made a submission mark. A sync knows only whether an arriving change makes one
    /// (the row keeps the earlier of the stored and the written time).
    fn first_submission(&self, doc: &mut AutoCommit, submitted: Submitted) -> Option<i64> {
        match self {
            Receipts::Arriving { .. } => match submitted {
                Submitted::At(at, _) => Some(at),
                Submitted::Not | Submitted::AsStored => None,
            },
            Receipts::Recorded(times) => submission_changes(doc)
                .iter()
                .filter_map(|hash| times.get(hash).copied())
                .min(),
        }
    }
}

/// What the projection holds for document `id`.
pub fn project(
    id: DocId,
    doc: &mut AutoCommit,
    receipts: &Receipts<'_>,
) -> Result<Projection, Unprojectable> {
    let (Some(first), Some(last)) = (receipts.first(), receipts.last()) else {
        return Err(Unprojectable::NeverReceived);
    };
    if id.is_review() {
        let review = Review::read(doc).map_err(|_| Unprojectable::NotReadable)?;
        let latest = review.latest().ok_or(Unprojectable::NoDecision)?;
        let verdict = latest.verdict().ok_or(Unprojectable::NotReadable)?;
        let hashes = latest.report_heads();
        if hashes.len() != latest.heads.len() {
            // A version named by something other than change hashes.
            return Err(Unprojectable::NotReadable);
        }
        return Ok(Projection::Decision(DecisionProjection {
            report: id.report(),
            verdict,
            heads: Heads::new(hashes),
            decided_at: last,
        }));
    }
    let summary = shared::report::summary(id.kind, doc).map_err(|_| Unprojectable::NotReadable)?;
    let figures = match id.kind {
        ReportKind::ProgrammeResults => ProgrammeReport::read(doc)
            .map_err(|_| Unprojectable::NotReadable)?
            .entered(),
        ReportKind::Activity | ReportKind::SelfInspection => Vec::new(),
    };
    let submitted = receipts.submission(doc);
    let first_submitted_at = receipts.first_submission(doc, submitted);
    Ok(Projection::Report(ReportProjection {
        id,
        summary,
        heads: Heads::of(doc),
        figures,
        first_received_at: first,
        last_received_at: last,
        submitted,
        first_submitted_at,
    }))
}
