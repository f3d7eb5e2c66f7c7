//! A button that downloads an export (XLSX, DOCX) with the user's token and shows how
//! far it got: "Đang tạo tệp…" while the server builds it, then the share received, then
//! "Đã tải xong", or the server's reason in Vietnamese.

use crate::review::reviewer_api as api;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Preparing,
    Receiving(u64, Option<u64>),
    Done(String),
    Failed(String),
}

fn kb(bytes: u64) -> String {
    let tenths = (bytes * 10 + 512) / 1024;
    format!("{},{} KB", tenths / 10, tenths % 10)
}

/// `path`: the export's URL with its query, read when clicked.
#[component]
pub fn ExportButton(
    token: String,
    #[prop(into)] path: Signal<String>,
    label: &'static str,
    content_type: &'static str,
) -> impl IntoView {
    let stage = RwSignal::new(Stage::Idle);
    let busy = move || matches!(stage.get(), Stage::Preparing | Stage::Receiving(..));
    let click = move |_| {
        if busy() {
            return;
        }
        let token = token.clone();
        let path = path.get_untracked();
        stage.set(Stage::Preparing);
        leptos::task::spawn_local(async move {
            let answer = api::download(&token, &path, |got, total| {
                stage.set(Stage::Receiving(got, total));
            })
            .await;
            stage.set(match answer {
                Ok((bytes, name)) => match crate::save_file::save(&bytes, &name, content_type) {
                    Some(()) => {
                        Stage::Done(format!("Đã tải xong {name} ({}).", kb(bytes.len() as u64)))
                    }
                    None => Stage::Failed("Trình duyệt không cho lưu tệp.".to_string()),
                },
                Err(e) => Stage::Failed(e.message()),
            });
        });
    };
    let shown = move || match stage.get() {
        Stage::Idle => None,
        Stage::Preparing => Some(("progress", "Đang tạo tệp…".to_string())),
        Stage::Receiving(got, Some(total)) if total > 0 => Some((
            "progress",
            format!(
                "Đang tải {} % ({} / {})",
                got * 100 / total,
                kb(got),
                kb(total)
            ),
        )),
        Stage::Receiving(got, _) => Some(("progress", format!("Đang tải {}", kb(got)))),
        Stage::Done(m) => Some(("done", m)),
        Stage::Failed(m) => Some(("error", m)),
    };
    view! {
        <span class="export no-print">
            <button class="secondary" on:click=click disabled=busy>{label}</button>
            {move || shown().map(|(class, text)| view! {
                <span class=format!("export-status {class}") role="status">{text}</span>
            })}
        </span>
    }
}
