//! Saving every report of the device to a file and importing such a file, for weeks with
//! no network: the import merges (never overwrites), and what it brought goes to the
//! server with the next sync.

use crate::sync_loop::SyncStatus;
use crate::workspace::Workspace;
use js_sys::Uint8Array;
use leptos::prelude::*;
use shared::bundle;
use wasm_bindgen_futures::JsFuture;

/// Offers every report of the device as one file, the copies the server refused
/// included (`shared::bundle::export`); says how it went.
pub fn save_all(workspace: Workspace) -> (bool, String) {
    let Some((bytes, name)) = workspace.with(|w| {
        let unit = w.login.profile.unit.unwrap_or(0);
        let day = crate::format::today();
        let name = format!(
            "vstbpn-{unit}-{:04}{:02}{:02}.vstbpn",
            day.year, day.month, day.day
        );
        (bundle::export(&mut w.replicas), name)
    }) else {
        return (false, "Chưa đăng nhập.".to_string());
    };
    match crate::save_file::save(&bytes, &name, "application/octet-stream") {
        Some(()) => (
            true,
            format!("Đã lưu tệp {name} ({} KB).", bytes.len().div_ceil(1024)),
        ),
        None => (false, "Không lưu được tệp trên máy này.".to_string()),
    }
}

#[component]
pub fn Backup() -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let workspace = expect_context::<Workspace>();
    let message = RwSignal::new(None::<(bool, String)>);
    let save = move |_| message.set(Some(save_all(workspace)));
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
                message.set(Some((false, "Không đọc được tệp.".to_string())));
                return;
            };
            let bytes = Uint8Array::new(&buffer).to_vec();
            let result = workspace.with(|w| {
                let user = crate::workspace::principal(&w.login.profile);
                bundle::import(&mut w.replicas, &user, &bytes)
            });
            match result {
                Some(Ok(done)) => {
                    done.merged.iter().for_each(|id| workspace.persist(*id));
                    workspace.arrived();
                    status.sync_now();
                    let mut text = format!(
                        "Đã ghép {} báo cáo; {} báo cáo không có gì mới.",
                        done.merged.len(),
                        done.unchanged.len()
                    );
                    if !done.skipped.is_empty() {
                        text.push_str(&format!(
                            " Bỏ qua {}: {}",
                            done.skipped.len(),
                            done.skipped[0].1
                        ));
                    }
                    message.set(Some((true, text)));
                }
                Some(Err(e)) => message.set(Some((false, e.to_string()))),
                None => {}
            }
        });
    };
    view! {
        <section class="card backup">
            <h2>"Chuyển dữ liệu khi không có mạng"</h2>
            <p class="hint">"Lưu mọi báo cáo trên máy ra tệp để chép sang máy khác. Khi nhập, dữ liệu được ghép vào, không ghi đè."</p>
            <button type="button" class="secondary" on:click=save>"Lưu tất cả báo cáo ra tệp"</button>
            <label class="file">"Nhập từ tệp"
                <input type="file" name="import" accept=".vstbpn" on:change=import />
            </label>
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "ok" } else { "error" } data-testid="backup-message">{text}</p>
            })}
        </section>
    }
}
