//! The national programme results editor: the Phụ lục 2 rows the unit reports, each with
//! last year's result and this year's plan beside the inputs, numerator and denominator
//! for rates, a value for figures given as is, and a note. Checks show under each row.

use crate::components::decision_notice::ReviewComment;
use crate::components::field_history::FieldHistory;
use crate::workspace::{Edit, Workspace};
use leptos::prelude::*;
use shared::count::parse_count;
use shared::ids::DocId;
use shared::plan::value::Decimal;
use shared::plan::{Answer, Indicator, Rollup, UnitKind, plan};
use shared::report::programme::{self, ProgrammeReport, rows_for};
use shared::validation::{Severity, check_indicator};

/// The report as stored, re-read on every change (the rate lines follow each figure).
fn read(workspace: Workspace, id: DocId) -> ProgrammeReport {
    workspace
        .read(id, |doc| ProgrammeReport::read(doc).ok())
        .flatten()
        .unwrap_or_default()
}

#[component]
pub fn ProgrammeEditor(id: DocId) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    // The reviewer's build, on a district's own report: its area's figures, row by row.
    #[cfg(feature = "review")]
    crate::review::answers::provide_programme(id);
    let report = RwSignal::new(read(workspace, id));
    Effect::new(move |_| {
        report.set(read(workspace, id));
    });
    let objectives = objective_sections(id, move |row| {
        view! { <Row id=id row=row report=report /> }.into_any()
    });
    view! { <form class="fields" on:submit=|ev| ev.prevent_default()>{objectives}</form> }
}

/// The rows of `id`'s report under their objectives' headings, each drawn by `row`.
pub fn objective_sections(id: DocId, row: impl Fn(&'static Indicator) -> AnyView) -> impl IntoView {
    let rows: Vec<&'static Indicator> = rows_for(id.unit).collect();
    plan()
        .objectives
        .iter()
        .filter(|o| rows.iter().any(|r| r.objective == o.number))
        .map(|o| {
            let items = rows
                .iter()
                .filter(|r| r.objective == o.number)
                .map(|r| row(r))
                .collect_view();
            view! { <section class="outline-section"><h2>{format!("{}. {}", o.printed, o.title)}</h2>{items}</section> }
        })
        .collect_view()
}

/// The area's figure and its units' (the reviewer's build only).
#[cfg(feature = "review")]
fn area_row(row: &'static Indicator) -> impl IntoView {
    view! { <crate::review::answers::AreaRow row=row /> }
}

#[cfg(not(feature = "review"))]
fn area_row(_: &'static Indicator) {}

#[component]
fn Row(id: DocId, row: &'static Indicator, report: RwSignal<ProgrammeReport>) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let error = RwSignal::new(None::<String>);
    let key = row.id.as_str();
    let count_input = move |label: &'static str, name: String, numerator: bool| {
        view! {
            <label class="cell">
                <span>{label}</span>
                <input name=name inputmode="numeric" autocomplete="off"
                    prop:value=move || report.with(|r| {
                        let row = r.rows.get(key);
                        let n = if numerator { row.and_then(|r| r.numerator) } else { row.and_then(|r| r.denominator) };
                        n.map(|n| n.to_string()).unwrap_or_default()
                    })
                    on:input=move |ev| match parse_count(&event_target_value(&ev)) {
                        Ok(value) if numerator => workspace.write(id, Edit::Value, error, |doc| programme::set_numerator(doc, key, value)),
                        Ok(value) => workspace.write(id, Edit::Value, error, |doc| programme::set_denominator(doc, key, value)),
                        Err(e) => error.set(Some(format!("{e} Số này chưa được lưu."))),
                    }
                />
            </label>
        }
    };
    let inputs = match row.rollup {
        // "Does the unit have …": one answer, stored as 1 of 1 or 0 of 1 in one change.
        Rollup::Rate if row.answer == Answer::YesNo => view! {
            <label class="cell">
                <span>"Đơn vị mình"</span>
                <select name=format!("{key}-answer")
                    prop:value=move || report.with(|r| {
                        match r.rows.get(key).map(|r| (r.numerator, r.denominator)) {
                            Some((Some(1), Some(1))) => "1",
                            Some((Some(0), Some(1))) => "0",
                            _ => "",
                        }
                    })
                    on:change=move |ev| {
                        let answer = match event_target_value(&ev).as_str() {
                            "1" => Some(1),
                            "0" => Some(0),
                            _ => None,
                        };
                        workspace.write(id, Edit::Value, error, |doc| {
                            programme::set_numerator(doc, key, answer)?;
                            programme::set_denominator(doc, key, answer.map(|_| 1))
                        });
                    }
                >
                    <option value="">"Chưa trả lời"</option>
                    <option value="1">"Có"</option>
                    <option value="0">"Không"</option>
                </select>
            </label>
        }
        .into_any(),
        Rollup::Ratio => view! {
            {count_input("Số trẻ trai sinh ra sống", format!("{key}-numerator"), true)}
            {count_input("Số trẻ gái sinh ra sống", format!("{key}-denominator"), false)}
        }
        .into_any(),
        Rollup::Rate | Rollup::Sum => view! {
            {count_input("Số đạt (tử số)", format!("{key}-numerator"), true)}
            {(row.rollup == Rollup::Rate).then(|| count_input("Tổng số (mẫu số)", format!("{key}-denominator"), false))}
        }
        .into_any(),
        _ => view! {
            <label class="cell">
                <span>{format!("Giá trị ({})", row.unit)}</span>
                <input name=format!("{key}-value") inputmode="decimal" autocomplete="off"
                    prop:value=move || report.with(|r| r.rows.get(key).and_then(|r| r.value.clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        match text.trim() {
                            "" => workspace.write(id, Edit::Value, error, |doc| programme::set_value(doc, key, None)),
                            t => match Decimal::parse(t) {
                                Ok(v) => workspace.write(id, Edit::Value, error, |doc| programme::set_value(doc, key, Some(v))),
                                Err(e) => error.set(Some(format!("{e} Số này chưa được lưu."))),
                            },
                        }
                    }
                />
            </label>
        }
        .into_any(),
    };
    let computed = move || {
        report.with(|r| {
            // A yes-or-no answer is its own figure.
            if row.answer == Answer::YesNo {
                return None;
            }
            let row_data = r.rows.get(key)?;
            let (n, d) = (row_data.numerator?, row_data.denominator?);
            let multiplier = row.unit_kind.map_or(100, UnitKind::multiplier);
            let value = Decimal::ratio(n, d, multiplier, 2)?;
            Some(match row.unit_kind {
                Some(UnitKind::Ratio) => format!("= {value}/100"),
                Some(UnitKind::PerThousand) => format!("= {value} ‰"),
                _ => format!("= {value} %"),
            })
        })
    };
    // The figure's history: the numerator for rates and ratios, the value otherwise.
    let history_part = match row.rollup {
        Rollup::Rate | Rollup::Ratio | Rollup::Sum => "numerator",
        _ => "value",
    };
    let checks = move || {
        let input = report.with(|r| r.input(key));
        check_indicator(row, &input)
            .1
            .into_iter()
            .map(|i| {
                let class = if i.severity == Severity::Error {
                    "error"
                } else {
                    "warning"
                };
                view! { <p class=class>{i.message}</p> }
            })
            .collect_view()
    };
    view! {
        <div class="field indicator" data-row=key>
            <p class="indicator-text"><strong>{row.printed.clone()}</strong>" "{row.text.clone()}</p>
            <p class="hint">{format!("Đơn vị tính: {} · Kết quả 2021: {} · Kế hoạch 2022: {}", row.unit, row.result_2021, row.plan_2022)}</p>
            <p class="hint rule">{row.entry_rule(id.unit.level()).to_string()}</p>
            <div class="inputs">{inputs}<span class="computed">{move || error.get().is_none().then(computed)}</span></div>
            <label class="cell"><span>"Ghi chú"</span>
                <textarea name=format!("{key}-note") rows="2" maxlength=shared::report::shape::MAX_NOTE
                    prop:value=move || report.with(|r| r.rows.get(key).map(|r| r.note.as_str().to_string()).unwrap_or_default())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        workspace.write(id, Edit::Value, error, |doc| programme::set_note(doc, key, &text));
                    }
                ></textarea>
            </label>
            {checks}
            {area_row(row)}
            <ReviewComment id=id key=key.to_string() />
            <FieldHistory id=id fields=vec![(String::new(), vec!["rows".to_string(), key.to_string(), history_part.to_string()])] />
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
