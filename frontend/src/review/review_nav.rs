//! The reviewer's pages, one link each, on every one of them.

use leptos::prelude::*;

const PAGES: [(&str, &str); 4] = [
    ("#/da-nhan", "Báo cáo đã nhận"),
    ("#/tong-hop", "Tình hình nộp báo cáo"),
    ("#/chi-tieu", "Tổng hợp chỉ tiêu"),
    ("#/tien-do", "Tiến độ nhiệm vụ"),
];

/// `here`: the page shown, which is not a link. The first link is the reviewer's own
/// unit's reports: the province's for Sở LĐTBXH, the district's for a district officer.
#[component]
pub fn ReviewNav(here: &'static str) -> impl IntoView {
    let own = if super::province_wide() {
        (super::OWN_REPORTS, "Báo cáo của tỉnh")
    } else {
        ("#/", "Báo cáo của huyện")
    };
    let links = std::iter::once(&own)
        .chain(PAGES.iter())
        .map(|(href, label)| {
            if *href == here {
                view! { <span class="here" aria-current="page">{*label}</span> }.into_any()
            } else {
                view! { <a class="button secondary" href=*href>{*label}</a> }.into_any()
            }
        })
        .collect_view();
    view! { <nav class="review-nav no-print">{links}</nav> }
}
