//! What a reviewer's request covers, decided once for every reviewer's view (matrix,
//! Phụ lục 2 table, task progress, exports): the district asked for, and the area a
//! district officer is held to whatever it asks.

use super::DomainError;
use shared::access::{Principal, Role};
use shared::vocabulary::{IdError, UnitCode, UnitLevel};

/// The district asked for, if any (empty means none); another level's code is refused.
pub fn district(text: Option<&str>) -> Result<Option<UnitCode>, DomainError> {
    let asked: Option<UnitCode> = text
        .filter(|d| !d.is_empty())
        .map(str::parse)
        .transpose()
        .map_err(|e: IdError| DomainError::Invalid(e.to_string()))?;
    if asked.is_some_and(|d| d.level() != Some(UnitLevel::District)) {
        return Err(DomainError::Invalid("Mã huyện không hợp lệ.".to_string()));
    }
    Ok(asked)
}

/// The area a view covers: a district officer its own district (asking for another is
/// refused, not quietly narrowed); a provincial reviewer the district asked for, or the
/// whole province.
pub fn area(viewer: &Principal, asked: Option<&str>) -> Result<Option<UnitCode>, DomainError> {
    let asked = district(asked)?;
    match viewer.role {
        Role::DistrictOfficer if asked.is_some_and(|d| Some(d) != viewer.unit) => Err(
            DomainError::Forbidden("Cán bộ huyện chỉ xem được số liệu của huyện mình.".to_string()),
        ),
        Role::DistrictOfficer => Ok(viewer.unit),
        _ => Ok(asked),
    }
}

/// Refuses a viewer who does not review (`what` names the view, in Vietnamese).
pub fn reviewers_only(viewer: &Principal, refusal: &str) -> Result<(), DomainError> {
    if viewer.role.reviews() {
        Ok(())
    } else {
        Err(DomainError::Forbidden(refusal.to_string()))
    }
}

/// The level of units asked for, if any (empty means all).
pub fn level(text: Option<&str>) -> Result<Option<UnitLevel>, DomainError> {
    Ok(match text.filter(|l| !l.is_empty()) {
        None => None,
        Some("commune") => Some(UnitLevel::Commune),
        Some("district") => Some(UnitLevel::District),
        Some("department") => Some(UnitLevel::Department),
        Some(other) => {
            return Err(DomainError::Invalid(format!(
                "Cấp đơn vị không hợp lệ: «{}».",
                other.chars().take(40).collect::<String>()
            )));
        }
    })
}
