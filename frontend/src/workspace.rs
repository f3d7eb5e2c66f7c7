//! The signed-in user's documents in memory, backed by IndexedDB.
//!
//! Every edit is one Automerge change, committed at once and written to IndexedDB in the
//! same tick (a reload or a crash right after loses nothing). The documents live in a
//! thread-local: the browser has one thread, and views reach them through the functions
//! here instead of carrying them around.

use crate::store::Store;
use automerge::transaction::CommitOptions;
use automerge::{ActorId, AutoCommit};
use shared::ids::DocId;
use shared::report::activity::ActivityReport;
use shared::report::review::{ReportState, Review, report_state};
use shared::sync_session::Replicas;
use shared::wire::LoginResponse;
use std::cell::RefCell;

/// The open workspace of the signed-in user.
pub struct Workspace {
    pub store: Store,
    pub replicas: Replicas,
    pub device: String,
    pub session: LoginResponse,
    /// Which opening of a workspace this is: a sync loop serves only its own.
    pub generation: u64,
}

thread_local! {
    static CURRENT: RefCell<Option<Workspace>> = const { RefCell::new(None) };
    static OPENINGS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    static WRITES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// IndexedDB writes started and not yet finished: a new build must not take over now.
pub fn writes_in_flight() -> usize {
    WRITES.with(std::cell::Cell::get)
}

/// The generation of the open workspace, if one is open.
pub fn generation() -> Option<u64> {
    with(|w| w.generation)
}

/// The signed-in user as the access rules see them.
pub fn principal(session: &LoginResponse) -> shared::access::Principal {
    shared::access::Principal {
        role: session.profile.role,
        unit: session
            .profile
            .unit
            .and_then(|c| shared::vocabulary::UnitCode::try_from(c).ok()),
    }
}

/// Runs `f` on the open workspace, if any.
pub fn with<R>(f: impl FnOnce(&mut Workspace) -> R) -> Option<R> {
    CURRENT.with(|w| w.borrow_mut().as_mut().map(f))
}

pub fn close() {
    CURRENT.with(|w| w.borrow_mut().take());
}

/// Opens the user's IndexedDB, loads every document, and opens `docs` (the reports the
/// unit files) so they sync even before the officer touches them.
pub async fn open(session: LoginResponse, docs: &[DocId]) -> Result<(), String> {
    let fail = |e: idb::Error| format!("Không mở được bộ nhớ trên máy: {e}");
    let store = Store::open(session.profile.user_id).await.map_err(fail)?;
    let device = match store.meta("device").await.map_err(fail)? {
        Some(device) => device,
        None => {
            let device = ActorId::random().to_hex_string();
            store.set_meta("device", &device).await.map_err(fail)?;
            device
        }
    };
    // One actor per device and user; never shared with another device.
    let actor = ActorId::from(hex_bytes(&device).as_slice());
    let mut replicas = Replicas::new(actor);
    for stored in store.load_docs().await.map_err(fail)? {
        let (Ok(id), Ok(doc)) = (stored.id.parse::<DocId>(), AutoCommit::load(&stored.doc)) else {
            continue;
        };
        let state = stored
            .state
            .and_then(|s| automerge::sync::State::decode(&s).ok())
            .unwrap_or_default();
        replicas.insert(id, doc, state);
    }
    for id in docs {
        replicas.open(*id);
    }
    let generation = OPENINGS.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    CURRENT.with(|w| {
        *w.borrow_mut() = Some(Workspace {
            store,
            replicas,
            device,
            session,
            generation,
        })
    });
    Ok(())
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .collect()
}

/// Writes a document and its sync state to IndexedDB.
pub fn persist(id: DocId) {
    let Some((store, doc, state)) = with(|w| {
        let replica = w.replicas.open(id);
        (w.store.clone(), replica.doc.save(), replica.state.encode())
    }) else {
        return;
    };
    WRITES.with(|n| n.set(n.get() + 1));
    leptos::task::spawn_local(async move {
        if let Err(e) = store.save_doc(&id.to_string(), &doc, &state).await {
            leptos::logging::error!("saving {id}: {e}");
        }
        WRITES.with(|n| n.set(n.get() - 1));
    });
}

/// Applies one edit as one change and saves it at once.
pub fn edit<E: std::fmt::Display>(
    id: DocId,
    f: impl FnOnce(&mut AutoCommit) -> Result<(), E>,
) -> Result<(), String> {
    with(|w| {
        let doc = &mut w.replicas.open(id).doc;
        f(doc).map_err(|e| e.to_string())?;
        let seconds = (js_sys::Date::now() / 1000.0) as i64;
        doc.commit_with(CommitOptions::default().with_time(seconds));
        Ok(())
    })
    .unwrap_or_else(|| Err("Chưa đăng nhập.".to_string()))?;
    persist(id);
    Ok(())
}

/// Reads a document as it stands on this device.
pub fn read<R>(id: DocId, f: impl FnOnce(&AutoCommit) -> R) -> Option<R> {
    with(|w| f(&w.replicas.open(id).doc))
}

/// The activity report as it stands on this device.
pub fn activity(id: DocId) -> Option<ActivityReport> {
    read(id, |doc| ActivityReport::read(doc).ok()).flatten()
}

/// Where a report stands on this device, for the home list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocState {
    pub state: ReportState,
    /// Changes of this report the server does not have yet.
    pub pending: usize,
}

/// The review of a report as it stands on this device (empty until one arrives).
pub fn review(id: DocId) -> Option<Review> {
    read(id.review(), |doc| Review::read(doc).ok()).flatten()
}

/// The fields changed since the report's last approval, when it has one and moved on
/// (empty when unchanged; `None` without an approval or before its heads arrived).
pub fn since_approval(id: DocId) -> Option<Vec<shared::report::since_approval::FieldDiff>> {
    let heads = review(id)?.approved()?.report_heads();
    with(|w| {
        let doc = &mut w.replicas.open(id).doc;
        shared::report::since_approval::changes_since(id.kind, doc, &heads).ok()
    })
    .flatten()
}

pub fn state(id: DocId) -> Option<DocState> {
    let review = review(id);
    with(|w| {
        let replica = w.replicas.open(id);
        DocState {
            state: report_state(&mut replica.doc, review.as_ref()),
            pending: replica.pending_changes(),
        }
    })
}

/// Records a reviewer's decision on the report as this device holds it, as one change
/// of the review document, saved at once like every edit.
#[cfg(feature = "review")]
pub fn decide(id: DocId, decision: shared::report::review::Decision) -> Result<(), String> {
    let mut report = with(|w| w.replicas.open(id.report()).doc.fork()).ok_or("Chưa đăng nhập.")?;
    edit(id.review(), |review| {
        shared::report::review::decide(review, &id.report(), &mut report, decision)
    })
}

pub fn pending_changes() -> usize {
    with(|w| w.replicas.pending_changes()).unwrap_or(0)
}

fn last_sync_key() -> Option<String> {
    with(|w| format!("vstbpn.last-sync.{}", w.session.profile.user_id))
}

/// When this user's documents last finished a sync on this device (survives reloads).
/// In whole ms since the epoch, as `Date.now()` gives them.
pub fn last_sync() -> Option<u64> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.get_item(&last_sync_key()?).ok()??.parse().ok()
}

pub fn set_last_sync(ms: u64) {
    if let (Some(key), Some(Ok(Some(storage)))) = (
        last_sync_key(),
        web_sys::window().map(|w| w.local_storage()),
    ) {
        let _ = storage.set_item(&key, &ms.to_string());
    }
}
