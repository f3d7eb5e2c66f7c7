//! A reporting period, as the calendar, document ids and query strings name it.

use super::IdError;
use std::fmt;
use std::str::FromStr;

/// A reporting period: a half year ("2022-H1") or a whole year ("2022").
/// Travels as its text ("2022-H1"), in the plan file, query strings and JSON alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    FirstHalf(u16),
    Year(u16),
}

impl Period {
    /// Vietnamese label, e.g. "6 tháng đầu năm 2022".
    pub fn label(self) -> String {
        match self {
            Period::FirstHalf(y) => format!("6 tháng đầu năm {y}"),
            Period::Year(y) => format!("năm {y}"),
        }
    }
}

impl FromStr for Period {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let refuse = || IdError::Period(s.chars().take(40).collect());
        let (year, half) = match s.split_once('-') {
            Some((y, "H1")) => (y, true),
            Some(_) => return Err(refuse()),
            None => (s, false),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refuse());
        }
        let year: u16 = year.parse().map_err(|_| refuse())?;
        if !(2000..=2100).contains(&year) {
            return Err(refuse());
        }
        Ok(if half {
            Period::FirstHalf(year)
        } else {
            Period::Year(year)
        })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::FirstHalf(y) => write!(f, "{y}-H1"),
            Period::Year(y) => write!(f, "{y}"),
        }
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
