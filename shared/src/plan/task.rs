//! Phụ lục 1: the 40 tasks, grouped (1, 2.1 … 2.6, 3, 4), each with its content bullets,
//! lead and cooperating agencies, and its timeline parsed from the printed wording.

use super::AgencyCell;
use crate::vocabulary::Date;
use serde::{Deserialize, Serialize};

/// A group heading of Phụ lục 1 ("1", "2", "2.1" …).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TaskGroup {
    pub number: String,
    pub title: String,
}

/// The tasks' content bullets, which the PWA's embedded plan leaves out
/// (`shared::plan::PLAN_POSTCARD`), as `GET /api/plan/task-texts` sends them and devices
/// keep them: a line per bullet, "number TAB bullet", in task order. Plain lines, so the
/// phone splits them with no decoder for a structured format. A line break or tab inside
/// a bullet becomes a space.
pub fn texts_as_lines(tasks: &[Task]) -> String {
    let mut out = String::new();
    for task in tasks {
        for bullet in &task.content {
            out.push_str(&task.number);
            out.push('\t');
            out.extend(
                bullet
                    .chars()
                    .map(|c| if c == '\t' || c == '\n' { ' ' } else { c }),
            );
            out.push('\n');
        }
    }
    out
}

/// The bullets of task `number` in lines written by [`texts_as_lines`].
pub fn bullets<'a>(lines: &'a str, number: &'a str) -> impl Iterator<Item = &'a str> {
    lines
        .lines()
        .filter_map(move |line| line.split_once('\t').filter(|(n, _)| *n == number))
        .map(|(_, bullet)| bullet)
}

/// When a task is carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TimelineKind {
    /// "Thường xuyên trong năm".
    AllYear,
    /// "Theo KH được phê duyệt" and its variants.
    PerApprovedPlan,
    /// "Theo Kế hoạch Kiểm tra được phê duyệt".
    PerInspectionPlan,
    /// "Tháng 6/2022".
    Month { month: u32, year: i32 },
    /// "Từ ngày 15/11-15/12/2022".
    DateRange { from: Date, to: Date },
}

/// A task's timeline: the parsed kind and the original wording.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Timeline {
    pub kind: TimelineKind,
    pub text: String,
}

impl Timeline {
    /// Reads the printed wording.
    pub fn parse(text: &str) -> Result<Timeline, String> {
        let lower = text.to_lowercase();
        let kind = if lower.starts_with("thường xuyên") {
            TimelineKind::AllYear
        } else if let Some(rest) = lower.strip_prefix("từ ngày") {
            parse_range(rest.trim()).ok_or_else(|| format!("bad date range «{text}»"))?
        } else if let Some(rest) = lower.strip_prefix("tháng") {
            let (month, year) = rest
                .trim()
                .split_once('/')
                .ok_or_else(|| format!("bad month «{text}»"))?;
            TimelineKind::Month {
                month: month
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad month «{text}»"))?,
                year: year
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad month «{text}»"))?,
            }
        } else if lower.starts_with("theo") && lower.contains("kiểm tra") {
            TimelineKind::PerInspectionPlan
        } else if lower.starts_with("theo") {
            TimelineKind::PerApprovedPlan
        } else {
            return Err(format!("unknown timeline «{text}»"));
        };
        Ok(Timeline {
            kind,
            text: text.to_string(),
        })
    }
}

/// "15/11-15/12/2022": the year is printed once, on the end date.
fn parse_range(text: &str) -> Option<TimelineKind> {
    let (from, to) = text.split_once('-')?;
    let to_parts: Vec<&str> = to.trim().split('/').collect();
    let from_parts: Vec<&str> = from.trim().split('/').collect();
    let [to_day, to_month, year] = to_parts[..] else {
        return None;
    };
    let year: i32 = year.parse().ok()?;
    let (from_day, from_month, from_year) = match from_parts[..] {
        [d, m] => (d, m, year),
        [d, m, y] => (d, m, y.parse().ok()?),
        _ => return None,
    };
    Some(TimelineKind::DateRange {
        from: Date::new(from_year, from_month.parse().ok()?, from_day.parse().ok()?),
        to: Date::new(year, to_month.parse().ok()?, to_day.parse().ok()?),
    })
}

/// A task of Phụ lục 1.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Task {
    /// "1.1" … "4.2".
    pub number: String,
    /// The group it belongs to: "1", "2.1" … "2.6", "3", "4".
    pub group: String,
    /// The content, one entry per printed bullet.
    pub content: Vec<String>,
    pub lead: AgencyCell,
    pub cooperating: AgencyCell,
    pub timeline: Timeline,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTask {
    pub number: String,
    pub group: String,
    content: Vec<String>,
    pub lead: AgencyCell,
    pub cooperating: AgencyCell,
    timeline: String,
}

impl RawTask {
    pub(super) fn into_task(self) -> Result<Task, String> {
        if self.content.is_empty() || self.lead.ids.is_empty() {
            return Err(format!(
                "task {} needs content and a lead agency",
                self.number
            ));
        }
        Ok(Task {
            timeline: Timeline::parse(&self.timeline)
                .map_err(|e| format!("task {}: {e}", self.number))?,
            number: self.number,
            group: self.group,
            content: self.content,
            lead: self.lead,
            cooperating: self.cooperating,
        })
    }
}
