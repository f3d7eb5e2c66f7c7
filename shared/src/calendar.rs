//! The reporting calendar of the embedded plan: which reports each kind of unit files,
//! the date each is due, and the ids and titles of those reports.

use crate::ids::DocId;
use crate::plan::DueReport;
use crate::vocabulary::{Period, ReportKind, UnitCode, UnitLevel};

/// The calendar of the embedded plan, in due-date order.
pub fn calendar() -> &'static [DueReport] {
    &crate::plan::plan().calendar
}

/// The calendar entry of a report kind and period.
pub fn due_report(kind: ReportKind, period: Period) -> Option<&'static DueReport> {
    calendar()
        .iter()
        .find(|r| r.kind == kind && r.period == period)
}

impl DueReport {
    /// The id of this report for one unit.
    pub fn doc_id(&self, unit: UnitCode) -> DocId {
        DocId::new(self.kind, unit, self.period)
    }
}

/// A report document's title as officers know it, e.g. "Báo cáo hoạt động của Ban Vì sự
/// tiến bộ của phụ nữ 6 tháng đầu năm 2022".
pub fn title_of(id: &DocId) -> String {
    due_report(id.kind, id.period).map_or_else(|| id.kind.title().to_string(), DueReport::title)
}

/// The reports a unit at this level files.
pub fn reports_due(level: UnitLevel) -> impl Iterator<Item = &'static DueReport> {
    calendar()
        .iter()
        .filter(move |r| r.filed_by.contains(&level))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_has_the_plans_dates() {
        let rows: Vec<(&str, String, String)> = calendar()
            .iter()
            .map(|r| (r.kind.as_str(), r.period.to_string(), r.due.to_string()))
            .collect();
        let expected = [
            ("activity", "2022-H1", "05/06/2022"),
            ("activity", "2022", "05/12/2022"),
            ("inspection", "2022", "05/12/2022"),
            ("programme", "2022", "25/12/2022"),
        ];
        assert_eq!(rows.len(), expected.len());
        for (row, (kind, period, due)) in rows.iter().zip(expected) {
            assert_eq!((row.0, row.1.as_str(), row.2.as_str()), (kind, period, due));
        }
        let kinds = |level| reports_due(level).map(|r| r.kind).collect::<Vec<_>>();
        assert!(!kinds(UnitLevel::Commune).contains(&ReportKind::SelfInspection));
        assert_eq!(kinds(UnitLevel::District).len(), 4);
        assert_eq!(kinds(UnitLevel::Department).len(), 4);
        let programme = due_report(ReportKind::ProgrammeResults, Period::Year(2022)).unwrap();
        assert_eq!(programme.form, "Phụ lục 2");
    }

    #[test]
    fn on_time_means_received_before_the_due_day_starts_in_vietnam() {
        let h1 = due_report(ReportKind::Activity, Period::FirstHalf(2022)).unwrap();
        // 2022-06-04T16:59:59Z is 23:59:59 on 04/06 in Vietnam.
        let last_second = 1_654_361_999_000;
        assert!(h1.on_time(last_second));
        assert!(!h1.on_time(last_second + 1000));
    }
}
