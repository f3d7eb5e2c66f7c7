//! The id of a report's document ("parse, don't validate": a [`DocId`] names a unit of
//! the list, a report kind and a period). The id joins the three, so every device derives
//! the same id for the same report without asking the server.

use crate::units::units;
use crate::vocabulary::{IdError, Period, ReportKind, UnitCode};
use std::fmt;
use std::str::FromStr;

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
            unit: units().known(unit.parse()?)?.code,
            period: period.parse()?,
            part,
        })
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
        assert_eq!(id.unit.unit().map(|u| u.name.as_str()), Some("Xã Mỹ Lý"));
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
