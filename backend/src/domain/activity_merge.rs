//! The activity report of a consolidating level (the province, or a district) and the
//! reports of the units under it, for the official DOCX that follows Phụ lục 3 and for
//! the consolidating officer's editor: the level's own report, and every unit owing the
//! report in the area, each read at its approved version (or as it stands when every
//! report is asked for), merged by `shared::consolidation::merge_activity` (sums, texts
//! and rows per unit). The level's own report is kept apart: its text is the report's
//! text, its own figures add to its units' once. Reports that reached the server in
//! someone else's file are named with who handed them in and when.

use super::DomainError;
use super::documents::Documents;
use super::versions;
use crate::export::activity_docx::Heading;
use shared::access::Principal;
use shared::consolidation::{MergedActivity, merge_activity};
use shared::overview::expected;
use shared::report::activity::ActivityReport;
use shared::units::units;
use shared::vocabulary::{Period, ReportKind, UnitCode};
use std::collections::HashSet;

/// A consolidating level's report and its units'.
pub struct Consolidation {
    pub heading: Heading,
    /// The units' reports in unit order, then the level's own (the province's or the
    /// district's) if it has one at the version asked for.
    reports: Vec<(UnitCode, ActivityReport)>,
    has_own: bool,
}

impl Consolidation {
    /// The level's own report: its narratives are the report's text.
    pub fn own(&self) -> Option<&ActivityReport> {
        self.reports.last().filter(|_| self.has_own).map(|(_, r)| r)
    }

    /// The units under the level (not the level itself).
    pub fn units(&self) -> &[(UnitCode, ActivityReport)] {
        &self.reports[..self.reports.len() - usize::from(self.has_own)]
    }

    /// The units' reports merged: what each unit answered.
    pub fn units_merged(&self) -> MergedActivity {
        merge_activity(self.units())
    }

    /// The units' reports and the level's own merged: each figure counted once, the
    /// level's own beside its units'.
    pub fn all_merged(&self) -> MergedActivity {
        merge_activity(&self.reports)
    }
}

/// The report of `period` for `district` (already held to the viewer's area) or the
/// province, with its units' reports and the heading its file prints.
pub async fn merged(
    documents: &Documents,
    viewer: &Principal,
    period: Period,
    district: Option<UnitCode>,
    approved_only: bool,
) -> Result<Consolidation, DomainError> {
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
    let consolidator = district.unwrap_or_else(|| units().province());
    let owing: HashSet<UnitCode> = expected(viewer, period, district, None)
        .into_iter()
        .filter(|(unit, docs)| {
            *unit != consolidator && docs.iter().any(|d| d.kind == ReportKind::Activity)
        })
        .map(|(unit, _)| unit)
        .collect();
    let chosen = versions::chosen(
        documents,
        ReportKind::Activity,
        period,
        approved_only,
        consolidator,
        |u| owing.contains(&u) || u == consolidator,
    )
    .await?;
    let mut reports = Vec::with_capacity(chosen.len());
    let mut own = None;
    let mut hand_ins = documents.store().hand_ins().await?;
    let mut handed_in = Vec::new();
    for c in &chosen {
        if let Some(list) = hand_ins.remove(&c.id.to_string()) {
            let who: Vec<String> = list
                .iter()
                .map(|h| format!("{}, {}", h.by, crate::export::vn_time(h.at)))
                .collect();
            handed_in.push(format!("{} ({})", c.id.unit.name(), who.join("; ")));
        }
        let doc = versions::read(documents, c).await?;
        let report = ActivityReport::read(&doc)
            .map_err(|e| DomainError::Broken(format!("{}: {e}", c.id)))?;
        if c.id.unit == consolidator {
            own = Some((c.id.unit, report));
        } else {
            reports.push((c.id.unit, report));
        }
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
        handed_in,
    };
    let has_own = own.is_some();
    reports.extend(own);
    Ok(Consolidation {
        heading,
        reports,
        has_own,
    })
}
