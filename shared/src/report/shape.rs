//! The bounds of a stored report, which the server holds every incoming change to: only
//! the keys the plan's outline gives (fields, grid rows and columns, table columns,
//! Phụ lục 2 rows, Phụ lục 1 tasks and the self-inspection's sections), counts within
//! `0…MAX_COUNT`, and texts within the lengths below. A phone's inputs never go beyond
//! them; a crafted change that does is refused whole, so no figure the roll-up cannot
//! hold and no text a reviewer's list cannot carry is ever stored.

use super::activity::{ActivityReport, fields};
use super::inspection::{InspectionReport, SECTIONS};
use super::programme::ProgrammeReport;
use crate::count::MAX_COUNT;
use crate::plan::{FieldKind, plan};

/// The longest narrative (a section's text), in characters: some ten pages.
pub const MAX_NARRATIVE: usize = 20_000;
/// The longest short text (the signer's name) and table cell, in characters.
pub const MAX_LINE: usize = 500;
/// The most rows one table holds (documents issued in a year).
pub const MAX_ROWS: usize = 300;
/// The longest note on a Phụ lục 2 row, or a figure typed as is, in characters.
pub const MAX_NOTE: usize = 2_000;

/// Why a report's content is out of bounds, for the user (Vietnamese).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShapeError {
    #[error("Báo cáo có mục «{0}» không có trong đề cương.")]
    UnknownKey(String),
    #[error("Số ở mục «{0}» vượt quá {max} (giới hạn của hệ thống).", max = MAX_COUNT)]
    CountTooLarge(String),
    #[error("Nội dung mục «{0}» dài quá giới hạn ({1} ký tự).")]
    TooLong(String, usize),
    #[error("Bảng «{0}» có quá {max} dòng.", max = MAX_ROWS)]
    TooManyRows(String),
}

/// Checks that the document's root holds the maps its genesis made and no others (a
/// stray root key would be stored, and sent to every reader, while no reading shows it).
pub fn root(
    kind: crate::vocabulary::ReportKind,
    doc: &automerge::AutoCommit,
) -> Result<(), ShapeError> {
    use crate::report::{activity::ActivityReport, skeleton};
    use crate::vocabulary::ReportKind;
    use automerge::ReadDoc;
    use std::sync::OnceLock;
    static KEYS: OnceLock<[Vec<String>; 3]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let names = |tree: automerge::hydrate::Map| tree.iter().map(|(k, _)| k.clone()).collect();
        let unit = crate::units::units().province();
        [
            names(skeleton::activity(&ActivityReport::skeleton())),
            names(skeleton::programme(&ProgrammeReport::skeleton(unit))),
            names(skeleton::inspection(&InspectionReport::skeleton(unit))),
        ]
    });
    let allowed = &keys[match kind {
        ReportKind::Activity => 0,
        ReportKind::ProgrammeResults => 1,
        ReportKind::SelfInspection => 2,
    }];
    match doc.keys(automerge::ROOT).find(|k| !allowed.contains(k)) {
        Some(stray) => Err(unknown(&stray)),
        None => Ok(()),
    }
}

/// Checks that the document holds nothing its typed reading does not: every key of every
/// nested map is one the reading (`typed`, the tree the skeleton writer makes of it)
/// holds, and every list has the reading's length. A key no reading knows would be
/// stored, and sent to every reader, while no screen or file shows it.
pub fn only_what_it_reads(
    doc: &automerge::AutoCommit,
    typed: automerge::hydrate::Map,
) -> Result<(), ShapeError> {
    use automerge::ReadDoc;
    use automerge::hydrate::Value;
    fn stray(stored: &Value, typed: &Value, key: &str) -> Option<String> {
        match (stored, typed) {
            (Value::Map(stored), Value::Map(typed)) => {
                stored.iter().find_map(|(k, v)| match typed.get(k) {
                    None => Some(k.clone()),
                    Some(t) => stray(&v.value, t, k),
                })
            }
            (Value::List(stored), Value::List(typed)) => {
                if stored.len() != typed.len() {
                    return Some(key.to_string());
                }
                stored
                    .iter()
                    .zip(typed.iter())
                    .find_map(|(s, t)| stray(&s.value, &t.value, key))
            }
            // A map or list where the reading has a value (or the other way round):
            // the reading would have failed; nothing to add here.
            _ => None,
        }
    }
    let stored = doc
        .hydrate(automerge::ROOT, None)
        .map_err(|_| unknown("?"))?;
    match stray(&stored, &Value::Map(typed), "") {
        Some(key) => Err(unknown(&key)),
        None => Ok(()),
    }
}

/// Checks a review: decisions with bounded notes and comments on the report's own fields.
pub fn review(
    report: &crate::ids::DocId,
    review: &super::review::Review,
) -> Result<(), ShapeError> {
    /// More decisions than any report ever needs (returned and resubmitted daily for years).
    const MAX_DECISIONS: usize = 1_000;
    if review.decisions.len() > MAX_DECISIONS {
        return Err(ShapeError::TooManyRows("decisions".to_string()));
    }
    let fields = super::review::commentable_fields(report);
    for d in &review.decisions {
        if d.heads.len() > 64 {
            return Err(ShapeError::TooManyRows("heads".to_string()));
        }
        for head in &d.heads {
            length("heads", head, 64)?;
        }
        length("note", &d.note, MAX_NOTE)?;
        length("by", &d.by, MAX_LINE)?;
        for (key, comment) in &d.comments {
            if !fields.iter().any(|(k, _)| k == key) {
                return Err(unknown(key));
            }
            length(key, comment, MAX_NOTE)?;
        }
    }
    Ok(())
}

fn count(key: &str, n: Option<u64>) -> Result<(), ShapeError> {
    match n {
        Some(n) if n > MAX_COUNT => Err(ShapeError::CountTooLarge(key.to_string())),
        _ => Ok(()),
    }
}

fn length(key: &str, text: &str, max: usize) -> Result<(), ShapeError> {
    // Bytes bound characters from above: count characters only when the bytes are over.
    if text.len() > max && text.chars().count() > max {
        return Err(ShapeError::TooLong(key.to_string(), max));
    }
    Ok(())
}

fn unknown(key: &str) -> ShapeError {
    ShapeError::UnknownKey(key.chars().take(60).collect())
}

/// Checks an activity report against the outline.
pub fn activity(report: &ActivityReport) -> Result<(), ShapeError> {
    let field = |key: &str, kind: FieldKind| {
        fields()
            .find(|f| f.key == key && f.kind == kind)
            .ok_or_else(|| unknown(key))
    };
    for (key, n) in &report.counts {
        field(key, FieldKind::Count)?;
        count(key, *n)?;
    }
    for (key, text) in &report.narratives {
        field(key, FieldKind::Narrative)?;
        length(key, text.as_str(), MAX_NARRATIVE)?;
    }
    for (key, text) in &report.texts {
        field(key, FieldKind::Text)?;
        length(key, text.as_deref().unwrap_or(""), MAX_LINE)?;
    }
    for (key, rows) in &report.grids {
        let f = field(key, FieldKind::Grid)?;
        for (row, cells) in rows {
            if !f.rows.iter().any(|r| &r.key == row) {
                return Err(unknown(row));
            }
            for (column, n) in cells {
                if !f.columns.iter().any(|c| &c.key == column) {
                    return Err(unknown(column));
                }
                count(key, *n)?;
            }
        }
    }
    for (key, rows) in &report.tables {
        let f = field(key, FieldKind::Table)?;
        if rows.len() > MAX_ROWS {
            return Err(ShapeError::TooManyRows(key.clone()));
        }
        for (row_id, row) in rows {
            length(key, row_id, 64)?;
            for (column, text) in &row.cells {
                if !f.columns.iter().any(|c| &c.key == column) {
                    return Err(unknown(column));
                }
                length(key, text, MAX_LINE)?;
            }
        }
    }
    Ok(())
}

/// Checks a programme report: Phụ lục 2's rows only, figures within bounds.
pub fn programme(report: &ProgrammeReport) -> Result<(), ShapeError> {
    for (key, row) in &report.rows {
        let indicator = plan().indicator(key).ok_or_else(|| unknown(key))?;
        let key = indicator.printed.as_str();
        count(key, row.numerator)?;
        count(key, row.denominator)?;
        length(key, row.value.as_deref().unwrap_or(""), 32)?;
        length(key, row.note.as_str(), MAX_NOTE)?;
    }
    Ok(())
}

/// Checks a self-inspection: Phụ lục 1's tasks and the report's sections only.
pub fn inspection(report: &InspectionReport) -> Result<(), ShapeError> {
    for (number, task) in &report.tasks {
        if !plan().tasks.iter().any(|t| &t.number == number) {
            return Err(unknown(number));
        }
        length(number, task.results.as_str(), MAX_NARRATIVE)?;
        length(number, task.evidence.as_str(), MAX_NARRATIVE)?;
        length(number, task.status.as_deref().unwrap_or(""), 32)?;
    }
    for (key, text) in &report.sections {
        if !SECTIONS.iter().any(|(k, _)| k == key) {
            return Err(unknown(key));
        }
        length(key, text.as_str(), MAX_NARRATIVE)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use crate::ids::DocId;
    use crate::report::{activity as a, programme as p};

    fn doc(id: &str) -> (DocId, automerge::AutoCommit) {
        let id: DocId = id.parse().unwrap();
        (id, start(&id, automerge::ActorId::random()))
    }

    #[test]
    fn a_figure_the_roll_up_cannot_hold_is_out_of_bounds() {
        let (_, mut d) = doc("programme:16816:2022");
        p::set_numerator(&mut d, "3.2a.1", Some(i64::MAX as u64)).unwrap();
        let err = programme(&ProgrammeReport::read(&d).unwrap()).unwrap_err();
        assert_eq!(err, ShapeError::CountTooLarge("2.1.1".into()));
        assert!(err.to_string().contains("vượt quá 10000000"), "{err}");
        p::set_numerator(&mut d, "3.2a.1", Some(MAX_COUNT)).unwrap();
        assert_eq!(programme(&ProgrammeReport::read(&d).unwrap()), Ok(()));
    }

    #[test]
    fn a_key_inside_a_row_that_no_reading_knows_is_out_of_bounds() {
        use automerge::ReadDoc;
        use automerge::transaction::Transactable;
        let (id, mut d) = doc("programme:16816:2022");
        p::set_numerator(&mut d, "3.2a.1", Some(1)).unwrap();
        assert_eq!(crate::report::out_of_bounds(id.kind, &d).unwrap(), None);
        let (_, rows) = d.get(automerge::ROOT, "rows").unwrap().unwrap();
        let (_, row) = d.get(&rows, "3.2a.1").unwrap().unwrap();
        d.put(&row, "hidden", "x".repeat(100_000)).unwrap();
        assert_eq!(
            crate::report::out_of_bounds(id.kind, &d).unwrap(),
            Some(ShapeError::UnknownKey("hidden".into()))
        );
    }

    #[test]
    fn a_map_the_genesis_did_not_make_is_out_of_bounds() {
        use automerge::transaction::Transactable;
        let (id, mut d) = doc("programme:16816:2022");
        assert_eq!(root(id.kind, &d), Ok(()));
        d.put(automerge::ROOT, "extra", "x".repeat(1000)).unwrap();
        assert_eq!(
            root(id.kind, &d),
            Err(ShapeError::UnknownKey("extra".into()))
        );
    }

    #[test]
    fn keys_outside_the_outline_and_overlong_texts_are_out_of_bounds() {
        use automerge::ReadDoc;
        use automerge::transaction::Transactable;
        let (_, mut d) = doc("activity:16816:2022");
        assert_eq!(activity(&ActivityReport::read(&d).unwrap()), Ok(()));
        let counts = match d.get(automerge::ROOT, "counts").unwrap() {
            Some((_, id)) => id,
            None => panic!("the genesis has counts"),
        };
        d.put(&counts, "bitcoin_wallet", 1u64).unwrap();
        assert_eq!(
            activity(&ActivityReport::read(&d).unwrap()),
            Err(ShapeError::UnknownKey("bitcoin_wallet".into()))
        );
        let (_, mut d) = doc("activity:16816:2022");
        a::set_narrative(&mut d, "difficulties", &"x".repeat(MAX_NARRATIVE + 1)).unwrap();
        assert!(matches!(
            activity(&ActivityReport::read(&d).unwrap()),
            Err(ShapeError::TooLong(..))
        ));
    }
}
