//! Words of the plan that differ by the level of the unit reading them: the seed asks a
//! department and a locality for different things under the same heading (II.4.2), and
//! a district enters only the cases it handled itself where a commune enters its own.

use crate::vocabulary::UnitLevel;
use serde::{Deserialize, Serialize};

/// A text for the units of some levels (all levels when `levels` is empty).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelText {
    #[serde(default)]
    pub levels: Vec<UnitLevel>,
    pub text: String,
}

impl LevelText {
    /// Whether a unit at `level` reads this text (`None`: a reader of every level, such
    /// as a provincial reviewer).
    pub fn is_for(&self, level: Option<UnitLevel>) -> bool {
        self.levels.is_empty() || level.is_none_or(|l| self.levels.contains(&l))
    }
}

/// The first of `texts` for a unit at `level`.
pub fn for_level(texts: &[LevelText], level: Option<UnitLevel>) -> Option<&str> {
    texts
        .iter()
        .find(|t| !t.levels.is_empty() && level.is_some_and(|l| t.levels.contains(&l)))
        .or_else(|| texts.iter().find(|t| t.levels.is_empty()))
        .map(|t| t.text.as_str())
}
