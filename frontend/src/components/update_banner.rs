//! "Có phiên bản mới": a new build is installed and waits. The switch happens only when
//! the officer taps it and no edit is still being written to IndexedDB; the page then
//! reloads on the new build. Until then the old build keeps working, online or not.

use crate::workspace::Workspace;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Asks the boot script to activate the waiting build; false if there is none.
fn apply_update() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    js_sys::Reflect::get(&window, &"vstbpnApplyUpdate".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&window).ok())
        .and_then(|r| r.as_bool())
        .unwrap_or(false)
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ready = RwSignal::new(false);
    let switching = RwSignal::new(false);
    let _listener = window_event_listener_untyped("vstbpn-update-ready", move |_| ready.set(true));
    let workspace = expect_context::<Workspace>();
    let accept = move |_| {
        switching.set(true);
        leptos::task::spawn_local(async move {
            while workspace.writes_in_flight() > 0 {
                TimeoutFuture::new(100).await;
            }
            if !apply_update() {
                switching.set(false);
                ready.set(false);
            }
        });
    };
    move || {
        ready.get().then(|| {
            view! {
                <p class="banner update" data-testid="update" role="status">
                    "Có phiên bản mới. "
                    <button type="button" on:click=accept disabled=move || switching.get()>
                        {move || if switching.get() { "Đang chuyển…" } else { "Cập nhật ngay" }}
                    </button>
                </p>
            }
        })
    }
}
