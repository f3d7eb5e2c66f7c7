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

use crate::store::Stamp;
use automerge::AutoCommit;
use shared::ids::DocId;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// How many documents stay in memory (a report's document is tens of kilobytes).
pub const CAPACITY: usize = 3072;

#[derive(Default)]
pub struct DocCache {
    inner: Mutex<Inner>,
}

/// The documents with the tick of their last use, and the use order: `order` may hold
/// stale (id, tick) pairs, skipped when met; it is rebuilt when it outgrows the map.
#[derive(Default)]
struct Inner {
    docs: HashMap<DocId, (Stamp, AutoCommit, u64)>,
    order: VecDeque<(DocId, u64)>,
    tick: u64,
}

impl DocCache {
    /// Takes the cached copy if it is still the stored version.
    pub fn take(&self, id: DocId, stored: Stamp) -> Option<AutoCommit> {
        let mut inner = self.inner.lock().expect("the cache is never poisoned");
        match inner.docs.remove(&id) {
            Some((stamp, doc, _)) if stamp == stored => Some(doc),
            _ => None,
        }
    }

    /// Keeps `doc` as the version the database stamps with `stamp`.
    pub fn put(&self, id: DocId, stamp: Stamp, doc: AutoCommit) {
        let mut inner = self.inner.lock().expect("the cache is never poisoned");
        inner.tick += 1;
        let tick = inner.tick;
        inner.docs.insert(id, (stamp, doc, tick));
        inner.order.push_back((id, tick));
        while inner.docs.len() > CAPACITY {
            let Some((oldest, used)) = inner.order.pop_front() else {
                break;
            };
            if inner.docs.get(&oldest).is_some_and(|(_, _, t)| *t == used) {
                inner.docs.remove(&oldest);
            }
        }
        if inner.order.len() > 4 * CAPACITY.max(inner.docs.len()) {
            let Inner { docs, order, .. } = &mut *inner;
            let mut live: Vec<(DocId, u64)> =
                docs.iter().map(|(id, (_, _, t))| (*id, *t)).collect();
            live.sort_by_key(|(_, t)| *t);
            *order = live.into();
        }
    }
}
