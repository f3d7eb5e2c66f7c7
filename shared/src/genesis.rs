//! The deterministic first change of every report document.
//!
//! Two phones that create the same report offline must build on the same root objects,
//! or Automerge keeps only one phone's map at each key when they merge and the other
//! phone's work disappears from view. So every copy starts from one genesis change made
//! with a fixed actor at a fixed time from the same skeleton: byte-identical on every
//! device, the same hash everywhere. After it, each device writes under its own random
//! actor ([`start`]), because two devices sharing an actor corrupt a document.

use crate::activity::ActivityReport;
use crate::ids::ReportKind;
use automerge::{ActorId, AutoCommit, transaction::CommitOptions};

/// The actor of genesis changes and of nothing else.
pub const GENESIS_ACTOR: [u8; 16] = [0; 16];

/// The genesis document of a report kind, still under the genesis actor.
pub fn genesis(kind: ReportKind) -> AutoCommit {
    let mut doc = AutoCommit::new().with_actor(ActorId::from(GENESIS_ACTOR.as_slice()));
    match kind {
        ReportKind::Activity => autosurgeon::reconcile(&mut doc, ActivityReport::default())
            .expect("the skeleton reconciles into an empty document"),
        // The other reports get their skeletons with their editors; until then their
        // genesis is the empty root, still identical on every device.
        ReportKind::ProgrammeResults | ReportKind::SelfInspection => {}
    }
    doc.commit_with(CommitOptions::default().with_time(0));
    doc
}

/// A new local copy of a report, ready for this device's edits under its own actor.
pub fn start(kind: ReportKind, actor: ActorId) -> AutoCommit {
    let mut doc = genesis(kind);
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
    use crate::activity::{ActivityReport, set_count, set_narrative};

    #[test]
    fn genesis_is_byte_identical() {
        assert_eq!(
            genesis(ReportKind::Activity).save(),
            genesis(ReportKind::Activity).save()
        );
        assert_eq!(
            genesis(ReportKind::Activity).get_heads(),
            genesis(ReportKind::Activity).get_heads()
        );
    }

    /// The trap of DESIGN.md: two phones create the same report offline, each fills a
    /// different field, and the merge keeps both.
    #[test]
    fn two_copies_created_offline_merge_without_loss() {
        let mut phone_a = start(ReportKind::Activity, ActorId::random());
        let mut phone_b = start(ReportKind::Activity, ActorId::random());
        set_count(&mut phone_a, "events_by_committee", Some(4)).unwrap();
        set_narrative(&mut phone_a, "assessment", "Phòng A").unwrap();
        set_count(&mut phone_b, "trainees_female", Some(27)).unwrap();
        set_count(&mut phone_b, "training_classes", Some(2)).unwrap();

        phone_a.merge(&mut phone_b).unwrap();
        phone_b.merge(&mut phone_a).unwrap();
        assert_eq!(phone_a.get_heads(), phone_b.get_heads());
        for doc in [&phone_a, &phone_b] {
            let c = ActivityReport::read(doc).unwrap().communication;
            assert_eq!(c.events_by_committee, Some(4));
            assert_eq!(c.trainees_female, Some(27));
            assert_eq!(c.training_classes, Some(2));
            assert_eq!(c.assessment.as_str(), "Phòng A");
        }
    }

    /// The control: without a shared genesis the same scenario loses a phone's section,
    /// which is why [`genesis`] exists.
    #[test]
    fn without_genesis_one_phones_section_is_lost() {
        let mut phone_a = AutoCommit::new();
        let mut phone_b = AutoCommit::new();
        autosurgeon::reconcile(&mut phone_a, ActivityReport::default()).unwrap();
        autosurgeon::reconcile(&mut phone_b, ActivityReport::default()).unwrap();
        set_count(&mut phone_a, "events_by_committee", Some(4)).unwrap();
        set_count(&mut phone_b, "trainees_female", Some(27)).unwrap();
        phone_a.merge(&mut phone_b).unwrap();
        let c = ActivityReport::read(&phone_a).unwrap().communication;
        assert!(c.events_by_committee.is_none() || c.trainees_female.is_none());
    }
}
