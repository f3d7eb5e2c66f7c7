//! Identifiers parsed once at the edge: a value of these types is valid by construction
//! ("parse, don't validate"). The document id joins report kind, unit and period, so every
//! device derives the same id for the same report without asking the server.

use crate::units::{OrgUnit, units};
use std::fmt;
use std::str::FromStr;

/// Why an identifier was refused; the message is shown to users, so it is Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("Mã đơn vị không hợp lệ: «{0}»")]
    Unit(String),
    #[error("Kỳ báo cáo không hợp lệ: «{0}»")]
    Period(String),
    #[error("Loại báo cáo không hợp lệ: «{0}»")]
    Kind(String),
    #[error("Mã báo cáo không hợp lệ: «{0}»")]
    Doc(String),
}

/// A statistics-office code of a unit that exists in the embedded list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitCode(u32);

impl UnitCode {
    /// For the unit list itself, which is the authority on which codes exist.
    pub(crate) fn new_unchecked(code: u32) -> Self {
        UnitCode(code)
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// The unit this code names.
    pub fn unit(self) -> &'static OrgUnit {
        units().get(self.0).expect("a UnitCode always names a unit")
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
        let code: u32 = s.parse().map_err(|_| refuse())?;
        units().get(code).map(|u| u.code).ok_or_else(refuse)
    }
}

impl TryFrom<u32> for UnitCode {
    type Error = IdError;
    /// The code if it names a unit of the list (a profile's or a stored row's code).
    fn try_from(code: u32) -> Result<Self, IdError> {
        units()
            .get(code)
            .map(|u| u.code)
            .ok_or_else(|| IdError::Unit(code.to_string()))
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

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

/// The four reports of the plan's calendar (section III.3).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum ReportKind {
    /// Ban VSTBPN activity report, outline of Phụ lục 3.
    Activity,
    /// Results of the national gender-equality programme, indicators of Phụ lục 2.
    ProgrammeResults,
    /// Self-inspection on the plan's tasks and targets.
    SelfInspection,
}

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [
        ReportKind::Activity,
        ReportKind::ProgrammeResults,
        ReportKind::SelfInspection,
    ];

    /// The word used in document ids.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Activity => "activity",
            ReportKind::ProgrammeResults => "programme",
            ReportKind::SelfInspection => "inspection",
        }
    }

    /// Vietnamese title as officers know it.
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::Activity => "Báo cáo hoạt động của Ban Vì sự tiến bộ của phụ nữ",
            ReportKind::ProgrammeResults => {
                "Báo cáo kết quả thực hiện Chương trình quốc gia về bình đẳng giới"
            }
            ReportKind::SelfInspection => {
                "Báo cáo kết quả tự kiểm tra về công tác bình đẳng giới và VSTBPN"
            }
        }
    }
}

impl FromStr for ReportKind {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        ReportKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| IdError::Kind(s.chars().take(40).collect()))
    }
}

/// Which of a submission's two documents an id names: the report the unit writes, or
/// the review of it that only reviewers write (a separate document, so that the unit's
/// write right and the reviewers' never meet in one document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocPart {
    Report,
    Review,
}

/// The id of one document: `kind:unit:period` for a report, e.g.
/// `activity:16816:2022-H1`, and `review:kind:unit:period` for its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId {
    pub kind: ReportKind,
    pub unit: UnitCode,
    pub period: Period,
    pub part: DocPart,
}

impl DocId {
    /// The id of a report.
    pub fn new(kind: ReportKind, unit: UnitCode, period: Period) -> Self {
        DocId {
            kind,
            unit,
            period,
            part: DocPart::Report,
        }
    }

    /// The review of this report (or the review itself).
    pub fn review(self) -> Self {
        DocId {
            part: DocPart::Review,
            ..self
        }
    }

    /// The report this id names or reviews.
    pub fn report(self) -> Self {
        DocId {
            part: DocPart::Report,
            ..self
        }
    }

    pub fn is_review(self) -> bool {
        self.part == DocPart::Review
    }
}

impl FromStr for DocId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        let refuse = || IdError::Doc(s.chars().take(60).collect());
        if s.len() > 40 {
            return Err(refuse());
        }
        let (part, rest) = match s.strip_prefix("review:") {
            Some(rest) => (DocPart::Review, rest),
            None => (DocPart::Report, s),
        };
        let mut parts = rest.split(':');
        let (Some(kind), Some(unit), Some(period), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(refuse());
        };
        Ok(DocId {
            kind: kind.parse()?,
            unit: unit.parse()?,
            period: period.parse()?,
            part,
        })
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

/// A document id travels as its text (`activity:16816:2022-H1`), parsed on the way in.
impl serde::Serialize for DocId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for DocId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_review() {
            f.write_str("review:")?;
        }
        write!(f, "{}:{}:{}", self.kind.as_str(), self.unit, self.period)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ids_round_trip() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        assert_eq!(id.kind, ReportKind::Activity);
        assert_eq!(id.unit.unit().name, "Xã Mỹ Lý");
        assert_eq!(id.period, Period::FirstHalf(2022));
        assert_eq!(id.to_string(), "activity:16816:2022-H1");
        let year: DocId = "programme:417:2022".parse().unwrap();
        assert_eq!(year.to_string(), "programme:417:2022");
        let review: DocId = "review:activity:16816:2022-H1".parse().unwrap();
        assert_eq!(review, id.review());
        assert_eq!(review.report(), id);
        assert_eq!(review.to_string(), "review:activity:16816:2022-H1");
    }

    #[test]
    fn bad_ids_are_refused_with_a_vietnamese_message() {
        for bad in [
            "",
            "activity:16816",
            "activity:99999:2022",
            "activity:16816:2022-H3",
            "report:16816:2022",
            "activity:../../etc:2022",
            "activity:16816:2022:x",
            "activity:016816:2022",
            "review:review:activity:16816:2022",
            "review:16816:2022",
        ] {
            let err = bad.parse::<DocId>().unwrap_err();
            assert!(err.to_string().contains("không hợp lệ"), "{bad}: {err}");
        }
    }
}
