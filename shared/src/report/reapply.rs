//! An officer's edits the server refused, sent again on top of the server's copy.
//!
//! The refused copy holds the server's history up to some heads and the officer's edits
//! after them. Those edits are merged into the copy as the server now has it, as they
//! are: a field another device changed meanwhile becomes a conflict the officer settles
//! (`report::conflicts`), never a silent overwrite either way. A submission mark they
//! bring is taken back in a new change: submitting again is the officer's decision, once
//! they have seen the report as it now stands (the refusal is often about that very
//! mark). The server judges the result like any other edit; refused again, it is set
//! aside again. The merge cannot clash with the device's later edits, which a refusal
//! moves to a new actor (`replicas`).

use super::review::submission_mark;
use automerge::AutoCommit;

/// Merges the refused copy `refused` into `onto`, without a submission mark it brings.
pub fn reapply(refused: &mut AutoCommit, onto: &mut AutoCommit) -> Result<(), super::EditError> {
    let mark = submission_mark(onto);
    onto.merge(refused)?;
    if submission_mark(onto) != mark {
        super::set_submitted(onto, false)?;
        onto.commit();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use crate::ids::DocId;
    use crate::report::activity::{self, ActivityReport};
    use crate::report::{is_submitted, set_submitted};
    use automerge::ActorId;

    #[test]
    fn the_officers_edits_go_on_top_of_the_servers_copy_and_the_submission_mark_does_not() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let mut phone = start(&id, ActorId::random());
        activity::set_count(&mut phone, "events_by_committee", Some(2)).unwrap();
        activity::add_row(&mut phone, "documents_issued", "old", 0).unwrap();
        phone.commit();
        let mut server = phone.fork().with_actor(ActorId::random());
        // Days offline: figures, a narrative, a new row, a row removed, then submitted.
        activity::set_count(&mut phone, "events_by_committee", Some(5)).unwrap();
        activity::set_narrative(&mut phone, "difficulties", "Đường vào bản bị sạt lở").unwrap();
        activity::add_row(&mut phone, "documents_issued", "new", 1).unwrap();
        activity::set_cell(&mut phone, "documents_issued", "new", "code", "12/KH-UBND").unwrap();
        activity::remove_row(&mut phone, "documents_issued", "old").unwrap();
        set_submitted(&mut phone, true).unwrap();
        // Meanwhile another device changed another field on the server.
        activity::set_count(&mut server, "training_classes", Some(4)).unwrap();
        server.commit();

        let mut onto = server.fork().with_actor(ActorId::random());
        reapply(&mut phone, &mut onto).unwrap();
        let report = ActivityReport::read(&onto).unwrap();
        assert_eq!(report.count("events_by_committee"), Some(5));
        assert_eq!(report.count("training_classes"), Some(4));
        assert_eq!(report.narrative("difficulties"), "Đường vào bản bị sạt lở");
        let rows = &report.tables["documents_issued"];
        assert_eq!(rows.len(), 1);
        assert_eq!(rows["new"].cells["code"], "12/KH-UBND");
        assert!(!is_submitted(&onto), "the mark is taken back");

        // A report the server already held as submitted stays so when the refused edits
        // bring no new mark.
        let mut submitted = server.fork().with_actor(ActorId::random());
        set_submitted(&mut submitted, true).unwrap();
        submitted.commit();
        let mut edits = submitted.fork().with_actor(ActorId::random());
        activity::set_count(&mut edits, "events_by_committee", Some(7)).unwrap();
        reapply(&mut edits, &mut submitted).unwrap();
        assert!(is_submitted(&submitted));
    }
}
