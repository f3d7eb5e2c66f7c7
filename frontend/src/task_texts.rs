//! The content of Phụ lục 1's tasks on this device. The embedded plan leaves it out so
//! that a commune officer's first visit does not carry it (`shared::plan::PLAN_POSTCARD`);
//! a unit that files a self-inspection fetches it once after signing in, while it still
//! has a signal, and keeps it in localStorage, so its inspection page shows every task's
//! content offline from then on. It is the published plan's text: one copy serves every
//! user of the device. The lines are `shared::plan::texts_as_lines`'s, kept as received.

use leptos::prelude::*;
use shared::plan::plan;
use wasm_bindgen_futures::JsFuture;

fn key() -> String {
    format!("vstbpn.task-texts.{}", plan().year)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The texts kept on this device, if they were fetched.
pub fn kept() -> Option<String> {
    storage()?.get_item(&key()).ok()?
}

/// Fetches the texts unless they are kept already; true once they are kept.
pub async fn keep() -> bool {
    if kept().is_some() {
        return true;
    }
    let Ok(response) = crate::api::send("GET", "/api/plan/task-texts", None, None).await else {
        return false;
    };
    let Some(text) = async {
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }
    .await
    else {
        return false;
    };
    storage().is_some_and(|s| s.set_item(&key(), &text).is_ok())
}

/// The texts for a page: those kept, or fetched now (the signal fills when they arrive;
/// it stays empty while the device has had no signal since signing in).
pub fn for_page() -> RwSignal<Option<String>> {
    let texts = RwSignal::new(kept());
    if texts.get_untracked().is_none() {
        leptos::task::spawn_local(async move {
            if keep().await {
                let _ = texts.try_set(kept());
            }
        });
    }
    texts
}
