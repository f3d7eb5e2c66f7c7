//! One client's side of the batched sync: every document the device holds, its Automerge
//! sync state with the server, and the rounds that bring both sides to the same heads.
//!
//! A round is one HTTP request: [`Replicas::request`] asks each document for its next
//! sync message and packs those that have one; [`Replicas::apply`] feeds the server's
//! replies back. Rounds repeat until no document has anything to say (one round for a
//! one-field edit made since the last sync, and for an idle check). The same code runs in
//! the PWA and in the native test clients, so the tests exercise what phones run.
//!
//! The client always speaks first (plain HTTP: the server cannot call a phone), so every
//! sync cycle starts with [`Replicas::begin_cycle`]: each document that was not edited
//! since its last message forgets what it sent before and keeps only the heads both sides
//! are known to share (what Automerge persists of a sync state). Its first message then
//! states its heads, which is how it learns of changes other devices gave the server. An
//! edited document keeps what it learnt of the server in the last cycle, so its first
//! message already carries the new changes: on a mountain phone network a round trip
//! costs up to a second, and a fresh state would first spend one round learning what the
//! server has. (After reloading the app every state is fresh, as persisted.) After a
//! failed request [`Replicas::rewind`] makes the next attempt send again whatever was in
//! flight.
//!
//! If the server refuses a document's changes, that copy cannot be sent on (later
//! changes would depend on the refused ones), but nothing in it is thrown away: it is
//! set aside ([`SetAside`], kept on the device until the officer sends it again with
//! `report::reapply`, saves it to a file or discards it), and a fresh genesis copy takes
//! its place, which the next round fills from the server. The device then writes under a
//! new actor: the refused changes keep their sequence numbers under the old one, and a
//! new change reusing a number would make the two copies impossible to merge later (a
//! file of the refused copy handed in, a second refusal folded into the first).

use crate::genesis::{is_genesis, start};
use crate::ids::DocId;
use crate::wire::{
    DocMessage, DocReply, MAX_DOCS_PER_REQUEST, MAX_SYNC_BODY, SyncRequest, SyncResponse,
};
use automerge::sync::{self, SyncDoc};
use automerge::{ActorId, AutoCommit, ChangeHash};
use std::collections::BTreeMap;

/// One document and the client's sync state with the server for it.
pub struct Replica {
    pub doc: AutoCommit,
    pub state: sync::State,
}

impl Replica {
    /// Keeps only what Automerge persists of the sync state: the shared heads.
    fn forget_sent(&mut self) {
        self.state =
            sync::State::decode(&self.state.encode()).expect("an encoded sync state decodes");
    }

    /// The number of this device's changes the server is not known to have.
    pub fn pending_changes(&mut self) -> usize {
        let shared = self.state.shared_heads.clone();
        self.doc
            .get_changes(&shared)
            .iter()
            .filter(|c| !is_genesis(c))
            .count()
    }

    /// The heads the server is known to hold: the shared heads, or the genesis (which
    /// every copy starts from and the server always has) when never synced.
    fn server_base(&mut self) -> Vec<ChangeHash> {
        let shared = self.state.shared_heads.clone();
        if !shared.is_empty() {
            return shared;
        }
        self.doc
            .get_changes(&[])
            .iter()
            .filter(|c| is_genesis(c))
            .map(|c| c.hash())
            .collect()
    }

    /// What waits to be sent as a person counts it: the report's fields that differ
    /// from what the server holds (each keystroke is a change, and a sentence is dozens);
    /// one for a review or a report whose changes leave no field different (a submission
    /// mark, a settled conflict).
    pub fn unsent_fields(&mut self, id: DocId) -> usize {
        if self.pending_changes() == 0 {
            return 0;
        }
        let base = self.server_base();
        let fields = match id.is_review() {
            true => 0,
            false => crate::report::since_approval::changes_since(id.kind, &mut self.doc, &base)
                .map_or(0, |d| d.len()),
        };
        fields.max(1)
    }
}

/// What one round changed, for the caller to persist and show.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Documents whose content or sync state changed: save them.
    pub touched: Vec<DocId>,
    /// Documents the server refused, with its reason, now reset to the server's copy.
    pub refused: Vec<(DocId, String)>,
}

/// A copy of a document the server refused, kept apart so that nothing typed is lost.
pub struct SetAside {
    pub doc: AutoCommit,
    /// The heads the server was known to hold: the refused edits are what came after.
    pub base: Vec<ChangeHash>,
    /// The server's reason, as it gave it.
    pub reason: String,
}

/// A reply the client cannot use.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("Máy chủ trả lời về một báo cáo không có trên máy: «{0}»")]
    UnknownDoc(String),
    #[error("Máy chủ gửi dữ liệu đồng bộ hỏng cho báo cáo «{0}»")]
    BadMessage(String),
}

/// All documents of one device, keyed by id.
pub struct Replicas {
    actor: ActorId,
    pub docs: BTreeMap<DocId, Replica>,
    /// Refused copies, one per document at most, until the officer deals with them (a
    /// list: rarely more than one, and a map of them cost the phone's download 2 KB).
    set_aside: Vec<(DocId, SetAside)>,
}

impl Replicas {
    /// An empty set whose new documents write under `actor` (one per device).
    pub fn new(actor: ActorId) -> Self {
        Replicas {
            actor,
            docs: BTreeMap::new(),
            set_aside: Vec::new(),
        }
    }

    pub fn actor(&self) -> &ActorId {
        &self.actor
    }

    /// The document with this id, created from its genesis if the device lacks it.
    pub fn open(&mut self, id: DocId) -> &mut Replica {
        let actor = self.actor.clone();
        self.docs.entry(id).or_insert_with(|| Replica {
            doc: start(&id, actor),
            state: sync::State::new(),
        })
    }

    /// Adds a document loaded from storage, writing under this device's actor.
    pub fn insert(&mut self, id: DocId, mut doc: AutoCommit, state: sync::State) {
        doc.set_actor(self.actor.clone());
        self.docs.insert(id, Replica { doc, state });
    }

    /// Changes waiting to be sent, over all documents.
    pub fn pending_changes(&mut self) -> usize {
        self.docs.values_mut().map(Replica::pending_changes).sum()
    }

    /// [`Replica::unsent_fields`] over all documents.
    pub fn unsent_fields(&mut self) -> usize {
        self.docs
            .iter_mut()
            .map(|(id, r)| r.unsent_fields(*id))
            .sum()
    }

    /// The next round's request, or `None` when every document is in sync. A request
    /// carries at most [`MAX_DOCS_PER_REQUEST`] documents and about half of
    /// [`MAX_SYNC_BODY`] (always at least one document): a device holding more (a
    /// reviewer's desk after weeks of work) sends the rest in the following rounds, since
    /// documents left out are not asked for a message and so keep theirs for next time.
    pub fn request(&mut self, device: &str) -> Option<SyncRequest> {
        let mut docs: Vec<DocMessage> = Vec::new();
        let mut bytes = 0;
        for (id, r) in self.docs.iter_mut() {
            if docs.len() >= MAX_DOCS_PER_REQUEST || bytes >= MAX_SYNC_BODY / 2 {
                break;
            }
            let Some(message) = r.doc.sync().generate_sync_message(&mut r.state) else {
                continue;
            };
            let message = message.encode();
            bytes += message.len();
            docs.push(DocMessage {
                doc: id.to_string(),
                message,
            });
        }
        (!docs.is_empty()).then(|| SyncRequest {
            device: device.to_string(),
            docs,
        })
    }

    /// Feeds the server's replies into the documents.
    pub fn apply(&mut self, response: SyncResponse) -> Result<Applied, SessionError> {
        let mut applied = Applied::default();
        for reply in response.docs {
            let id: DocId = reply
                .doc()
                .parse()
                .map_err(|_| SessionError::UnknownDoc(reply.doc().to_string()))?;
            if !self.docs.contains_key(&id) {
                return Err(SessionError::UnknownDoc(id.to_string()));
            }
            match reply {
                DocReply::Message { message, .. } => {
                    let replica = self.docs.get_mut(&id).expect("checked above");
                    let message = crate::sync_message::decode(&message)
                        .map_err(|_| SessionError::BadMessage(id.to_string()))?;
                    replica
                        .doc
                        .sync()
                        .receive_sync_message(&mut replica.state, message)
                        .map_err(|_| SessionError::BadMessage(id.to_string()))?;
                    // The server is stateless: a change it asks for again did not reach
                    // it whole (one it depends on was held back), so send it again
                    // rather than trust that it was sent.
                    let needed = replica.state.their_need.clone().unwrap_or_default();
                    for hash in needed {
                        replica.state.sent_hashes.remove(&hash);
                    }
                }
                DocReply::Refused { reason, .. } => {
                    let refused = self.docs.remove(&id).expect("checked above");
                    self.set_apart(id, refused, reason.clone());
                    self.open(id);
                    applied.refused.push((id, reason));
                }
            }
            applied.touched.push(id);
        }
        Ok(applied)
    }

    /// The refused copy of `id` this device keeps, if any.
    pub fn kept(&mut self, id: DocId) -> Option<&mut SetAside> {
        self.set_aside
            .iter_mut()
            .find(|(d, _)| *d == id)
            .map(|(_, k)| k)
    }

    /// Every refused copy this device keeps, with its document.
    pub fn kept_all(&mut self) -> impl Iterator<Item = (DocId, &mut SetAside)> {
        self.set_aside.iter_mut().map(|(id, k)| (*id, k))
    }

    /// Keeps a refused copy of `id` (one loaded from storage), in place of any other.
    pub fn keep(&mut self, id: DocId, kept: SetAside) {
        self.release(id);
        self.set_aside.push((id, kept));
    }

    /// Lets the refused copy of `id` go (re-applied, or given up by the officer).
    pub fn release(&mut self, id: DocId) {
        self.set_aside.retain(|(d, _)| *d != id);
    }

    /// Sends the refused copy of `id` again on top of the copy from the server
    /// (`report::reapply`) and lets it go; `false` without one, or if it did not merge.
    pub fn reapply_kept(&mut self, id: DocId) -> bool {
        let Some((_, kept)) = self.set_aside.iter_mut().find(|(d, _)| *d == id) else {
            return false;
        };
        let Some(onto) = self.docs.get_mut(&id) else {
            return false;
        };
        let done = crate::report::reapply::reapply(&mut kept.doc, &mut onto.doc).is_ok();
        if done {
            self.release(id);
        }
        done
    }

    /// Keeps a refused copy apart (folded into an earlier one of the same document, whose
    /// refused edits it then carries too) and moves the device to a new actor.
    fn set_apart(&mut self, id: DocId, mut refused: Replica, reason: String) {
        let base = refused.server_base();
        match self.kept(id) {
            // Both share the server's history up to `base`, which is newer than the
            // earlier copy's: the edits after it are the earlier refusal's and this one's.
            // (They cannot clash: the earlier refusal moved the device to a new actor.)
            Some(earlier) => {
                if earlier.doc.merge(&mut refused.doc).is_ok() {
                    earlier.base = base;
                }
                earlier.reason = reason;
            }
            None => self.keep(
                id,
                SetAside {
                    doc: refused.doc,
                    base,
                    reason,
                },
            ),
        }
        self.actor = ActorId::random();
        for replica in self.docs.values_mut() {
            replica.doc.set_actor(self.actor.clone());
        }
    }

    /// Starts a sync cycle (see the module's docs): documents edited since their last
    /// message keep their sync state, the others keep only the shared heads.
    pub fn begin_cycle(&mut self) {
        for replica in self.docs.values_mut() {
            if replica.doc.get_heads() == replica.state.last_sent_heads {
                replica.forget_sent();
            }
        }
    }

    /// Recovers from a failed request: every document forgets what was sent, keeping
    /// only the shared heads.
    pub fn rewind(&mut self) {
        for replica in self.docs.values_mut() {
            replica.forget_sent();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::activity::{set_count, set_narrative};

    #[test]
    fn a_sentence_typed_key_by_key_and_two_numbers_wait_as_three_fields_not_dozens_of_changes() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let mut replicas = Replicas::new(ActorId::random());
        assert_eq!(replicas.unsent_fields(), 0);
        let sentence = "Tổ chức 3 buổi tuyên truyền";
        for end in sentence.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let doc = &mut replicas.open(id).doc;
            set_narrative(doc, "assessment", &sentence[..end]).unwrap();
            doc.commit();
        }
        for (key, value) in [("events_by_committee", 3), ("participants_female", 120)] {
            let doc = &mut replicas.open(id).doc;
            set_count(doc, key, Some(value)).unwrap();
            doc.commit();
        }
        assert!(replicas.pending_changes() > 20);
        assert_eq!(replicas.unsent_fields(), 3);
        // Once the server holds them, nothing waits.
        let replica = replicas.open(id);
        replica.state.shared_heads = replica.doc.get_heads();
        assert_eq!(replicas.unsent_fields(), 0);
    }
}
