//! How a reviewing level (the province, or a district for its communes) merges its
//! units' activity reports into the one report it sends up (Phụ lục 3), and which version
//! of each report an export reads.
//!
//! Counts and grid cells are summed over the units that gave them; narratives, short
//! texts and table rows are kept per unit, in the unit list's order, under the unit's
//! name. The signer is the consolidating committee's, so it is not merged.

use crate::plan::{FieldKind, OutlineField};
use crate::report::activity::{ActivityReport, fields};
use crate::report::review::Verdict;
use crate::vocabulary::{UnitCode, UnitLevel};
use automerge::ChangeHash;
use std::collections::BTreeMap;

/// Which version of a report an export reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportVersion {
    /// The report as it stands now.
    Latest,
    /// The report at the heads its approval recorded.
    At(Vec<ChangeHash>),
}

/// The version of a report an export reads, given the decision in force on it: with
/// `approved_only` (the default of every export) only a report whose decision in force is
/// an approval, at the approved heads (later edits are left out until approved again);
/// otherwise every report as it stands.
pub fn export_version(
    verdict: Option<Verdict>,
    approved_heads: &[ChangeHash],
    approved_only: bool,
) -> Option<ExportVersion> {
    match (approved_only, verdict) {
        (false, _) => Some(ExportVersion::Latest),
        (true, Some(Verdict::Approved)) if !approved_heads.is_empty() => {
            Some(ExportVersion::At(approved_heads.to_vec()))
        }
        (true, _) => None,
    }
}

/// One field of the merged report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MergedField {
    /// Narratives and texts: (unit, text) for every unit that wrote something.
    PerUnit(Vec<(UnitCode, String)>),
    /// A count: the sum, and how many units gave it.
    Sum { total: u64, units: usize },
    /// A table's rows with the unit each came from: (unit, cells by column key).
    Rows(Vec<(UnitCode, BTreeMap<String, String>)>),
    /// A grid: row key → column key → sum (absent where no unit gave a figure).
    Grid(Grid),
    /// A grid whose levels are kept apart (`OutlineField::by_level`): each level that
    /// gave a figure, in the order reports print them (departments, districts,
    /// communes), with its own sums.
    LevelGrids(Vec<(UnitLevel, Grid)>),
}

/// Sums of a grid: row key → column key → sum.
pub type Grid = BTreeMap<String, BTreeMap<String, u64>>;

/// The order levels are printed in a grid kept by level.
pub const LEVEL_ORDER: [UnitLevel; 4] = [
    UnitLevel::Province,
    UnitLevel::Department,
    UnitLevel::District,
    UnitLevel::Commune,
];

/// The merged activity report: every outline field by key, and the units merged.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MergedActivity {
    pub units: Vec<UnitCode>,
    pub fields: BTreeMap<String, MergedField>,
}

impl MergedActivity {
    pub fn field(&self, key: &str) -> Option<&MergedField> {
        self.fields.get(key)
    }
}

fn merge_field(f: &OutlineField, reports: &[(UnitCode, ActivityReport)]) -> MergedField {
    match f.kind {
        FieldKind::Narrative | FieldKind::Text => MergedField::PerUnit(
            reports
                .iter()
                .filter_map(|(u, r)| {
                    let text = match f.kind {
                        FieldKind::Narrative => r.narrative(&f.key),
                        _ => r.text(&f.key),
                    };
                    let text = text.trim();
                    (!text.is_empty()).then(|| (*u, text.to_string()))
                })
                .collect(),
        ),
        FieldKind::Count => {
            let given: Vec<u64> = reports
                .iter()
                .filter_map(|(_, r)| r.count(&f.key))
                .collect();
            MergedField::Sum {
                total: given.iter().sum(),
                units: given.len(),
            }
        }
        FieldKind::Table => MergedField::Rows(
            reports
                .iter()
                .flat_map(|(u, r)| {
                    r.rows(&f.key)
                        .into_iter()
                        .map(|(_, row)| (*u, row.cells.clone()))
                        .collect::<Vec<_>>()
                })
                .collect(),
        ),
        FieldKind::Grid if f.by_level => MergedField::LevelGrids(
            LEVEL_ORDER
                .into_iter()
                .filter_map(|level| {
                    let grid = sum_grid(f, reports, |u| u.level() == Some(level));
                    (!grid.is_empty()).then_some((level, grid))
                })
                .collect(),
        ),
        FieldKind::Grid => MergedField::Grid(sum_grid(f, reports, |_| true)),
    }
}

/// A grid's sums over the `reports` of the units `keep` keeps. A level's row counts only
/// the units of that level (no district adds its communes' figures to theirs).
fn sum_grid(
    f: &OutlineField,
    reports: &[(UnitCode, ActivityReport)],
    keep: impl Fn(UnitCode) -> bool,
) -> Grid {
    let mut grid = Grid::new();
    for row in &f.rows {
        for column in &f.columns {
            let entering = reports
                .iter()
                .filter(|(u, _)| keep(*u) && row.entered_at(u.level()));
            for (_, r) in entering {
                if let Some(n) = r.grid(&f.key, &row.key, &column.key) {
                    *grid
                        .entry(row.key.clone())
                        .or_default()
                        .entry(column.key.clone())
                        .or_default() += n;
                }
            }
        }
    }
    grid
}

/// Merges the units' reports (already read at the versions the export asked for), in
/// the order given; the signer is left out.
pub fn merge_activity(reports: &[(UnitCode, ActivityReport)]) -> MergedActivity {
    MergedActivity {
        units: reports.iter().map(|(u, _)| *u).collect(),
        fields: fields()
            .filter(|f| f.key != "signer")
            .map(|f| (f.key.clone(), merge_field(f, reports)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use crate::ids::DocId;
    use crate::report::activity;

    fn report(
        unit: u32,
        edit: impl FnOnce(&mut automerge::AutoCommit),
    ) -> (UnitCode, ActivityReport) {
        let id: DocId = format!("activity:{unit}:2022").parse().unwrap();
        let mut doc = start(&id, automerge::ActorId::random());
        edit(&mut doc);
        (id.unit, ActivityReport::read(&doc).unwrap())
    }

    #[test]
    fn counts_and_grids_add_up_and_texts_stay_with_their_unit() {
        let a = report(16816, |d| {
            activity::set_count(d, "events_by_committee", Some(3)).unwrap();
            activity::set_grid(d, "organisation", "commune", "members", Some(9)).unwrap();
            activity::set_narrative(d, "difficulties", "Thiếu kinh phí").unwrap();
            activity::add_row(d, "documents_issued", "r1", 1).unwrap();
            activity::set_cell(d, "documents_issued", "r1", "code", "12/KH-UBND").unwrap();
        });
        let b = report(16819, |d| {
            activity::set_count(d, "events_by_committee", Some(4)).unwrap();
            activity::set_grid(d, "organisation", "commune", "members", Some(11)).unwrap();
            // A commune's figure on the district row is not the commune's to give.
            activity::set_grid(d, "organisation", "district", "members", Some(5)).unwrap();
            activity::set_text(d, "signer", "Lê Văn A").unwrap();
        });
        let c = report(16822, |_| {});
        // Kỳ Sơn enters its own row; its communes' row is theirs (9 + 11), not 21 again.
        let district = report(417, |d| {
            activity::set_grid(d, "organisation", "district", "members", Some(15)).unwrap();
            activity::set_grid(d, "organisation", "commune", "members", Some(21)).unwrap();
        });
        let merged = merge_activity(&[a.clone(), b, c, district]);
        assert_eq!(merged.units.len(), 4);
        assert_eq!(
            merged.field("events_by_committee"),
            Some(&MergedField::Sum { total: 7, units: 2 })
        );
        let Some(MergedField::Grid(grid)) = merged.field("organisation") else {
            panic!("the organisation grid")
        };
        assert_eq!(
            grid["commune"]["members"], 20,
            "counted once, from the communes"
        );
        assert_eq!(grid["district"]["members"], 15, "from the district only");
        assert!(!grid.contains_key("province"), "no department reported");
        let Some(MergedField::PerUnit(texts)) = merged.field("difficulties") else {
            panic!("a narrative")
        };
        assert_eq!(texts, &vec![(a.0, "Thiếu kinh phí".to_string())]);
        let Some(MergedField::Rows(rows)) = merged.field("documents_issued") else {
            panic!("a table")
        };
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].1["code"], "12/KH-UBND");
        assert!(
            merged.field("signer").is_none(),
            "the consolidating committee signs"
        );
    }

    /// The women-cadre grid: two communes, their district and a department each give
    /// their own people; no level's figure is added into another's.
    #[test]
    fn women_cadres_are_summed_within_each_level_never_across() {
        let cadres = |unit, women, men| {
            report(unit, move |d| {
                activity::set_grid(d, "women_cadres", "party_committee", "women", Some(women))
                    .unwrap();
                activity::set_grid(d, "women_cadres", "party_committee", "men", Some(men)).unwrap();
            })
        };
        let merged = merge_activity(&[
            cadres(16816, 2, 7),
            cadres(16819, 3, 6),
            cadres(417, 5, 20),
            cadres(90001, 4, 9),
        ]);
        let Some(MergedField::LevelGrids(levels)) = merged.field("women_cadres") else {
            panic!("the women-cadre grid is kept by level")
        };
        let found: Vec<(UnitLevel, u64, u64)> = levels
            .iter()
            .map(|(level, g)| {
                let row = &g["party_committee"];
                (*level, row["women"], row["men"])
            })
            .collect();
        assert_eq!(
            found,
            vec![
                (UnitLevel::Department, 4, 9),
                (UnitLevel::District, 5, 20),
                (UnitLevel::Commune, 5, 13),
            ]
        );
    }

    #[test]
    fn exports_read_approved_heads_unless_asked_for_everything() {
        let heads = vec![ChangeHash([7; 32])];
        assert_eq!(
            export_version(Some(Verdict::Approved), &heads, true),
            Some(ExportVersion::At(heads.clone()))
        );
        assert_eq!(export_version(Some(Verdict::Returned), &heads, true), None);
        assert_eq!(export_version(None, &[], true), None);
        assert_eq!(
            export_version(None, &[], false),
            Some(ExportVersion::Latest)
        );
        assert_eq!(
            export_version(Some(Verdict::Approved), &heads, false),
            Some(ExportVersion::Latest)
        );
    }
}
