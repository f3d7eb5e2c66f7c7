//! "Tình hình nộp báo cáo": the reviewer's matrix of units × reports for a period, each
//! cell coloured by where the report stands, the counts and rates per district above it,
//! filters by district and unit level, and a fresh fetch the moment the server announces
//! a change. A cell opens the report for review.

use crate::review::export_button::ExportButton;
use crate::review::live_fetch::fetch_on_change;
use crate::review::review_nav::ReviewNav;
use crate::review::reviewer_api as api;
use leptos::prelude::*;
use shared::overview::CellStatus;
use shared::units::units;
use shared::vocabulary::UnitLevel;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn status_class(status: CellStatus) -> &'static str {
    match status {
        CellStatus::NotSubmitted => "cell-missing",
        CellStatus::OnTime => "cell-on-time",
        CellStatus::Late => "cell-late",
        CellStatus::Returned => "cell-returned",
        CellStatus::Approved => "cell-approved",
        CellStatus::EditedAfterApproval => "cell-edited",
    }
}

#[component]
pub fn Overview(token: String) -> impl IntoView {
    let period = RwSignal::new("2022-H1".to_string());
    let district = RwSignal::new(String::new());
    let level = RwSignal::new(String::new());
    let province_wide = super::province_wide();
    let fetch_token = token.clone();
    let (data, error) = fetch_on_change(
        move || {
            period.track();
            district.track();
            level.track();
        },
        move || {
            let token = fetch_token.clone();
            let query = format!(
                "period={}&district={}&level={}",
                period.get_untracked(),
                district.get_untracked(),
                level.get_untracked()
            );
            async move { api::overview(&token, &query).await }
        },
    );
    let everything = RwSignal::new(false);
    let matrix_path = Signal::derive(move || {
        format!(
            "/api/export/tinh-hinh-nop.xlsx?period={}&district={}&level={}",
            period.get(),
            district.get(),
            level.get()
        )
    });
    let docx_path = Signal::derive(move || {
        format!(
            "/api/export/bao-cao-hoat-dong.docx?period={}&district={}&all={}",
            period.get(),
            district.get(),
            everything.get()
        )
    });
    let annex_path = Signal::derive(move || docx_path.get().replace(".docx?", "-phu-luc.docx?"));
    let token_matrix = token.clone();
    let token_docx = token.clone();
    let token_annex = token.clone();
    let districts = units()
        .all()
        .iter()
        .filter(|u| u.level == UnitLevel::District)
        .map(|u| view! { <option value=u.code.to_string()>{u.name.clone()}</option> })
        .collect_view();
    let tallies = move || {
        data.get().map(|d| {
            let rows = d
                .districts
                .iter()
                .chain(std::iter::once(&d.total))
                .map(|t| {
                    view! {
                        <tr>
                            <th scope="row">{t.name.clone()}</th>
                            <td>{t.tally.expected}</td>
                            <td>{t.tally.submitted}</td>
                            <td>{t.submitted_rate.clone()}</td>
                            <td>{t.tally.on_time}</td>
                            <td>{t.tally.late}</td>
                            <td>{t.on_time_rate.clone()}</td>
                            <td>{t.tally.returned}</td>
                            <td>{t.tally.approved}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="tallies" data-testid="tallies">
                    <thead><tr>
                        <th>"Huyện"</th><th>"Phải nộp"</th><th>"Đã nộp"</th><th>"Tỷ lệ nộp"</th>
                        <th>"Đúng hạn"</th><th>"Muộn"</th><th>"Tỷ lệ đúng hạn"</th>
                        <th>"Bị trả lại"</th><th>"Đã duyệt"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    let matrix = move || {
        data.get().map(|d| {
            let head = d
                .columns
                .iter()
                .map(|c| view! { <th scope="col" title=c.title.clone()>{c.title.clone()}<br/><small>{format!("hạn {}", c.due)}</small></th> })
                .collect_view();
            let rows = d
                .rows
                .into_iter()
                .map(|r| {
                    let cells = r
                        .cells
                        .into_iter()
                        .map(|cell| match cell {
                            Some(c) => view! {
                                <td class=status_class(c.status) data-status=status_class(c.status)>
                                    <a href=format!("#/bao-cao/{}", c.doc)>{c.status.label()}</a>
                                    {c.edited_after_submission.then(|| view! { <br/><small>"sửa sau khi nộp"</small> })}
                                    {c.handed_in.then(|| view! { <br/><small>"nộp hộ"</small> })}
                                </td>
                            }
                            .into_any(),
                            None => view! { <td class="cell-none">"—"</td> }.into_any(),
                        })
                        .collect_view();
                    view! {
                        <tr data-unit=r.unit_code>
                            <th scope="row">{r.unit_name}<br/><small>{r.district_name.unwrap_or_default()}</small></th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="matrix" data-testid="matrix">
                    <thead><tr><th>"Đơn vị"</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    view! {
        <section class="overview">
            <ReviewNav here="#/tong-hop" />
            <h1>"Tình hình nộp báo cáo"</h1>
            <div class="filters no-print">
                <label>"Kỳ báo cáo "
                    <select name="period" on:change=move |ev| period.set(event_target_value(&ev))>
                        <option value="2022-H1">"6 tháng đầu năm 2022"</option>
                        <option value="2022">"Năm 2022"</option>
                    </select>
                </label>
                {province_wide.then(|| view! {
                    <label>"Huyện "
                        <select name="district" on:change=move |ev| district.set(event_target_value(&ev))>
                            <option value="">"Tất cả"</option>
                            {districts}
                        </select>
                    </label>
                })}
                <label>"Cấp "
                    <select name="level" on:change=move |ev| level.set(event_target_value(&ev))>
                        <option value="">"Tất cả"</option>
                        <option value="commune">"Xã"</option>
                        <option value="district">"Huyện"</option>
                        <option value="department">"Sở, ngành"</option>
                    </select>
                </label>
            </div>
            <div class="exports no-print">
                <ExportButton token=token_matrix path=matrix_path label="Tải Excel (tình hình nộp)" content_type=XLSX />
                <label>
                    <input type="checkbox" name="include-unapproved" on:change=move |ev| everything.set(event_target_checked(&ev)) />
                    " Gồm cả báo cáo chưa duyệt"
                </label>
                <ExportButton token=token_docx path=docx_path label="Tải Word (báo cáo hoạt động tổng hợp)" content_type=DOCX />
                <ExportButton token=token_annex path=annex_path label="Tải Word (phụ lục: báo cáo của các đơn vị)" content_type=DOCX />
            </div>
            {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            {move || data.get().is_none().then(|| view! { <p>"Đang tải…"</p> })}
            {tallies}
            {matrix}
        </section>
    }
}
