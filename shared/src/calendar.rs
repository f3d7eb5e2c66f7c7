//! The reporting calendar of the 2022 plan (section III.3): which reports each kind of
//! unit files and the date each is due. Dates are civil dates without time zone: a report
//! is due "before" the date, so it is on time when the server receives it by the end of
//! the day before, Vietnam time.

use crate::ids::{DocId, Period, ReportKind, UnitCode};
use crate::units::UnitLevel;
use std::fmt;

/// A civil date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub const fn new(year: i32, month: u32, day: u32) -> Self {
        Date { year, month, day }
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
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

/// One report a unit owes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueReport {
    pub kind: ReportKind,
    pub period: Period,
    /// The report is due before this date.
    pub due: Date,
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

/// The 2022 calendar, in due-date order.
pub const CALENDAR_2022: [DueReport; 4] = [
    DueReport {
        kind: ReportKind::Activity,
        period: Period::FirstHalf(2022),
        due: Date::new(2022, 6, 5),
    },
    DueReport {
        kind: ReportKind::Activity,
        period: Period::Year(2022),
        due: Date::new(2022, 12, 5),
    },
    DueReport {
        kind: ReportKind::SelfInspection,
        period: Period::Year(2022),
        due: Date::new(2022, 12, 5),
    },
    DueReport {
        kind: ReportKind::ProgrammeResults,
        period: Period::Year(2022),
        due: Date::new(2022, 12, 25),
    },
];

/// The reports a unit at this level files in 2022. Every level's Ban VSTBPN files the
/// activity reports and the programme results; self-inspection is asked of departments
/// and districts ("các sở, ngành, địa phương"), not of communes.
pub fn reports_due(level: UnitLevel) -> impl Iterator<Item = &'static DueReport> {
    CALENDAR_2022
        .iter()
        .filter(move |r| !(r.kind == ReportKind::SelfInspection && level == UnitLevel::Commune))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_has_the_plans_dates() {
        let dates: Vec<String> = CALENDAR_2022.iter().map(|r| r.due.to_string()).collect();
        assert_eq!(
            dates,
            ["05/06/2022", "05/12/2022", "05/12/2022", "25/12/2022"]
        );
        assert_eq!(reports_due(UnitLevel::Commune).count(), 3);
        assert_eq!(reports_due(UnitLevel::District).count(), 4);
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
