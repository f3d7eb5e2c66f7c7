//! The officer's home: the unit's reports for 2022 from the plan's calendar, each with
//! its due date and how many days remain.

use crate::format::countdown;
use leptos::prelude::*;
use shared::calendar::reports_due;
use shared::ids::{ReportKind, UnitCode};
use shared::wire::Profile;

#[component]
pub fn Home(profile: Profile) -> impl IntoView {
    let Some(unit) = profile
        .unit
        .and_then(|c| c.to_string().parse::<UnitCode>().ok())
    else {
        return view! { <p class="card">"Tài khoản này không gắn với đơn vị nào."</p> }.into_any();
    };
    let reviews = profile.role.reviews();
    let rows = reports_due(unit.unit().level)
        .map(|r| {
            let id = r.doc_id(unit);
            let editable = r.kind == ReportKind::Activity;
            view! {
                <li class="report">
                    {if editable {
                        view! { <a class="title" href=format!("#/bao-cao/{id}")>{r.title()}</a> }.into_any()
                    } else {
                        view! { <span class="title">{r.title()}</span> }.into_any()
                    }}
                    <span class="due">{format!("Hạn nộp: trước {}", r.due)}</span>
                    <span class="countdown">{countdown(r.due)}</span>
                    {(!editable).then(|| view! { <span class="note">"Biểu mẫu nhập liệu chưa có trong phiên bản này."</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section>
            <h1>{unit.unit().name.clone()}</h1>
            <h2>"Báo cáo năm 2022"</h2>
            <ul class="reports">{rows}</ul>
            {reviews.then(|| view! { <a class="button secondary" href="#/da-nhan">"Báo cáo các xã đã gửi"</a> })}
        </section>
    }
    .into_any()
}
