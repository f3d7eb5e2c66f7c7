//! What a reviewer's request asks for, read once for every reviewer endpoint (overview,
//! consolidated table, task progress, exports): the period, the district, and the area a
//! district officer is held to whatever it asks. Bad input is a 400 in Vietnamese.

use crate::error::ApiError;
use shared::access::{Principal, Role};
use shared::ids::{IdError, Period, UnitCode};
use shared::units::UnitLevel;

pub fn period(text: &str) -> Result<Period, ApiError> {
    text.parse()
        .map_err(|e: IdError| ApiError::BadRequest(e.to_string()))
}

/// The district asked for, if any (empty means none); another level's code is refused.
pub fn district(text: Option<&str>) -> Result<Option<UnitCode>, ApiError> {
    let asked: Option<UnitCode> = text
        .filter(|d| !d.is_empty())
        .map(str::parse)
        .transpose()
        .map_err(|e: IdError| ApiError::BadRequest(e.to_string()))?;
    if asked.is_some_and(|d| d.unit().level != UnitLevel::District) {
        return Err(ApiError::BadRequest("Mã huyện không hợp lệ.".to_string()));
    }
    Ok(asked)
}

/// The area a consolidation covers: a district officer its own district, whatever it
/// asks; a provincial reviewer the district asked for, or the whole province.
pub fn area(viewer: &Principal, asked: Option<&str>) -> Result<Option<UnitCode>, ApiError> {
    let asked = district(asked)?;
    Ok(match viewer.role {
        Role::DistrictOfficer => viewer.unit,
        _ => asked,
    })
}
