//! The kinds of report the plan's calendar asks for.

use super::IdError;
use std::str::FromStr;

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
