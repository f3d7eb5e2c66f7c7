//! At the province (or the district): a saved file carried from a unit that has had no
//! network for weeks is handed straight to the server, which merges it like a sync. The
//! reviewer's own device keeps nothing of it: reviewers do not write reports, so a local
//! merge could never be sent.

use crate::review::reviewer_api as api;
use js_sys::Uint8Array;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Sends the file in parts the server takes (at most
/// [`shared::wire::MAX_DOCS_PER_REQUEST`] documents each) and adds up what each did.
/// A failure midway leaves the parts before it merged; handing the same file in again
/// is harmless, since merging what the server already has changes nothing.
async fn hand_in_parts(
    token: &str,
    file: &[u8],
) -> Result<shared::wire::ImportResult, api::ApiError> {
    let parts = shared::bundle::split(file, shared::wire::MAX_DOCS_PER_REQUEST)
        .map_err(|e| api::ApiError::Refused(e.to_string()))?;
    let mut total = shared::wire::ImportResult::default();
    for part in parts {
        let done = api::import(token, &part).await?;
        total.merged.extend(done.merged);
        total.unchanged.extend(done.unchanged);
        total.skipped.extend(done.skipped);
    }
    Ok(total)
}

#[component]
pub fn HandIn(token: String) -> impl IntoView {
    let message = RwSignal::new(None::<(bool, String)>);
    let busy = RwSignal::new(false);
    let hand_in = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let token = token.clone();
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
                message.set(Some((false, "Không đọc được tệp.".to_string())));
                busy.set(false);
                return;
            };
            let bytes = Uint8Array::new(&buffer).to_vec();
            match hand_in_parts(&token, &bytes).await {
                Ok(done) => {
                    let mut text = format!(
                        "Máy chủ đã ghép {} báo cáo; {} báo cáo đã có đủ.",
                        done.merged.len(),
                        done.unchanged.len()
                    );
                    for (doc, why) in &done.skipped {
                        text.push_str(&format!(" Bỏ qua «{doc}»: {why}"));
                    }
                    message.set(Some((done.skipped.is_empty(), text)));
                }
                Err(e) => message.set(Some((false, e.message()))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card hand-in">
            <h2>"Nhận tệp báo cáo từ đơn vị không có mạng"</h2>
            <p class="hint">"Tệp do cán bộ lưu trên điện thoại (nút «Lưu tất cả báo cáo ra tệp»). Dữ liệu được ghép vào bản trên máy chủ, không ghi đè; nhận lại cùng tệp không sinh bản trùng."</p>
            <label class="file">"Chọn tệp .vstbpn"
                <input type="file" name="hand-in" accept=".vstbpn" on:change=hand_in disabled=move || busy.get() />
            </label>
            {move || busy.get().then(|| view! { <p>"Đang gửi tệp lên máy chủ…"</p> })}
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "ok" } else { "error" } data-testid="hand-in-message">{text}</p>
            })}
        </section>
    }
}
