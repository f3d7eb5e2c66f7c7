//! The review on a report page. The unit's officer sees the decision in force (returned
//! with a note, approved) and, through [`ReviewComment`], each comment beside the field it
//! is about; all of it arrives with a sync and stays readable offline. A reviewer of the
//! unit also gets the controls: comments per field, a note, "Trả lại để sửa" and "Duyệt".
//! Once a report was approved and changed again, both see what changed since, field by
//! field, read from the document's own history.

use crate::format::date_time;
use crate::sync_loop::SyncStatus;
use crate::workspace;
use leptos::prelude::*;
use shared::ids::DocId;
use shared::report::review::{Decision, ReportState, Review, Verdict, commentable_fields};
use std::collections::BTreeMap;

/// The review and the report's state, re-read when a sync or an edit changed them.
fn current(id: DocId, status: SyncStatus) -> (Option<Review>, Option<ReportState>) {
    status.revision.track();
    status.edits.track();
    (workspace::review(id), workspace::state(id).map(|s| s.state))
}

/// A reviewer's comment on one field, shown beside it while the report is returned.
#[component]
pub fn ReviewComment(id: DocId, key: String) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    move || {
        let (review, state) = current(id, status);
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
    let status = expect_context::<SyncStatus>();
    let reviewer = workspace::with(|w| workspace::principal(&w.session).can_write(&id.review()))
        .unwrap_or(false);
    let summary = move || {
        let (review, state) = current(id, status);
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
        let diffs = workspace::since_approval(id)
            .filter(|d| !d.is_empty())
            .map(|diffs| {
                let rows = diffs
                    .into_iter()
                    .map(|d| view! {
                        <tr>
                            <th scope="row">{d.label}</th>
                            <td class="before">{d.before.unwrap_or_else(|| "—".to_string())}</td>
                            <td class="after">{d.after.unwrap_or_else(|| "—".to_string())}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <details class="since-approval" open=true data-testid="since-approval">
                        <summary>"Thay đổi so với bản đã duyệt"</summary>
                        <table class="tallies">
                            <thead><tr><th>"Mục"</th><th>"Bản đã duyệt"</th><th>"Hiện nay"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
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
            {reviewer.then(|| view! { <ReviewControls id=id /> })}
        </section>
    }
}

/// A reviewer's controls: collect comments per field and a note, then decide.
#[component]
fn ReviewControls(id: DocId) -> impl IntoView {
    let status = expect_context::<SyncStatus>();
    let fields = commentable_fields(&id);
    let first = fields.first().map(|(k, _)| k.clone()).unwrap_or_default();
    let field = RwSignal::new(first);
    let text = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let comments = RwSignal::new(BTreeMap::<String, String>::new());
    let error = RwSignal::new(None::<String>);
    let labels = fields.clone();
    let label_of = move |key: &str| {
        labels
            .iter()
            .find(|(k, _)| k == key)
            .map_or(key.to_string(), |(_, l)| l.clone())
    };
    let open = move || {
        let (_, state) = current(id, status);
        matches!(
            state,
            Some(ReportState::Submitted | ReportState::EditedAfterApproval)
        )
    };
    let by = workspace::with(|w| w.session.profile.display_name.clone()).unwrap_or_default();
    let decide = move |verdict: Verdict| {
        let decision = Decision {
            verdict: verdict.as_str().to_string(),
            note: note.get_untracked(),
            comments: comments.get_untracked(),
            by: by.clone(),
            at: js_sys::Date::now() as i64,
            heads: Vec::new(),
        };
        match workspace::decide(id, decision) {
            Ok(()) => {
                error.set(None);
                comments.set(BTreeMap::new());
                note.set(String::new());
                status.edited();
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let decide_again = decide.clone();
    let options = fields
        .into_iter()
        .map(|(k, l)| view! { <option value=k>{l}</option> })
        .collect_view();
    view! {
        <div class="review-controls">
            <h2>"Thẩm định"</h2>
            {move || (!open()).then(|| view! { <p class="hint">"Báo cáo chưa nộp (hoặc đang chờ đơn vị sửa) nên chưa thể duyệt hay trả lại."</p> })}
            <label class="cell"><span>"Mục cần nhận xét"</span>
                <select name="comment-field" on:change=move |ev| field.set(event_target_value(&ev))>{options}</select>
            </label>
            <label class="cell"><span>"Nhận xét"</span>
                <input name="comment-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
            </label>
            <button type="button" class="secondary" on:click=move |_| {
                let value = text.get_untracked();
                if value.trim().is_empty() {
                    error.set(Some("Hãy nhập nhận xét trước khi thêm.".to_string()));
                    return;
                }
                comments.update(|c| { c.insert(field.get_untracked(), value); });
                text.set(String::new());
                error.set(None);
            }>"Thêm nhận xét"</button>
            <ul class="pending-comments">
                {move || comments.get().into_iter().map(|(k, c)| {
                    let key = k.clone();
                    view! { <li>{label_of(&k)}": "{c}" "
                        <button type="button" class="link" on:click=move |_| comments.update(|m| { m.remove(&key); })>"Bỏ"</button></li> }
                }).collect_view()}
            </ul>
            <label class="cell"><span>"Ý kiến chung gửi đơn vị"</span>
                <textarea name="review-note" rows="3" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </label>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" class="secondary" disabled=move || !open()
                    on:click=move |_| decide(Verdict::Returned)>"Trả lại để sửa"</button>
                <button type="button" disabled=move || !open()
                    on:click=move |_| decide_again(Verdict::Approved)>"Duyệt báo cáo"</button>
            </div>
        </div>
    }
}
