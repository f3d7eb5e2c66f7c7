//! Sends and receives by itself: a loop that runs a sync cycle soon after an edit, every
//! half minute otherwise, at once when the browser comes back online or the officer taps
//! "Đồng bộ ngay", and backs off (2 s doubling to a minute) while the server is unreachable.
//! A cycle is batched rounds over all documents (see `shared::replicas`).

use crate::api::{self, ApiError};
use crate::workspace::Workspace;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use shared::ids::DocId;
use shared::wire::{self, SyncResponse};

/// What the officer sees of sync.
#[derive(Clone, Copy)]
pub struct SyncStatus {
    /// Fields on this device the server does not have yet (not changes: each keystroke
    /// is one).
    pub pending: RwSignal<usize>,
    /// When the last cycle finished, ms since the epoch.
    pub last_sync: RwSignal<Option<u64>>,
    pub error: RwSignal<Option<String>>,
    pub syncing: RwSignal<bool>,
    /// Set to ask for a cycle now.
    nudge: RwSignal<bool>,
    /// The session expired: the officer must log in again (nothing is lost).
    pub expired: RwSignal<bool>,
    /// Bumped when the server says documents this user reads changed elsewhere (lists
    /// that come from the server, like the reviewer's, fetch again). Only the reviewer's
    /// build hears such news (`watch`).
    #[cfg_attr(not(feature = "review"), allow(dead_code))]
    pub remote: RwSignal<u64>,
}

impl SyncStatus {
    pub fn new() -> Self {
        SyncStatus {
            pending: RwSignal::new(0),
            last_sync: RwSignal::new(None),
            error: RwSignal::new(None),
            syncing: RwSignal::new(false),
            nudge: RwSignal::new(false),
            expired: RwSignal::new(false),
            remote: RwSignal::new(0),
        }
    }

    /// Asks for a sync cycle as soon as possible.
    pub fn sync_now(&self) {
        self.nudge.set(true);
    }

    /// After a local edit: the new count of waiting changes, and a sync soon.
    pub fn edited(&self, pending: usize) {
        self.pending.set(pending);
        self.nudge.set(true);
    }
}

/// Starts the loop for the open workspace; it ends when that workspace closes (logout,
/// another login) or the session expires.
pub fn start(status: SyncStatus, workspace: Workspace) {
    let Some(mine) = workspace.generation() else {
        return;
    };
    status.pending.set(workspace.unsent_fields());
    status.last_sync.set(workspace.last_sync());
    let online = window_event_listener(leptos::ev::online, move |_| status.sync_now());
    leptos::task::spawn_local(async move {
        let mut backoff_ms: u32 = 2_000;
        let mut next_due = 0.0;
        loop {
            let now = js_sys::Date::now();
            let nudged = status.nudge.get_untracked();
            if workspace.generation() != Some(mine) || status.expired.get_untracked() {
                break;
            }
            if nudged || now >= next_due {
                status.nudge.set(false);
                status.syncing.set(true);
                let result = cycle(status, workspace).await;
                status.syncing.set(false);
                status.pending.set(workspace.unsent_fields());
                match result {
                    Ok(()) => {
                        backoff_ms = 2_000;
                        status.error.set(None);
                        let now = js_sys::Date::now() as u64;
                        status.last_sync.set(Some(now));
                        workspace.set_last_sync(now);
                        next_due = js_sys::Date::now() + 30_000.0;
                    }
                    Err(e) => {
                        if matches!(e, ApiError::Unauthorized(_)) {
                            status.expired.set(true);
                        }
                        status.error.set(Some(e.message()));
                        next_due = js_sys::Date::now() + f64::from(backoff_ms);
                        backoff_ms = (backoff_ms * 2).min(60_000);
                    }
                }
            }
            // Edits nudge; the pause keeps a burst of keystrokes in one cycle.
            TimeoutFuture::new(500).await;
        }
        online.remove();
    });
    // Only reviewers wait on the server's news: an officer's phone hears of a return or
    // another phone's edit at the next half-minute tick, which costs its download none
    // of the long poll's code.
    #[cfg(feature = "review")]
    watch(status, workspace, mine);
}

/// (Reviewer's build.) While online, waits on the server's long poll (`GET /api/changes`) and runs a sync as
/// soon as another device's change to a document this user reads is stored, instead of at
/// the next half-minute tick. Offline it retries every 10 s, and the first answer after a
/// gap starts a sync at once; the sync loop does not depend on it.
#[cfg(feature = "review")]
fn watch(status: SyncStatus, workspace: Workspace, mine: u64) {
    leptos::task::spawn_local(async move {
        let mut cursor: Option<i64> = None;
        let mut unreachable = false;
        loop {
            if workspace.generation() != Some(mine) || status.expired.get_untracked() {
                break;
            }
            let Some(token) = workspace.token() else {
                break;
            };
            match api::changes(&token, cursor, 25).await {
                Ok(news) => {
                    if !news.docs.is_empty() {
                        status.remote.update(|n| *n += 1);
                    }
                    // News, or the server is back after a gap: what waits goes now,
                    // not when the sync loop's backoff runs out.
                    if !news.docs.is_empty() || unreachable {
                        status.sync_now();
                    }
                    unreachable = false;
                    cursor = Some(news.cursor);
                }
                Err(_) => {
                    unreachable = true;
                    TimeoutFuture::new(10_000).await;
                }
            }
        }
    });
}

/// One sync cycle: rounds until every document is in sync with the server.
async fn cycle(status: SyncStatus, workspace: Workspace) -> Result<(), ApiError> {
    workspace.with(|w| w.replicas.begin_cycle());
    for _ in 0..8 {
        let Some((token, body)) = workspace
            .with(|w| {
                let request = w.replicas.request(&w.device)?;
                Some((w.login.token.clone(), wire::encode(&request)))
            })
            .flatten()
        else {
            return Ok(());
        };
        let reply = match api::sync(&token, &body).await {
            Ok(reply) => reply,
            Err(e) => {
                workspace.with(|w| w.replicas.rewind());
                return Err(e);
            }
        };
        let bad = || ApiError::Refused("Máy chủ gửi dữ liệu đồng bộ không hợp lệ.".to_string());
        // A reply that cannot be used is a failed request: rewind, as above.
        let Ok(response) = wire::decode::<SyncResponse>(&reply) else {
            workspace.with(|w| w.replicas.rewind());
            return Err(bad());
        };
        let (touched, arrived, refused) = workspace
            .with(|w| {
                let before: Vec<_> = w
                    .replicas
                    .docs
                    .iter_mut()
                    .map(|(id, r)| (*id, r.doc.get_heads()))
                    .collect();
                let applied = w.replicas.apply(response).map_err(|e| {
                    w.replicas.rewind();
                    ApiError::Refused(e.to_string())
                })?;
                let arrived = before.into_iter().any(|(id, heads)| {
                    w.replicas
                        .docs
                        .get_mut(&id)
                        .is_some_and(|r| r.doc.get_heads() != heads)
                });
                Ok::<_, ApiError>((applied.touched, arrived, applied.refused))
            })
            .unwrap_or(Ok((Vec::new(), false, Vec::new())))?;
        // A refused copy is stored apart before its fresh copy replaces it.
        refused
            .iter()
            .for_each(|(id, _)| workspace.persist_set_aside(*id));
        touched.iter().for_each(|id: &DocId| workspace.persist(*id));
        if arrived || !refused.is_empty() {
            workspace.arrived();
        }
        if let Some((_, reason)) = refused.first() {
            status.error.set(Some(reason.clone()));
        }
    }
    Ok(())
}
