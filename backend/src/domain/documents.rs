//! Access to the server's documents, the one way every path (sync, hand-in, exports)
//! reaches them: take the document's lock, load it (from the cache while the database
//! still stamps it the same, else from the store, else its genesis), work on it, put it
//! back. [`Documents::update`] also starts over when another instance wrote first: every
//! write is conditional on the stamp it was checked against.

use super::doc_cache::DocCache;
use crate::store::{AcceptedChanges, Projection, Stamp, Store, StoreError};
use automerge::{AutoCommit, ChangeHash};
use shared::genesis::genesis;
use shared::ids::DocId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How often a write that lost the race to another instance starts over. A loser reloads
/// the document from the database while the winner, whose copy is cached, may write again
/// at once; enough attempts with growing random pauses let it find a gap even when two
/// instances take one document's edits back to back.
const ATTEMPTS: u32 = 24;

/// The server's documents: the store, the in-memory copies and the per-document locks.
pub struct Documents {
    store: Store,
    cache: DocCache,
    locks: Mutex<HashMap<DocId, Arc<tokio::sync::Mutex<()>>>>,
}

/// One document taken out for work under its lock.
pub struct Working {
    pub doc: AutoCommit,
    /// What the database says of it; none while it was never stored.
    stamp: Option<Stamp>,
}

/// Who writes accepted changes, as provenance records them.
#[derive(Debug, Clone, Copy)]
pub struct Writer<'a> {
    pub user_id: i64,
    /// The phone's device id, or what a hand-in names.
    pub device: &'a str,
}

impl Documents {
    pub fn new(store: Store) -> Documents {
        Documents {
            store,
            cache: DocCache::default(),
            locks: Mutex::default(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Serialises work on the same document within this process, so two devices' changes
    /// never race between load and store.
    fn lock(&self, id: DocId) -> Arc<tokio::sync::Mutex<()>> {
        self.locks
            .lock()
            .expect("the lock map is never poisoned")
            .entry(id)
            .or_default()
            .clone()
    }

    /// Runs `read` on the document as it stands now (its genesis if never stored).
    pub async fn read<T>(
        &self,
        id: DocId,
        read: impl FnOnce(&mut AutoCommit) -> T,
    ) -> Result<T, StoreError> {
        let lock = self.lock(id);
        let _guard = lock.lock().await;
        let mut working = self.load(id, None).await?;
        let result = read(&mut working.doc);
        self.release(id, working);
        Ok(result)
    }

    /// Runs `work` on the document under its lock. `stamp` is what the database said of
    /// it when the request came in (read for all its documents at once), or none to ask
    /// now. If another writer got in between, the store says so and the work starts over
    /// from the database after a short, growing, jittered pause.
    ///
    /// `work` takes the document and gives it back with its result; a document it does
    /// not give back (an error) is not put back in the cache.
    pub async fn update<T, F>(
        &self,
        id: DocId,
        stamp: Option<Stamp>,
        mut work: impl FnMut(Working) -> F,
    ) -> Result<T, StoreError>
    where
        F: Future<Output = Result<(Working, T), StoreError>>,
    {
        let lock = self.lock(id);
        let _guard = lock.lock().await;
        let mut stamp = stamp;
        for attempt in 0..ATTEMPTS {
            let working = self.load(id, stamp).await?;
            match work(working).await {
                Ok((working, result)) => {
                    self.release(id, working);
                    return Ok(result);
                }
                Err(StoreError::Conflict(_)) => {
                    tracing::info!(doc = %id, attempt, "another writer came first; starting over");
                    let ceiling = 1u64 << attempt.min(7);
                    let pause = rand::Rng::gen_range(&mut rand::thread_rng(), 0..=ceiling);
                    tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
                    stamp = self.store.document_stamp(id).await?;
                }
                Err(other) => return Err(other),
            }
        }
        Err(StoreError::Conflict(id))
    }

    /// The stored document (from the cache when still current), or its genesis if nobody
    /// wrote to it yet. A stale stamp only costs a load.
    async fn load(&self, id: DocId, stamp: Option<Stamp>) -> Result<Working, StoreError> {
        // "Never stored" is checked again under the lock: a request of this process may
        // have stored the document since the stamps were read.
        let stamp = match stamp {
            Some(stamp) => Some(stamp),
            None => self.store.document_stamp(id).await?,
        };
        let Some(stamp) = stamp else {
            return Ok(Working::new(genesis(&id)));
        };
        if let Some(doc) = self.cache.take(id, stamp) {
            return Ok(Working {
                doc,
                stamp: Some(stamp),
            });
        }
        Ok(match self.store.load_document(id).await? {
            Some(s) => Working {
                doc: s.doc,
                stamp: Some(Stamp {
                    updated_at: stamp.updated_at,
                    snapshot_size: s.snapshot_size,
                    chunks_size: s.chunks_size,
                }),
            },
            // Gone in between: start from the genesis.
            None => Working::new(genesis(&id)),
        })
    }

    /// Hands the document back to the cache for the next request.
    fn release(&self, id: DocId, working: Working) {
        if let Some(stamp) = working.stamp {
            self.cache.put(id, stamp, working.doc);
        }
    }
}

impl Working {
    fn new(doc: AutoCommit) -> Working {
        Working { doc, stamp: None }
    }

    /// Stores `candidate` (this document with accepted changes applied): the chunk since
    /// this document's heads (or a fresh snapshot when the document is new or its chunks
    /// outgrew the snapshot), the provenance of `changes` and the refreshed projection,
    /// in one transaction conditional on the stamp this document was loaded with. Then
    /// `candidate` is the working document. `now` is the receipt time, the one the
    /// projection was computed with.
    #[allow(clippy::too_many_arguments)]
    pub async fn commit(
        &mut self,
        store: &Store,
        id: DocId,
        mut candidate: AutoCommit,
        changes: Vec<ChangeHash>,
        writer: Writer<'_>,
        now: i64,
        projection: Projection,
    ) -> Result<(), StoreError> {
        let before = self.doc.get_heads();
        let chunk = candidate.save_after(&before);
        let compact = self.stamp.is_none_or(|s| s.chunks_size > s.snapshot_size);
        let snapshot = compact.then(|| candidate.save());
        let snapshot_size = snapshot.as_ref().map(|s| s.len() as i64);
        let chunk_size = chunk.len() as i64;
        store
            .accept_changes(AcceptedChanges {
                doc_id: id,
                chunk,
                new_snapshot: snapshot,
                change_hashes: changes,
                user_id: writer.user_id,
                device: writer.device.to_string(),
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
        Ok(())
    }
}
