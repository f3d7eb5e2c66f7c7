//! The review on a report page. The unit's officer sees the decision in force (returned
//! with a note, approved) and, through [`ReviewComment`], each comment beside the field it
//! is about; all of it arrives with a sync and stays readable offline. A reviewer of the
//! unit also gets the controls (`crate::review::decision_form`, in the reviewer's build
//! only): comments per field, a note, "Trả lại để sửa" and "Duyệt".
//! Once a report was approved and changed again, both see what changed since, field by
//! field, read from the document's own history.

use crate::components::field_diffs::field_diffs;
use crate::format::date_time;
use crate::workspace::Workspace;
use leptos::prelude::*;
use shared::ids::DocId;
use shared::report::review::{Decision, ReportState, Review, Verdict, commentable_fields};

/// The review and the report's state, re-read when a sync or an edit changed them.
pub(crate) fn current(id: DocId, workspace: Workspace) -> (Option<Review>, Option<ReportState>) {
    (workspace.review(id), workspace.report_state(id))
}

/// A reviewer's comment on one field, shown beside it while the report is returned.
#[component]
pub fn ReviewComment(id: DocId, key: String) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    move || {
        let (review, state) = current(id, workspace);
        if state != Some(ReportState::Returned) {
            return None;
        }
        let comment = review?.latest()?.comments.get(&key)?.clone();
        Some(view! {
            <p class="review-comment" data-field=key.clone()>
                <strong>"Nhận xét của người thẩm định: "</strong>{comment}
            </p>
        })
    }
}

fn verdict_label(decision: &Decision) -> &'static str {
    match decision.verdict() {
        Some(Verdict::Approved) => "Đã duyệt",
        _ => "Trả lại để sửa",
    }
}

#[component]
pub fn ReviewPanel(id: DocId) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let reviewer = workspace
        .principal()
        .map(|p| p.can_write(&id.review()))
        .unwrap_or(false);
    let summary = move || {
        let (review, state) = current(id, workspace);
        let latest = review.as_ref().and_then(Review::latest).cloned();
        let fields = commentable_fields(&id);
        let label_of = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k == key)
                .map_or(key.to_string(), |(_, l)| l.clone())
        };
        let banner = match (state, latest) {
            (Some(ReportState::Returned), Some(d)) => {
                let comments = d
                    .comments
                    .iter()
                    .map(|(k, c)| view! { <li><strong>{label_of(k)}</strong>": "{c.clone()}</li> })
                    .collect_view();
                Some(view! {
                    <div class="banner error" data-testid="returned">
                        <p><strong>"Báo cáo bị trả lại để sửa"</strong>{format!(" — {} ({})", d.by, date_time(d.at as f64))}</p>
                        {(!d.note.trim().is_empty()).then(|| view! { <p class="note">{d.note.clone()}</p> })}
                        <ul>{comments}</ul>
                        <p>"Sửa các mục trên rồi bấm «Nộp lại báo cáo»."</p>
                    </div>
                }
                .into_any())
            }
            (Some(ReportState::Approved), Some(d)) => Some(view! {
                <p class="banner ok" data-testid="approved">{format!("Đã duyệt — {} ({})", d.by, date_time(d.at as f64))}</p>
            }
            .into_any()),
            (Some(ReportState::EditedAfterApproval), Some(d)) => Some(view! {
                <p class="banner" data-testid="edited-after-approval">{format!("Đã duyệt ngày {} nhưng đã sửa sau khi duyệt: cần duyệt lại.", date_time(d.at as f64))}</p>
            }
            .into_any()),
            _ => None,
        };
        let history = review
            .map(|r| {
                r.decisions
                    .iter()
                    .rev()
                    .map(|d| view! { <li>{format!("{} — {}, {}", verdict_label(d), d.by, date_time(d.at as f64))}</li> })
                    .collect_view()
            });
        // What the unit changed since the last approval, field by field.
        let diffs = workspace
            .since_approval(id)
            .filter(|d| !d.is_empty())
            .map(|diffs| {
                view! {
                    <details class="since-approval" open=true data-testid="since-approval">
                        <summary>"Thay đổi so với bản đã duyệt"</summary>
                        {field_diffs(diffs, "Bản đã duyệt", "Hiện nay")}
                    </details>
                }
            });
        view! {
            {banner}
            {diffs}
            {history.map(|h| view! { <details class="decisions"><summary>"Các lần thẩm định"</summary><ul>{h}</ul></details> })}
        }
    };
    view! {
        <section class="review card" data-testid="review">
            {summary}
            {reviewer.then(reviewer_controls(id))}
        </section>
    }
}

/// The reviewer's controls under the summary. The field build has none: a reviewer it
/// serves is one whose own build could not be loaded yet (see `crate::builds`).
#[cfg(feature = "review")]
fn reviewer_controls(id: DocId) -> impl Fn() -> AnyView {
    move || view! { <crate::review::decision_form::ReviewControls id=id /> }.into_any()
}

#[cfg(not(feature = "review"))]
fn reviewer_controls(_id: DocId) -> impl Fn() -> AnyView {
    || view! { <p class="hint">"Các nút thẩm định cần tải thêm khi có mạng."</p> }.into_any()
}
