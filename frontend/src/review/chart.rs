//! A bar chart (SVG) of one objective of Phụ lục 2: for each of its rows with figures,
//! the 2021 result, the 2022 plan and the 2022 actual side by side, each value printed
//! at its bar's end. Rates are drawn on 0–100 %; other rows on their own largest value,
//! since their units differ (cơ quan, lần, ca sinh/1000).

use leptos::prelude::*;
use shared::plan::value::PlanValue;
use shared::wire::ConsolidatedRow;

const WIDTH: f64 = 640.0;
const LABEL: f64 = 220.0;
const BAR: f64 = 11.0;
const GROUP: f64 = 3.0 * BAR + 16.0;

fn number(printed: &str) -> Option<f64> {
    let d = PlanValue::parse(printed).ok()?.number()?;
    Some(d.units as f64 / 10f64.powi(d.scale as i32))
}

/// The first words of `text`, at most `room` characters, "…" when cut.
fn short(text: &str, room: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        if out.chars().count() + w.chars().count() > room {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `rows`: the objective's rows; those without any figure are left out.
#[component]
pub fn ObjectiveChart(title: String, rows: Vec<ConsolidatedRow>) -> impl IntoView {
    let drawn: Vec<(ConsolidatedRow, [Option<f64>; 3])> = rows
        .into_iter()
        .filter(|r| !r.heading)
        .map(|r| {
            let values = [
                number(&r.result_2021),
                number(&r.plan_2022),
                r.actual.as_deref().and_then(number),
            ];
            (r, values)
        })
        .filter(|(_, v)| v.iter().any(Option::is_some))
        .collect();
    if drawn.is_empty() {
        return None;
    }
    let height = drawn.len() as f64 * GROUP + 28.0;
    let span = WIDTH - LABEL - 60.0;
    let groups = drawn
        .into_iter()
        .enumerate()
        .map(|(i, (row, values))| {
            let top = 24.0 + i as f64 * GROUP;
            let most = values.iter().flatten().fold(0.0_f64, |a, b| a.max(*b));
            let scale = if row.unit.contains('%') { most.max(100.0) } else { most.max(1.0) };
            // A result stated in words has no bar; its first words stand in.
            let printed = [
                short(&row.result_2021, 14),
                short(&row.plan_2022, 14),
                row.actual.clone().unwrap_or_else(|| "chưa có".to_string()),
            ];
            let bars = values
                .iter()
                .zip(printed)
                .enumerate()
                .map(|(k, (v, text))| {
                    let y = top + k as f64 * BAR;
                    let w = v.map_or(0.0, |v| (v / scale * span).max(1.0));
                    view! {
                        <rect class=format!("bar bar-{k}") x=LABEL y=y width=format!("{w:.1}") height=BAR - 2.0 />
                        <text class="bar-value" x=format!("{:.1}", LABEL + w + 4.0) y=y + BAR - 3.0>{text}</text>
                    }
                })
                .collect_view();
            view! {
                <g data-row=row.id.clone()>
                    <text class="bar-label" x="2" y=top + BAR * 1.5 + 3.0>
                        <title>{row.text.clone()}</title>
                        {format!("{} {}", row.printed, short(&row.text, 26))}
                    </text>
                    {bars}
                </g>
            }
        })
        .collect_view();
    Some(view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            <svg role="img" viewBox=format!("0 0 {WIDTH} {height}") width="100%">
                <g class="legend">
                    <rect class="bar bar-0" x=LABEL y="4" width="10" height="10" />
                    <text x=LABEL + 14.0 y="13">"Kết quả 2021"</text>
                    <rect class="bar bar-1" x=LABEL + 110.0 y="4" width="10" height="10" />
                    <text x=LABEL + 124.0 y="13">"Kế hoạch 2022"</text>
                    <rect class="bar bar-2" x=LABEL + 230.0 y="4" width="10" height="10" />
                    <text x=LABEL + 244.0 y="13">"Thực hiện 2022"</text>
                </g>
                {groups}
            </svg>
        </figure>
    })
}
