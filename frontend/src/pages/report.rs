//! A report page: the title, the editor of the report's kind, and the submit bar. Each
//! valid input is one change, in IndexedDB at once; the sync loop sends it.

use crate::components::conflict_panel::ConflictPanel;
use crate::components::decision_notice::ReviewPanel;
use crate::components::refused_panel::RefusedPanel;
use crate::components::submit_bar::SubmitBar;
use crate::pages::{
    activity::ActivityEditor, inspection::InspectionEditor, programme::ProgrammeEditor,
};
use crate::sync_loop::SyncStatus;
use crate::workspace::Workspace;
use leptos::prelude::*;
use shared::ids::DocId;
use shared::vocabulary::ReportKind;

/// The programme report's editor; the province's own (reviewer's build only) has no
/// figures to type, only its explanation of each row's roll-up.
fn programme_editor(id: DocId) -> AnyView {
    #[cfg(feature = "review")]
    if id.unit.level() == Some(shared::vocabulary::UnitLevel::Province) {
        return view! { <crate::review::province_programme::ProvinceProgramme id=id /> }.into_any();
    }
    view! { <ProgrammeEditor id=id /> }.into_any()
}

#[component]
pub fn ReportPage(id: DocId) -> impl IntoView {
    // A report outside the user's scope (another district's commune) is not opened at all:
    // the server would refuse to send it, and an empty form would mislead.
    let workspace = expect_context::<Workspace>();
    let readable = workspace.principal().is_some_and(|p| p.can_read(&id));
    if !readable {
        return view! {
            <article class="report-editor">
                <a href="#/" class="back">"‹ Danh sách báo cáo"</a>
                <p class="banner error" data-testid="no-access">"Bạn không có quyền xem báo cáo này."</p>
            </article>
        }
        .into_any();
    }
    let editor = match id.kind {
        ReportKind::Activity => view! { <ActivityEditor id=id /> }.into_any(),
        ReportKind::ProgrammeResults => programme_editor(id),
        ReportKind::SelfInspection => view! { <InspectionEditor id=id /> }.into_any(),
    };
    // Those who may read but not write (a district officer on a commune's report) see the
    // report with every input disabled: the server would refuse their changes.
    let read_only = !workspace.principal().is_some_and(|p| p.can_write(&id));
    // An approved report is reopened on purpose: the first edit would make it "sửa sau
    // khi duyệt" for the reviewers, who then decide on it again.
    let reopened = RwSignal::new(false);
    let approved =
        move || workspace.report_state(id) == Some(shared::report::review::ReportState::Approved);
    let locked = move || read_only || (approved() && !reopened.get());
    // A reviewer may open a report this device has never held: fetch it (and its
    // review) now rather than at the next half-minute tick.
    expect_context::<SyncStatus>().sync_now();
    view! {
        <article class="report-editor">
            <a href="#/" class="back">"‹ Danh sách báo cáo"</a>
            <h1>{shared::calendar::title_of(&id)}</h1>
            <p class="unit">{id.unit.name()}</p>
            <p class="hint">"Chỉ ghi số liệu tổng hợp và hoạt động; không ghi tên hay thông tin cá nhân của người được hỗ trợ."</p>
            {read_only.then(|| view! { <p class="banner">"Bạn chỉ được xem báo cáo này."</p> })}
            <ReviewPanel id=id />
            <RefusedPanel id=id />
            {move || (!read_only && approved() && !reopened.get()).then(|| view! {
                <p class="banner" data-testid="approved-locked">
                    "Báo cáo đã được duyệt. Nếu sửa, cấp trên sẽ thấy báo cáo là «sửa sau khi duyệt» và phải duyệt lại. "
                    <button type="button" class="secondary" on:click=move |_| reopened.set(true)>"Sửa báo cáo đã duyệt"</button>
                </p>
            })}
            <fieldset class="editor" disabled=locked>
                <ConflictPanel id=id />
                {editor}
                <SubmitBar id=id />
            </fieldset>
            <a href="#/" class="back">"‹ Về danh sách báo cáo"</a>
        </article>
    }
    .into_any()
}
