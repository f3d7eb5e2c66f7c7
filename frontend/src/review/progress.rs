//! "Tiến độ nhiệm vụ": the 40 tasks of Phụ lục 1, each with what its lead agencies said
//! of it in their self-inspection reports — done, in progress, not started, or not yet
//! reported — approved reports only unless the reviewer includes the rest. A district
//! officer sees its own district's report. Fetched again when the server announces a
//! change.

use crate::review::live_fetch::fetch_on_change;
use crate::review::review_nav::ReviewNav;
use crate::review::reviewer_api as api;
use leptos::prelude::*;
use shared::progress::{LeadProgress, TaskProgress};
use shared::report::inspection::TaskStatus;

fn lead_line(lead: &LeadProgress) -> String {
    if lead.units == 0 {
        return format!("{}: không có đơn vị báo cáo tự kiểm tra", lead.name);
    }
    if lead.units == 1 {
        let said = if lead.done == 1 {
            TaskStatus::Done.label()
        } else if lead.in_progress == 1 {
            TaskStatus::InProgress.label()
        } else if lead.not_started == 1 {
            TaskStatus::NotStarted.label()
        } else {
            "Chưa báo cáo"
        };
        return format!("{}: {said}", lead.name);
    }
    format!(
        "{} ({} đơn vị): {} hoàn thành, {} đang triển khai, {} chưa triển khai, {} chưa báo cáo",
        lead.name, lead.units, lead.done, lead.in_progress, lead.not_started, lead.not_reported
    )
}

fn status_class(task: &TaskProgress) -> &'static str {
    match task.status() {
        Some(TaskStatus::Done) => "cell-approved",
        Some(TaskStatus::InProgress) => "cell-on-time",
        Some(TaskStatus::NotStarted) => "cell-late",
        None => "cell-missing",
    }
}

#[component]
pub fn Progress(token: String) -> impl IntoView {
    let everything = RwSignal::new(false);
    let (data, error) = fetch_on_change(
        move || everything.track(),
        move || {
            let token = token.clone();
            let query = format!("period=2022&all={}", everything.get_untracked());
            async move { api::progress(&token, &query).await }
        },
    );
    let table = move || {
        data.get().map(|tasks| {
            let done = tasks.iter().filter(|t| t.status() == Some(TaskStatus::Done)).count();
            let total = tasks.len();
            let rows = tasks
                .into_iter()
                .map(|t| {
                    let leads = t
                        .leads
                        .iter()
                        .map(|l| view! { <li>{lead_line(l)}</li> })
                        .collect_view();
                    view! {
                        <tr data-task=t.number.clone()>
                            <td>{t.number.clone()}</td>
                            <td>{t.content.clone()}<br/><small>{t.timeline.clone()}</small></td>
                            <td>{t.lead.clone()}<ul class="leads">{leads}</ul></td>
                            <td class=format!("task-status {}", status_class(&t))>{t.label()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p data-testid="progress-summary">{format!("{done}/{total} nhiệm vụ đã hoàn thành theo báo cáo của đơn vị chủ trì.")}</p>
                <table class="tallies progress" data-testid="progress">
                    <thead><tr><th>"TT"</th><th>"Nội dung nhiệm vụ"</th><th>"Đơn vị chủ trì và báo cáo"</th><th>"Tình trạng"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    view! {
        <section class="overview">
            <ReviewNav here="#/tien-do" />
            <h1>"Tiến độ thực hiện nhiệm vụ (Phụ lục 1)"</h1>
            <div class="filters no-print">
                <label>
                    <input type="checkbox" name="include-unapproved" on:change=move |ev| everything.set(event_target_checked(&ev)) />
                    " Gồm cả báo cáo tự kiểm tra chưa duyệt"
                </label>
            </div>
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            {move || (data.get().is_none() && error.get().is_none()).then(|| view! { <p>"Đang tải…"</p> })}
            {table}
        </section>
    }
}
