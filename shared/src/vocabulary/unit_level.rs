//! The levels of the province's hierarchy, which decide what a unit reports and reviews.

/// Level of a territorial unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    Province,
    District,
    Commune,
    /// A provincial department or body (Sở, ban, ngành, đoàn thể) that files reports.
    Department,
}
