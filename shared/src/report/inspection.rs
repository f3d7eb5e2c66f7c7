//! The self-inspection report: for each task of Phụ lục 1 the unit leads or takes part
//! in, its status, results and evidence; and the free sections of the unit's own outline.
//!
//! ```text
//! tasks:    { "1.1": { status: "in_progress", results: Text, evidence: Text }, … }
//! sections: { general: Text, targets: Text, shortcomings: Text, proposals: Text }
//! ```

use super::{EditError, map_at, shown, update_text};
use crate::plan::{Task, plan};
use crate::vocabulary::{UnitCode, UnitLevel};
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ScalarValue};
use autosurgeon::{Hydrate, Reconcile, Text};
use std::collections::BTreeMap;

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 3] = [
        TaskStatus::NotStarted,
        TaskStatus::InProgress,
        TaskStatus::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Chưa triển khai",
            TaskStatus::InProgress => "Đang triển khai",
            TaskStatus::Done => "Đã hoàn thành",
        }
    }

    pub fn parse(s: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// The free sections, with their titles.
pub const SECTIONS: [(&str, &str); 4] = [
    ("general", "Công tác chỉ đạo, triển khai Kế hoạch"),
    ("targets", "Kết quả thực hiện các mục tiêu, chỉ tiêu"),
    ("shortcomings", "Tồn tại, hạn chế và nguyên nhân"),
    ("proposals", "Kiến nghị, đề xuất"),
];

/// One task's self-assessment.
///
/// A document type: a field added here is also read in `report/read.rs` and written in
/// the skeleton of `report/skeleton.rs` (the tests there compare both with autosurgeon's
/// `Hydrate` and `Reconcile` of this struct, and fail until the three agree).
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct TaskReport {
    pub status: Option<String>,
    pub results: Text,
    pub evidence: Text,
}

/// The document's root.
///
/// A document type: a field added here is also read in `report/read.rs` and written in
/// the skeleton of `report/skeleton.rs` (the tests there compare both with autosurgeon's
/// `Hydrate` and `Reconcile` of this struct, and fail until the three agree).
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct InspectionReport {
    pub tasks: BTreeMap<String, TaskReport>,
    pub sections: BTreeMap<String, Text>,
    /// Set when the officer submits (see `report::set_submitted`).
    pub submitted: bool,
}

/// The tasks a unit reports on: a department, those its agency leads or cooperates on
/// by name, and those led by "các sở, ngành"; a district, those that name the localities.
pub fn tasks_for(unit: UnitCode) -> Vec<&'static Task> {
    let plan = plan();
    let Some(level) = unit.level() else {
        return Vec::new();
    };
    let agency = plan.agencies.iter().find(|a| a.unit_code == Some(unit));
    plan.tasks
        .iter()
        .filter(|t| {
            let names = |id: &str| t.lead.ids.iter().chain(&t.cooperating.ids).any(|x| x == id);
            match level {
                UnitLevel::Department => {
                    agency.is_some_and(|a| names(&a.id))
                        || t.lead.ids.iter().any(|x| x == "departments")
                }
                UnitLevel::District => names("localities") || names("mountain_districts"),
                UnitLevel::Commune | UnitLevel::Province => false,
            }
        })
        .collect()
}

impl InspectionReport {
    /// The empty report of a unit: what the genesis writes.
    pub fn skeleton(unit: UnitCode) -> InspectionReport {
        InspectionReport {
            tasks: super::inserted(
                tasks_for(unit)
                    .into_iter()
                    .map(|t| (t.number.clone(), TaskReport::default())),
            ),
            sections: super::inserted(
                SECTIONS
                    .iter()
                    .map(|(key, _)| (key.to_string(), Text::default())),
            ),
            submitted: false,
        }
    }

    pub fn read(doc: &AutoCommit) -> Result<Self, autosurgeon::HydrateError> {
        super::read::inspection(doc)
    }

    /// A task's status, if set to a known one.
    pub fn status(&self, task: &str) -> Option<TaskStatus> {
        TaskStatus::parse(self.tasks.get(task)?.status.as_deref()?)
    }

    /// Every task needs a status before the report is submitted.
    pub fn issues(&self) -> Vec<crate::validation::Issue> {
        plan()
            .tasks
            .iter()
            .filter(|t| self.tasks.contains_key(&t.number) && self.status(&t.number).is_none())
            .map(|t| crate::validation::Issue {
                field: t.number.clone(),
                severity: crate::validation::Severity::Error,
                message: format!("Nhiệm vụ {} chưa đánh giá tình trạng thực hiện.", t.number),
            })
            .collect()
    }

    pub fn summary(&self) -> Vec<(String, String)> {
        let tasks = plan().tasks.iter().filter_map(|t| {
            let report = self.tasks.get(&t.number)?;
            let status = self
                .status(&t.number)
                .map_or("Chưa đánh giá", TaskStatus::label);
            Some((
                format!("Nhiệm vụ {}", t.number),
                format!("{status}. {}", shown(report.results.as_str())),
            ))
        });
        let sections = SECTIONS.iter().map(|(key, title)| {
            (
                title.to_string(),
                shown(self.sections.get(*key).map_or("", |t| t.as_str())),
            )
        });
        tasks.chain(sections).collect()
    }
}

fn task(doc: &AutoCommit, number: &str) -> Result<automerge::ObjId, EditError> {
    map_at(doc, &["tasks", number]).map_err(|_| EditError::UnknownField(number.to_string()))
}

pub fn set_status(
    doc: &mut AutoCommit,
    number: &str,
    status: Option<TaskStatus>,
) -> Result<(), EditError> {
    let task = task(doc, number)?;
    let value = status.map_or(ScalarValue::Null, |s| ScalarValue::Str(s.as_str().into()));
    doc.put(&task, "status", value)?;
    Ok(())
}

/// Sets a task's `results` or `evidence`.
pub fn set_task_text(
    doc: &mut AutoCommit,
    number: &str,
    field: &str,
    value: &str,
) -> Result<(), EditError> {
    if !matches!(field, "results" | "evidence") {
        return Err(EditError::UnknownField(field.to_string()));
    }
    let task = task(doc, number)?;
    update_text(doc, &task, field, value)
}

pub fn set_section(doc: &mut AutoCommit, key: &str, value: &str) -> Result<(), EditError> {
    if !SECTIONS.iter().any(|(k, _)| *k == key) {
        return Err(EditError::UnknownField(key.to_string()));
    }
    let sections = map_at(doc, &["sections"])?;
    update_text(doc, &sections, key, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;

    #[test]
    fn a_department_reports_on_its_own_tasks() {
        let y_te: UnitCode = "90006".parse().unwrap();
        let numbers: Vec<&str> = tasks_for(y_te).iter().map(|t| t.number.as_str()).collect();
        assert_eq!(
            numbers,
            [
                "1.10", "1.15", "2.1.4", "2.4.1", "2.4.2", "2.4.3", "2.4.4", "2.6.1", "4.2"
            ]
        );
        let district: UnitCode = "417".parse().unwrap();
        assert!(
            tasks_for(district).iter().any(|t| t.number == "1.13"),
            "mountain districts"
        );
        assert!(tasks_for("16816".parse().unwrap()).is_empty());

        let id = "inspection:90006:2022".parse().unwrap();
        let mut doc = start(&id, automerge::ActorId::random());
        set_status(&mut doc, "2.4.3", Some(TaskStatus::Done)).unwrap();
        set_task_text(&mut doc, "2.4.3", "results", "Kiểm tra 12 cơ sở siêu âm").unwrap();
        set_section(&mut doc, "general", "Đã ban hành kế hoạch").unwrap();
        assert!(
            set_status(&mut doc, "1.1", Some(TaskStatus::Done)).is_err(),
            "not its task"
        );
        assert!(set_task_text(&mut doc, "2.4.3", "status", "x").is_err());
        let report = InspectionReport::read(&doc).unwrap();
        assert_eq!(report.status("2.4.3"), Some(TaskStatus::Done));
        let summary = report.summary();
        assert!(summary.contains(&(
            "Nhiệm vụ 2.4.3".to_string(),
            "Đã hoàn thành. Kiểm tra 12 cơ sở siêu âm".to_string()
        )));
        assert!(summary.contains(&(
            "Công tác chỉ đạo, triển khai Kế hoạch".to_string(),
            "Đã ban hành kế hoạch".to_string()
        )));
    }
}
