//! The deterministic first change of every report document.
//!
//! Two phones that create the same report offline must build on the same root objects,
//! or Automerge keeps only one phone's map at each key when they merge and the other
//! phone's work disappears from view. So every copy starts from one genesis change made
//! with a fixed actor at a fixed time from the same skeleton: byte-identical on every
//! device, the same hash everywhere. After it, each device writes under its own random
//! actor ([`start`]), because two devices sharing an actor corrupt a document.

use crate::ids::DocId;

use crate::report::activity::ActivityReport;
use crate::report::inspection::InspectionReport;
use crate::report::programme::ProgrammeReport;
use crate::report::review::Review;
use crate::report::skeleton;
use crate::vocabulary::ReportKind;
use automerge::{ActorId, AutoCommit, transaction::CommitOptions};

/// The actor of genesis changes and of nothing else.
pub const GENESIS_ACTOR: [u8; 16] = [0; 16];

/// The genesis document of a report, still under the genesis actor. Its skeleton
/// depends only on the id (the kind, and the unit for the rows it reports), so every
/// device builds the same bytes.
pub fn genesis(id: &DocId) -> AutoCommit {
    use automerge::transaction::Transactable;
    let mut doc = AutoCommit::new().with_actor(ActorId::from(GENESIS_ACTOR.as_slice()));
    doc.init_root_from_hydrate(&skeleton_tree(id))
        .expect("a skeleton goes into an empty document");
    doc.commit_with(CommitOptions::default().with_time(0));
    doc
}

/// The value tree of the report's skeleton (see `report::skeleton`).
fn skeleton_tree(id: &DocId) -> automerge::hydrate::Map {
    if id.is_review() {
        return skeleton::review(&Review::skeleton());
    }
    match id.kind {
        ReportKind::Activity => skeleton::activity(&ActivityReport::skeleton()),
        ReportKind::ProgrammeResults => skeleton::programme(&ProgrammeReport::skeleton(id.unit)),
        ReportKind::SelfInspection => skeleton::inspection(&InspectionReport::skeleton(id.unit)),
    }
}

/// A new local copy of a report, ready for this device's edits under its own actor.
pub fn start(id: &DocId, actor: ActorId) -> AutoCommit {
    let mut doc = genesis(id);
    doc.set_actor(actor);
    doc
}

/// Whether a change is the genesis (not an officer's edit).
pub fn is_genesis(change: &automerge::Change) -> bool {
    change.actor_id().to_bytes() == GENESIS_ACTOR
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::activity::{ActivityReport, set_count, set_narrative};

    fn id() -> DocId {
        "activity:16816:2022-H1".parse().unwrap()
    }

    #[test]
    fn genesis_is_byte_identical() {
        for doc in [
            "activity:16816:2022-H1",
            "programme:417:2022",
            "inspection:90001:2022",
        ] {
            let id: DocId = doc.parse().unwrap();
            assert_eq!(genesis(&id).save(), genesis(&id).save(), "{doc}");
            assert_eq!(genesis(&id).get_heads(), genesis(&id).get_heads(), "{doc}");
        }
    }

    /// The genesis as autosurgeon's reconcile wrote it until the skeletons were built by
    /// hand: every stored document starts from these bytes.
    fn reconciled_genesis(id: &DocId) -> AutoCommit {
        let mut doc = AutoCommit::new().with_actor(ActorId::from(GENESIS_ACTOR.as_slice()));
        if id.is_review() {
            autosurgeon::reconcile(&mut doc, Review::skeleton())
        } else {
            match id.kind {
                ReportKind::Activity => {
                    autosurgeon::reconcile(&mut doc, ActivityReport::skeleton())
                }
                ReportKind::ProgrammeResults => {
                    autosurgeon::reconcile(&mut doc, ProgrammeReport::skeleton(id.unit))
                }
                ReportKind::SelfInspection => {
                    autosurgeon::reconcile(&mut doc, InspectionReport::skeleton(id.unit))
                }
            }
        }
        .unwrap();
        doc.commit_with(CommitOptions::default().with_time(0));
        doc
    }

    #[test]
    fn hand_built_genesis_is_autosurgeons_for_every_unit_and_kind() {
        let mut checked = 0;
        for unit in crate::units::units().all() {
            for due in crate::calendar::reports_due(unit.level) {
                let id = due.doc_id(unit.code);
                for id in [id, id.review()] {
                    let mut ours = genesis(&id);
                    let mut theirs = reconciled_genesis(&id);
                    assert_eq!(ours.save(), theirs.save(), "{id}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 2_000, "{checked} documents");
    }

    /// Concurrent creation: two phones create the same report offline, each fills a
    /// different field, and the merge keeps both.
    #[test]
    fn two_copies_created_offline_merge_without_loss() {
        let mut phone_a = start(&id(), ActorId::random());
        let mut phone_b = start(&id(), ActorId::random());
        set_count(&mut phone_a, "events_by_committee", Some(4)).unwrap();
        set_narrative(&mut phone_a, "assessment", "Phòng A").unwrap();
        set_count(&mut phone_b, "trainees_female", Some(27)).unwrap();
        set_count(&mut phone_b, "training_classes", Some(2)).unwrap();

        phone_a.merge(&mut phone_b).unwrap();
        phone_b.merge(&mut phone_a).unwrap();
        assert_eq!(phone_a.get_heads(), phone_b.get_heads());
        for doc in [&phone_a, &phone_b] {
            let c = ActivityReport::read(doc).unwrap();
            assert_eq!(c.count("events_by_committee"), Some(4));
            assert_eq!(c.count("trainees_female"), Some(27));
            assert_eq!(c.count("training_classes"), Some(2));
            assert_eq!(c.narrative("assessment"), "Phòng A");
        }
    }

    /// The control: without a shared genesis the same scenario loses a phone's map,
    /// which is why [`genesis`] exists.
    #[test]
    fn without_genesis_one_phones_section_is_lost() {
        let mut phone_a = AutoCommit::new();
        let mut phone_b = AutoCommit::new();
        autosurgeon::reconcile(&mut phone_a, ActivityReport::skeleton()).unwrap();
        autosurgeon::reconcile(&mut phone_b, ActivityReport::skeleton()).unwrap();
        set_count(&mut phone_a, "events_by_committee", Some(4)).unwrap();
        set_count(&mut phone_b, "trainees_female", Some(27)).unwrap();
        phone_a.merge(&mut phone_b).unwrap();
        let c = ActivityReport::read(&phone_a).unwrap();
        assert!(c.count("events_by_committee").is_none() || c.count("trainees_female").is_none());
    }
}
