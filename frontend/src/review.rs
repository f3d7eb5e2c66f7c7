//! The reviewers' part of the app, compiled into the reviewer's build only (feature
//! `review`): the received list, the overview of a period, the consolidated Phụ lục 2
//! with its charts, task progress, the official files, the hand-in of a saved file and
//! the decision form on a report. A commune officer's phone never downloads any of it
//! (see `crate::builds`).

pub mod answers;
pub mod chart;
pub mod consolidated;
pub mod decision_form;
pub mod export_button;
pub mod hand_in;
pub mod live_fetch;
pub mod overview;
pub mod progress;
pub mod province_programme;
pub mod received;
pub mod review_nav;
pub mod reviewer_api;

use consolidated::Consolidated;
use leptos::prelude::*;
use overview::Overview;
use progress::Progress;
use received::Received;
use shared::wire::LoginResponse;

/// Where a provincial reviewer finds the province's own reports (a district officer's
/// are on its home page).
pub const OWN_REPORTS: &str = "#/bao-cao-tinh";

/// Whether the signed-in reviewer sees the whole province and may choose a district; a
/// district officer sees its own district only, with no other to choose.
fn province_wide() -> bool {
    expect_context::<crate::workspace::Workspace>()
        .principal()
        .is_some_and(|p| p.unit.is_none())
}

/// The reviewer's page at `hash`, if it names one (the report page and the officer's
/// home are the field build's).
pub fn page(user: &LoginResponse, hash: &str) -> Option<AnyView> {
    let role = user.profile.role;
    let token = user.token.clone();
    if !role.reviews() {
        return None;
    }
    Some(match hash {
        "#/chi-tieu" => view! { <Consolidated token=token /> }.into_any(),
        "#/tien-do" => view! { <Progress token=token /> }.into_any(),
        "#/tong-hop" => view! { <Overview token=token /> }.into_any(),
        "#/da-nhan" => view! { <Received token=token /> }.into_any(),
        // The province's own reports, on the officer's home page.
        OWN_REPORTS => return None,
        _ if !role.files_reports() => view! { <Received token=token /> }.into_any(),
        _ => return None,
    })
}
