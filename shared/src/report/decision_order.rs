//! The order of review levels. A district reviews its communes; the province reviews
//! every unit, and its decision stands over a district's: a district does not decide on
//! a version of a report the province has decided on, so it can neither lift the
//! province's return nor undo its approval. A decision's level is the role of whoever
//! brought it to the server (the provenance), never something the decision says of
//! itself; the server applies [`check`] to every new decision.

use super::review::Decision;
use crate::access::Role;

/// The level a decision is taken at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
}

/// Why a decision may not follow those already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OutOfOrder {
    #[error(
        "Cấp tỉnh đã quyết định về phiên bản này của báo cáo; cấp huyện không thay đổi được quyết định đó. Chờ đơn vị sửa và nộp lại."
    )]
    HigherLevelDecided,
}

/// Whether `new`, taken at `level`, may follow `earlier` (each with the level it was
/// taken at, in the review's order).
pub fn check(
    earlier: &[(Option<ReviewLevel>, &Decision)],
    level: ReviewLevel,
    new: &Decision,
) -> Result<(), OutOfOrder> {
    let version = |d: &Decision| {
        let mut heads = d.heads.clone();
        heads.sort();
        heads
    };
    let higher_on_same_version = earlier
        .iter()
        .any(|(by, d)| by.is_some_and(|by| by > level) && version(d) == version(new));
    if higher_on_same_version {
        return Err(OutOfOrder::HigherLevelDecided);
    }
    Ok(())
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
    fn a_district_cannot_lift_the_provinces_return_of_the_same_version() {
        let returned = decision(Verdict::Returned, &["aa"]);
        let earlier = [(Some(ReviewLevel::Province), &returned)];
        let approval = decision(Verdict::Approved, &["aa"]);
        assert_eq!(
            check(&earlier, ReviewLevel::District, &approval),
            Err(OutOfOrder::HigherLevelDecided)
        );
        // The province itself may change its mind, and a corrected version is new.
        assert!(check(&earlier, ReviewLevel::Province, &approval).is_ok());
        let corrected = decision(Verdict::Approved, &["bb"]);
        assert!(check(&earlier, ReviewLevel::District, &corrected).is_ok());
    }

    #[test]
    fn the_province_decides_over_the_district_and_heads_compare_as_a_set() {
        let district = decision(Verdict::Approved, &["bb", "aa"]);
        let earlier = [(Some(ReviewLevel::District), &district)];
        let returned = decision(Verdict::Returned, &["aa", "bb"]);
        assert!(check(&earlier, ReviewLevel::Province, &returned).is_ok());
        let province = [
            (Some(ReviewLevel::District), &district),
            (Some(ReviewLevel::Province), &returned),
        ];
        let again = decision(Verdict::Approved, &["bb", "aa"]);
        assert_eq!(
            check(&province, ReviewLevel::District, &again),
            Err(OutOfOrder::HigherLevelDecided)
        );
    }
}
