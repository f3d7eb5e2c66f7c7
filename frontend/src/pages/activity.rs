//! The activity report editor, walked from the plan's outline (Phụ lục 3): every section
//! with its counts, narratives, short texts, grids and repeating tables.

use crate::components::decision_notice::ReviewComment;
use crate::components::field_history::FieldHistory;
use crate::workspace::{Edit, Workspace};
use leptos::prelude::*;
use shared::count::parse_count;
use shared::ids::DocId;
use shared::plan::{Column, ColumnKind, FieldKind, OutlineField};
use shared::report::activity::{self, ActivityReport};
use shared::report::shape::{MAX_LINE, MAX_NARRATIVE};

/// The report as stored now, read once per revision (another device's changes, a row
/// added or removed) and shared by every field of the page.
#[derive(Clone, Copy)]
struct Current(RwSignal<ActivityReport>);

#[component]
pub fn ActivityEditor(id: DocId) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let report = RwSignal::new(workspace.activity(id).unwrap_or_default());
    Effect::new(move |_| {
        report.set(workspace.activity(id).unwrap_or_default());
    });
    provide_context(Current(report));
    // The reviewer's build, on a consolidating level's own report: its units' answers.
    #[cfg(feature = "review")]
    crate::review::answers::provide(id);
    let level = id.unit.level();
    let sections = activity::outline()
        .iter()
        .map(|section| {
            let heading = if section.is_signature() {
                section.title.clone()
            } else {
                format!("{}. {}", section.number, section.title)
            };
            let fields = section
                .fields
                .iter()
                .map(|f| view! { <Field id=id field=f /> })
                .collect_view();
            // What the plan asks this section to cover, for this unit's level.
            let prompts: Vec<_> = section
                .prompts
                .iter()
                .filter(|p| p.is_for(level))
                .map(|p| view! { <li>{p.text.clone()}</li> })
                .collect();
            let prompts = (!prompts.is_empty()).then(|| {
                view! { <details class="prompts"><summary>"Nội dung cần nêu"</summary><ul>{prompts}</ul></details> }
            });
            view! {
                <section class="outline-section" id=format!("muc-{}", section.number)>
                    <h2>{heading}</h2>
                    {prompts}
                    {fields}
                </section>
            }
        })
        .collect_view();
    view! {
        <Contents id=id />
        <form class="fields" on:submit=|ev| ev.prevent_default()>{sections}</form>
    }
}

/// The sections one tap away, each with where it stands: errors, filled, or not yet.
#[component]
fn Contents(id: DocId) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let report = expect_context::<Current>().0;
    let issues = Memo::new(move |_| {
        report.track();
        workspace
            .read(id, |doc| {
                shared::report::issues(&id, doc).unwrap_or_default()
            })
            .unwrap_or_default()
    });
    let items = activity::outline()
        .iter()
        .map(|section| {
            let number = section.number.clone();
            let label = match section.is_signature() {
                true => section.title.clone(),
                false => format!("{}. {}", section.number, section.title),
            };
            let state = move || {
                let errors = issues.with(|all| {
                    all.iter().any(|i| {
                        i.severity == shared::validation::Severity::Error
                            && section.fields.iter().any(|f| f.key == i.field)
                    })
                });
                let filled = report.with(|r| section.fields.iter().filter(|f| r.is_filled(&f.key)).count());
                match (errors, filled) {
                    // A heading over its subsections has nothing of its own to fill.
                    _ if section.fields.is_empty() => ("heading", ""),
                    (true, _) => ("errors", "còn lỗi"),
                    (false, 0) => ("empty", "chưa điền"),
                    (false, n) if n < section.fields.len() => ("part", "đang điền"),
                    _ => ("done", "đã điền"),
                }
            };
            view! {
                <li data-state=move || state().0>
                    <button type="button" class="link" on:click=move |_| crate::components::jump::to(&number)>{label}</button>
                    <span class="toc-state">{move || state().1}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="toc card" data-testid="contents">
            <summary>"Mục lục báo cáo"</summary>
            <ol>{items}</ol>
        </details>
    }
}

#[component]
fn Field(id: DocId, field: &'static OutlineField) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let report = expect_context::<Current>().0;
    let error = RwSignal::new(None::<String>);
    let key = field.key.as_str();
    let input_id = format!("field-{key}");
    let control = match field.kind {
        FieldKind::Count => view! {
            <input id=input_id.clone() name=key inputmode="numeric" autocomplete="off"
                prop:value=move || report.with(|r| r.count(key).map(|n| n.to_string()).unwrap_or_default())
                on:input=move |ev| match parse_count(&event_target_value(&ev)) {
                    Ok(value) => workspace.write(id, Edit::Value, error, |doc| activity::set_count(doc, key, value)),
                    Err(e) => error.set(Some(e.to_string())),
                }
            />
        }
        .into_any(),
        FieldKind::Narrative => view! {
            <textarea id=input_id.clone() name=key rows="4" maxlength=MAX_NARRATIVE
                prop:value=move || report.with(|r| r.narrative(key).to_string())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    workspace.write(id, Edit::Value, error, |doc| activity::set_narrative(doc, key, &text));
                }
            ></textarea>
        }
        .into_any(),
        FieldKind::Text => view! {
            <input id=input_id.clone() name=key autocomplete="name" maxlength=MAX_LINE
                prop:value=move || report.with(|r| r.text(key).to_string())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    workspace.write(id, Edit::Value, error, |doc| activity::set_text(doc, key, &text));
                }
            />
        }
        .into_any(),
        FieldKind::Grid => view! { <Grid id=id field=field error=error /> }.into_any(),
        FieldKind::Table => view! { <Table id=id field=field error=error /> }.into_any(),
    };
    let required = field.required.then_some(" *");
    let history_path = match field.kind {
        FieldKind::Count => Some("counts"),
        FieldKind::Narrative => Some("narratives"),
        FieldKind::Text => Some("texts"),
        FieldKind::Grid | FieldKind::Table => None,
    }
    .map(|map| vec![map.to_string(), key.to_string()]);
    view! {
        <div class="field">
            <label for=input_id>{field.label.clone()}{required}</label>
            {control}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {units_answers(field)}
            <ReviewComment id=id key=key.to_string() />
            {history_path.map(|path| view! { <FieldHistory id=id fields=vec![(String::new(), path)] /> })}
        </div>
    }
}

/// What the units under a consolidating level answered (the reviewer's build only).
#[cfg(feature = "review")]
fn units_answers(field: &'static OutlineField) -> impl IntoView {
    view! { <crate::review::answers::UnitsAnswers field=field /> }
}

#[cfg(not(feature = "review"))]
fn units_answers(_: &'static OutlineField) {}

/// Fixed rows × count columns, e.g. the organisation table (3 levels × 5 columns).
#[component]
fn Grid(id: DocId, field: &'static OutlineField, error: RwSignal<Option<String>>) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let report = expect_context::<Current>().0;
    let key = field.key.as_str();
    // A level's row ("Cấp xã") only for the units of that level.
    let level = id.unit.level();
    let rows = field
        .rows
        .iter()
        .filter(|row| row.entered_at(level))
        .map(|row| {
            let cells = field
                .columns
                .iter()
                .map(|column| {
                    let (r, c) = (row.key.as_str(), column.key.as_str());
                    view! {
                        <label class="cell">
                            <span>{column.label.clone()}</span>
                            <input name=format!("{key}-{r}-{c}") inputmode="numeric" autocomplete="off"
                                prop:value=move || report.with(|rep| rep.grid(key, r, c).map(|n| n.to_string()).unwrap_or_default())
                                on:input=move |ev| match parse_count(&event_target_value(&ev)) {
                                    Ok(value) => workspace.write(id, Edit::Value, error, |doc| activity::set_grid(doc, key, r, c, value)),
                                    Err(e) => error.set(Some(e.to_string())),
                                }
                            />
                        </label>
                    }
                })
                .collect_view();
            let history = field
                .columns
                .iter()
                .map(|c| {
                    let path = ["grids", key, row.key.as_str(), c.key.as_str()];
                    (c.label.clone(), path.map(String::from).to_vec())
                })
                .collect();
            view! {
                <fieldset class="grid-row"><legend>{row.label_at(level).to_string()}</legend>{cells}
                    <FieldHistory id=id fields=history />
                </fieldset>
            }
        })
        .collect_view();
    view! { <div class="grid">{rows}</div> }
}

/// Repeating rows (documents issued), each under its own stable id.
#[component]
fn Table(
    id: DocId,
    field: &'static OutlineField,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let report = expect_context::<Current>().0;
    let key = field.key.as_str();
    // The row ids change only when a row is added or removed (here or on another phone);
    // the memo keeps typing in a cell from rebuilding the rows, so focus stays put.
    let row_ids = Memo::new(move |_| -> Vec<String> {
        report.with(|r| {
            r.rows(key)
                .into_iter()
                .map(|(row_id, _)| row_id.clone())
                .collect()
        })
    });
    let add = move |_| {
        let now = js_sys::Date::now() as i64;
        let row_id = automerge::ActorId::random().to_hex_string()[..12].to_string();
        // A new row is a change of shape: the table draws it.
        workspace.write(id, Edit::Shape, error, |doc| {
            activity::add_row(doc, key, &row_id, now)
        });
    };
    view! {
        <div class="table">
            {move || row_ids.get().into_iter().map(|row_id| view! {
                <TableRowView id=id field=field row_id=row_id error=error />
            }).collect_view()}
            <button type="button" class="secondary" on:click=add>"+ Thêm dòng"</button>
        </div>
    }
}

#[component]
fn TableRowView(
    id: DocId,
    field: &'static OutlineField,
    row_id: String,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let report = expect_context::<Current>().0;
    let key = field.key.as_str();
    let cells = field
        .columns
        .iter()
        .map(|column: &'static Column| {
            let row_id = row_id.clone();
            let read_id = row_id.clone();
            let c = column.key.as_str();
            let placeholder = (column.kind == Some(ColumnKind::Date)).then_some("dd/mm/yyyy");
            view! {
                <label class="cell">
                    <span>{column.label.clone()}</span>
                    <input name=format!("{key}-{c}") placeholder=placeholder maxlength=MAX_LINE
                        prop:value=move || report.with(|rep| {
                            rep.tables.get(key).and_then(|t| t.get(&read_id)).and_then(|r| r.cells.get(c).cloned()).unwrap_or_default()
                        })
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            if column.kind == Some(ColumnKind::Date) && !text.is_empty()
                                && shared::vocabulary::Date::parse_vn(&text).is_none()
                            {
                                error.set(Some("Ngày phải có dạng ngày/tháng/năm, ví dụ 05/06/2022.".to_string()));
                                return;
                            }
                            workspace.write(id, Edit::Value, error, |doc| activity::set_cell(doc, key, &row_id, c, &text));
                        }
                    />
                </label>
            }
        })
        .collect_view();
    let history = field
        .columns
        .iter()
        .map(|c| {
            let path = ["tables", key, row_id.as_str(), "cells", c.key.as_str()];
            (c.label.clone(), path.map(String::from).to_vec())
        })
        .collect();
    let remove = move |_| {
        workspace.write(id, Edit::Shape, error, |doc| {
            activity::remove_row(doc, key, &row_id)
        });
    };
    view! {
        <fieldset class="table-row">
            {cells}
            <FieldHistory id=id fields=history />
            <button type="button" class="link danger" on:click=remove>"Xoá dòng"</button>
        </fieldset>
    }
}
