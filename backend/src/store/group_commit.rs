//! Group commit on SQLite: syncs that arrive while another one is writing are written
//! together, in one transaction, by whichever of them gets the write turn first.
//!
//! SQLite takes one writer at a time, so the server's edits per second are bounded by how
//! long one write transaction holds the turn. Most of that time is not the rows but the
//! transaction around them and the hops to sqlx's SQLite thread for each statement;
//! sharing BEGIN and COMMIT among the writes that queued meanwhile spends them once per
//! group instead of once per sync. Every write still returns only after the commit that
//! holds it, so an acknowledged change survives a crash as before.
//!
//! When a group cannot be written whole (one of its documents was changed by another
//! writer since it was checked, or a statement fails), the group is rolled back and each
//! write is tried alone, so one write's failure is only its own.

use super::document_rows::AcceptedChanges;
use super::{Store, StoreError};
use tokio::sync::oneshot;

/// Writes waiting for the next group; the write turn's holder takes them all.
#[derive(Default)]
pub(super) struct WriteQueue {
    pending: std::sync::Mutex<Vec<Pending>>,
}

struct Pending {
    write: AcceptedChanges,
    done: oneshot::Sender<Result<(), StoreError>>,
}

impl Store {
    /// Writes `accepted` in the next group and returns once that group is committed.
    pub(super) async fn commit_in_group(&self, write: AcceptedChanges) -> Result<(), StoreError> {
        let doc_id = write.doc_id;
        let (done, mut result) = oneshot::channel();
        self.queue
            .pending
            .lock()
            .expect("the queue is never poisoned")
            .push(Pending { write, done });
        // Either another writer's group takes ours along, or we get the turn first.
        let turn = tokio::select! {
            biased;
            answer = &mut result => return answered(answer, doc_id),
            turn = self.writer.lock() => turn,
        };
        if let Ok(answer) = result.try_recv() {
            return answer;
        }
        let group = std::mem::take(&mut *self.queue.pending.lock().expect("never poisoned"));
        self.write_group(group).await;
        drop(turn);
        answered(result.await, doc_id)
    }

    /// Writes a group in one transaction, or each of its writes alone if that fails.
    async fn write_group(&self, group: Vec<Pending>) {
        if group.len() > 1 && self.write_together(&group).await.unwrap_or(false) {
            for pending in group {
                // A writer that went away no longer waits for its answer.
                let _ = pending.done.send(Ok(()));
            }
            return;
        }
        for pending in group {
            let answer = self.write_alone(&pending.write).await;
            let _ = pending.done.send(answer);
        }
    }

    /// True when every write of the group was stored and committed; otherwise nothing
    /// was (dropping the transaction rolls it back).
    async fn write_together(&self, group: &[Pending]) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin().await?;
        for pending in group {
            if !Store::write_rows(&mut tx, &pending.write).await? {
                return Ok(false);
            }
        }
        tx.commit().await?;
        Ok(true)
    }
}

/// What a writer learns: the group's answer, or, when the group's writer went away before
/// answering (its request was dropped), a conflict, so that the sync starts over from the
/// database and finds its changes either stored or still to store.
fn answered(
    answer: Result<Result<(), StoreError>, oneshot::error::RecvError>,
    doc_id: shared::ids::DocId,
) -> Result<(), StoreError> {
    answer.unwrap_or_else(|_| Err(StoreError::Conflict(doc_id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Projection;

    const A: &str = "activity:16816:2022-H1";
    const B: &str = "activity:16819:2022-H1";

    fn write(doc_id: &str, projection: &Projection) -> AcceptedChanges {
        AcceptedChanges {
            doc_id: doc_id.parse().unwrap(),
            chunk: b"chunk".to_vec(),
            new_snapshot: Some(b"snapshot".to_vec()),
            change_hashes: Vec::new(),
            user_id: 1,
            device: "test".to_string(),
            now: 1,
            projection: projection.clone(),
            expected: None,
        }
    }

    /// Three writes queue behind a held turn and are taken as one group; two of them
    /// create the same document, so the group cannot be written whole: each write is
    /// then tried alone, and only the second creation fails.
    #[tokio::test]
    async fn a_conflict_in_a_group_fails_only_its_own_write() {
        let path = std::env::temp_dir().join(format!(
            "group-commit-{}-{:?}.db",
            std::process::id(),
            std::time::SystemTime::now()
        ));
        let store = Store::connect(&format!("sqlite:{}", path.display()))
            .await
            .expect("a fresh database");
        let projection = Projection::Decision(crate::store::DecisionProjection {
            report: A.parse().unwrap(),
            verdict: shared::report::review::Verdict::Approved,
            heads: Default::default(),
            decided_at: 1,
        });
        let turn = store.write_turn().await;
        let spawn = |doc: &'static str| {
            let store = store.clone();
            let projection = projection.clone();
            tokio::spawn(async move { store.accept_changes(write(doc, &projection)).await })
        };
        let first = spawn(A);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let other = spawn(B);
        let again = spawn(A);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert_eq!(
            store.queue.pending.lock().unwrap().len(),
            3,
            "all three wait for the turn"
        );
        drop(turn);
        assert!(first.await.unwrap().is_ok());
        assert!(other.await.unwrap().is_ok());
        assert!(
            matches!(again.await.unwrap(), Err(StoreError::Conflict(doc)) if doc.to_string() == A)
        );
        assert_eq!(store.document_counts().await.unwrap().0, 2);
        // The database and the journal files SQLite keeps beside it.
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
