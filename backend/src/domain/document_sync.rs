//! The server's side of one document's sync: apply the client's message, let
//! [`acceptance`](super::acceptance) decide what is stored, answer with the server's
//! own message.
//!
//! The server keeps no sync state between requests: each request's message carries the
//! client's heads and a summary of what it has, which is all the server needs to answer.
//! So any instance can answer any request, and a resent or late message is harmless.
//! A message that carries changes is applied to a fork of the server's copy, so a
//! refused one leaves the copy as it was. Changes whose parent is missing cannot wait
//! here: the answer asks for the parent by hash and tells the peer to send again what
//! it sent (Automerge's sync reset), so a stock peer converges as the PWA does.

use super::acceptance::{Outcome, Refusal, accept};
use super::documents::{Documents, Working, Writer};
use crate::auth::AuthUser;
use crate::store::{Stamp, StoreError};
use automerge::sync::{self, SyncDoc};
use shared::ids::DocId;

/// What one document's sync came to.
#[derive(Debug)]
pub enum DocumentSync {
    /// The message's changes were stored; the server's answer.
    Stored(sync::Message),
    /// Nothing new was stored (an idle check, or changes the server had); its answer.
    Unchanged(sync::Message),
    /// The changes were refused and nothing was stored.
    Refused(Refusal),
}

/// Answers one document's sync message for one user. `stamp` is what the database said
/// of the document when the request came in.
pub async fn sync_document(
    documents: &Documents,
    user: &AuthUser,
    device: &str,
    id: DocId,
    message: sync::Message,
    stamp: Option<Stamp>,
) -> Result<DocumentSync, StoreError> {
    let writer = Writer {
        user_id: user.user_id,
        device,
    };
    let store = documents.store();
    documents
        .update(id, stamp, move |mut working| {
            let message = message.clone();
            async move {
                let result = answer(store, &mut working, user, writer, id, message).await?;
                Ok((working, result))
            }
        })
        .await
}

/// [`sync_document`] on the document taken out.
async fn answer(
    store: &crate::store::Store,
    working: &mut Working,
    user: &AuthUser,
    writer: Writer<'_>,
    id: DocId,
    message: sync::Message,
) -> Result<DocumentSync, StoreError> {
    let mut state = sync::State::new();
    // Changes that arrived without a change they depend on (the client's bloom filter test
    // of ours gave a false positive, so it held that one back): a stateless server cannot
    // keep them waiting, so it asks for the missing ones by hash instead.
    let mut missing = Vec::new();
    let outcome = if message.changes.is_empty() {
        // Nothing to store (an idle check, or a request for our changes): answer from the
        // document itself, no copy needed.
        if let Err(e) = working.doc.sync().receive_sync_message(&mut state, message) {
            tracing::info!(doc = %id, error = %e, "refused: message does not apply");
            return Ok(DocumentSync::Refused(Refusal::BrokenMessage));
        }
        Outcome::Unchanged
    } else {
        let mut candidate = working.doc.fork();
        if let Err(e) = candidate.sync().receive_sync_message(&mut state, message) {
            tracing::info!(doc = %id, error = %e, "refused: changes do not apply");
            return Ok(DocumentSync::Refused(Refusal::BrokenChanges));
        }
        missing = candidate.get_missing_deps(&[]);
        let allowed = user.principal.can_write(&id);
        accept(store, working, id, candidate, writer, allowed).await?
    };
    if let Outcome::Refused(refusal) = outcome {
        return Ok(DocumentSync::Refused(refusal));
    }
    let doc = &mut working.doc;
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
    let mut asked_again = false;
    for hash in missing {
        if !reply.need.contains(&hash) && doc.get_change_by_hash(&hash).is_none() {
            reply.need.push(hash);
            asked_again = true;
        }
    }
    // The encoding wants the hashes in order.
    reply.need.sort();
    if asked_again {
        ask_to_resend(&mut reply, &state);
    }
    Ok(match outcome {
        Outcome::Stored => DocumentSync::Stored(reply),
        _ => DocumentSync::Unchanged(reply),
    })
}

/// Tells the peer to forget what it believes it sent, so that it sends again the changes
/// the server dropped with their parent missing: a stock Automerge peer never resends a
/// change it remembers sending. Peers that understand the sync reset flag get it; older
/// ones get empty heads, which they take as a server that lost everything (the same
/// forgetting, at the cost of a fuller resend).
fn ask_to_resend(reply: &mut sync::Message, state: &sync::State) {
    let understands_reset = state
        .their_capabilities
        .as_ref()
        .is_some_and(|caps| caps.contains(&sync::Capability::SyncReset));
    if understands_reset {
        let mut flags = reply.flags.unwrap_or_default();
        flags.set(sync::MessageFlags::SYNC_RESET);
        reply.flags = Some(flags);
    } else {
        reply.heads.clear();
    }
}
