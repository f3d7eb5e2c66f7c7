//! A report's fields as they were and as they are, one row per changed field: what a
//! unit changed after an approval or a submission, and what the server refused. One
//! table for all three, so they read alike and the phone's build holds its code once.

use leptos::prelude::*;
use shared::report::since_approval::FieldDiff;

/// The table of `diffs`, its value columns headed `before` and `after`.
pub fn field_diffs(diffs: Vec<FieldDiff>, before: &'static str, after: &'static str) -> AnyView {
    let shown = |v: Option<String>| v.unwrap_or_else(|| "—".to_string());
    let rows = diffs
        .into_iter()
        .map(|d| {
            view! {
                <tr>
                    <th scope="row">{d.label}</th>
                    <td class="before">{shown(d.before)}</td>
                    <td class="after">{shown(d.after)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="tallies">
            <thead><tr><th>"Mục"</th><th>{before}</th><th>{after}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
