//! What the server refused on a report, and the officer's three ways out. Days of
//! offline work can end in a refusal (another phone's change makes the merged report
//! wrong, a right taken away meanwhile); the refused copy is kept on the device
//! (`shared::replicas`), and this panel lists the fields it changed, before and as
//! entered, with the server's reason. The officer sends them again on top of the
//! server's copy (`shared::report::reapply`, without the submission mark), saves them to
//! a file someone else can hand in (the device's backup file, which carries refused
//! copies too), or, once sure, lets them go.

use crate::components::field_diffs::field_diffs;
use crate::workspace::Workspace;
use leptos::prelude::*;
use shared::ids::DocId;

#[component]
pub fn RefusedPanel(id: DocId) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let writable = workspace.principal().is_some_and(|p| p.can_write(&id));
    let message = RwSignal::new(None::<String>);
    let status = expect_context::<crate::sync_loop::SyncStatus>();
    let reapply = move |_| {
        let done = workspace
            .with(|w| w.replicas.reapply_kept(id))
            .unwrap_or(false);
        workspace.persist_set_aside(id);
        workspace.persist(id);
        workspace.arrived();
        status.sync_now();
        message.set(Some(
            if done {
                "Đã gửi lại các thay đổi lên bản trên máy chủ, trừ lệnh nộp. Hãy kiểm tra báo cáo rồi nộp lại."
            } else {
                "Không gửi lại được các thay đổi này."
            }
            .to_string(),
        ));
    };
    let save = move |_| message.set(Some(crate::components::backup::save_all(workspace).1));
    let discard = move |_| {
        let sure = window()
            .confirm_with_message(
                "Bỏ hẳn các thay đổi máy chủ đã từ chối? Sau khi bỏ sẽ không lấy lại được.",
            )
            .unwrap_or(false);
        if sure {
            workspace.with(|w| w.replicas.release(id));
            workspace.persist_set_aside(id);
            workspace.arrived();
        }
    };
    let panel = move || {
        let (reason, fields) = workspace.set_aside(id)?;
        Some(view! {
            <section class="banner error" data-testid="refused">
                <p><strong>"Máy chủ không nhận các thay đổi dưới đây"</strong>": "{reason}</p>
                <p>"Các thay đổi vẫn được giữ riêng trên máy này, không mất gì."</p>
                {field_diffs(fields, "Trước khi sửa", "Bạn đã nhập")}
                {writable.then(|| view! {
                    <button on:click=reapply>"Gửi lại lên bản trên máy chủ"</button>
                })}
                <button class="secondary" on:click=save>"Lưu ra tệp"</button>
                <button class="secondary" on:click=discard>"Bỏ các thay đổi này"</button>
            </section>
        })
    };
    view! {
        {panel}
        {move || message.get().map(|m| view! { <p class="banner" role="status" data-testid="refused-outcome">{m}</p> })}
    }
}
