//! The bar that tells the officer what waits to be sent, when the last sync happened,
//! and what went wrong, with a button to sync now.

use crate::components::storage_info::StorageInfo;
use crate::format::date_time;
use crate::sync_loop::SyncStatus;
use leptos::prelude::*;

#[component]
pub fn SyncStatusBar() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    view! {
        <section class="sync" aria-live="polite">
            <p class="pending" data-testid="pending">
                {move || match status.pending.get() {
                    0 => "Mọi thay đổi đã được gửi".to_string(),
                    n => format!("{n} mục chưa gửi"),
                }}
            </p>
            <p class="last" data-testid="last-sync" data-at=move || status.last_sync.get().map(|t| t.to_string())>
                {move || match status.last_sync.get() {
                    Some(ms) => format!("Đồng bộ lần cuối: {}", date_time(ms as f64)),
                    None => "Chưa đồng bộ lần nào trên máy này".to_string(),
                }}
            </p>
            {move || status.error.get().map(|e| view! { <p class="error" data-testid="sync-error">{e}</p> })}
            <StorageInfo />
            <button
                class="secondary"
                on:click=move |_| status.sync_now()
                disabled=move || status.syncing.get()
            >
                {move || if status.syncing.get() { "Đang đồng bộ…" } else { "Đồng bộ ngay" }}
            </button>
        </section>
    }
}
