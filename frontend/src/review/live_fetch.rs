//! The reviewer's pages show data the server computes (the received list, the overview
//! matrix, Phụ lục 2, task progress). Each fetches it when opened, again whenever one of
//! its filters changes, whenever the server announces a stored change (the long poll) and
//! every minute regardless, one request at a time, and stops when the page is left (its
//! signals are gone then: the loop only ever tries them).

use crate::api::ApiError;
use crate::sync_loop::SyncStatus;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use std::future::Future;

/// How often a page fetches again when nothing was announced.
const REFRESH_MS: f64 = 60_000.0;

/// Starts the fetching; `track` reads the filter signals (tracked), `fetch` makes one
/// request reading them untracked. Returns the latest answer and the latest error.
pub fn fetch_on_change<T, Fut>(
    track: impl Fn() + Send + Sync + 'static,
    fetch: impl Fn() -> Fut + 'static,
) -> (RwSignal<Option<T>>, RwSignal<Option<String>>)
where
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let status = expect_context::<SyncStatus>();
    let data = RwSignal::new(None::<T>);
    let error = RwSignal::new(None::<String>);
    let alive = RwSignal::new(true);
    on_cleanup(move || alive.set(false));
    let asked = RwSignal::new(0u64);
    Effect::new(move |_| {
        track();
        status.remote.track();
        asked.update(|n| *n += 1);
    });
    leptos::task::spawn_local(async move {
        let mut fetched = 0;
        let mut last = 0.0;
        while alive.try_get_untracked().unwrap_or(false) {
            let Some(wanted) = asked.try_get_untracked() else {
                break;
            };
            let now = js_sys::Date::now();
            if wanted != fetched || now - last >= REFRESH_MS {
                fetched = wanted;
                last = now;
                match fetch().await {
                    Ok(answer) => {
                        error.try_set(None);
                        data.try_set(Some(answer));
                    }
                    Err(e) => {
                        error.try_set(Some(e.message()));
                    }
                }
            }
            TimeoutFuture::new(300).await;
        }
    });
    (data, error)
}
