//! The order of review levels. A district reviews its communes first: the province
//! decides on a commune's version only once its district approved that version (a
//! district's return sends it back to the commune). The province reviews every unit,
//! and its decision stands over a district's: a district does not decide on a version
//! the province has decided on, so it can neither lift the province's return nor undo
//! its approval. A decision's level is the role of whoever brought it to the server
//! (the provenance), never something the decision says of itself; the server applies
//! [`check`] to every new decision and the reviewer's page asks [`awaiting`] whose turn
//! it is.

use super::review::{Decision, Verdict};
use crate::access::Role;
use crate::vocabulary::UnitLevel;
use serde::{Deserialize, Serialize};

/// The level a decision is taken at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewLevel {
    District,
    Province,
}

impl ReviewLevel {
    /// The level a user with `role` decides at (none for roles that do not review).
    pub fn of(role: Role) -> Option<ReviewLevel> {
        match role {
            Role::DistrictOfficer => Some(ReviewLevel::District),
            Role::ProvincialReviewer => Some(ReviewLevel::Province),
            Role::CommuneOfficer | Role::DepartmentOfficer | Role::Administrator => None,
        }
    }

    /// The level that reviews a report of a unit at `unit` first: the district for its
    /// communes, the province for every other unit.
    pub fn first_for(unit: Option<UnitLevel>) -> ReviewLevel {
        match unit {
            Some(UnitLevel::Commune) => ReviewLevel::District,
            _ => ReviewLevel::Province,
        }
    }
}

/// Why a decision may not follow those already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OutOfOrder {
    #[error(
        "Cấp tỉnh đã quyết định về phiên bản này của báo cáo; cấp huyện không thay đổi được quyết định đó. Chờ đơn vị sửa và nộp lại."
    )]
    HigherLevelDecided,
    #[error(
        "Báo cáo của xã do cấp huyện thẩm định trước: cấp tỉnh chỉ quyết định trên phiên bản huyện đã duyệt."
    )]
    LowerLevelFirst,
}

/// A decision's version, as a set of heads.
fn version(d: &Decision) -> Vec<String> {
    let mut heads = d.heads.clone();
    heads.sort();
    heads
}

/// Whether `new`, taken at `level`, may follow `earlier` (each with the level it was
/// taken at, in the review's order) on a report whose unit `first` reviews first.
pub fn check(
    first: ReviewLevel,
    earlier: &[(Option<ReviewLevel>, &Decision)],
    level: ReviewLevel,
    new: &Decision,
) -> Result<(), OutOfOrder> {
    let on_version: Vec<_> = earlier
        .iter()
        .filter(|(_, d)| version(d) == version(new))
        .collect();
    if on_version
        .iter()
        .any(|(by, _)| by.is_some_and(|by| by > level))
    {
        return Err(OutOfOrder::HigherLevelDecided);
    }
    let below_approved = on_version.iter().any(|(by, d)| {
        by.is_some_and(|by| by >= first && by < level) && d.verdict() == Some(Verdict::Approved)
    });
    if level > first && !below_approved {
        return Err(OutOfOrder::LowerLevelFirst);
    }
    Ok(())
}

/// The level whose turn it is to decide on the submitted version `heads`: the first
/// level while no one decided on it, the next one up after an approval below the top,
/// none after a return (the unit corrects first) or the province's approval.
pub fn awaiting(
    first: ReviewLevel,
    earlier: &[(Option<ReviewLevel>, &Decision)],
    heads: &[String],
) -> Option<ReviewLevel> {
    let mut heads = heads.to_vec();
    heads.sort();
    let Some((by, last)) = earlier.iter().rev().find(|(_, d)| version(d) == heads) else {
        return Some(first);
    };
    match (last.verdict(), by) {
        (Some(Verdict::Approved), Some(ReviewLevel::District)) => Some(ReviewLevel::Province),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::review::Verdict;

    fn decision(verdict: Verdict, heads: &[&str]) -> Decision {
        Decision {
            verdict: verdict.as_str().to_string(),
            heads: heads.iter().map(|h| h.to_string()).collect(),
            ..Decision::default()
        }
    }

    #[test]
    fn a_commune_report_waits_for_its_districts_approval_before_the_province_decides() {
        let first = ReviewLevel::first_for(Some(UnitLevel::Commune));
        assert_eq!(first, ReviewLevel::District);
        let province = ReviewLevel::Province;
        let approval = decision(Verdict::Approved, &["aa"]);
        let returned = decision(Verdict::Returned, &["aa"]);
        assert_eq!(awaiting(first, &[], &["aa".to_string()]), Some(first));
        assert_eq!(
            check(first, &[], province, &approval),
            Err(OutOfOrder::LowerLevelFirst)
        );
        assert_eq!(
            check(first, &[], province, &returned),
            Err(OutOfOrder::LowerLevelFirst)
        );
        // A district's return sends the report back to the commune: still nothing for the province.
        let district_return = [(Some(ReviewLevel::District), &returned)];
        assert_eq!(awaiting(first, &district_return, &["aa".to_string()]), None);
        assert_eq!(
            check(first, &district_return, province, &approval),
            Err(OutOfOrder::LowerLevelFirst)
        );
        // Once the district approved that version, the province may approve or return it.
        let district_approval = [(Some(ReviewLevel::District), &approval)];
        assert_eq!(
            awaiting(first, &district_approval, &["aa".to_string()]),
            Some(province)
        );
        assert!(check(first, &district_approval, province, &approval).is_ok());
        assert!(check(first, &district_approval, province, &returned).is_ok());
        // An approval of an older version does not carry over to a corrected one.
        let corrected = decision(Verdict::Approved, &["bb"]);
        assert_eq!(
            check(first, &district_approval, province, &corrected),
            Err(OutOfOrder::LowerLevelFirst)
        );
        // A district's or a department's report goes to the province alone.
        assert_eq!(ReviewLevel::first_for(Some(UnitLevel::District)), province);
        assert!(check(province, &[], province, &approval).is_ok());
        let approved = [(Some(province), &approval)];
        assert_eq!(awaiting(province, &approved, &["aa".to_string()]), None);
    }

    #[test]
    fn a_district_cannot_lift_the_provinces_return_of_the_same_version() {
        let returned = decision(Verdict::Returned, &["aa"]);
        let approval = decision(Verdict::Approved, &["aa"]);
        let earlier = [
            (Some(ReviewLevel::District), &approval),
            (Some(ReviewLevel::Province), &returned),
        ];
        assert_eq!(
            check(
                ReviewLevel::District,
                &earlier,
                ReviewLevel::District,
                &approval
            ),
            Err(OutOfOrder::HigherLevelDecided)
        );
        // The province itself may change its mind, and a corrected version is new.
        assert!(
            check(
                ReviewLevel::District,
                &earlier,
                ReviewLevel::Province,
                &approval
            )
            .is_ok()
        );
        let corrected = decision(Verdict::Approved, &["bb"]);
        assert!(
            check(
                ReviewLevel::District,
                &earlier,
                ReviewLevel::District,
                &corrected
            )
            .is_ok()
        );
    }

    #[test]
    fn the_province_decides_over_the_district_and_heads_compare_as_a_set() {
        let district = decision(Verdict::Approved, &["bb", "aa"]);
        let earlier = [(Some(ReviewLevel::District), &district)];
        let returned = decision(Verdict::Returned, &["aa", "bb"]);
        assert!(
            check(
                ReviewLevel::District,
                &earlier,
                ReviewLevel::Province,
                &returned
            )
            .is_ok()
        );
        let province = [
            (Some(ReviewLevel::District), &district),
            (Some(ReviewLevel::Province), &returned),
        ];
        let again = decision(Verdict::Approved, &["bb", "aa"]);
        assert_eq!(
            check(
                ReviewLevel::District,
                &province,
                ReviewLevel::District,
                &again
            ),
            Err(OutOfOrder::HigherLevelDecided)
        );
    }
}
