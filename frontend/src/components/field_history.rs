//! "Lịch sử": who changed a field and when. The document itself says which changes gave the
//! field its values (works offline); the server, when reachable, says who uploaded each
//! change and when it arrived. Without it the phone shows "máy này" or "máy khác" and the
//! device's clock.

use crate::api;
use crate::format::date_time;
use crate::workspace::Workspace;
use leptos::prelude::*;
use shared::ids::DocId;
use shared::report::history::fields_history;

/// One line of a field's history.
#[derive(Clone)]
struct Line {
    when: String,
    who: String,
    value: String,
}

/// The fields one history covers: (label, path); the label is empty for a lone field and
/// names the cell for the cells of a grid row or a table row.
pub type Fields = Vec<(String, Vec<String>)>;

async fn lines(workspace: Workspace, id: DocId, fields: Fields) -> Vec<Line> {
    let paths: Vec<Vec<&str>> = fields
        .iter()
        .map(|(_, path)| path.iter().map(String::as_str).collect())
        .collect();
    let paths: Vec<&[&str]> = paths.iter().map(Vec::as_slice).collect();
    let Some((changes, me, token)) = workspace.with(|w| {
        let doc = &mut w.replicas.open(id).doc;
        (
            fields_history(doc, &paths),
            w.replicas.actor().to_hex_string(),
            w.login.token.clone(),
        )
    }) else {
        return Vec::new();
    };
    // A list, not a map: a field's history is short, and a map of records cost the
    // officer's download more than the search.
    let known = api::history(&token, &id.to_string())
        .await
        .unwrap_or_default();
    changes
        .into_iter()
        .rev()
        .map(|(index, change)| {
            let label = &fields[index].0;
            let value = if label.is_empty() {
                format!("«{}»", change.value)
            } else {
                format!("{label}: «{}»", change.value)
            };
            (change, value)
        })
        .map(
            |(change, value)| match known.iter().find(|r| r.hash == change.hash.to_string()) {
                Some(record) => Line {
                    when: format!("máy chủ nhận {}", date_time(record.received_at as f64)),
                    who: if record.device == shared::wire::HAND_IN_DEVICE {
                        format!("{} (nộp hộ qua tệp)", record.user)
                    } else {
                        record.user.clone()
                    },
                    value,
                },
                None => Line {
                    when: format!(
                        "{} (giờ trên máy, chưa gửi)",
                        date_time(change.device_time as f64 * 1000.0)
                    ),
                    who: if change.actor == me {
                        "máy này".to_string()
                    } else {
                        "máy khác".to_string()
                    },
                    value,
                },
            },
        )
        .collect()
}

#[component]
pub fn FieldHistory(id: DocId, fields: Fields) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let shown = RwSignal::new(None::<Vec<Line>>);
    let toggle = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
        if open {
            let fields = fields.clone();
            leptos::task::spawn_local(async move {
                shown.set(Some(lines(workspace, id, fields).await))
            });
        }
    };
    view! {
        <details class="history" on:toggle=toggle>
            <summary>"Lịch sử"</summary>
            {move || shown.get().map(|lines| {
                if lines.is_empty() {
                    return view! { <p class="hint">"Chưa có thay đổi."</p> }.into_any();
                }
                let items = lines
                    .into_iter()
                    .map(|l| view! { <li><span class="who">{l.who}</span>" · "{l.when}" · "{l.value}</li> })
                    .collect_view();
                view! { <ul>{items}</ul> }.into_any()
            })}
        </details>
    }
}
