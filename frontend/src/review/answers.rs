//! Beside each field of a consolidating level's own report (the province's,
//! drafted by Sở LĐTBXH for Ban VSTBPN tỉnh, or a district's): what the units under it
//! answered to the same question. Each unit's text under its name, one tap from its
//! report; the sums the level's own figures are added to, with the rule in words (the
//! level enters only what it did itself, so nothing is counted twice). Approved reports
//! only, each at its approved version, as in the official file. On a district's
//! programme report, each Phụ lục 2 row shows the district's figure (its own and its
//! communes') and each unit's.

use crate::review::reviewer_api as api;
use crate::workspace::Workspace;
use leptos::prelude::*;
use shared::consolidation::{Grid, MergedActivity, MergedField};
use shared::ids::DocId;
use shared::plan::OutlineField;
use shared::vocabulary::{Period, ReportKind, UnitCode, UnitLevel};

/// The units' answers for the report being edited.
#[derive(Clone, Copy)]
struct Answers {
    data: RwSignal<Option<MergedActivity>>,
    period: Period,
    level: UnitLevel,
}

/// The signed-in reviewer's session token and the level, when `id` is their own report
/// at a consolidating level (the province's, or their district's), with the `district`
/// its area is asked for by (empty for the province).
fn own_consolidating(id: DocId) -> Option<(String, UnitLevel, String)> {
    let workspace = expect_context::<Workspace>();
    let (principal, token) = (workspace.principal()?, workspace.token()?);
    let level @ (UnitLevel::Province | UnitLevel::District) = id.unit.level()? else {
        return None;
    };
    if principal.own_unit() != Some(id.unit) || !principal.role.reviews() {
        return None;
    }
    let district = if level == UnitLevel::District {
        id.unit.to_string()
    } else {
        String::new()
    };
    Some((token, level, district))
}

/// When `id` is the signed-in user's own report at a consolidating level, fetches what
/// its units answered and gives it to the fields of the page. Every report page provides
/// the context, `None` when it has no answers: a context outlives the page that gave it
/// (it is the owner's, which the next page shares), and its signal does not.
pub fn provide(id: DocId) {
    let Some((token, level, district)) = own_consolidating(id) else {
        provide_context(None::<Answers>);
        return;
    };
    let data = RwSignal::new(None);
    let query = format!("period={}&district={district}", id.period);
    leptos::task::spawn_local(async move {
        if let Ok(merged) = api::activity_answers(&token, &query).await {
            let _ = data.try_set(Some(merged));
        }
    });
    provide_context(Some(Answers {
        data,
        period: id.period,
        level,
    }));
}

/// What the units answered to `field`, shown under it.
#[component]
pub fn UnitsAnswers(field: &'static OutlineField) -> impl IntoView {
    let answers = use_context::<Option<Answers>>().flatten();
    move || {
        let answers = answers?;
        answers.data.try_with(|data| {
            let merged = data.as_ref()?;
            Some(answer_view(
                answers,
                field,
                merged.field(&field.key)?,
                merged.units.len(),
            ))
        })?
    }
}

fn unit_link(unit: UnitCode, period: Period) -> impl IntoView {
    let id = DocId::new(ReportKind::Activity, unit, period);
    view! { <a href=format!("#/bao-cao/{id}")>{unit.name()}</a> }
}

fn answer_view(
    answers: Answers,
    field: &OutlineField,
    merged: &MergedField,
    units: usize,
) -> AnyView {
    let period = answers.period;
    let who = if answers.level == UnitLevel::Province {
        "tỉnh"
    } else {
        "huyện"
    };
    match merged {
        MergedField::PerUnit(texts) if texts.is_empty() => {
            view! { <p class="hint answers">{format!("Chưa có đơn vị nào viết mục này ({units} báo cáo đã duyệt).")}</p> }.into_any()
        }
        MergedField::PerUnit(texts) => {
            let items = texts
                .iter()
                .map(|(unit, text)| view! { <li>{unit_link(*unit, period)}": "{text.clone()}</li> })
                .collect_view();
            view! {
                <details class="answers">
                    <summary>{format!("Các đơn vị đã viết ({})", texts.len())}</summary>
                    <ul>{items}</ul>
                </details>
            }
            .into_any()
        }
        MergedField::Sum { total, units } => view! {
            <p class="hint answers">{format!(
                "Các đơn vị: {total} (từ {units} báo cáo đã duyệt). Chỉ nhập số do {who} trực tiếp thực hiện; khi tổng hợp, số này được cộng với số của các đơn vị."
            )}</p>
        }
        .into_any(),
        MergedField::Rows(rows) => {
            let items = rows
                .iter()
                .map(|(unit, cells)| {
                    let text = field
                        .columns
                        .iter()
                        .filter_map(|c| cells.get(&c.key).filter(|v| !v.is_empty()).cloned())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! { <li>{unit_link(*unit, period)}": "{text}</li> }
                })
                .collect_view();
            view! {
                <details class="answers">
                    <summary>{format!("Dòng của các đơn vị ({}), được gộp vào bảng khi tổng hợp", rows.len())}</summary>
                    <ul>{items}</ul>
                </details>
            }
            .into_any()
        }
        MergedField::Grid(grid) => grid_view(field, grid, None, who),
        MergedField::LevelGrids(levels) => levels
            .iter()
            .map(|(level, grid)| grid_view(field, grid, Some(*level), who))
            .collect_view()
            .into_any(),
    }
}

fn grid_view(field: &OutlineField, grid: &Grid, level: Option<UnitLevel>, who: &str) -> AnyView {
    let title = match level {
        Some(level) => format!("Các đơn vị — {}", level.tier()),
        None => "Các đơn vị".to_string(),
    };
    let head = field
        .columns
        .iter()
        .map(|c| view! { <th>{c.label.clone()}</th> })
        .collect_view();
    let rows = field
        .rows
        .iter()
        .filter(|r| grid.contains_key(&r.key))
        .map(|r| {
            let cells = field
                .columns
                .iter()
                .map(|c| {
                    let n = grid.get(&r.key).and_then(|row| row.get(&c.key));
                    view! { <td>{n.map(u64::to_string).unwrap_or_default()}</td> }
                })
                .collect_view();
            view! { <tr><th>{r.label_at(level).to_string()}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <details class="answers">
            <summary>{title}</summary>
            <table class="tallies"><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>
            <p class="hint">{format!("Chỉ nhập số của {who}; số của các đơn vị được cộng khi tổng hợp.")}</p>
        </details>
    }
    .into_any()
}

/// Phụ lục 2 for the area of the report being edited (approved reports only).
#[derive(Clone, Copy)]
struct AreaFigures {
    data: RwSignal<Option<shared::wire::ConsolidatedResponse>>,
    period: Period,
    level: UnitLevel,
}

/// When `id` is a consolidating level's own programme report, fetches Phụ lục 2 for its
/// area and gives each row the area's figure and its units'.
pub fn provide_programme(id: DocId) {
    let Some((token, level, district)) = own_consolidating(id) else {
        provide_context(None::<AreaFigures>);
        return;
    };
    let data = RwSignal::new(None);
    let query = format!("period={}&district={district}&approved=true", id.period);
    leptos::task::spawn_local(async move {
        if let Ok(table) = api::consolidated(&token, &query).await {
            let _ = data.try_set(Some(table));
        }
    });
    provide_context(Some(AreaFigures {
        data,
        period: id.period,
        level,
    }));
}

/// The area's figure for a Phụ lục 2 row and each unit's, under the row.
#[component]
pub fn AreaRow(row: &'static shared::plan::Indicator) -> impl IntoView {
    let figures = use_context::<Option<AreaFigures>>().flatten();
    move || {
        let figures = figures?;
        figures.data.try_with(|data| {
            let r = data.as_ref()?.rows.iter().find(|r| r.id == row.id)?;
            let area = if figures.level == UnitLevel::Province { "Toàn tỉnh" } else { "Toàn huyện" };
            let actual = r.actual.clone().unwrap_or_else(|| "chưa có".to_string());
            let parts = r
                .parts
                .iter()
                .map(|p| {
                    let value = p.value.clone().unwrap_or_else(|| "chưa báo cáo".to_string());
                    let link = UnitCode::try_from(p.code).ok().map(|unit| {
                        let id = DocId::new(ReportKind::ProgrammeResults, unit, figures.period);
                        view! { <a href=format!("#/bao-cao/{id}")>{p.name.clone()}</a> }
                    });
                    view! { <li>{link}": "{value}</li> }
                })
                .collect_view();
            Some(view! {
                <details class="answers">
                    <summary>{format!("{area} (báo cáo đã duyệt): {actual} — {}/{} đơn vị", r.reported, r.expected)}</summary>
                    <ul>{parts}</ul>
                </details>
            })
        })?
    }
}
