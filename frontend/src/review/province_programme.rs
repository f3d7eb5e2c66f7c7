//! The province's own programme report (Ban VSTBPN tỉnh's, drafted by Sở LĐTBXH): every
//! Phụ lục 2 row with the province's figure as its units' approved reports give it, how
//! that figure is built, each unit's one tap away, and the province's explanation, which
//! the Phụ lục 2 file prints beside the row. The province types no figure: its figures
//! are the roll-up.

use crate::components::field_history::FieldHistory;
use crate::pages::programme::objective_sections;
use crate::review::answers::{AreaRow, provide_programme};
use crate::workspace::{Edit, Workspace};
use leptos::prelude::*;
use shared::ids::DocId;
use shared::plan::{Indicator, plan};
use shared::report::programme::{self, ProgrammeReport};

#[component]
pub fn ProvinceProgramme(id: DocId) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    provide_programme(id);
    let read = move || {
        workspace
            .read_for_inputs(id, |doc| ProgrammeReport::read(doc).ok())
            .flatten()
            .unwrap_or_default()
    };
    let report = RwSignal::new(read());
    Effect::new(move |_| report.set(read()));
    let objectives = objective_sections(id, move |row| {
        view! { <Row id=id row=row report=report /> }.into_any()
    });
    view! {
        <p class="hint">"Số liệu của tỉnh là số tổng hợp từ báo cáo đã duyệt của các đơn vị; tỉnh ghi giải trình cho từng chỉ tiêu."</p>
        <form class="fields" on:submit=|ev| ev.prevent_default()>{objectives}</form>
    }
}

#[component]
fn Row(id: DocId, row: &'static Indicator, report: RwSignal<ProgrammeReport>) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let error = RwSignal::new(None::<String>);
    let key = row.id.as_str();
    view! {
        <div class="field indicator" data-row=key>
            <p class="indicator-text"><strong>{row.printed.clone()}</strong>" "{row.text.clone()}</p>
            <p class="hint">{format!("Đơn vị tính: {} · Kết quả 2021: {} · Kế hoạch 2022: {}", row.unit, row.result_2021, row.plan_2022)}</p>
            <AreaRow row=row />
            <p class="hint rule">{shared::rollup::rule(plan(), row)}</p>
            <label class="cell"><span>"Giải trình của tỉnh"</span>
                <textarea name=format!("{key}-note") rows="2" maxlength=shared::report::shape::MAX_NOTE
                    prop:value=move || report.with(|r| r.rows.get(key).map(|r| r.note.as_str().to_string()).unwrap_or_default())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        workspace.write(id, Edit::Value, error, |doc| programme::set_note(doc, key, &text));
                    }
                ></textarea>
            </label>
            <FieldHistory id=id fields=vec![(String::new(), vec!["rows".to_string(), key.to_string(), "note".to_string()])] />
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
