//! Task progress (Phụ lục 1): for each of the plan's tasks, what its lead agencies said
//! of it in their self-inspection reports. A lead named by agency is one unit; a lead
//! named as a group ("các sở, ngành", "UBND các huyện, thành, thị") is every unit of that
//! group whose self-inspection covers the task, tallied.

use crate::plan::{Task, plan};
use crate::report::inspection::{InspectionReport, TaskStatus, tasks_for};
use crate::units::units;
use crate::vocabulary::{UnitCode, UnitLevel};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one lead (an agency, or a group of units) reported on a task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadProgress {
    /// The agency's or the group's name.
    pub name: String,
    /// The units that report for this lead.
    pub units: u32,
    pub done: u32,
    pub in_progress: u32,
    pub not_started: u32,
    /// Units whose self-inspection has not arrived, or left the task's status empty.
    pub not_reported: u32,
}

/// One task with its leads' reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskProgress {
    pub number: String,
    /// The first bullet of the task's content.
    pub content: String,
    /// The lead column as printed.
    pub lead: String,
    pub timeline: String,
    pub leads: Vec<LeadProgress>,
}

impl TaskProgress {
    /// Done when every reporting unit of every lead says so, in progress when any unit
    /// has started, not started when units reported but none started; `None` when no
    /// unit has reported.
    pub fn status(&self) -> Option<TaskStatus> {
        let sum = |f: fn(&LeadProgress) -> u32| self.leads.iter().map(f).sum::<u32>();
        let units = sum(|l| l.units);
        if units > 0 && sum(|l| l.done) == units {
            Some(TaskStatus::Done)
        } else if sum(|l| l.done) + sum(|l| l.in_progress) > 0 {
            Some(TaskStatus::InProgress)
        } else if sum(|l| l.not_started) > 0 {
            Some(TaskStatus::NotStarted)
        } else {
            None
        }
    }

    /// The status as the page and the exports print it.
    pub fn label(&self) -> &'static str {
        self.status().map_or(NOT_REPORTED, TaskStatus::label)
    }
}

/// What a task or a unit without a self-inspection report shows.
pub const NOT_REPORTED: &str = "Chưa có báo cáo";

/// Whether `unit` reports for the lead `agency` of `task`.
fn reports_for(agency: &str, unit: UnitCode, task: &Task) -> bool {
    let level = unit.level();
    let named = plan()
        .agencies
        .iter()
        .any(|a| a.id == agency && a.unit_code == Some(unit));
    let grouped = match agency {
        "departments" => level == Some(UnitLevel::Department),
        "localities" | "mountain_districts" => level == Some(UnitLevel::District),
        _ => false,
    };
    (named || grouped) && tasks_for(unit).iter().any(|t| t.number == task.number)
}

/// The progress of every task from the self-inspections received (read at the versions
/// the caller chose), for the units `visible` keeps.
pub fn task_progress(
    reports: &BTreeMap<UnitCode, InspectionReport>,
    visible: impl Fn(UnitCode) -> bool,
) -> Vec<TaskProgress> {
    let plan = plan();
    let candidates: Vec<UnitCode> = units()
        .all()
        .iter()
        .filter(|u| matches!(u.level, UnitLevel::Department | UnitLevel::District))
        .map(|u| u.code)
        .filter(|u| visible(*u))
        .collect();
    plan.tasks
        .iter()
        .map(|task| {
            let leads = task
                .lead
                .ids
                .iter()
                .map(|agency| {
                    let mut lead = LeadProgress {
                        name: plan
                            .agency(agency)
                            .map_or_else(|| agency.clone(), |a| a.name.clone()),
                        ..LeadProgress::default()
                    };
                    for unit in candidates.iter().filter(|u| reports_for(agency, **u, task)) {
                        lead.units += 1;
                        match reports.get(unit).and_then(|r| r.status(&task.number)) {
                            Some(TaskStatus::Done) => lead.done += 1,
                            Some(TaskStatus::InProgress) => lead.in_progress += 1,
                            Some(TaskStatus::NotStarted) => lead.not_started += 1,
                            None => lead.not_reported += 1,
                        }
                    }
                    lead
                })
                .collect();
            TaskProgress {
                number: task.number.clone(),
                content: task.content.first().cloned().unwrap_or_default(),
                lead: task.lead.text.clone(),
                timeline: task.timeline.text.clone(),
                leads,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use crate::ids::DocId;
    use crate::report::inspection::set_status;

    #[test]
    fn a_named_lead_is_its_unit_and_a_group_is_tallied() {
        // Task 1.1 is led by Sở Thông tin và Truyền thông.
        let tttt = plan().agency("tttt").unwrap().unit_code.unwrap();
        let id: DocId = format!("inspection:{tttt}:2022").parse().unwrap();
        let mut doc = start(&id, automerge::ActorId::random());
        set_status(&mut doc, "1.1", Some(TaskStatus::Done)).unwrap();
        let mut reports = BTreeMap::new();
        reports.insert(id.unit, InspectionReport::read(&doc).unwrap());

        let progress = task_progress(&reports, |_| true);
        assert_eq!(progress.len(), plan().tasks.len());
        let first = &progress[0];
        assert_eq!(first.number, "1.1");
        assert_eq!(first.leads.len(), 1);
        assert_eq!((first.leads[0].units, first.leads[0].done), (1, 1));
        assert_eq!(first.label(), "Đã hoàn thành");
        assert_eq!(first.status(), Some(TaskStatus::Done));

        let grouped = progress
            .iter()
            .find(|t| t.leads.iter().any(|l| l.units > 1))
            .expect("a task led by a group of units");
        let lead = grouped.leads.iter().find(|l| l.units > 1).unwrap();
        assert_eq!(
            lead.not_reported, lead.units,
            "nobody in the group reported"
        );
        assert_eq!(grouped.label(), "Chưa có báo cáo");
        assert_eq!(grouped.status(), None);
    }
}
