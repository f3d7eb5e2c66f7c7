//! The reviewer's completeness and timeliness matrix: which units owe which reports of a
//! period, what each cell says (chưa nộp, nộp đúng hạn, nộp muộn, bị trả lại, đã duyệt,
//! sửa sau khi duyệt), and the counts and rates per district. The server fills it from its
//! projection; the rule of what a cell says lives here once.

use crate::access::Principal;
use crate::calendar::calendar;
use crate::ids::DocId;
use crate::plan::DueReport;
use crate::report::review::ReportState;
use crate::units::units;
use crate::vocabulary::{Period, UnitCode, UnitLevel};
use serde::{Deserialize, Serialize};

/// What one cell of the matrix says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellStatus {
    NotSubmitted,
    OnTime,
    Late,
    Returned,
    Approved,
    EditedAfterApproval,
}

impl CellStatus {
    pub const ALL: [CellStatus; 6] = [
        CellStatus::NotSubmitted,
        CellStatus::OnTime,
        CellStatus::Late,
        CellStatus::Returned,
        CellStatus::Approved,
        CellStatus::EditedAfterApproval,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CellStatus::NotSubmitted => "Chưa nộp",
            CellStatus::OnTime => "Nộp đúng hạn",
            CellStatus::Late => "Nộp muộn",
            CellStatus::Returned => "Bị trả lại",
            CellStatus::Approved => "Đã duyệt",
            CellStatus::EditedAfterApproval => "Sửa sau khi duyệt",
        }
    }

    /// The cell of a report in `state`, submitted on time or not (by the server's clock).
    pub fn of(state: ReportState, on_time: Option<bool>) -> CellStatus {
        match state {
            ReportState::NotStarted | ReportState::Drafting => CellStatus::NotSubmitted,
            ReportState::Returned => CellStatus::Returned,
            ReportState::Approved => CellStatus::Approved,
            ReportState::EditedAfterApproval => CellStatus::EditedAfterApproval,
            ReportState::Submitted if on_time == Some(false) => CellStatus::Late,
            ReportState::Submitted => CellStatus::OnTime,
        }
    }

    /// Whether the unit has handed the report in (whatever came of it after).
    pub fn submitted(self) -> bool {
        self != CellStatus::NotSubmitted
    }
}

/// The reports of `period` in the calendar, in calendar order.
pub fn reports_of(period: Period) -> Vec<&'static DueReport> {
    calendar().iter().filter(|r| r.period == period).collect()
}

/// The units `viewer` sees in the matrix of `period`, optionally one district's (the
/// district itself and its communes) and one level, in the unit list's order, each with
/// the reports it owes.
pub fn expected(
    viewer: &Principal,
    period: Period,
    district: Option<UnitCode>,
    level: Option<UnitLevel>,
) -> Vec<(UnitCode, Vec<DocId>)> {
    let reports = reports_of(period);
    units()
        .all()
        .iter()
        // The province's own reports are what it sends up, not what it receives.
        .filter(|u| u.level != UnitLevel::Province)
        .filter(|u| level.is_none_or(|l| u.level == l))
        .filter(|u| district.is_none_or(|d| u.code == d || u.parent == Some(d)))
        .filter_map(|u| {
            let owed: Vec<DocId> = reports
                .iter()
                .filter(|r| r.filed_by.contains(&u.level))
                .map(|r| r.doc_id(u.code))
                .filter(|id| viewer.can_read(id))
                .collect();
            (!owed.is_empty()).then_some((u.code, owed))
        })
        .collect()
}

/// Counts of one district (or of the departments, or the whole province).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub expected: u32,
    pub submitted: u32,
    pub on_time: u32,
    pub late: u32,
    pub returned: u32,
    pub approved: u32,
}

impl Tally {
    pub fn add(&mut self, status: CellStatus, on_time: Option<bool>) {
        self.expected += 1;
        if status.submitted() {
            self.submitted += 1;
            match on_time {
                Some(true) => self.on_time += 1,
                Some(false) => self.late += 1,
                None => {}
            }
        }
        match status {
            CellStatus::Returned => self.returned += 1,
            CellStatus::Approved => self.approved += 1,
            _ => {}
        }
    }

    /// Percent of expected reports handed in, with one decimal ("95,4 %").
    pub fn submitted_rate(&self) -> String {
        rate(self.submitted, self.expected)
    }

    /// Percent of handed-in reports that came on time.
    pub fn on_time_rate(&self) -> String {
        rate(self.on_time, self.submitted)
    }
}

fn rate(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "—".to_string();
    }
    let tenths = (u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole);
    format!("{},{} %", tenths / 10, tenths % 10)
}

pub use crate::rollup::{district_name, district_of};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;

    #[test]
    fn cells_say_what_became_of_each_report() {
        assert_eq!(
            CellStatus::of(ReportState::Drafting, None),
            CellStatus::NotSubmitted
        );
        assert_eq!(
            CellStatus::of(ReportState::Submitted, Some(true)),
            CellStatus::OnTime
        );
        assert_eq!(
            CellStatus::of(ReportState::Submitted, Some(false)),
            CellStatus::Late
        );
        assert_eq!(
            CellStatus::of(ReportState::Returned, Some(true)),
            CellStatus::Returned
        );
        assert_eq!(
            CellStatus::of(ReportState::EditedAfterApproval, None),
            CellStatus::EditedAfterApproval
        );
    }

    #[test]
    fn the_province_sees_every_unit_and_a_district_its_communes() {
        let reviewer = Principal {
            role: Role::ProvincialReviewer,
            unit: None,
        };
        let h1: Period = "2022-H1".parse().unwrap();
        let all = expected(&reviewer, h1, None, None);
        let communes = all
            .iter()
            .filter(|(u, _)| u.level() == Some(UnitLevel::Commune))
            .count();
        assert_eq!(communes, 460);
        let ky_son: UnitCode = "417".parse().unwrap();
        let district = Principal {
            role: Role::DistrictOfficer,
            unit: Some(ky_son),
        };
        let seen = expected(&district, h1, None, None);
        assert!(
            seen.iter()
                .all(|(u, _)| *u == ky_son || u.unit().unwrap().parent == Some(ky_son))
        );
        assert!(seen.len() > 10);
        let filtered = expected(&reviewer, h1, Some(ky_son), Some(UnitLevel::Commune));
        assert_eq!(
            filtered.len(),
            seen.len() - 1,
            "the district's communes, not the district"
        );
    }

    #[test]
    fn rates_have_a_decimal_comma() {
        let mut t = Tally::default();
        for i in 0..460 {
            let status = if i < 439 {
                CellStatus::OnTime
            } else {
                CellStatus::NotSubmitted
            };
            t.add(status, status.submitted().then_some(true));
        }
        assert_eq!(t.submitted_rate(), "95,4 %");
        assert_eq!(t.on_time_rate(), "100,0 %");
        assert_eq!(Tally::default().submitted_rate(), "—");
    }
}
