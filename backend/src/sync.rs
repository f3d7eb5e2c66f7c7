//! The server's side of one document's sync: load, check, apply, store, answer.
//!
//! The server keeps no sync state between requests: each request's message carries the
//! client's heads and a summary of what it has, which is all the server needs to answer.
//! So any instance can answer any request, and a resent or late message is harmless.
//!
//! Writes are checked before anything is stored: the message is applied to the loaded
//! copy, and if it brought new changes the user must be allowed to write the document and
//! the result must still read as a report. A refused document is answered with
//! [`DocReply::Refused`] and the stored copy stays as it was. Accepted changes are stored
//! (chunk, provenance with the server's receipt time, projection) in one transaction
//! before the answer is sent.

use crate::auth::AuthUser;
use crate::clock::now_ms;
use crate::store::{AcceptedChanges, ProjectionRow, Store, StoreError, Submission};
use automerge::AutoCommit;
use automerge::sync::{self, SyncDoc};
use shared::genesis::genesis;
use shared::ids::{DocId, ReportKind};
use shared::report::is_submitted;
use shared::wire::DocReply;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Serialises syncs of the same document within this process, so two devices' changes
/// never race between load and store.
#[derive(Default)]
pub struct DocLocks(Mutex<HashMap<DocId, Arc<tokio::sync::Mutex<()>>>>);

impl DocLocks {
    fn get(&self, id: DocId) -> Arc<tokio::sync::Mutex<()>> {
        self.0
            .lock()
            .expect("lock map is never poisoned")
            .entry(id)
            .or_default()
            .clone()
    }
}

/// Answers one document's sync message for one user.
pub async fn sync_document(
    store: &Store,
    locks: &DocLocks,
    user: &AuthUser,
    device: &str,
    id: DocId,
    message: sync::Message,
) -> Result<DocReply, StoreError> {
    let lock = locks.get(id);
    let _guard = lock.lock().await;
    let doc_key = id.to_string();
    let stored = store.load_document(&doc_key).await?;
    let is_new = stored.is_none();
    let (mut doc, compact) = match stored {
        Some(s) => (s.doc, s.chunks_size > s.snapshot_size),
        None => (genesis(&id), false),
    };
    let before = doc.get_heads();
    let mut state = sync::State::new();
    let mut candidate = doc.fork();
    if let Err(e) = candidate.sync().receive_sync_message(&mut state, message) {
        tracing::info!(doc = %id, error = %e, "refused: changes do not apply");
        return Ok(refuse(id, "Dữ liệu thay đổi bị hỏng, máy chủ không nhận."));
    }
    let new_changes = candidate.get_changes(&before);
    if !new_changes.is_empty() {
        if !user.principal.can_write(&id) {
            tracing::info!(doc = %id, user = user.user_id, "refused: no write access");
            return Ok(refuse(
                id,
                "Bạn không có quyền sửa báo cáo này; thay đổi đã bị từ chối.",
            ));
        }
        let Some(summary) = summary(id.kind, &candidate) else {
            tracing::info!(doc = %id, "refused: not a report after the changes");
            return Ok(refuse(
                id,
                "Thay đổi làm sai cấu trúc báo cáo, máy chủ không nhận.",
            ));
        };
        let submission = match (is_submitted(&doc), is_submitted(&candidate)) {
            (false, true) => Submission::Submitted,
            (true, false) => Submission::Withdrawn,
            _ => Submission::Unchanged,
        };
        let hashes: Vec<Vec<u8>> = new_changes.iter().map(|c| c.hash().0.to_vec()).collect();
        let chunk = candidate.save_after(&before);
        let snapshot = (is_new || compact).then(|| candidate.save());
        let now = now_ms();
        store
            .accept_changes(AcceptedChanges {
                doc_id: &doc_key,
                chunk: &chunk,
                new_snapshot: snapshot.as_deref(),
                change_hashes: &hashes,
                user_id: user.user_id,
                device,
                now,
                projection: &ProjectionRow {
                    doc_id: doc_key.clone(),
                    kind: id.kind.as_str().to_string(),
                    unit_code: id.unit.get(),
                    period: id.period.to_string(),
                    received_at: now,
                    summary,
                    submission,
                },
            })
            .await?;
        doc = candidate;
    }
    // A fresh state always has something to say (our heads), so the client learns what
    // the server holds even when nothing changed.
    let first = doc.sync().generate_sync_message(&mut state);
    let reply = match first {
        Some(reply) => reply,
        None => doc
            .sync()
            .generate_sync_message(&mut sync::State::new())
            .expect("a fresh state always speaks"),
    };
    Ok(DocReply::Message {
        doc: doc_key,
        message: reply.encode(),
    })
}

fn refuse(id: DocId, reason: &str) -> DocReply {
    DocReply::Refused {
        doc: id.to_string(),
        reason: reason.to_string(),
    }
}

/// The reviewer's summary of a report as JSON, or `None` if the document is not a valid
/// report of its kind.
fn summary(kind: ReportKind, doc: &AutoCommit) -> Option<String> {
    let pairs = shared::report::summary(kind, doc).ok()?;
    Some(serde_json::to_string(&pairs).expect("pairs of strings serialize"))
}
