//! The report editor. Fields come from the plan model (`shared::activity`), not from
//! hand-written markup: each count is parsed as the officer types and written as one
//! change when valid; the narrative is Automerge text. Every change is in IndexedDB at
//! once; the sync loop sends it.

use crate::sync_loop::SyncStatus;
use crate::workspace;
use leptos::prelude::*;
use shared::activity::{COMMUNICATION_FIELDS, FieldKind, FieldSpec, set_count, set_narrative};
use shared::count::parse_count;
use shared::ids::DocId;

#[component]
pub fn ReportPage(id: DocId) -> impl IntoView {
    let title = shared::calendar::title_of(&id);
    let fields = COMMUNICATION_FIELDS
        .iter()
        .map(|field| view! { <Field id=id field=*field /> })
        .collect_view();
    view! {
        <article class="report-editor">
            <a href="#/" class="back">"‹ Danh sách báo cáo"</a>
            <h1>{title}</h1>
            <p class="unit">{id.unit.unit().name.clone()}</p>
            <h2>"II.3. Công tác truyền thông, phổ biến, giáo dục chính sách pháp luật về bình đẳng giới và vì sự tiến bộ của phụ nữ"</h2>
            <p class="hint">"Chỉ ghi số liệu tổng hợp và hoạt động; không ghi tên hay thông tin cá nhân của người được hỗ trợ."</p>
            <form class="fields" on:submit=|ev| ev.prevent_default()>{fields}</form>
        </article>
    }
}

#[component]
fn Field(id: DocId, field: FieldSpec) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let error = RwSignal::new(None::<String>);
    let current = move || {
        status.revision.track();
        workspace::activity(id).unwrap_or_default().communication
    };
    let input_id = format!("field-{}", field.key);
    let control = match field.kind {
        FieldKind::Count => view! {
            <input
                id=input_id.clone()
                name=field.key
                inputmode="numeric"
                autocomplete="off"
                prop:value=move || current().count(field.key).map(|n| n.to_string()).unwrap_or_default()
                on:input=move |ev| match parse_count(&event_target_value(&ev)) {
                    Ok(value) => {
                        error.set(None);
                        match workspace::edit(id, |doc| set_count(doc, field.key, value)) {
                            Ok(()) => status.edited(),
                            Err(e) => error.set(Some(e)),
                        }
                    }
                    Err(e) => error.set(Some(e.to_string())),
                }
            />
        }
        .into_any(),
        FieldKind::Narrative => view! {
            <textarea
                id=input_id.clone()
                name=field.key
                rows="5"
                prop:value=move || current().narrative(field.key).to_string()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    match workspace::edit(id, |doc| set_narrative(doc, field.key, &text)) {
                        Ok(()) => status.edited(),
                        Err(e) => error.set(Some(e)),
                    }
                }
            ></textarea>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=input_id>{field.label}</label>
            {control}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
