//! The reporting calendar (section III.3 of the plan, held in the plan file): which
//! reports each kind of unit files and the date each is due. Dates are civil dates
//! without time zone: a report is due "before" the date.

use crate::ids::{DocId, Period, ReportKind, UnitCode};
use crate::units::UnitLevel;
use std::fmt;

/// A civil date.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub const fn new(year: i32, month: u32, day: u32) -> Self {
        Date { year, month, day }
    }

    /// Reads "2022-06-05"; `None` for anything else or a day that does not exist.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        date.is_valid().then_some(date)
    }

    /// Reads "05/06/2022" as officers type dates; `None` if it is not a real day.
    pub fn parse_vn(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('/');
        let (Some(d), Some(m), Some(y), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let date = Date::new(
            y.trim().parse().ok()?,
            m.trim().parse().ok()?,
            d.trim().parse().ok()?,
        );
        date.is_valid().then_some(date)
    }

    fn is_valid(self) -> bool {
        let leap = self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0);
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&self.day) && (1900..=2200).contains(&self.year)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for counting days to a deadline.
    pub fn days_since_epoch(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (the inverse of [`Date::days_since_epoch`]).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

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
    pub fn doc_id(&self, unit: UnitCode) -> DocId {
        DocId::new(self.kind, unit, self.period)
    }

    /// "Báo cáo hoạt động ... 6 tháng đầu năm 2022".
    pub fn title(&self) -> String {
        format!("{} {}", self.kind.title(), self.period.label())
    }
}

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

/// Vietnam's offset from UTC, which decides when a day starts for deadlines.
pub const VIETNAM_UTC_OFFSET_MS: i64 = 7 * 3600 * 1000;

impl DueReport {
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
    fn days_since_epoch_round_trips() {
        for days in [-1, 0, 59, 60, 11_016, 19_331, 20_785, 51_000] {
            let d = Date::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
        assert_eq!(
            Date::from_days_since_epoch(19_331).to_string(),
            "05/12/2022"
        );
    }

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

    #[test]
    fn dates_parse_only_real_days() {
        assert_eq!(Date::parse_iso("2022-06-05"), Some(Date::new(2022, 6, 5)));
        assert_eq!(Date::parse_vn("05/06/2022"), Some(Date::new(2022, 6, 5)));
        assert_eq!(Date::parse_vn("29/02/2022"), None);
        assert_eq!(Date::parse_vn("29/02/2024"), Some(Date::new(2024, 2, 29)));
        assert_eq!(Date::parse_iso("2022-13-01"), None);
        assert_eq!(Date::parse_vn("5/6"), None);
    }

    #[test]
    fn days_count_across_months() {
        assert_eq!(Date::new(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(
            Date::new(2022, 6, 5).days_since_epoch() - Date::new(2022, 5, 31).days_since_epoch(),
            5
        );
    }
}
