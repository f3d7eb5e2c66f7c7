//! The app shell: who is signed in, which page shows (from the URL's hash, so a reload
//! stays on the same report), and the sync status every page shares.

use crate::components::sync_status::SyncStatusBar;
use crate::components::update_banner::UpdateBanner;
use crate::pages::{home::Home, login::Login, report::ReportPage};
use crate::sync_loop::{self, SyncStatus};
use crate::workspace::Workspace;
use crate::{builds, saved_login};
use leptos::prelude::*;
use shared::calendar::reports_due;
use shared::ids::DocId;
use shared::vocabulary::{ReportKind, UnitCode};
use shared::wire::LoginResponse;

/// The documents a user's device holds from the start: every report the user's unit
/// files (a provincial reviewer's, the province's own) and the review of each.
fn unit_docs(login: &LoginResponse) -> Vec<DocId> {
    let Some(unit) = crate::workspace::principal(&login.profile)
        .own_unit()
        .and_then(UnitCode::unit)
    else {
        return Vec::new();
    };
    // Each report with its review, so the reviewer's comments arrive with the next sync.
    reports_due(unit.level)
        .flat_map(|r| [r.doc_id(unit.code), r.doc_id(unit.code).review()])
        .collect()
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Opens the user's documents and starts syncing.
pub fn enter(
    login: LoginResponse,
    signed_in: RwSignal<Option<LoginResponse>>,
    status: SyncStatus,
    workspace: Workspace,
) {
    if builds::choose(login.profile.role) {
        // A reviewer signed in on the field build: start again on the reviewer's.
        builds::reload();
        return;
    }
    leptos::task::spawn_local(async move {
        let docs = unit_docs(&login);
        match workspace.open(login.clone(), &docs).await {
            Ok(()) => {
                // A unit that files a self-inspection keeps the tasks' texts while it has
                // a signal, for its inspection page offline.
                if docs.iter().any(|d| d.kind == ReportKind::SelfInspection) {
                    leptos::task::spawn_local(async {
                        crate::task_texts::keep().await;
                    });
                }
                status.expired.set(false);
                signed_in.set(Some(login));
                sync_loop::start(status, workspace);
            }
            Err(e) => status.error.set(Some(e)),
        }
    });
}

#[component]
pub fn App() -> impl IntoView {
    let status = SyncStatus::new();
    provide_context(status);
    let workspace = Workspace::new(status);
    provide_context(workspace);
    let signed_in: RwSignal<Option<LoginResponse>> = RwSignal::new(None);
    let route = RwSignal::new(current_hash());
    // A report opens at its top; the list is back where it was left (the browser would
    // keep one scroll position for the whole app).
    let list_y = StoredValue::new(0.0);
    let _hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let report = |h: &str| h.starts_with("#/bao-cao/");
        if !report(&route.get_untracked()) {
            list_y.set_value(
                web_sys::window()
                    .and_then(|w| w.scroll_y().ok())
                    .unwrap_or(0.0),
            );
        }
        let hash = current_hash();
        let y = if report(&hash) {
            0.0
        } else {
            list_y.get_value()
        };
        route.set(hash);
        request_animation_frame(move || {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, y);
            }
        });
    });
    let loading = RwSignal::new(true);
    match saved_login::load() {
        Some(saved) => enter(saved, signed_in, status, workspace),
        None => loading.set(false),
    }
    Effect::new(move |_| {
        if signed_in.get().is_some() {
            loading.set(false);
        }
    });
    let logout = move |_| {
        // Unsent fields stay on this device for this user's next sign-in; say so first.
        let unsent = status.pending.get_untracked();
        if unsent > 0 {
            status.sync_now();
            let asked = format!(
                "Còn {unsent} mục chưa gửi. Máy giữ chúng và tự gửi khi bạn đăng nhập lại trên máy này. Đăng xuất?"
            );
            let out =
                web_sys::window().is_some_and(|w| w.confirm_with_message(&asked).unwrap_or(false));
            if !out {
                return;
            }
        }
        // The next user starts from the home page, not from this user's report.
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_hash("");
        }
        saved_login::clear();
        workspace.close();
        signed_in.set(None);
        status.error.set(None);
    };

    let page = move || {
        let Some(user) = signed_in.get() else {
            return if loading.get() {
                view! { <p class="loading">"Đang mở dữ liệu trên máy…"</p> }.into_any()
            } else {
                view! { <Login on_login=move |s| { saved_login::save(&s); enter(s, signed_in, status, workspace) } /> }
                    .into_any()
            };
        };
        let hash = route.get();
        if let Some(id) = hash
            .strip_prefix("#/bao-cao/")
            .and_then(|s| s.parse::<DocId>().ok())
        {
            return view! { <ReportPage id=id /> }.into_any();
        }
        #[cfg(feature = "review")]
        if let Some(view) = crate::review::page(&user, &hash) {
            return view;
        }
        view! { <Home profile=user.profile.clone() /> }.into_any()
    };

    view! {
        <header class="topbar">
            <a class="brand" href="#/">"Báo cáo VSTBPN Nghệ An"</a>
            {move || signed_in.get().map(|s| view! {
                <span class="who">{s.profile.display_name.clone()}</span>
                <button class="link" on:click=logout>"Đăng xuất"</button>
            })}
        </header>
        <UpdateBanner />
        {move || status.expired.get().then(|| signed_in.get().map(|_| view! {
            <p class="banner error">"Phiên đăng nhập đã hết hạn. Dữ liệu vẫn còn trên máy; hãy đăng xuất và đăng nhập lại để gửi."</p>
        }))}
        {move || signed_in.get().filter(|s| builds::reviewer_build_missing(s.profile.role)).map(|_| view! {
            <p class="banner" data-testid="reviewer-build-missing">
                "Các trang thẩm định chưa tải được về máy này. Khi có mạng, bấm «Tải lại». "
                <button type="button" class="secondary" on:click=|_| builds::reload()>"Tải lại"</button>
            </p>
        })}
        {move || signed_in.get().is_some().then(|| view! { <SyncStatusBar /> })}
        <main>{page}</main>
    }
}
