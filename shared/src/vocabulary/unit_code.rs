//! A unit's statistics-office code. This is the code's form only; whether a unit with
//! that code exists is for the unit list to say (`units::Units::known`), so that the
//! vocabulary loads nothing.

use super::IdError;
use std::fmt;
use std::str::FromStr;

/// A well-formed unit code: 1 to 6 digits, no leading zero (the statistics office's
/// codes, and 90001… for the plan's departments).
/// Travels as its number (the plan file's department codes).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct UnitCode(u32);

impl UnitCode {
    const MAX: u32 = 999_999;

    pub fn get(self) -> u32 {
        self.0
    }
}

impl FromStr for UnitCode {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let refuse = || IdError::Unit(s.chars().take(40).collect());
        if s.is_empty()
            || s.len() > 6
            || s.starts_with('0')
            || !s.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(refuse());
        }
        s.parse().map(UnitCode).map_err(|_| refuse())
    }
}

impl TryFrom<u32> for UnitCode {
    type Error = IdError;
    fn try_from(code: u32) -> Result<Self, IdError> {
        if (1..=Self::MAX).contains(&code) {
            Ok(UnitCode(code))
        } else {
            Err(IdError::Unit(code.to_string()))
        }
    }
}

impl From<UnitCode> for u32 {
    fn from(code: UnitCode) -> u32 {
        code.0
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_digits_without_a_leading_zero() {
        assert_eq!("16816".parse::<UnitCode>().map(UnitCode::get), Ok(16816));
        for bad in ["", "016816", "1234567", "12a", "-1", "+40"] {
            assert!(bad.parse::<UnitCode>().is_err(), "{bad}");
        }
        assert!(UnitCode::try_from(0).is_err());
        assert!(UnitCode::try_from(1_000_000).is_err());
    }
}
