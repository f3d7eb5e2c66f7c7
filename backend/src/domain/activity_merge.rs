//! The activity reports of an area merged into one, for the official DOCX that follows
//! Phụ lục 3: every unit owing the report in the area, each read at its approved version
//! (or as it stands when every report is asked for), merged by
//! `shared::consolidation::merge_activity` (sums, texts and rows per unit).

use super::DomainError;
use super::documents::Documents;
use super::versions;
use crate::export::activity_docx::Heading;
use shared::access::Principal;
use shared::consolidation::{MergedActivity, merge_activity};
use shared::overview::expected;
use shared::report::activity::ActivityReport;
use shared::vocabulary::{Period, ReportKind, UnitCode};
use std::collections::HashSet;

/// The merged report of `period` over `district` (already held to the viewer's area) or
/// the province, with the heading its file prints.
pub async fn merged(
    documents: &Documents,
    viewer: &Principal,
    period: Period,
    district: Option<UnitCode>,
    approved_only: bool,
) -> Result<(Heading, MergedActivity), DomainError> {
    super::area::reviewers_only(
        viewer,
        "Chỉ cán bộ thẩm định mới tải được báo cáo tổng hợp.",
    )?;
    if shared::calendar::due_report(ReportKind::Activity, period).is_none() {
        return Err(DomainError::Invalid(format!(
            "Không có báo cáo hoạt động của kỳ «{}».",
            period.label()
        )));
    }
    let owing: HashSet<UnitCode> = expected(viewer, period, district, None)
        .into_iter()
        .filter(|(_, docs)| docs.iter().any(|d| d.kind == ReportKind::Activity))
        .map(|(unit, _)| unit)
        .collect();
    let chosen = versions::chosen(
        documents,
        ReportKind::Activity,
        period,
        approved_only,
        |u| owing.contains(&u),
    )
    .await?;
    let mut reports = Vec::with_capacity(chosen.len());
    for c in &chosen {
        let doc = versions::read(documents, c).await?;
        let report = ActivityReport::read(&doc)
            .map_err(|e| DomainError::Broken(format!("{}: {e}", c.id)))?;
        reports.push((c.id.unit, report));
    }
    let heading = Heading {
        committee: district.map_or("UBND TỈNH NGHỆ AN".to_string(), |d| {
            format!("UBND {}", d.name().to_uppercase())
        }),
        place: district.map_or("Nghệ An".to_string(), |d| {
            let name = d.name();
            ["Huyện ", "Thị xã ", "Thành phố "]
                .iter()
                .find_map(|p| name.strip_prefix(p))
                .map_or(name.clone(), str::to_string)
        }),
        recipients: match district {
            // The province's report goes up to the provincial committee, the ministry and
            // the national committee; a district's to the province.
            None => vec![
                "Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam (để b/c);",
                "Bộ Lao động - Thương binh và Xã hội (để b/c);",
                "UBND tỉnh (để b/c);",
            ],
            Some(_) => vec![
                "Ban Vì sự tiến bộ của phụ nữ tỉnh (để b/c);",
                "UBND huyện (để b/c);",
            ],
        }
        .into_iter()
        .map(String::from)
        .collect(),
        period: period.label(),
        scope: if approved_only {
            "chỉ các báo cáo đã duyệt".to_string()
        } else {
            "gồm cả báo cáo chưa duyệt".to_string()
        },
        expected: owing.len(),
    };
    Ok((heading, merge_activity(&reports)))
}
