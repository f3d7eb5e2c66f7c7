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
use crate::doc_cache::{DocCache, Stamp};
use crate::store::{
    AcceptedChanges, IndicatorValue, Projection, ProjectionRow, Store, StoreError, Submission,
};
use automerge::AutoCommit;
use automerge::sync::{self, SyncDoc};
use shared::genesis::genesis;
use shared::ids::{DocId, ReportKind};
use shared::report::review::{Review, submission_mark};
use shared::wire::DocReply;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Serialises syncs of the same document within this process, so two devices' changes
/// never race between load and store.
#[derive(Default)]
pub struct DocLocks(Mutex<HashMap<DocId, Arc<tokio::sync::Mutex<()>>>>);

impl DocLocks {
    pub fn get(&self, id: DocId) -> Arc<tokio::sync::Mutex<()>> {
        self.0
            .lock()
            .expect("lock map is never poisoned")
            .entry(id)
            .or_default()
            .clone()
    }
}

/// Answers one document's sync message for one user. `stamp` is what the database said
/// of the document when the request came in (read for all its documents at once); if
/// another writer got in between, the store says so and this starts over from the
/// database.
#[allow(clippy::too_many_arguments)]
pub async fn sync_document(
    store: &Store,
    locks: &DocLocks,
    cache: &DocCache,
    user: &AuthUser,
    device: &str,
    id: DocId,
    message: sync::Message,
    stamp: Option<Stamp>,
) -> Result<DocReply, StoreError> {
    let lock = locks.get(id);
    let _guard = lock.lock().await;
    let mut stamp = stamp;
    for attempt in 0..12u32 {
        match sync_once(store, cache, user, device, id, message.clone(), stamp).await {
            Err(StoreError::Conflict(_)) => {
                tracing::info!(doc = %id, attempt, "another writer came first; starting over");
                // A short, growing, jittered pause so two instances stop colliding.
                let ceiling = 1u64 << attempt.min(6);
                let pause = rand::Rng::gen_range(&mut rand::thread_rng(), 0..=ceiling);
                tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
                stamp = store.document_stamp(&id.to_string()).await?;
            }
            other => return other,
        }
    }
    Err(StoreError::Conflict(id.to_string()))
}

async fn sync_once(
    store: &Store,
    cache: &DocCache,
    user: &AuthUser,
    device: &str,
    id: DocId,
    message: sync::Message,
    stamp: Option<Stamp>,
) -> Result<DocReply, StoreError> {
    let mut loaded = Loaded::load_stamped(store, cache, id, stamp).await?;
    let mut state = sync::State::new();
    // Changes that arrived without a change they depend on (the client's bloom filter
    // test of ours gave a false positive, so it held that one back): a stateless server
    // cannot keep them waiting, so it asks for the missing ones by hash instead.
    let mut missing = Vec::new();
    if message.changes.is_empty() {
        // Nothing to store (an idle check, or a request for our changes): answer from
        // the document itself, no copy needed.
        if let Err(e) = loaded.doc.sync().receive_sync_message(&mut state, message) {
            tracing::info!(doc = %id, error = %e, "refused: message does not apply");
            return Ok(refuse(id, "Dữ liệu đồng bộ bị hỏng, máy chủ không nhận."));
        }
    } else {
        let mut candidate = loaded.doc.fork();
        if let Err(e) = candidate.sync().receive_sync_message(&mut state, message) {
            tracing::info!(doc = %id, error = %e, "refused: changes do not apply");
            loaded.release(cache, id);
            return Ok(refuse(id, "Dữ liệu thay đổi bị hỏng, máy chủ không nhận."));
        }
        missing = candidate.get_missing_deps(&[]);
        let allowed = user.principal.can_write(&id);
        let outcome = loaded
            .accept(store, user, device, id, candidate, allowed)
            .await;
        if let Err(reason) = outcome? {
            loaded.release(cache, id);
            return Ok(refuse(id, reason));
        }
    }
    let doc = &mut loaded.doc;
    // A fresh state always has something to say (our heads), so the client learns what
    // the server holds even when nothing changed.
    let first = doc.sync().generate_sync_message(&mut state);
    let mut reply = match first {
        Some(reply) => reply,
        None => doc
            .sync()
            .generate_sync_message(&mut sync::State::new())
            .expect("a fresh state always speaks"),
    };
    for hash in missing {
        if !reply.need.contains(&hash) && doc.get_change_by_hash(&hash).is_none() {
            reply.need.push(hash);
        }
    }
    // The encoding wants the hashes in order.
    reply.need.sort();
    loaded.release(cache, id);
    Ok(DocReply::Message {
        doc: id.to_string(),
        message: reply.encode(),
    })
}

/// A document as the server holds it, about to take changes.
pub struct Loaded {
    pub doc: AutoCommit,
    /// What the database says of it; none while it was never stored.
    stamp: Option<Stamp>,
}

impl Loaded {
    /// The stored document (from the cache when still current), or its genesis if nobody
    /// wrote to it yet.
    pub async fn load(store: &Store, cache: &DocCache, id: DocId) -> Result<Loaded, StoreError> {
        let stamp = store.document_stamp(&id.to_string()).await?;
        Loaded::load_stamped(store, cache, id, stamp).await
    }

    /// [`Loaded::load`] with the stamp already read (one query for a whole request).
    /// The stamp must have been read after taking the document's lock or before any
    /// write to it that this process could have missed; a stale stamp only costs a load.
    pub async fn load_stamped(
        store: &Store,
        cache: &DocCache,
        id: DocId,
        stamp: Option<Stamp>,
    ) -> Result<Loaded, StoreError> {
        let key = id.to_string();
        // "Never stored" is checked again under the lock: a request of this process may
        // have stored the document since the stamps were read.
        let stamp = match stamp {
            Some(stamp) => Some(stamp),
            None => store.document_stamp(&key).await?,
        };
        let Some(stamp) = stamp else {
            return Ok(Loaded {
                doc: genesis(&id),
                stamp: None,
            });
        };
        if let Some(doc) = cache.take(id, stamp) {
            return Ok(Loaded {
                doc,
                stamp: Some(stamp),
            });
        }
        Ok(match store.load_document(&key).await? {
            Some(s) => Loaded {
                doc: s.doc,
                stamp: Some(Stamp {
                    updated_at: stamp.updated_at,
                    snapshot_size: s.snapshot_size,
                    chunks_size: s.chunks_size,
                }),
            },
            // Gone in between: start from the genesis.
            None => Loaded {
                doc: genesis(&id),
                stamp: None,
            },
        })
    }

    /// Hands the document back to the cache for the next sync.
    pub fn release(self, cache: &DocCache, id: DocId) {
        if let Some(stamp) = self.stamp {
            cache.put(id, stamp, self.doc);
        }
    }

    /// Checks what `candidate` (this document with a client's changes applied) brings
    /// and stores it, or says why it is refused; with nothing new, stores nothing. The
    /// caller decides whether the user may write here (`allowed`); the content rules are
    /// checked here: a report must still read as its kind, a review as a review whose
    /// decision refers to a version this server holds.
    pub async fn accept(
        &mut self,
        store: &Store,
        user: &AuthUser,
        device: &str,
        id: DocId,
        mut candidate: AutoCommit,
        allowed: bool,
    ) -> Result<Result<bool, &'static str>, StoreError> {
        let before = self.doc.get_heads();
        let new_changes = candidate.get_changes(&before);
        if new_changes.is_empty() {
            return Ok(Ok(false));
        }
        if !allowed {
            tracing::info!(doc = %id, user = user.user_id, "refused: no write access");
            return Ok(Err(if id.is_review() {
                "Bạn không có quyền duyệt báo cáo này; thay đổi đã bị từ chối."
            } else {
                "Bạn không có quyền sửa báo cáo này; thay đổi đã bị từ chối."
            }));
        }
        let now = now_ms();
        let projection = if id.is_review() {
            match review_projection(store, id, &candidate, now).await? {
                Ok(projection) => projection,
                Err(reason) => {
                    tracing::info!(doc = %id, reason, "refused: not a valid review");
                    return Ok(Err(reason));
                }
            }
        } else {
            let Some(summary) = summary(id.kind, &candidate) else {
                tracing::info!(doc = %id, "refused: not a report after the changes");
                return Ok(Err(
                    "Thay đổi làm sai cấu trúc báo cáo, máy chủ không nhận.",
                ));
            };
            // A new `submitted` operation is a (new) submission, also when the flag was
            // already up: submitting again after a return.
            let submission = match (submission_mark(&self.doc), submission_mark(&candidate)) {
                (before, after) if before == after => Submission::Unchanged,
                (_, Some(_)) => Submission::Submitted,
                (Some(_), None) => Submission::Withdrawn,
                (None, None) => Submission::Unchanged,
            };
            Projection::Report(ProjectionRow {
                doc_id: id.to_string(),
                kind: id.kind.as_str().to_string(),
                unit_code: id.unit.get(),
                period: id.period.to_string(),
                received_at: now,
                summary,
                submission,
                heads: heads_text(&candidate.get_heads()),
                indicators: IndicatorValue::of(&id, &candidate),
            })
        };
        let hashes: Vec<Vec<u8>> = new_changes.iter().map(|c| c.hash().0.to_vec()).collect();
        let chunk = candidate.save_after(&before);
        // A new document, or chunks that outgrew the snapshot: write a fresh snapshot.
        let compact = self.stamp.is_none_or(|s| s.chunks_size > s.snapshot_size);
        let snapshot = compact.then(|| candidate.save());
        let snapshot_size = snapshot.as_ref().map(|s| s.len() as i64);
        let chunk_size = chunk.len() as i64;
        store
            .accept_changes(AcceptedChanges {
                doc_id: id.to_string(),
                chunk,
                new_snapshot: snapshot,
                change_hashes: hashes,
                user_id: user.user_id,
                device: device.to_string(),
                now,
                projection,
                expected: self.stamp,
            })
            .await?;
        self.doc = candidate;
        self.stamp = Some(match (snapshot_size, self.stamp) {
            (Some(snapshot_size), _) => Stamp {
                updated_at: now,
                snapshot_size,
                chunks_size: 0,
            },
            (None, Some(old)) => Stamp {
                updated_at: now,
                snapshot_size: old.snapshot_size,
                chunks_size: old.chunks_size + chunk_size,
            },
            (None, None) => unreachable!("a document never stored gets a snapshot"),
        });
        Ok(Ok(true))
    }
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

/// The projection of a review's new state, or why the review is refused: it must read as
/// a review, and the decision in force must refer to a version of the report this server
/// holds (approving a version nobody sent would approve nothing).
async fn review_projection(
    store: &Store,
    id: DocId,
    candidate: &AutoCommit,
    now: i64,
) -> Result<Result<Projection, &'static str>, StoreError> {
    let Ok(review) = Review::read(candidate) else {
        return Ok(Err(
            "Thay đổi làm sai cấu trúc phiếu thẩm định, máy chủ không nhận.",
        ));
    };
    let Some(latest) = review.latest() else {
        return Ok(Err("Phiếu thẩm định không có quyết định nào."));
    };
    let heads = latest.report_heads();
    let report = store.load_document(&id.report().to_string()).await?;
    let known = report.is_some_and(|r| {
        !heads.is_empty()
            && heads.len() == latest.heads.len()
            && heads
                .iter()
                .all(|h| automerge::ReadDoc::get_change_by_hash(&r.doc, h).is_some())
    });
    if !known {
        return Ok(Err(
            "Quyết định nói đến một phiên bản báo cáo máy chủ chưa nhận được.",
        ));
    }
    Ok(Ok(Projection::Review {
        doc_id: id.report().to_string(),
        verdict: latest.verdict.clone(),
        heads: heads_text(&latest.report_heads()),
        decided_at: now,
    }))
}

/// Heads as the projection stores them: sorted hex hashes, comma-separated (the order a
/// review's decision records them in does not matter).
pub fn heads_text(heads: &[automerge::ChangeHash]) -> String {
    let mut hex: Vec<String> = heads.iter().map(|h| h.to_string()).collect();
    hex.sort();
    hex.join(",")
}
