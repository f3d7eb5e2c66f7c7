//! The national programme results (Phụ lục 2): one row per indicator the unit's level
//! reports, with numerator and denominator for rates and ratios, a value for figures
//! given as is, and a note.
//!
//! ```text
//! rows: { "1.1.3": { value: null, numerator: 1, denominator: 1, note: Text }, … }
//! ```

use super::{EditError, count_value, map_at, update_text};
use crate::plan::value::Decimal;
use crate::plan::{Indicator, plan};
use crate::rollup::Figure;
use crate::vocabulary::{UnitCode, UnitLevel};
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ScalarValue};
use autosurgeon::{Hydrate, Reconcile, Text};
use std::collections::BTreeMap;

/// One indicator row as a unit reports it.
///
/// A document type: a field added here is also read in `report/read.rs` and written in
/// the skeleton of `report/skeleton.rs` (the tests there compare both with autosurgeon's
/// `Hydrate` and `Reconcile` of this struct, and fail until the three agree).
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct ProgrammeRow {
    /// A figure given as is, in Vietnamese form ("41,2").
    pub value: Option<String>,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
    pub note: Text,
}

/// One row as the unit entered it, for the server's projection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entered {
    pub indicator: String,
    /// The value as typed (figures given as is).
    pub value: Option<String>,
    pub numerator: Option<u64>,
    pub denominator: Option<u64>,
}

/// The document's root.
///
/// A document type: a field added here is also read in `report/read.rs` and written in
/// the skeleton of `report/skeleton.rs` (the tests there compare both with autosurgeon's
/// `Hydrate` and `Reconcile` of this struct, and fail until the three agree).
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct ProgrammeReport {
    pub rows: BTreeMap<String, ProgrammeRow>,
    /// Set when the officer submits (see `report::set_submitted`).
    pub submitted: bool,
}

/// The indicator rows a unit reports, in the plan's order: what its form shows and what
/// its report is checked on (`rollup::reports_row`: a department, only the rows it leads).
pub fn rows_for(unit: UnitCode) -> impl Iterator<Item = &'static Indicator> {
    let unit = unit.unit();
    plan().indicators.iter().filter(move |i| {
        unit.is_some_and(|u| match u.level {
            // The province's own report (Ban VSTBPN tỉnh's, drafted by Sở LĐTBXH) has every
            // row units report: its figure is their roll-up, the province explains it.
            UnitLevel::Province => i.is_reported(),
            _ => crate::rollup::reports_row(plan(), i, u),
        })
    })
}

/// The rows of the unit's level, which its genesis holds. Wider than [`rows_for`] for a
/// department (every department-level row), and kept so: the genesis is byte-identical on
/// every device and to the documents already stored, and a row another department leads
/// simply stays empty and unshown.
fn skeleton_rows(unit: UnitCode) -> impl Iterator<Item = &'static Indicator> {
    let level = unit.level();
    plan().indicators.iter().filter(move |i| match level {
        Some(UnitLevel::Province) => i.is_reported(),
        Some(l) => i.levels.contains(&l),
        None => false,
    })
}

impl ProgrammeReport {
    /// The empty report of a unit: what the genesis writes.
    pub fn skeleton(unit: UnitCode) -> ProgrammeReport {
        ProgrammeReport {
            rows: super::inserted(
                skeleton_rows(unit).map(|i| (i.id.clone(), ProgrammeRow::default())),
            ),
            submitted: false,
        }
    }

    pub fn read(doc: &AutoCommit) -> Result<Self, autosurgeon::HydrateError> {
        super::read::programme(doc)
    }

    /// What an officer would see in the row's inputs.
    pub fn input(&self, id: &str) -> crate::validation::IndicatorInput {
        let row = self.rows.get(id).cloned().unwrap_or_default();
        let text = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        crate::validation::IndicatorInput {
            value: row.value.unwrap_or_default(),
            numerator: text(row.numerator),
            denominator: text(row.denominator),
        }
    }

    /// Errors and warnings of every row; an empty row is a warning (no figure yet).
    pub fn issues(&self, unit: UnitCode) -> Vec<crate::validation::Issue> {
        // The province enters no figure: its figures are its units' roll-up.
        if unit.level() == Some(UnitLevel::Province) {
            return Vec::new();
        }
        rows_for(unit)
            .flat_map(|i| {
                let (figure, mut issues) =
                    crate::validation::check_indicator(i, &self.input(&i.id));
                if figure.is_none() && issues.is_empty() {
                    issues.push(crate::validation::Issue {
                        field: i.id.clone(),
                        severity: crate::validation::Severity::Warning,
                        message: format!("Chỉ tiêu {} chưa có số liệu.", plan().reference(i)),
                    });
                }
                issues
            })
            .collect()
    }

    /// The figures this report gives, for the roll-up.
    pub fn figures(&self) -> Vec<(&'static Indicator, Figure)> {
        plan()
            .indicators
            .iter()
            .filter_map(|i| {
                let row = self.rows.get(&i.id)?;
                let figure =
                    crate::rollup::figure(i, row.value.as_deref(), row.numerator, row.denominator)?;
                Some((i, figure))
            })
            .collect()
    }

    /// The figures the unit entered, row by row in the plan's order; rows left empty are
    /// left out.
    pub fn entered(&self) -> Vec<Entered> {
        plan()
            .indicators
            .iter()
            .filter_map(|i| {
                let row = self.rows.get(&i.id)?;
                let value = row.value.clone().filter(|v| !v.trim().is_empty());
                if value.is_none() && row.numerator.is_none() && row.denominator.is_none() {
                    return None;
                }
                Some(Entered {
                    indicator: i.id.clone(),
                    value,
                    numerator: row.numerator,
                    denominator: row.denominator,
                })
            })
            .collect()
    }

    /// Every row's text, numbers and note, for the reviewer.
    pub fn summary(&self) -> Vec<(String, String)> {
        plan()
            .indicators
            .iter()
            .filter_map(|i| {
                let row = self.rows.get(&i.id)?;
                let yes_no = i.answer == crate::plan::Answer::YesNo;
                let figure = match (row.numerator, row.denominator, &row.value) {
                    (Some(1), Some(1), _) if yes_no => "Có".to_string(),
                    (Some(0), Some(1), _) if yes_no => "Không".to_string(),
                    (Some(n), Some(d), _) => format!("{n}/{d}"),
                    (_, _, Some(v)) => v.clone(),
                    _ => "—".to_string(),
                };
                let note = row.note.as_str().trim();
                let shown = if note.is_empty() {
                    figure
                } else {
                    format!("{figure} ({note})")
                };
                Some((format!("{} {}", plan().reference(i), i.text), shown))
            })
            .collect()
    }
}

fn row(doc: &AutoCommit, id: &str) -> Result<automerge::ObjId, EditError> {
    map_at(doc, &["rows", id]).map_err(|_| EditError::UnknownField(id.to_string()))
}

/// Sets a rate's numerator (one operation; the denominator is separate).
pub fn set_numerator(doc: &mut AutoCommit, id: &str, value: Option<u64>) -> Result<(), EditError> {
    let row = row(doc, id)?;
    doc.put(&row, "numerator", count_value(value))?;
    Ok(())
}

pub fn set_denominator(
    doc: &mut AutoCommit,
    id: &str,
    value: Option<u64>,
) -> Result<(), EditError> {
    let row = row(doc, id)?;
    doc.put(&row, "denominator", count_value(value))?;
    Ok(())
}

/// Sets a figure given as is.
pub fn set_value(doc: &mut AutoCommit, id: &str, value: Option<Decimal>) -> Result<(), EditError> {
    let row = row(doc, id)?;
    let value = value.map_or(ScalarValue::Null, |d| {
        ScalarValue::Str(d.to_string().into())
    });
    doc.put(&row, "value", value)?;
    Ok(())
}

pub fn set_note(doc: &mut AutoCommit, id: &str, note: &str) -> Result<(), EditError> {
    let row = row(doc, id)?;
    update_text(doc, &row, "note", note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;

    #[test]
    fn a_department_reports_the_rows_it_leads_and_its_genesis_keeps_every_department_row() {
        let rows = |code: &str| -> Vec<&str> {
            rows_for(code.parse().unwrap())
                .map(|i| i.id.as_str())
                .collect()
        };
        // Sở LĐ-TB&XH leads 2.1, 2.2, 3.4, 5.3, 6.1, 6.2; Sở Y tế 4.2; Sở Tư pháp none.
        assert_eq!(rows("90001"), ["2.1", "2.2", "3.4", "5.3", "6.1", "6.2"]);
        assert_eq!(rows("90006"), ["4.2"]);
        let tu_phap = plan().agency("tu_phap").and_then(|a| a.unit_code).unwrap();
        assert!(rows_for(tu_phap).next().is_none());
        // 2.1 has two leads; the province's figure comes from the first (Sở LĐ-TB&XH).
        assert!(!rows("90011").contains(&"2.1"));
        let skeleton = ProgrammeReport::skeleton("90006".parse().unwrap());
        assert_eq!(skeleton.rows.len(), 14);
    }

    #[test]
    fn a_commune_reports_its_rows_and_they_become_figures() {
        let id = "programme:16816:2022".parse().unwrap();
        let mut doc = start(&id, automerge::ActorId::random());
        let commune_rows: Vec<&str> = rows_for(id.unit).map(|i| i.id.as_str()).collect();
        assert_eq!(
            commune_rows,
            ["1.1.3", "3.2a.1", "3.2a.2", "3.2b.1", "3.2b.2", "6.3"]
        );
        set_numerator(&mut doc, "1.1.3", Some(1)).unwrap();
        set_denominator(&mut doc, "1.1.3", Some(1)).unwrap();
        set_note(&mut doc, "1.1.3", "Phó Chủ tịch UBND xã là nữ").unwrap();
        set_numerator(&mut doc, "6.3", Some(0)).unwrap();
        assert!(
            set_value(&mut doc, "2.1", Some(Decimal::from_int(1))).is_err(),
            "not a commune row"
        );
        let report = ProgrammeReport::read(&doc).unwrap();
        let figures: Vec<(&str, Figure)> = report
            .figures()
            .into_iter()
            .map(|(i, f)| (i.id.as_str(), f))
            .collect();
        assert_eq!(
            figures,
            [(
                "1.1.3",
                Figure::Fraction {
                    numerator: 1,
                    denominator: 1
                }
            )]
        );
        let summary = report.summary();
        assert!(
            summary[0]
                .0
                .starts_with("I.1.3 Tỷ lệ chính quyền địa phương")
        );
        assert_eq!(summary[0].1, "Có (Phó Chủ tịch UBND xã là nữ)");
    }

    #[test]
    fn a_department_gives_province_figures_as_values() {
        let id = "programme:90001:2022".parse().unwrap();
        let mut doc = start(&id, automerge::ActorId::random());
        set_value(&mut doc, "2.1", Decimal::parse("41.2").ok()).unwrap();
        let report = ProgrammeReport::read(&doc).unwrap();
        assert_eq!(report.rows["2.1"].value.as_deref(), Some("41,2"));
        let figures = report.figures();
        assert_eq!(figures[0].1, Figure::Value(Decimal::parse("41,2").unwrap()));
    }
}
