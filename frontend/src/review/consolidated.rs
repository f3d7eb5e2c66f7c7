//! "Tổng hợp chỉ tiêu": the Phụ lục 2 table rolled up for the province or one district:
//! result 2021, plan 2022, actual 2022, how many units reported of those expected, and
//! whether the target is met; a row opens its drill-down (districts under the province,
//! units under a district, a district there leads on to its units); a bar chart per
//! objective; the XLSX export and a print view. By default only approved reports count,
//! at their approved versions, as in the export; the reviewer can include the rest.
//! Fetched again when the server announces a change.

use crate::review::chart::ObjectiveChart;
use crate::review::export_button::ExportButton;
use crate::review::live_fetch::fetch_on_change;
use crate::review::review_nav::ReviewNav;
use crate::review::reviewer_api as api;
use leptos::prelude::*;
use shared::plan::plan;
use shared::units::units;
use shared::vocabulary::UnitLevel;
use shared::wire::ConsolidatedRow;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[component]
pub fn Consolidated(token: String) -> impl IntoView {
    let district = RwSignal::new(String::new());
    let everything = RwSignal::new(false);
    let open_row = RwSignal::new(None::<String>);
    let fetch_token = token.clone();
    let (data, error) = fetch_on_change(
        move || {
            district.track();
            everything.track();
        },
        move || {
            let token = fetch_token.clone();
            let query = format!(
                "period=2022&district={}&approved={}",
                district.get_untracked(),
                !everything.get_untracked()
            );
            async move { api::consolidated(&token, &query).await }
        },
    );
    let export_path = Signal::derive(move || {
        format!(
            "/api/export/phu-luc-2.xlsx?period=2022&district={}&all={}",
            district.get(),
            everything.get()
        )
    });
    let province_wide = super::province_wide();
    let districts = units()
        .all()
        .iter()
        .filter(|u| u.level == UnitLevel::District)
        .map(|u| {
            let code = u.code.to_string();
            view! { <option value=code.clone() selected=move || district.get() == code>{u.name.clone()}</option> }
        })
        .collect_view();
    let drill = move |r: &ConsolidatedRow| {
        let province = district.get_untracked().is_empty();
        let parts = r
            .parts
            .iter()
            .map(|p| {
                let code = p.code.to_string();
                let name = if province {
                    view! {
                        <button class="link" on:click=move |_| { open_row.set(None); district.set(code.clone()) }>
                            {p.name.clone()}
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <span>{p.name.clone()}</span> }.into_any()
                };
                let value = p.value.clone().unwrap_or_else(|| "chưa báo cáo".to_string());
                let reported = if province {
                    format!("{}/{}", p.reported, p.expected)
                } else {
                    String::new()
                };
                view! { <tr data-part=p.code.to_string()><td>{name}</td><td class="actual">{value}</td><td>{reported}</td></tr> }
            })
            .collect_view();
        let head = if province {
            "Huyện, sở, ngành"
        } else {
            "Đơn vị"
        };
        let rule = plan()
            .indicator(&r.id)
            .map(|i| shared::rollup::rule(plan(), i));
        view! {
            <tr class="drill"><td></td><td colspan="7">
                <p class="hint rule">{rule}</p>
                <table class="tallies parts">
                    <thead><tr><th>{head}</th><th>"Thực hiện 2022"</th><th>{if province { "Đã báo cáo" } else { "" }}</th></tr></thead>
                    <tbody>{parts}</tbody>
                </table>
            </td></tr>
        }
    };
    let table = move || {
        data.get().map(|d| {
            let rows = d
                .rows
                .iter()
                .map(|r| {
                    let met = match r.met {
                        Some(true) => "Đạt",
                        Some(false) => "Chưa đạt",
                        None => "",
                    };
                    let class = if r.heading { "heading" } else { "" };
                    let id = r.id.clone();
                    let toggle = {
                        let id = id.clone();
                        move |_| open_row.update(|o| *o = if o.as_deref() == Some(&id) { None } else { Some(id.clone()) })
                    };
                    let opened = open_row.get().as_deref() == Some(id.as_str()) && !r.parts.is_empty();
                    let drillable = !r.parts.is_empty();
                    view! {
                        <tr class=class data-row=r.id.clone()>
                            <td>{r.printed.clone()}</td>
                            <td>
                                {if drillable {
                                    view! { <button class="link row-open" aria-expanded=opened.to_string() on:click=toggle>{r.text.clone()}</button> }.into_any()
                                } else {
                                    view! { <span>{r.text.clone()}</span> }.into_any()
                                }}
                            </td>
                            <td>{r.unit.clone()}</td>
                            <td>{r.result_2021.clone()}</td>
                            <td>{r.plan_2022.clone()}</td>
                            <td class="actual">{r.actual.clone().unwrap_or_default()}</td>
                            <td class="reported">{if r.heading { String::new() } else { format!("{}/{}", r.reported, r.expected) }}</td>
                            <td class="met">{met}</td>
                        </tr>
                        {opened.then(|| drill(r))}
                    }
                })
                .collect_view();
            let charts = plan()
                .objectives
                .iter()
                .map(|o| {
                    let rows: Vec<ConsolidatedRow> = d
                        .rows
                        .iter()
                        .filter(|r| plan().indicator(&r.id).is_some_and(|i| i.objective == o.number))
                        .cloned()
                        .collect();
                    view! { <ObjectiveChart title=format!("{}. {}", o.printed, o.title) rows=rows /> }
                })
                .collect_view();
            let scope = if everything.get() { "gồm cả báo cáo chưa duyệt" } else { "chỉ báo cáo đã duyệt" };
            view! {
                <h2>{format!("{} — năm {} ({scope})", d.area, d.period)}</h2>
                <table class="tallies consolidated" data-testid="consolidated">
                    <thead><tr>
                        <th>"TT"</th><th>"Chỉ tiêu"</th><th>"Đơn vị tính"</th><th>"Kết quả 2021"</th>
                        <th>"Kế hoạch 2022"</th><th>"Thực hiện 2022"</th><th>"Đơn vị đã báo cáo"</th><th>"Đánh giá"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <section class="charts" data-testid="charts">
                    <h2>"Biểu đồ theo mục tiêu"</h2>
                    {charts}
                </section>
            }
        })
    };
    view! {
        <section class="overview">
            <ReviewNav here="#/chi-tieu" />
            <h1>"Tổng hợp chỉ tiêu (Phụ lục 2)"</h1>
            <div class="filters no-print">
                {province_wide.then(|| view! {
                    <label>"Phạm vi "
                        <select name="area" on:change=move |ev| { open_row.set(None); district.set(event_target_value(&ev)) }>
                            <option value="" selected=move || district.get().is_empty()>"Toàn tỉnh"</option>
                            {districts}
                        </select>
                    </label>
                })}
                <label>"Số liệu "
                    <select name="versions" on:change=move |ev| everything.set(event_target_value(&ev) == "all")>
                        <option value="approved">"Chỉ báo cáo đã duyệt"</option>
                        <option value="all">"Gồm cả báo cáo chưa duyệt"</option>
                    </select>
                </label>
                <ExportButton token=token.clone() path=export_path label="Tải Excel (Phụ lục 2)" content_type=XLSX />
                <button class="secondary" on:click=move |_| print()>"In"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            {table}
        </section>
    }
}
