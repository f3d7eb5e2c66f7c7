//! The reviewer's list of received reports: unit, period, values, and the server's
//! receipt time (never the phone's clock), fetched as every reviewer's page is
//! (`live_fetch`).

use crate::format::date_time;
use crate::review::hand_in::HandIn;
use crate::review::live_fetch::fetch_on_change;
use crate::review::review_nav::ReviewNav;
use crate::review::reviewer_api as api;
use leptos::prelude::*;
use shared::report::review::Verdict;

#[component]
pub fn Received(token: String) -> impl IntoView {
    let hand_in_token = token.clone();
    let (reports, error) = fetch_on_change(
        || (),
        move || {
            let token = token.clone();
            async move { api::received_reports(&token).await }
        },
    );
    let rows = move || {
        reports.get().map(|list| {
            if list.is_empty() {
                return view! { <p class="card">"Chưa nhận được báo cáo nào."</p> }.into_any();
            }
            list.into_iter()
                .map(|r| {
                    let place = match &r.district_name {
                        Some(d) => format!("{} — {}", r.unit_name, d),
                        None => r.unit_name.clone(),
                    };
                    let values = r
                        .values
                        .iter()
                        .map(|(label, value)| view! { <tr><th scope="row">{label.clone()}</th><td>{value.clone()}</td></tr> })
                        .collect_view();
                    view! {
                        <article class="card received" data-doc=r.doc.clone()>
                            <h2>{place}</h2>
                            <p class="title">{r.title.clone()}</p>
                            <p class="submission">{
                                // Timeliness is the first submission's; a later one is said apart.
                                let first = r.first_submitted_at.or(r.submitted_at);
                                let again = r.submitted_at.filter(|at| Some(*at) != first);
                                let lead = if again.is_some() { "Nộp lần đầu" } else { "Đã nộp" };
                                let mut text = match (first, r.on_time) {
                                    (Some(at), Some(true)) => format!("{lead} lúc {} — đúng hạn", date_time(at as f64)),
                                    (Some(at), _) => format!("{lead} lúc {} — nộp muộn", date_time(at as f64)),
                                    (None, _) => "Chưa nộp (đang soạn)".to_string(),
                                };
                                if let Some(at) = again {
                                    text.push_str(&format!("; nộp lại lúc {}", date_time(at as f64)));
                                }
                                text
                            }</p>
                            {(!r.handed_in.is_empty()).then(|| {
                                let who: Vec<String> = r.handed_in.iter().map(|h| format!("{} lúc {}", h.by, date_time(h.at as f64))).collect();
                                view! { <p class="handed-in" data-testid="handed-in">{format!("Nộp hộ qua tệp: {}", who.join("; "))}</p> }
                            })}
                            {r.edited_after_submission.then(|| view! {
                                <p class="edited-after-submission" data-testid="edited-after-submission">"Sửa sau khi nộp: báo cáo đã thay đổi so với bản đã nộp"</p>
                            })}
                            <p class="receipt">{format!("Máy chủ nhận lần cuối: {}", date_time(r.last_received_at as f64))}
                                <br/>{format!("Nhận lần đầu: {}", date_time(r.first_received_at as f64))}</p>
                            {r.verdict.map(|v| {
                                let label = if v == Verdict::Approved { "Đã duyệt" } else { "Đã trả lại để sửa" };
                                let at = r.decided_at.map(|t| format!(" lúc {}", date_time(t as f64))).unwrap_or_default();
                                view! { <p class="verdict" data-verdict=v.as_str()>{format!("{label}{at}")}</p> }
                            })}
                            <table class="values"><tbody>{values}</tbody></table>
                            <a class="button secondary" href=format!("#/bao-cao/{}", r.doc)>"Mở báo cáo để thẩm định"</a>
                        </article>
                    }
                    .into_any()
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <section>
            <ReviewNav here="#/da-nhan" />
            <h1>"Báo cáo đã nhận"</h1>
            <HandIn token=hand_in_token />
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            {move || if reports.get().is_none() && error.get().is_none() {
                Some(view! { <p>"Đang tải…"</p> })
            } else { None }}
            {rows}
        </section>
    }
}
