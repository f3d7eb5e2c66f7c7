//! Who may read and write which document. The server enforces this table on every sync
//! message; the PWA reads the same table to hide what the server would refuse.

use crate::ids::DocId;

use crate::vocabulary::{IdError, UnitCode, UnitLevel};
use std::fmt;
use std::str::FromStr;

/// A user's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Fills the reports of one commune.
    CommuneOfficer,
    /// Fills the district's reports and reads its communes'.
    DistrictOfficer,
    /// Fills the reports of one provincial department.
    DepartmentOfficer,
    /// Sở LĐTBXH staff: reads every report, writes reviews, and drafts the province's own
    /// reports for Ban VSTBPN tỉnh.
    ProvincialReviewer,
    /// Manages users and units; reads no report.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::CommuneOfficer,
        Role::DistrictOfficer,
        Role::DepartmentOfficer,
        Role::ProvincialReviewer,
        Role::Administrator,
    ];

    /// The role [`Role::as_str`] names.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::CommuneOfficer => "commune_officer",
            Role::DistrictOfficer => "district_officer",
            Role::DepartmentOfficer => "department_officer",
            Role::ProvincialReviewer => "provincial_reviewer",
            Role::Administrator => "administrator",
        }
    }

    /// Vietnamese name of the role.
    pub fn label(self) -> &'static str {
        match self {
            Role::CommuneOfficer => "Cán bộ cấp xã",
            Role::DistrictOfficer => "Cán bộ cấp huyện",
            Role::DepartmentOfficer => "Cán bộ sở, ngành",
            Role::ProvincialReviewer => "Chuyên viên thẩm định cấp tỉnh",
            Role::Administrator => "Quản trị hệ thống",
        }
    }

    /// Whether the role files reports for its own unit.
    pub fn files_reports(self) -> bool {
        matches!(
            self,
            Role::CommuneOfficer | Role::DistrictOfficer | Role::DepartmentOfficer
        )
    }

    /// Whether an account of this role may belong to `unit`: officers belong to a unit of
    /// their level, province-wide roles to none. The message is for the administrator.
    pub fn check_unit(self, unit: Option<UnitCode>) -> Result<(), String> {
        let level = match self {
            Role::CommuneOfficer => Some(UnitLevel::Commune),
            Role::DistrictOfficer => Some(UnitLevel::District),
            Role::DepartmentOfficer => Some(UnitLevel::Department),
            Role::ProvincialReviewer | Role::Administrator => None,
        };
        match (level, unit) {
            (None, None) => Ok(()),
            (None, Some(u)) => Err(format!(
                "Vai trò «{}» không gắn với đơn vị nào (bỏ mã {u}).",
                self.label()
            )),
            (Some(_), None) => Err(format!("Vai trò «{}» cần mã đơn vị.", self.label())),
            (Some(_), Some(u)) if u.unit().is_none() => {
                Err(IdError::Unit(u.to_string()).to_string())
            }
            (Some(level), Some(u)) if u.level() == Some(level) => Ok(()),
            (Some(_), Some(u)) => Err(format!(
                "Đơn vị {u} ({}) không hợp với vai trò «{}».",
                u.name(),
                self.label()
            )),
        }
    }

    /// Whether the role reviews other units' reports.
    pub fn reviews(self) -> bool {
        matches!(self, Role::ProvincialReviewer | Role::DistrictOfficer)
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("Vai trò không hợp lệ: «{s}»"))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The signed-in user as the rules see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    pub role: Role,
    /// The unit the user belongs to; none for province-wide roles.
    pub unit: Option<UnitCode>,
}

impl Principal {
    /// May this user read the document (receive it by sync, see it listed)? A review is
    /// read by whoever reads the report: the unit sees its reviewer's comments.
    pub fn can_read(&self, doc: &DocId) -> bool {
        match self.role {
            Role::ProvincialReviewer => true,
            Role::Administrator => false,
            Role::CommuneOfficer | Role::DepartmentOfficer => self.unit == Some(doc.unit),
            Role::DistrictOfficer => self.unit == Some(doc.unit) || self.oversees(doc.unit),
        }
    }

    /// May this user change the document? A report is written only by the reporting
    /// unit's own officers (the province's by Sở LĐTBXH's reviewers, who draft it for Ban
    /// VSTBPN tỉnh); its review only by those who review that unit: provincial
    /// reviewers for every unit, district officers for the communes of their district.
    pub fn can_write(&self, doc: &DocId) -> bool {
        if doc.is_review() {
            return self.can_review(doc.unit);
        }
        self.own_unit() == Some(doc.unit)
    }

    /// The unit whose reports this user files: an officer's own unit; for a provincial
    /// reviewer, the province (Ban VSTBPN tỉnh's reports, consolidated from every unit).
    pub fn own_unit(&self) -> Option<UnitCode> {
        match self.role {
            Role::CommuneOfficer | Role::DistrictOfficer | Role::DepartmentOfficer => self.unit,
            Role::ProvincialReviewer => Some(crate::units::units().province()),
            Role::Administrator => None,
        }
    }

    /// May this user hand the server a saved file's copy of this document (a file carried
    /// from a unit with no network)? Its own documents, like a sync; and the reports of
    /// the units it reviews, which only reach the server this way when the unit has had
    /// no signal for weeks.
    pub fn can_import(&self, doc: &DocId) -> bool {
        self.can_write(doc) || (!doc.is_review() && self.can_review(doc.unit))
    }

    /// May this user approve or return the reports of `unit`?
    pub fn can_review(&self, unit: UnitCode) -> bool {
        match self.role {
            Role::ProvincialReviewer => true,
            Role::DistrictOfficer => self.oversees(unit),
            _ => false,
        }
    }

    /// Whether `unit` is a commune of this district officer's district.
    fn oversees(&self, unit: UnitCode) -> bool {
        self.role == Role::DistrictOfficer
            && unit
                .unit()
                .is_some_and(|u| u.level == UnitLevel::Commune && u.parent == self.unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> DocId {
        s.parse().unwrap()
    }

    #[test]
    fn accounts_belong_to_a_unit_of_their_level() {
        let commune: UnitCode = "16816".parse().unwrap();
        let district: UnitCode = "417".parse().unwrap();
        assert!(Role::CommuneOfficer.check_unit(Some(commune)).is_ok());
        assert!(Role::CommuneOfficer.check_unit(Some(district)).is_err());
        assert!(Role::DistrictOfficer.check_unit(None).is_err());
        assert!(Role::ProvincialReviewer.check_unit(None).is_ok());
        assert!(Role::Administrator.check_unit(Some(commune)).is_err());
    }

    #[test]
    fn the_rule_table() {
        let my_ly: UnitCode = "16816".parse().unwrap();
        let ky_son: UnitCode = "417".parse().unwrap();
        let commune = Principal {
            role: Role::CommuneOfficer,
            unit: Some(my_ly),
        };
        let district = Principal {
            role: Role::DistrictOfficer,
            unit: Some(ky_son),
        };
        let reviewer = Principal {
            role: Role::ProvincialReviewer,
            unit: None,
        };
        let admin = Principal {
            role: Role::Administrator,
            unit: None,
        };
        let own = doc("activity:16816:2022-H1");
        let neighbour = doc("activity:16819:2022-H1");
        let other_district = doc("activity:16663:2022-H1");
        let district_doc = doc("activity:417:2022-H1");

        assert!(commune.can_read(&own) && commune.can_write(&own));
        assert!(!commune.can_read(&neighbour) && !commune.can_write(&neighbour));
        assert!(!commune.can_read(&district_doc));
        assert!(district.can_read(&own) && !district.can_write(&own));
        assert!(district.can_read(&district_doc) && district.can_write(&district_doc));
        assert!(!district.can_read(&other_district));
        assert!(reviewer.can_read(&own) && !reviewer.can_write(&own));
        // The province's own report: drafted by Sở LĐTBXH's reviewers, no one else.
        let province = doc("activity:40:2022");
        assert!(reviewer.can_write(&province) && reviewer.can_read(&province));
        assert!(!district.can_write(&province) && !district.can_read(&province));
        assert!(!commune.can_write(&province) && !admin.can_write(&province));
        assert!(!admin.can_read(&own) && !admin.can_write(&own));

        // Reviews: read with the report, written only by those who review the unit.
        let review = own.review();
        assert!(commune.can_read(&review) && !commune.can_write(&review));
        assert!(district.can_read(&review) && district.can_write(&review));
        assert!(
            !district.can_write(&district_doc.review()),
            "no one reviews themselves"
        );
        assert!(!district.can_read(&other_district.review()));
        assert!(!district.can_write(&other_district.review()));
        assert!(reviewer.can_read(&review) && reviewer.can_write(&review));
        assert!(reviewer.can_write(&district_doc.review()));
        assert!(!admin.can_read(&review) && !admin.can_write(&review));

        // Files carried from a unit: the reviewers of the unit hand in its reports.
        assert!(reviewer.can_import(&own) && district.can_import(&own));
        assert!(!district.can_import(&other_district));
        assert!(!commune.can_import(&neighbour) && !commune.can_import(&review));
        assert!(commune.can_import(&own) && !admin.can_import(&own));
    }
}
