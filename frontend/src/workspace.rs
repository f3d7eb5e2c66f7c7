//! The signed-in user's documents in memory, backed by IndexedDB, and the one way views
//! read and change them.
//!
//! Every edit is one Automerge change, committed at once and written to IndexedDB in the
//! same tick (a reload or a crash right after loses nothing). [`Workspace`] is a handle
//! the app provides as context: views take it with `expect_context`, and it tracks what
//! changed, so no view bumps a counter by hand. Reads re-run in two ways:
//!
//! - [`Workspace::read`] on every change (checks, states, derived figures);
//! - [`Workspace::read_for_inputs`] only when a document changed other than through the
//!   input that shows it (another device's changes, a row added or removed, a conflict
//!   picked, a file imported), so a field being typed in is never redrawn under the cursor.

use crate::store::Store;
use crate::sync_loop::SyncStatus;
use automerge::transaction::CommitOptions;
use automerge::{ActorId, AutoCommit};
use leptos::prelude::*;
use shared::access::Principal;
use shared::ids::DocId;
use shared::replicas::{Replicas, SetAside};
use shared::report::activity::ActivityReport;
use shared::report::review::{ReportState, Review, report_state};
use shared::wire::LoginResponse;
use std::cell::{Cell, RefCell};

/// What an open workspace holds: the user's login, the device's documents and where they
/// are stored.
pub struct Open {
    pub store: Store,
    pub replicas: Replicas,
    pub device: String,
    pub login: LoginResponse,
    /// Which opening of a workspace this is: a sync loop serves only its own.
    pub generation: u64,
}

// The open workspace itself sits in this module's thread-local (the browser has one
// thread), reached only through the handle below: an arena value reached from each
// call site cost the officer's download 2 KB more.
thread_local! {
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
    static OPENINGS: Cell<u64> = const { Cell::new(0) };
    static WRITES: Cell<usize> = const { Cell::new(0) };
}

/// The storage key prefix of a refused copy (see `crate::store`).
const SET_ASIDE: &str = "refused:";

/// The signed-in user's documents as views reach them (from context).
#[derive(Clone, Copy)]
pub struct Workspace {
    /// Bumped on every change of a document held here, typed or arrived.
    changed: RwSignal<u64>,
    /// Bumped on changes that did not come through the input showing them.
    reshaped: RwSignal<u64>,
    status: SyncStatus,
}

/// How an edit changes what the page shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// A value typed into the input that shows it.
    Value,
    /// A change the page must draw again: a row added or removed, a conflict picked.
    Shape,
}

impl Workspace {
    pub fn new(status: SyncStatus) -> Self {
        Workspace {
            changed: RwSignal::new(0),
            reshaped: RwSignal::new(0),
            status,
        }
    }

    /// Opens the user's IndexedDB, loads every document, and opens `docs` (the reports
    /// the unit files) so they sync even before the officer touches them.
    pub async fn open(self, login: LoginResponse, docs: &[DocId]) -> Result<(), String> {
        let fail = |e: idb::Error| format!("Không mở được bộ nhớ trên máy: {e}");
        let store = Store::open(login.profile.user_id).await.map_err(fail)?;
        let device = match store.meta("device").await.map_err(fail)? {
            Some(device) => device,
            None => {
                let device = ActorId::random().to_hex_string();
                store.set_meta("device", &device).await.map_err(fail)?;
                device
            }
        };
        // One actor per device and user at a time, never shared with another device: the
        // device id's, until a refusal moves the device to a new one (`shared::replicas`).
        let actor = store.meta("actor").await.map_err(fail)?;
        let actor = ActorId::from(hex_bytes(actor.as_ref().unwrap_or(&device)).as_slice());
        let mut replicas = Replicas::new(actor);
        for stored in store.load_docs().await.map_err(fail)? {
            if let Some(id) = stored.id.strip_prefix(SET_ASIDE) {
                // The copy, the heads the server held (as a sync state's shared heads),
                // and the reason in `meta`; an empty record is one given up.
                let reason = store.meta(&stored.id).await.map_err(fail)?;
                let base = stored
                    .state
                    .and_then(|s| automerge::sync::State::decode(&s).ok());
                if let (Ok(id), Ok(doc), Some(base), Some(reason)) = (
                    id.parse::<DocId>(),
                    AutoCommit::load(&stored.doc),
                    base,
                    reason,
                ) {
                    let base = base.shared_heads;
                    replicas.keep(id, SetAside { doc, base, reason });
                }
                continue;
            }
            let (Ok(id), Ok(doc)) = (stored.id.parse::<DocId>(), AutoCommit::load(&stored.doc))
            else {
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
        let open = Some(Open {
            store,
            replicas,
            device,
            login,
            generation,
        });
        OPEN.with(|w| *w.borrow_mut() = open);
        self.arrived();
        Ok(())
    }

    pub fn close(self) {
        OPEN.with(|w| w.borrow_mut().take());
        self.arrived();
    }

    /// Runs `f` on the open workspace, if any: for work that needs the replicas or the
    /// store themselves (the sync loop, the file transfer, a field's history).
    pub fn with<R>(self, f: impl FnOnce(&mut Open) -> R) -> Option<R> {
        OPEN.with(|w| w.borrow_mut().as_mut().map(f))
    }

    /// The generation of the open workspace, if one is open.
    pub fn generation(self) -> Option<u64> {
        self.with(|w| w.generation)
    }

    /// IndexedDB writes started and not yet finished: a new build must not take over now.
    pub fn writes_in_flight(self) -> usize {
        WRITES.with(Cell::get)
    }

    /// The signed-in user as the access rules see them.
    pub fn principal(self) -> Option<Principal> {
        self.with(|w| principal(&w.login.profile))
    }

    /// The session token the reviewer's calls take.
    #[cfg(feature = "review")]
    pub fn token(self) -> Option<String> {
        self.with(|w| w.login.token.clone())
    }

    /// The signed-in user's name as decisions show it.
    #[cfg(feature = "review")]
    pub fn display_name(self) -> Option<String> {
        self.with(|w| w.login.profile.display_name.clone())
    }

    /// Writes a document and its sync state to IndexedDB.
    pub fn persist(self, id: DocId) {
        let Some((store, doc, state)) = self.with(|w| {
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

    /// Writes the refused copy of a document kept on this device (or that it has none any
    /// more), and the device's actor, which a refusal changes.
    pub fn persist_set_aside(self, id: DocId) {
        let Some((store, kept, actor)) = self.with(|w| {
            let kept = w.replicas.kept(id).map(|k| {
                let mut base = automerge::sync::State::new();
                base.shared_heads = k.base.clone();
                (k.doc.save(), base.encode(), k.reason.clone())
            });
            (w.store.clone(), kept, w.replicas.actor().to_hex_string())
        }) else {
            return;
        };
        WRITES.with(|n| n.set(n.get() + 1));
        leptos::task::spawn_local(async move {
            let key = format!("{SET_ASIDE}{id}");
            // None left is written as an empty record, which loads as nothing.
            let (doc, base, reason) = kept.unwrap_or_default();
            let saved = store.save_doc(&key, &doc, &base).await;
            let saved = saved.and(store.set_meta(&key, &reason).await);
            if let Err(e) = saved.and(store.set_meta("actor", &actor).await) {
                leptos::logging::error!("saving the refused copy of {id}: {e}");
            }
            WRITES.with(|n| n.set(n.get() - 1));
        });
    }

    /// The refused copy of a report this device keeps, its reason and the fields it
    /// changed (from before to what the officer entered); re-read on every change.
    pub fn set_aside(
        self,
        id: DocId,
    ) -> Option<(String, Vec<shared::report::since_approval::FieldDiff>)> {
        self.changed.track();
        self.with(|w| {
            let kept = w.replicas.kept(id)?;
            let fields =
                shared::report::since_approval::changes_since(id.kind, &mut kept.doc, &kept.base)
                    .unwrap_or_default();
            Some((kept.reason.clone(), fields))
        })
        .flatten()
    }

    /// Applies one edit as one change, saves it at once and asks for a sync; an edit
    /// the document refuses changes nothing and gives its reason.
    pub fn edit<E: std::fmt::Display>(
        self,
        id: DocId,
        kind: Edit,
        f: impl FnOnce(&mut AutoCommit) -> Result<(), E>,
    ) -> Result<(), String> {
        self.with(|w| {
            let doc = &mut w.replicas.open(id).doc;
            f(doc).map_err(|e| e.to_string())?;
            let seconds = (js_sys::Date::now() / 1000.0) as i64;
            doc.commit_with(CommitOptions::default().with_time(seconds));
            Ok(())
        })
        .unwrap_or_else(|| Err("Chưa đăng nhập.".to_string()))?;
        self.persist(id);
        self.changed.update(|n| *n += 1);
        if kind == Edit::Shape {
            self.reshaped.update(|n| *n += 1);
        }
        self.status.edited(self.unsent_fields());
        Ok(())
    }

    /// [`Workspace::edit`] for an input: its error line shows the refusal, or clears.
    pub fn write(
        self,
        id: DocId,
        kind: Edit,
        error: RwSignal<Option<String>>,
        f: impl FnOnce(&mut AutoCommit) -> Result<(), shared::report::EditError>,
    ) {
        error.set(self.edit(id, kind, f).err());
    }

    /// Documents changed other than by typing here: another device's changes arrived, a
    /// file was imported, the workspace opened or closed.
    pub fn arrived(self) {
        self.changed.update(|n| *n += 1);
        self.reshaped.update(|n| *n += 1);
        self.status.pending.set(self.unsent_fields());
    }

    /// Reads a document as it stands on this device; re-runs on every change.
    pub fn read<R>(self, id: DocId, f: impl FnOnce(&AutoCommit) -> R) -> Option<R> {
        self.changed.track();
        self.with(|w| f(&w.replicas.open(id).doc))
    }

    /// Reads a document for the values its inputs show; re-runs only when it changed
    /// other than through those inputs.
    pub fn read_for_inputs<R>(self, id: DocId, f: impl FnOnce(&AutoCommit) -> R) -> Option<R> {
        self.reshaped.track();
        self.with(|w| f(&w.replicas.open(id).doc))
    }

    /// The activity report as its inputs show it.
    pub fn activity(self, id: DocId) -> Option<ActivityReport> {
        self.read_for_inputs(id, |doc| ActivityReport::read(doc).ok())
            .flatten()
    }

    /// The review of a report as it stands on this device (empty until one arrives).
    pub fn review(self, id: DocId) -> Option<Review> {
        self.read(id.review(), |doc| Review::read(doc).ok())
            .flatten()
    }

    /// The fields changed since the report's last approval, when it has one and moved on
    /// (empty when unchanged; `None` without an approval or before its heads arrived).
    pub fn since_approval(
        self,
        id: DocId,
    ) -> Option<Vec<shared::report::since_approval::FieldDiff>> {
        let heads = self.review(id)?.approved()?.report_heads();
        self.with(|w| {
            let doc = &mut w.replicas.open(id).doc;
            shared::report::since_approval::changes_since(id.kind, doc, &heads).ok()
        })
        .flatten()
    }

    /// Where a report stands on this device, without what waits to be sent (which costs
    /// a field-by-field comparison with the server's version).
    pub fn report_state(self, id: DocId) -> Option<ReportState> {
        let review = self.review(id);
        self.with(|w| report_state(&mut w.replicas.open(id).doc, review.as_ref()))
    }

    /// Where a report stands on this device and what of it waits to be sent, for the
    /// home list.
    pub fn state(self, id: DocId) -> Option<DocState> {
        let review = self.review(id);
        self.with(|w| {
            let replica = w.replicas.open(id);
            let (state, pending) = (
                report_state(&mut replica.doc, review.as_ref()),
                replica.unsent_fields(id),
            );
            DocState {
                state,
                pending,
                refused: w.replicas.kept(id).is_some(),
            }
        })
    }

    /// Records a reviewer's decision on the report as this device holds it, as one change
    /// of the review document, saved at once like every edit.
    #[cfg(feature = "review")]
    pub fn decide(
        self,
        id: DocId,
        decision: shared::report::review::Decision,
    ) -> Result<(), String> {
        let mut report = self
            .with(|w| w.replicas.open(id.report()).doc.fork())
            .ok_or("Chưa đăng nhập.")?;
        self.edit(id.review(), Edit::Value, |review| {
            shared::report::review::decide(review, &id.report(), &mut report, decision)
        })
    }

    /// Fields (and reviews) on this device the server does not have yet, as counted by
    /// [`shared::replicas::Replica::unsent_fields`].
    pub fn unsent_fields(self) -> usize {
        self.with(|w| w.replicas.unsent_fields()).unwrap_or(0)
    }

    fn last_sync_key(self) -> Option<String> {
        self.with(|w| format!("vstbpn.last-sync.{}", w.login.profile.user_id))
    }

    /// When this user's documents last finished a sync on this device (survives reloads).
    /// In whole ms since the epoch, as `Date.now()` gives them.
    pub fn last_sync(self) -> Option<u64> {
        let storage = web_sys::window()?.local_storage().ok()??;
        storage.get_item(&self.last_sync_key()?).ok()??.parse().ok()
    }

    pub fn set_last_sync(self, ms: u64) {
        if let (Some(key), Some(Ok(Some(storage)))) = (
            self.last_sync_key(),
            web_sys::window().map(|w| w.local_storage()),
        ) {
            let _ = storage.set_item(&key, &ms.to_string());
        }
    }
}

/// Where a report stands on this device, for the home list.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DocState {
    pub state: ReportState,
    /// Fields of this report the server does not have yet.
    pub pending: usize,
    /// Whether the server refused changes this device keeps apart.
    pub refused: bool,
}

/// A signed-in user as the access rules see them.
pub fn principal(profile: &shared::wire::Profile) -> Principal {
    Principal {
        role: profile.role,
        unit: profile
            .unit
            .and_then(|c| shared::vocabulary::UnitCode::try_from(c).ok()),
    }
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .collect()
}
