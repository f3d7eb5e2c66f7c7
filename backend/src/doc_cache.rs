//! Documents kept in memory between syncs, so a sync that changes nothing (most of them:
//! a phone checking its ten reports) does not read and parse the document from the
//! database every time.
//!
//! An entry is used only while the database still says what it said when the entry was
//! stored (the [`Stamp`]: last write time and sizes), checked with one small query per
//! sync; so another server instance writing the same document on a shared PostgreSQL is
//! seen at once. A sync takes its document out of the cache and puts it back when done
//! (the per-document lock makes that safe within one process). The cache holds at most
//! [`CAPACITY`] documents and forgets the oldest first.

use automerge::AutoCommit;
use shared::ids::DocId;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// How many documents stay in memory (a report's document is tens of kilobytes).
pub const CAPACITY: usize = 2048;

/// What the database says of a stored document: enough to tell that it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub updated_at: i64,
    pub snapshot_size: i64,
    pub chunks_size: i64,
}

#[derive(Default)]
pub struct DocCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    docs: HashMap<DocId, (Stamp, AutoCommit)>,
    order: VecDeque<DocId>,
}

impl DocCache {
    /// Takes the cached copy if it is still the stored version.
    pub fn take(&self, id: DocId, stored: Stamp) -> Option<AutoCommit> {
        let mut inner = self.inner.lock().expect("the cache is never poisoned");
        match inner.docs.remove(&id) {
            Some((stamp, doc)) if stamp == stored => Some(doc),
            _ => None,
        }
    }

    /// Keeps `doc` as the version the database stamps with `stamp`.
    pub fn put(&self, id: DocId, stamp: Stamp, doc: AutoCommit) {
        let mut inner = self.inner.lock().expect("the cache is never poisoned");
        if inner.docs.insert(id, (stamp, doc)).is_none() {
            inner.order.push_back(id);
        }
        while inner.docs.len() > CAPACITY {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            inner.docs.remove(&oldest);
        }
        // Ids taken out and not put back leave stale entries in `order`: drop them
        // when the queue grows well past the map.
        if inner.order.len() > 2 * CAPACITY {
            let Inner { docs, order } = &mut *inner;
            order.retain(|id| docs.contains_key(id));
        }
    }
}
