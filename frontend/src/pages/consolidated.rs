//! "Tổng hợp chỉ tiêu": the Phụ lục 2 table rolled up for the province or one district
//! from every programme report received: result 2021, plan 2022, actual 2022, how many
//! units reported of those expected, and whether the target is met. Fetched again when
//! the server announces a change.

use crate::api;
use crate::sync_loop::SyncStatus;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use shared::units::{UnitLevel, units};
use shared::wire::ConsolidatedResponse;

#[component]
pub fn Consolidated(token: String) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let district = RwSignal::new(String::new());
    let data = RwSignal::new(None::<ConsolidatedResponse>);
    let error = RwSignal::new(None::<String>);
    let alive = RwSignal::new(true);
    on_cleanup(move || alive.set(false));
    let asked = RwSignal::new(0u64);
    Effect::new(move |_| {
        district.track();
        status.remote.track();
        asked.update(|n| *n += 1);
    });
    leptos::task::spawn_local(async move {
        let mut fetched = 0;
        while alive.get_untracked() {
            let wanted = asked.get_untracked();
            if wanted != fetched {
                fetched = wanted;
                let query = format!("period=2022&district={}", district.get_untracked());
                match api::consolidated(&token, &query).await {
                    Ok(answer) => {
                        error.set(None);
                        data.set(Some(answer));
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            }
            TimeoutFuture::new(300).await;
        }
    });
    let districts = units()
        .all()
        .iter()
        .filter(|u| u.level == UnitLevel::District)
        .map(|u| view! { <option value=u.code.to_string()>{u.name.clone()}</option> })
        .collect_view();
    let table = move || {
        data.get().map(|d| {
            let rows = d
                .rows
                .into_iter()
                .map(|r| {
                    let met = match r.met {
                        Some(true) => "Đạt",
                        Some(false) => "Chưa đạt",
                        None => "",
                    };
                    let class = if r.heading { "heading" } else { "" };
                    view! {
                        <tr class=class data-row=r.id.clone()>
                            <td>{r.printed}</td>
                            <td>{r.text}</td>
                            <td>{r.unit}</td>
                            <td>{r.result_2021}</td>
                            <td>{r.plan_2022}</td>
                            <td class="actual">{r.actual.unwrap_or_default()}</td>
                            <td class="reported">{if r.heading { String::new() } else { format!("{}/{}", r.reported, r.expected) }}</td>
                            <td class="met">{met}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h2>{format!("{} — năm {}", d.area, d.period)}</h2>
                <table class="tallies consolidated" data-testid="consolidated">
                    <thead><tr>
                        <th>"TT"</th><th>"Chỉ tiêu"</th><th>"Đơn vị tính"</th><th>"Kết quả 2021"</th>
                        <th>"Kế hoạch 2022"</th><th>"Thực hiện 2022"</th><th>"Đơn vị đã báo cáo"</th><th>"Đánh giá"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    view! {
        <section class="overview">
            <h1>"Tổng hợp chỉ tiêu (Phụ lục 2)"</h1>
            <a class="button secondary" href="#/tong-hop">"Tình hình nộp báo cáo"</a>
            <div class="filters">
                <label>"Phạm vi "
                    <select name="area" on:change=move |ev| district.set(event_target_value(&ev))>
                        <option value="">"Toàn tỉnh"</option>
                        {districts}
                    </select>
                </label>
            </div>
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            {table}
        </section>
    }
}
