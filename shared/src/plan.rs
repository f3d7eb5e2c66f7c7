//! The year's plan as data: agencies, Phụ lục 1 (tasks), Phụ lục 2 (indicators), Phụ lục 3
//! (the activity report's outline) and the reporting calendar. The 2022 plan is
//! `data/plan-2022.json`, embedded at build time and checked when first read; next year's
//! plan is a new file, not new code.
//!
//! A malformed file is a [`PlanError`] that names the line: the JSON parser's line for
//! syntax and shape errors, the line of the offending entry for a broken rule (an agency
//! id that does not exist, a parent row that is missing, a value that does not parse).

pub mod by_level;
mod due_report;
mod indicator;
mod outline;
mod task;
pub mod value;

pub use due_report::DueReport;
pub use indicator::{
    Answer, Direction, DirectionIssue, Indicator, IndicatorKind, Rollup, UnitKind,
};
pub use outline::{Column, ColumnKind, FieldKind, OutlineField, OutlineSection};
pub use task::{Task, TaskGroup, Timeline, TimelineKind, bullets, texts_as_lines};

use crate::vocabulary::{Date, IdError, Period, ReportKind, UnitCode, UnitLevel};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The text of the embedded 2022 plan file.
pub const PLAN_FILE: &str = include_str!("../data/plan-2022.json");

/// The same plan, parsed and checked, as postcard bytes: the PWA reads these instead of
/// the JSON, so the phone carries neither a JSON parser for the plan's entries nor the
/// checks that resolve them. Written from the JSON by `cargo run -p
/// shared --example plan_postcard`; a test fails while it is not the JSON file's.
///
/// It leaves out the texts of Phụ lục 1's tasks (each task's content bullets, a third of
/// the plan): only departments and districts read them, on their self-inspection page,
/// and their devices fetch them once after signing in ([`texts_as_lines`],
/// `GET /api/plan/task-texts`), so that a commune officer's first visit does not carry
/// them. On the PWA every task's `content` is empty. So are the texts no page of the PWA
/// shows (a task's lead and partners as printed, which the phone names by agency, and
/// the task groups' titles): the server's reports, which do show them, read the JSON.
pub const PLAN_POSTCARD: &[u8] = include_bytes!("../data/plan-2022.postcard");

/// A plan file that cannot be used, with the line to look at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("plan file, line {line}: {message}")]
pub struct PlanError {
    pub line: usize,
    pub message: String,
}

/// A body named in the plan: a department with a reporting unit, or a collective party
/// ("các địa phương", "các cơ quan thông tấn, báo chí") that reports through others.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Agency {
    pub id: String,
    pub name: String,
    pub short: String,
    /// The department's org-unit code (90001…, outside the statistics office's range),
    /// if it files reports itself.
    #[serde(default)]
    pub unit_code: Option<UnitCode>,
}

/// A free-text agency cell of the plan, with the agencies it names.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AgencyCell {
    /// As printed; empty where the seed's merged cell leaves it to the row above.
    pub text: String,
    pub ids: Vec<String>,
    /// The cell is empty in print and takes the row above's agencies.
    #[serde(default)]
    pub inherited: bool,
}

/// One objective (Mục tiêu) of Phụ lục 2.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Objective {
    pub number: u8,
    /// "I" … "VI".
    pub printed: String,
    pub title: String,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Plan {
    pub year: u16,
    pub document: String,
    pub title: String,
    pub agencies: Vec<Agency>,
    pub task_groups: Vec<TaskGroup>,
    pub tasks: Vec<Task>,
    pub objectives: Vec<Objective>,
    pub indicators: Vec<Indicator>,
    pub calendar: Vec<DueReport>,
    pub activity_outline: Vec<OutlineSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    year: u16,
    document: String,
    title: String,
    agencies: Vec<Agency>,
    task_groups: Vec<TaskGroup>,
    tasks: Vec<task::RawTask>,
    objectives: Vec<Objective>,
    indicators: Vec<indicator::RawIndicator>,
    calendar: Vec<RawDue>,
    activity_outline: Vec<OutlineSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDue {
    report: String,
    period: String,
    due: String,
    form: String,
    filed_by: Vec<UnitLevel>,
}

/// Finds the line of the first occurrence of `needle` in the file (1-based), for errors
/// about an entry.
pub(crate) fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map_or(1, |at| text[..at].lines().count().max(1))
}

fn read_json(text: &str) -> Result<RawPlan, PlanError> {
    serde_json::from_str(text).map_err(|e| PlanError {
        line: e.line(),
        message: e.to_string(),
    })
}

/// A plan file, checked, in its compact form: the [`Plan`] itself as postcard bytes.
pub fn to_postcard(text: &str) -> Result<Vec<u8>, PlanError> {
    let mut plan = Plan::parse(text)?;
    for task in &mut plan.tasks {
        task.content.clear();
        task.lead.text.clear();
        task.cooperating.text.clear();
    }
    for group in &mut plan.task_groups {
        group.title.clear();
    }
    postcard::to_allocvec(&plan).map_err(|e| PlanError {
        line: 1,
        message: e.to_string(),
    })
}

impl Plan {
    /// Parses and checks a plan file.
    pub fn parse(text: &str) -> Result<Plan, PlanError> {
        Plan::check(read_json(text)?, text)
    }

    /// Reads a compact form written by [`to_postcard`], as the PWA does. It holds a plan
    /// that passed the checks when it was written, so they do not run again on the phone.
    pub fn from_postcard(bytes: &[u8]) -> Result<Plan, PlanError> {
        // Postcard's own error texts stay out of the field build: the file was checked
        // when it was written, and a test reads it back.
        postcard::from_bytes(bytes).map_err(|_| PlanError {
            line: 1,
            message: "the compact plan does not decode".to_string(),
        })
    }

    /// Checks the entries read from `text` (for the line an error names) and resolves
    /// them into a plan.
    fn check(raw: RawPlan, text: &str) -> Result<Plan, PlanError> {
        let fail = |needle: &str, message: String| PlanError {
            line: line_of(text, needle),
            message,
        };

        let agency_ids: Vec<&str> = raw.agencies.iter().map(|a| a.id.as_str()).collect();
        let check_cell = |cell: &AgencyCell, needle: &str| -> Result<(), PlanError> {
            match cell
                .ids
                .iter()
                .find(|id| !agency_ids.contains(&id.as_str()))
            {
                Some(id) => Err(fail(needle, format!("unknown agency id «{id}»"))),
                None => Ok(()),
            }
        };
        let mut tasks = Vec::with_capacity(raw.tasks.len());
        for t in raw.tasks {
            let needle = format!("\"number\": \"{}\"", t.number);
            check_cell(&t.lead, &needle)?;
            check_cell(&t.cooperating, &needle)?;
            if !raw.task_groups.iter().any(|g| g.number == t.group) {
                return Err(fail(
                    &needle,
                    format!("task {} names a missing group {}", t.number, t.group),
                ));
            }
            tasks.push(t.into_task().map_err(|m| fail(&needle, m))?);
        }
        let mut indicators = Vec::with_capacity(raw.indicators.len());
        for i in raw.indicators {
            let needle = format!("\"id\": \"{}\"", i.id);
            check_cell(&i.lead, &needle)?;
            let indicator = i.into_indicator().map_err(|m| fail(&needle, m))?;
            if let Some(parent) = &indicator.parent
                && !indicators.iter().any(|p: &Indicator| &p.id == parent)
            {
                return Err(fail(
                    &needle,
                    format!("row {} names a missing parent {parent}", indicator.id),
                ));
            }
            if indicators.iter().any(|p: &Indicator| p.id == indicator.id) {
                return Err(fail(
                    &needle,
                    format!("row id {} appears twice", indicator.id),
                ));
            }
            indicators.push(indicator);
        }
        let mut calendar = Vec::with_capacity(raw.calendar.len());
        for due in raw.calendar {
            let needle = format!("\"due\": \"{}\"", due.due);
            let kind: ReportKind = due
                .report
                .parse()
                .map_err(|e: IdError| fail(&needle, e.to_string()))?;
            let period: Period = due
                .period
                .parse()
                .map_err(|e: IdError| fail(&needle, e.to_string()))?;
            let date = Date::parse_iso(&due.due)
                .ok_or_else(|| fail(&needle, format!("bad date {}", due.due)))?;
            calendar.push(DueReport {
                kind,
                period,
                due: date,
                form: due.form,
                filed_by: due.filed_by,
            });
        }
        calendar.sort_by_key(|d| d.due);
        Ok(Plan {
            year: raw.year,
            document: raw.document,
            title: raw.title,
            agencies: raw.agencies,
            task_groups: raw.task_groups,
            tasks,
            objectives: raw.objectives,
            indicators,
            calendar,
            activity_outline: raw.activity_outline,
        })
    }

    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// How a row is named where it stands outside its objective's section (a message, the
    /// reviewer's list): the objective's numeral and the row's number as the seed prints
    /// them, "III.2.1.1" for row 3.2a.1; the numeral alone where the seed prints none.
    /// The ids ("3.2a.1") are keys, never shown.
    pub fn reference(&self, indicator: &Indicator) -> String {
        let numeral = self
            .objectives
            .iter()
            .find(|o| o.number == indicator.objective)
            .map_or("", |o| o.printed.as_str());
        match indicator.printed.as_str() {
            "" => numeral.to_string(),
            printed => format!("{numeral}.{printed}"),
        }
    }

    /// The rows under a parent or heading row.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Indicator> {
        self.indicators
            .iter()
            .filter(move |i| i.parent.as_deref() == Some(id))
    }

    /// Whether a computed parent's printed 2021 result is the plain average of its
    /// children's, rounded as printed (the seed's 3.2a: 84,68 from 84,76 and 84,6). The
    /// system does not average: it rebuilds a parent from its children's numerators and
    /// denominators, so its figure for the same year would differ; the plan check says so.
    pub fn result_2021_is_children_mean(&self, parent: &Indicator) -> bool {
        let Some(printed) = parent.result_2021.number() else {
            return false;
        };
        let children: Vec<value::Decimal> = self
            .children(&parent.id)
            .filter_map(|c| c.result_2021.number())
            .collect();
        if children.is_empty() || children.len() != self.children(&parent.id).count() {
            return false;
        }
        let scale = children
            .iter()
            .map(|c| c.scale)
            .fold(printed.scale, u32::max);
        let n = children.len() as i128;
        let sum: i128 = children
            .iter()
            .map(|c| c.rescale(scale).units as i128)
            .sum();
        let off = (printed.rescale(scale).units as i128 * n - sum).abs();
        off * 2 <= n * 10i128.pow(scale - printed.scale)
    }

    /// Every row whose 2022 target moves against its stated direction, with why.
    pub fn direction_issues(&self) -> Vec<(&Indicator, DirectionIssue)> {
        self.indicators
            .iter()
            .filter_map(|i| i.direction_issue().map(|issue| (i, issue)))
            .collect()
    }

    /// The tasks an agency leads or cooperates on.
    pub fn tasks_of<'a>(&'a self, agency: &'a str) -> impl Iterator<Item = &'a Task> {
        self.tasks.iter().filter(move |t| {
            t.lead
                .ids
                .iter()
                .chain(&t.cooperating.ids)
                .any(|id| id == agency)
        })
    }
}

/// The embedded plan, parsed and checked once; the error names the line. The server
/// calls this at start-up so a broken file stops it there. The PWA reads the compact
/// form of the same file, checked when it was written ([`PLAN_POSTCARD`]).
pub fn try_plan() -> Result<&'static Plan, PlanError> {
    static PLAN: OnceLock<Result<Plan, PlanError>> = OnceLock::new();
    #[cfg(target_arch = "wasm32")]
    let read = || Plan::from_postcard(PLAN_POSTCARD);
    #[cfg(not(target_arch = "wasm32"))]
    let read = || Plan::parse(PLAN_FILE);
    PLAN.get_or_init(read).as_ref().map_err(Clone::clone)
}

/// The embedded plan (checked by [`try_plan`] at the server's start and by the tests).
pub fn plan() -> &'static Plan {
    try_plan().expect("the embedded plan file is valid")
}

#[cfg(test)]
mod tests;
