//! Submitting a report: what still blocks it (errors) and what deserves a second look
//! (warnings), then one button. Submitting is an edit: it works offline and goes out with
//! the next sync; the server's receipt time is the submission time.

use crate::sync_loop::SyncStatus;
use crate::workspace::{Edit, Workspace};
use leptos::prelude::*;
use shared::ids::DocId;
use shared::report::review::ReportState;
use shared::validation::{Issue, Severity};

#[component]
pub fn SubmitBar(id: DocId) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let workspace = expect_context::<Workspace>();
    let error = RwSignal::new(None::<String>);
    let issues = Memo::new(move |_| {
        workspace
            .read(id, |doc| {
                shared::report::issues(&id, doc).unwrap_or_default()
            })
            .unwrap_or_default()
    });
    let state = Memo::new(move |_| workspace.report_state(id));
    let submitted = move || {
        matches!(
            state.get(),
            Some(ReportState::Submitted | ReportState::Approved | ReportState::EditedAfterApproval)
        )
    };
    let of = move |severity: Severity| -> Vec<Issue> {
        issues
            .get()
            .into_iter()
            .filter(|i| i.severity == severity)
            .collect()
    };
    let list = move |severity: Severity| {
        of(severity)
            .into_iter()
            .map(|i| {
                let key = i.field.clone();
                view! { <li><button type="button" class="link" on:click=move |_| crate::components::jump::to(&key)>{i.message}</button></li> }
            })
            .collect_view()
    };
    view! {
        <section class="submit card" data-testid="submit">
            <h2>"Nộp báo cáo"</h2>
            {move || {
                let errors = of(Severity::Error).len();
                let warnings = of(Severity::Warning).len();
                match (errors, warnings) {
                    (0, 0) => view! { <p class="ok">"Không còn lỗi. Có thể nộp."</p> }.into_any(),
                    (0, w) => view! { <p>{format!("Không còn lỗi; {w} điểm cần xem lại.")}</p> }.into_any(),
                    (e, _) => view! { <p class="error">{format!("Còn {e} lỗi phải sửa trước khi nộp.")}</p> }.into_any(),
                }
            }}
            <ul class="issues errors">{move || list(Severity::Error)}</ul>
            <ul class="issues warnings">{move || list(Severity::Warning)}</ul>
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            {move || if state.get() == Some(ReportState::Returned) {
                view! {
                    <p class="error">"Báo cáo bị trả lại: sửa theo nhận xét rồi nộp lại."</p>
                    <button type="button" disabled=move || !of(Severity::Error).is_empty()
                        on:click=move |_| workspace.write(id, Edit::Value, error, |doc| shared::report::set_submitted(doc, true))>
                        "Nộp lại báo cáo"
                    </button>
                }.into_any()
            } else if submitted() {
                view! {
                    <p class="ok" data-testid="submitted">{move || if status.pending.get() > 0 {
                        "Đã nộp — sẽ tự gửi lên khi có mạng."
                    } else {
                        "Đã nộp."
                    }}</p>
                    <button type="button" class="secondary"
                        on:click=move |_| workspace.write(id, Edit::Value, error, |doc| shared::report::set_submitted(doc, false))>
                        "Rút lại để sửa"
                    </button>
                }.into_any()
            } else {
                view! {
                    <button type="button" disabled=move || !of(Severity::Error).is_empty()
                        on:click=move |_| workspace.write(id, Edit::Value, error, |doc| shared::report::set_submitted(doc, true))>
                        "Nộp báo cáo"
                    </button>
                }.into_any()
            }}
        </section>
    }
}
