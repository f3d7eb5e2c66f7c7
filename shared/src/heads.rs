//! A version of a document: its heads, the hashes of the changes nothing else depends
//! on. A decision names the version it judged, the projection stores the version a report
//! is at, exports read a report at a version. The order of the hashes carries no meaning,
//! so a [`Heads`] keeps them sorted and two equal versions always compare equal.

use automerge::ChangeHash;
use std::fmt;
use std::str::FromStr;

/// A document's heads, sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Heads(Vec<ChangeHash>);

/// Why a stored version did not read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Phiên bản báo cáo không hợp lệ: «{0}»")]
pub struct HeadsError(String);

impl Heads {
    /// The version made of `hashes`, in any order.
    pub fn new(hashes: impl IntoIterator<Item = ChangeHash>) -> Heads {
        let mut hashes: Vec<ChangeHash> = hashes.into_iter().collect();
        hashes.sort_unstable();
        hashes.dedup();
        Heads(hashes)
    }

    /// The document's current version.
    pub fn of(doc: &mut automerge::AutoCommit) -> Heads {
        Heads::new(doc.get_heads())
    }

    pub fn as_slice(&self) -> &[ChangeHash] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Hex hashes joined by commas, as the projection stores a version.
impl fmt::Display for Heads {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, hash) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{hash}")?;
        }
        Ok(())
    }
}

impl FromStr for Heads {
    type Err = HeadsError;
    fn from_str(s: &str) -> Result<Heads, HeadsError> {
        if s.is_empty() {
            return Ok(Heads::default());
        }
        s.split(',')
            .map(|hex| {
                ChangeHash::from_str(hex).map_err(|_| HeadsError(s.chars().take(80).collect()))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Heads::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_version_in_any_order_is_one_version() {
        let a = ChangeHash([1; 32]);
        let b = ChangeHash([2; 32]);
        assert_eq!(Heads::new([b, a]), Heads::new([a, b, a]));
        let text = Heads::new([b, a]).to_string();
        assert_eq!(text, format!("{a},{b}"));
        assert_eq!(text.parse::<Heads>().unwrap(), Heads::new([a, b]));
        assert_eq!("".parse::<Heads>().unwrap(), Heads::default());
        assert!("zz,01".parse::<Heads>().is_err());
    }
}
