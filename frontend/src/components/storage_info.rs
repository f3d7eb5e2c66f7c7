//! How much of the phone the app's data takes, and whether the browser promised to keep
//! it (persistent storage, asked for once after login). An officer who clears space on a
//! cheap phone must not lose weeks of unsent reports to the browser's eviction.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::StorageEstimate;

/// "1,2 MB" with a decimal comma. Rounded in integers: a float formatter would add
/// kilobytes to the officer's download for this one line.
fn megabytes(bytes: f64) -> String {
    let tenths = (bytes.max(0.0) / 100_000.0 + 0.5) as u64;
    format!("{},{} MB", tenths / 10, tenths % 10)
}

async fn usage() -> Option<f64> {
    let storage = web_sys::window()?.navigator().storage();
    // A dictionary, not a class: `instanceof` cannot check it.
    let estimate: StorageEstimate = JsFuture::from(storage.estimate().ok()?)
        .await
        .ok()?
        .unchecked_into();
    estimate.get_usage()
}

/// Whether storage is persistent, asking for it if not.
async fn persistence() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    if JsFuture::from(storage.persisted().ok()?)
        .await
        .ok()?
        .as_bool()
        == Some(true)
    {
        return Some(true);
    }
    JsFuture::from(storage.persist().ok()?)
        .await
        .ok()?
        .as_bool()
}

#[component]
pub fn StorageInfo() -> impl IntoView {
    let used = RwSignal::new(None::<f64>);
    let persisted = RwSignal::new(None::<bool>);
    leptos::task::spawn_local(async move { used.set(usage().await) });
    leptos::task::spawn_local(async move { persisted.set(persistence().await) });
    move || {
        used.get().map(|bytes| {
            let protection = match persisted.get() {
                Some(true) => " · dữ liệu được trình duyệt bảo vệ",
                Some(false) => " · trình duyệt chưa cam kết giữ dữ liệu, đừng xoá dữ liệu duyệt web",
                None => "",
            };
            view! { <p class="storage" data-testid="storage">{format!("Bộ nhớ đã dùng: {}{protection}", megabytes(bytes))}</p> }
        })
    }
}
