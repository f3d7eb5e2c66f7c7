//! The self-inspection editor: each task of Phụ lục 1 the unit takes part in, with its
//! status, results and evidence, then the unit's own sections.

use crate::components::decision_notice::ReviewComment;
use crate::components::field_history::FieldHistory;
use crate::task_texts;
use crate::workspace::{Edit, Workspace};
use leptos::prelude::*;
use shared::ids::DocId;
use shared::plan::{Task, bullets, plan};
use shared::report::inspection::{self, InspectionReport, SECTIONS, TaskStatus, tasks_for};

/// The report as its inputs show it (re-read when it changed other than by typing here).
fn read(workspace: Workspace, id: DocId) -> InspectionReport {
    workspace
        .read_for_inputs(id, |doc| InspectionReport::read(doc).ok())
        .flatten()
        .unwrap_or_default()
}

#[component]
pub fn InspectionEditor(id: DocId) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let report = RwSignal::new(read(workspace, id));
    Effect::new(move |_| {
        report.set(read(workspace, id));
    });
    let texts = task_texts::for_page();
    let tasks = tasks_for(id.unit)
        .into_iter()
        .map(|task| view! { <TaskView id=id task=task report=report texts=texts /> })
        .collect_view();
    let sections = SECTIONS
        .iter()
        .map(|(key, title)| {
            let error = RwSignal::new(None::<String>);
            view! {
                <div class="field">
                    <label for=format!("section-{key}")>{*title}</label>
                    <textarea id=format!("section-{key}") rows="4" maxlength=shared::report::shape::MAX_NARRATIVE
                        prop:value=move || report.with(|r| r.sections.get(*key).map(|t| t.as_str().to_string()).unwrap_or_default())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            workspace.write(id, Edit::Value, error, |doc| inspection::set_section(doc, key, &text));
                        }
                    ></textarea>
                    <ReviewComment id=id key=key.to_string() />
                    {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <form class="fields" on:submit=|ev| ev.prevent_default()>
            <section class="outline-section"><h2>"Thực hiện các nhiệm vụ được giao (Phụ lục 1)"</h2>{tasks}</section>
            <section class="outline-section"><h2>"Đánh giá chung"</h2>{sections}</section>
        </form>
    }
}

#[component]
fn TaskView(
    id: DocId,
    task: &'static Task,
    report: RwSignal<InspectionReport>,
    texts: RwSignal<Option<String>>,
) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let error = RwSignal::new(None::<String>);
    let number = task.number.as_str();
    let leads: Vec<String> = task
        .lead
        .ids
        .iter()
        .filter_map(|a| plan().agency(a))
        .map(|a| a.short.clone())
        .collect();
    let content = move || {
        texts.with(|texts| match texts {
            Some(lines) => bullets(lines, number).map(|c| view! { <li>{c.to_string()}</li> }).collect_view().into_any(),
            None => view! { <li>"Nội dung nhiệm vụ chưa tải về máy này; mở lại trang khi có mạng."</li> }.into_any(),
        })
    };
    let options = TaskStatus::ALL
        .iter()
        .map(|s| view! { <option value=s.as_str() selected=move || report.with(|r| r.status(number) == Some(*s))>{s.label()}</option> })
        .collect_view();
    let text = move |field: &'static str, label: &'static str| {
        view! {
            <label class="cell"><span>{label}</span>
                <textarea name=format!("{number}-{field}") rows="3" maxlength=shared::report::shape::MAX_NARRATIVE
                    prop:value=move || report.with(|r| r.tasks.get(number).map(|t| if field == "results" { t.results.as_str() } else { t.evidence.as_str() }.to_string()).unwrap_or_default())
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        workspace.write(id, Edit::Value, error, |doc| inspection::set_task_text(doc, number, field, &value));
                    }
                ></textarea>
            </label>
        }
    };
    view! {
        <div class="field task" data-task=number>
            <p><strong>{format!("Nhiệm vụ {number}")}</strong>{format!(" — chủ trì: {}", leads.join(", "))}</p>
            <details><summary>"Nội dung nhiệm vụ"</summary><ul>{content}</ul><p class="hint">{task.timeline.text.clone()}</p></details>
            <label class="cell"><span>"Tình trạng thực hiện"</span>
                <select name=format!("{number}-status") on:change=move |ev| {
                    let value = TaskStatus::parse(&event_target_value(&ev));
                    workspace.write(id, Edit::Value, error, |doc| inspection::set_status(doc, number, value));
                }>
                    <option value="" selected=move || report.with(|r| r.status(number).is_none())>"— Chọn —"</option>
                    {options}
                </select>
            </label>
            {text("results", "Kết quả thực hiện")}
            {text("evidence", "Minh chứng (văn bản, số liệu)")}
            <ReviewComment id=id key=number.to_string() />
            <FieldHistory id=id fields=vec![(String::new(), vec!["tasks".to_string(), number.to_string(), "status".to_string()])] />
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
        </div>
    }
}
