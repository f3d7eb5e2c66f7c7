//! A reviewer's decision on a report: comments per field, a note for the unit, then
//! "Trả lại để sửa" or "Duyệt báo cáo", written as one change of the review document.
//! The controls open when it is the reviewer's level's turn on the report's version
//! (`shared::report::decision_order::awaiting`, with the levels on record asked of the
//! server): a commune's report goes to its district first, then to the province.

use crate::components::decision_notice::current;
use crate::components::field_diffs::field_diffs;
use crate::review::live_fetch::fetch_on_change;
use crate::review::reviewer_api as api;
use crate::workspace::Workspace;
use leptos::prelude::*;
use shared::ids::DocId;
use shared::report::decision_order::{ReviewLevel, awaiting};
use shared::report::review::{Decision, ReportState, Verdict, commentable_fields};
use std::collections::BTreeMap;

/// A reviewer's controls: collect comments per field and a note, then decide.
#[component]
pub fn ReviewControls(id: DocId) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
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
    // The level each decision on record was taken at, asked again when one is added.
    let token = workspace.token().unwrap_or_default();
    let (levels, _) = fetch_on_change(
        move || {
            workspace.review(id).map(|r| r.decisions.len());
        },
        move || {
            let token = token.clone();
            async move { api::decision_levels(&token, &id.to_string()).await }
        },
    );
    let mine = workspace.principal().and_then(|p| ReviewLevel::of(p.role));
    let first = ReviewLevel::first_for(id.unit.level());
    // Whose turn it is on the report's version as this desk holds it.
    let turn = move || {
        let (review, state) = current(id, workspace);
        let submitted = matches!(
            state,
            Some(ReportState::Submitted | ReportState::EditedAfterApproval | ReportState::Approved)
        );
        if !submitted {
            return None;
        }
        let review = review.unwrap_or_default();
        let levels = levels.get().unwrap_or_default();
        let earlier: Vec<_> = review
            .decisions
            .iter()
            .enumerate()
            // A decision the server has not recorded yet is this desk's own.
            .map(|(i, d)| (levels.get(i).copied().unwrap_or(mine), d))
            .collect();
        let heads: Vec<String> = workspace
            .with(|w| w.replicas.open(id).doc.get_heads())
            .unwrap_or_default()
            .iter()
            .map(|h| h.to_string())
            .collect();
        awaiting(first, &earlier, &heads)
    };
    let open = move || {
        let turn = turn();
        turn.is_some() && turn == mine
    };
    let waiting = move || match (turn(), mine) {
        (Some(ReviewLevel::District), Some(ReviewLevel::Province)) => Some(
            "Báo cáo của xã do cấp huyện thẩm định trước: cấp tỉnh quyết định sau khi huyện đã duyệt.",
        ),
        (Some(ReviewLevel::Province), Some(ReviewLevel::Province))
            if first == ReviewLevel::District =>
        {
            Some("Huyện đã duyệt phiên bản này; chờ cấp tỉnh quyết định.")
        }
        (Some(ReviewLevel::Province), Some(ReviewLevel::District)) => {
            Some("Huyện đã duyệt phiên bản này; cấp tỉnh sẽ quyết định tiếp.")
        }
        (None, _) => {
            Some("Báo cáo chưa nộp, đang chờ đơn vị sửa, hoặc đã có quyết định cho phiên bản này.")
        }
        _ => None,
    };
    let by = workspace.display_name().unwrap_or_default();
    let decide = move |verdict: Verdict| {
        let decision = Decision {
            verdict: verdict.as_str().to_string(),
            note: note.get_untracked(),
            comments: comments.get_untracked(),
            by: by.clone(),
            at: js_sys::Date::now() as i64,
            heads: Vec::new(),
        };
        match workspace.decide(id, decision) {
            Ok(()) => {
                error.set(None);
                comments.set(BTreeMap::new());
                note.set(String::new());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let decide_again = decide.clone();
    let options = fields
        .into_iter()
        .map(|(k, l)| view! { <option value=k>{l}</option> })
        .collect_view();
    // What the unit changed after the submission in force ("sửa sau khi nộp").
    let since_submission = move || {
        // Subscribes to the report's changes; the diff needs the document mutably.
        workspace.read(id, |_| ());
        let diffs = workspace
            .with(|w| {
                let doc = &mut w.replicas.open(id).doc;
                let version = shared::report::review::submitted_version(doc)?;
                shared::report::since_approval::changes_since(id.kind, doc, &[version]).ok()
            })
            .flatten()
            .filter(|d| !d.is_empty())?;
        Some(view! {
            <details class="since-submission" open=true data-testid="since-submission">
                <summary>"Sửa sau khi nộp: thay đổi so với bản đã nộp"</summary>
                {field_diffs(diffs, "Bản đã nộp", "Hiện nay")}
            </details>
        })
    };
    view! {
        <div class="review-controls">
            <h2>"Thẩm định"</h2>
            {since_submission}
            {move || waiting().map(|why| view! { <p class="hint" data-testid="review-turn">{why}</p> })}
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
