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

impl UnitLevel {
    /// The tier as reports print it: "Cấp xã".
    pub fn tier(self) -> &'static str {
        match self {
            UnitLevel::Province => "Cấp tỉnh",
            UnitLevel::District => "Cấp huyện",
            UnitLevel::Commune => "Cấp xã",
            UnitLevel::Department => "Cấp sở, ngành",
        }
    }
}
