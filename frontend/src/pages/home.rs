//! The officer's home: the unit's reports for 2022 from the plan's calendar, each with
//! its due date, how many days remain while it is owed, its state and its unsent
//! fields; a returned report comes first, marked.

use crate::components::backup::Backup;
use crate::format::countdown;
use crate::sync_loop::SyncStatus;
use crate::workspace::Workspace;
use leptos::prelude::*;
use shared::calendar::reports_due;
use shared::report::review::ReportState;
use shared::vocabulary::UnitCode;
use shared::wire::Profile;

#[component]
pub fn Home(profile: Profile) -> impl IntoView {
    let Some(unit) = crate::workspace::principal(&profile)
        .own_unit()
        .and_then(UnitCode::unit)
    else {
        return view! { <p class="card">"Tài khoản này không gắn với đơn vị nào."</p> }.into_any();
    };
    // The district's list of its communes' reports is in the reviewer's build only.
    let reviews = profile.role.reviews() && crate::builds::REVIEWER_BUILD;
    let status = expect_context::<SyncStatus>();
    let workspace = expect_context::<Workspace>();
    let due: Vec<_> = reports_due(unit.level)
        .map(|r| r.doc_id(unit.code))
        .collect();
    // A return that arrived is said at the top until the report is sent again.
    let returned = move || {
        status.pending.track();
        let titles: Vec<String> = due
            .iter()
            .filter(|id| workspace.report_state(**id) == Some(ReportState::Returned))
            .map(shared::calendar::title_of)
            .collect();
        (!titles.is_empty()).then(|| view! {
            <p class="banner error" data-testid="returned-notice" role="status">
                {format!("Bị trả lại để sửa: {}. Mở báo cáo để xem nhận xét, sửa rồi nộp lại.", titles.join("; "))}
            </p>
        })
    };
    let rows = reports_due(unit.level)
        .map(|r| {
            let id = r.doc_id(unit.code);
            let state = move || {
                status.pending.track();
                workspace.state(id)
            };
            view! {
                <li class="report" data-doc=id.to_string() data-state=move || state().map(|s| s.state.as_str())>
                    <a class="title" href=format!("#/bao-cao/{id}")>{r.title()}</a>
                    <span class="due">{format!("Hạn nộp: trước {}", r.due)}</span>
                    // Days left or overdue only while the unit still owes the report.
                    {move || state().is_some_and(|s| s.state.owed()).then(|| view! {
                        <span class="countdown">{countdown(r.due)}</span>
                    })}
                    <span class="state">{move || state().map(|s| s.state.label())}</span>
                    {move || state().filter(|s| s.pending > 0).map(|s| view! {
                        <span class="unsent">{format!("{} mục chưa gửi", s.pending)}</span>
                    })}
                    {move || state().filter(|s| s.refused).map(|_| view! {
                        <span class="refused">"Có thay đổi bị máy chủ từ chối"</span>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section>
            <h1>{unit.name.clone()}</h1>
            {returned}
            <h2>"Báo cáo năm 2022"</h2>
            <ul class="reports">{rows}</ul>
            <Backup />
            {reviews.then(|| {
                let label = if profile.unit.is_some() { "Báo cáo các xã đã gửi" } else { "Báo cáo các đơn vị đã gửi" };
                view! { <a class="button secondary" href="#/da-nhan">{label}</a> }
            })}
        </section>
    }
    .into_any()
}
