//! One report of the plan's calendar (section III.3): what is filed, for which period,
//! by which kinds of unit, and the day it is due. A report is due "before" the date.

use crate::vocabulary::{Date, Period, ReportKind, UnitLevel, VIETNAM_UTC_OFFSET_MS};

/// One report of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DueReport {
    pub kind: ReportKind,
    pub period: Period,
    /// The report is due before this date.
    pub due: Date,
    /// The form it follows: "Phụ lục 3", "Phụ lục 2", or the self-inspection outline.
    pub form: String,
    /// The kinds of unit that file it.
    pub filed_by: Vec<UnitLevel>,
}

impl DueReport {
    /// "Báo cáo hoạt động ... 6 tháng đầu năm 2022".
    pub fn title(&self) -> String {
        format!("{} {}", self.kind.title(), self.period.label())
    }

    /// The deadline as a time: the start of the due day in Vietnam ("trước ngày 05/6"),
    /// in ms since the epoch.
    pub fn deadline_ms(&self) -> i64 {
        self.due.days_since_epoch() * 86_400_000 - VIETNAM_UTC_OFFSET_MS
    }

    /// Whether a submission the server received at `received_ms` is on time.
    pub fn on_time(&self, received_ms: i64) -> bool {
        received_ms < self.deadline_ms()
    }
}
