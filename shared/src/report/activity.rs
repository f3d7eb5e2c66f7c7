//! The Ban VSTBPN activity report (Phụ lục 3). Its fields come from the plan's outline,
//! so the document is a set of maps keyed by field key, one per kind of field:
//!
//! ```text
//! narratives: { general_situation: Text, … }      counts: { events_by_committee: 3, … }
//! texts:      { signer: "…" }                     grids:  { organisation: { district: { members: 9, … } } }
//! tables:     { documents_issued: { <row id>: { position, cells: { code, date, … } } } }
//! ```
//!
//! The genesis creates every map and every text object; a table row is created by the
//! one device that adds it, under a random id, so rows never collide.

use super::{EditError, count_value, map_at, shown, update_text};
use crate::plan::{FieldKind, OutlineField, OutlineSection, plan};
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjType, ScalarValue};
use autosurgeon::{Hydrate, Reconcile, Text};
use std::collections::BTreeMap;

/// A row of a repeating table.
///
/// A document type: a field added here is also read in `report/read.rs` and written in
/// the skeleton of `report/skeleton.rs` (the tests there compare both with autosurgeon's
/// `Hydrate` and `Reconcile` of this struct, and fail until the three agree).
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct TableRow {
    /// Sort key: milliseconds at creation on the adding device.
    pub position: i64,
    pub cells: BTreeMap<String, String>,
}

/// The document's root.
///
/// A document type: a field added here is also read in `report/read.rs` and written in
/// the skeleton of `report/skeleton.rs` (the tests there compare both with autosurgeon's
/// `Hydrate` and `Reconcile` of this struct, and fail until the three agree).
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct ActivityReport {
    pub narratives: BTreeMap<String, Text>,
    pub texts: BTreeMap<String, Option<String>>,
    pub counts: BTreeMap<String, Option<u64>>,
    pub tables: BTreeMap<String, BTreeMap<String, TableRow>>,
    pub grids: BTreeMap<String, BTreeMap<String, BTreeMap<String, Option<u64>>>>,
    /// Set when the officer submits (see `report::set_submitted`).
    pub submitted: bool,
}

/// The outline this report follows.
pub fn outline() -> &'static [OutlineSection] {
    &plan().activity_outline
}

/// Every field of the outline.
pub fn fields() -> impl Iterator<Item = &'static OutlineField> {
    outline().iter().flat_map(|s| s.fields.iter())
}

fn field(key: &str, kind: FieldKind) -> Result<&'static OutlineField, EditError> {
    fields()
        .find(|f| f.key == key && f.kind == kind)
        .ok_or_else(|| EditError::UnknownField(key.to_string()))
}

impl ActivityReport {
    /// The empty report of the outline: what the genesis writes.
    pub fn skeleton() -> ActivityReport {
        let mut report = ActivityReport::default();
        for f in fields() {
            match f.kind {
                FieldKind::Narrative => {
                    report.narratives.insert(f.key.clone(), Text::default());
                }
                FieldKind::Text => {
                    report.texts.insert(f.key.clone(), None);
                }
                FieldKind::Count => {
                    report.counts.insert(f.key.clone(), None);
                }
                FieldKind::Table => {
                    report.tables.insert(f.key.clone(), BTreeMap::new());
                }
                FieldKind::Grid => {
                    let grid = super::inserted(f.rows.iter().map(|r| {
                        (
                            r.key.clone(),
                            super::inserted(f.columns.iter().map(|c| (c.key.clone(), None))),
                        )
                    }));
                    report.grids.insert(f.key.clone(), grid);
                }
            }
        }
        report
    }

    /// Reads the report out of a document; an error means the document is not an
    /// activity report (the server refuses such changes).
    pub fn read(doc: &AutoCommit) -> Result<Self, autosurgeon::HydrateError> {
        super::read::activity(doc)
    }

    pub fn count(&self, key: &str) -> Option<u64> {
        self.counts.get(key).copied().flatten()
    }

    pub fn narrative(&self, key: &str) -> &str {
        self.narratives.get(key).map_or("", |t| t.as_str())
    }

    pub fn text(&self, key: &str) -> &str {
        self.texts.get(key).and_then(|t| t.as_deref()).unwrap_or("")
    }

    pub fn grid(&self, key: &str, row: &str, column: &str) -> Option<u64> {
        self.grids
            .get(key)?
            .get(row)?
            .get(column)
            .copied()
            .flatten()
    }

    /// A table's rows in the order they were added.
    pub fn rows(&self, table: &str) -> Vec<(&String, &TableRow)> {
        // Each row goes in at its place: a table holds tens of rows, and a slice sort
        // would add its own ~5 KB instantiation to the phone's build.
        let mut rows: Vec<(&String, &TableRow)> = Vec::new();
        for (id, row) in self.tables.get(table).into_iter().flatten() {
            let at = rows.partition_point(|(i, r)| (r.position, *i) < (row.position, id));
            rows.insert(at, (id, row));
        }
        rows
    }

    /// Whether a field has anything in it (for required fields before submitting).
    pub fn is_filled(&self, key: &str) -> bool {
        !self.narrative(key).trim().is_empty()
            || !self.text(key).trim().is_empty()
            || self.count(key).is_some()
            || self.tables.get(key).is_some_and(|t| !t.is_empty())
            || self
                .grids
                .get(key)
                .is_some_and(|g| g.values().flat_map(|r| r.values()).any(Option::is_some))
    }

    /// One field as a reviewer reads it.
    pub fn display(&self, f: &OutlineField) -> String {
        match f.kind {
            FieldKind::Narrative => shown(self.narrative(&f.key)),
            FieldKind::Text => shown(self.text(&f.key)),
            FieldKind::Count => self
                .count(&f.key)
                .map_or_else(|| "—".to_string(), |n| n.to_string()),
            FieldKind::Table => {
                let rows: Vec<String> = self
                    .rows(&f.key)
                    .iter()
                    .map(|(_, row)| {
                        f.columns
                            .iter()
                            .map(|c| row.cells.get(&c.key).map_or("", String::as_str))
                            .collect::<Vec<_>>()
                            .join(" · ")
                    })
                    .collect();
                shown(&rows.join("\n"))
            }
            FieldKind::Grid => {
                let lines: Vec<String> = f
                    .rows
                    .iter()
                    .map(|r| {
                        let cells: Vec<String> = f
                            .columns
                            .iter()
                            .map(|c| {
                                let v = self.grid(&f.key, &r.key, &c.key);
                                format!(
                                    "{}: {}",
                                    c.label,
                                    v.map_or_else(|| "—".to_string(), |n| n.to_string())
                                )
                            })
                            .collect();
                        format!("{} — {}", r.label, cells.join("; "))
                    })
                    .collect();
                lines.join("\n")
            }
        }
    }

    /// Every field's label with its value, in the outline's order, for the reviewer.
    pub fn summary(&self) -> Vec<(String, String)> {
        fields()
            .map(|f| (f.label.clone(), self.display(f)))
            .collect()
    }
}

/// Sets a count.
pub fn set_count(doc: &mut AutoCommit, key: &str, value: Option<u64>) -> Result<(), EditError> {
    let f = field(key, FieldKind::Count)?;
    let counts = map_at(doc, &["counts"])?;
    doc.put(&counts, f.key.as_str(), count_value(value))?;
    Ok(())
}

/// Replaces a narrative with what the officer sees now, as character splices.
pub fn set_narrative(doc: &mut AutoCommit, key: &str, value: &str) -> Result<(), EditError> {
    let f = field(key, FieldKind::Narrative)?;
    let narratives = map_at(doc, &["narratives"])?;
    update_text(doc, &narratives, &f.key, value)
}

/// Sets a short text (the signer's name).
pub fn set_text(doc: &mut AutoCommit, key: &str, value: &str) -> Result<(), EditError> {
    let f = field(key, FieldKind::Text)?;
    let texts = map_at(doc, &["texts"])?;
    let value = match value.trim() {
        "" => ScalarValue::Null,
        v => ScalarValue::Str(v.into()),
    };
    doc.put(&texts, f.key.as_str(), value)?;
    Ok(())
}

/// Sets one cell of a grid.
pub fn set_grid(
    doc: &mut AutoCommit,
    key: &str,
    row: &str,
    column: &str,
    value: Option<u64>,
) -> Result<(), EditError> {
    let f = field(key, FieldKind::Grid)?;
    if !f.rows.iter().any(|r| r.key == row) || !f.columns.iter().any(|c| c.key == column) {
        return Err(EditError::UnknownField(format!("{key}/{row}/{column}")));
    }
    let cells = map_at(doc, &["grids", &f.key, row])?;
    doc.put(&cells, column, count_value(value))?;
    Ok(())
}

/// Adds an empty row to a table under a new stable id; `position` orders rows.
pub fn add_row(
    doc: &mut AutoCommit,
    table: &str,
    row_id: &str,
    position: i64,
) -> Result<(), EditError> {
    let f = field(table, FieldKind::Table)?;
    let rows = map_at(doc, &["tables", &f.key])?;
    let row = doc.put_object(&rows, row_id, ObjType::Map)?;
    doc.put(&row, "position", position)?;
    let cells = doc.put_object(&row, "cells", ObjType::Map)?;
    for column in &f.columns {
        doc.put(&cells, column.key.as_str(), "")?;
    }
    Ok(())
}

/// Sets one cell of a table row.
pub fn set_cell(
    doc: &mut AutoCommit,
    table: &str,
    row_id: &str,
    column: &str,
    value: &str,
) -> Result<(), EditError> {
    let f = field(table, FieldKind::Table)?;
    if !f.columns.iter().any(|c| c.key == column) {
        return Err(EditError::UnknownField(format!("{table}/{column}")));
    }
    let cells = map_at(doc, &["tables", &f.key, row_id, "cells"])?;
    doc.put(&cells, column, value)?;
    Ok(())
}

/// Removes a table row.
pub fn remove_row(doc: &mut AutoCommit, table: &str, row_id: &str) -> Result<(), EditError> {
    let f = field(table, FieldKind::Table)?;
    let rows = map_at(doc, &["tables", &f.key])?;
    doc.delete(&rows, row_id)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use automerge::ActorId;

    fn doc() -> AutoCommit {
        start(
            &"activity:16816:2022-H1".parse().unwrap(),
            ActorId::random(),
        )
    }

    #[test]
    fn every_kind_of_field_reads_back_and_summarises() {
        let mut doc = doc();
        set_count(&mut doc, "events_by_committee", Some(3)).unwrap();
        set_narrative(&mut doc, "assessment", "Tuyên truyền tại 5 bản").unwrap();
        set_text(&mut doc, "signer", "Lô Thị Mai").unwrap();
        set_grid(&mut doc, "organisation", "commune", "members", Some(9)).unwrap();
        add_row(&mut doc, "documents_issued", "r1", 2).unwrap();
        add_row(&mut doc, "documents_issued", "r0", 1).unwrap();
        set_cell(&mut doc, "documents_issued", "r1", "code", "15/KH-UBND").unwrap();
        set_cell(&mut doc, "documents_issued", "r0", "code", "07/QĐ-UBND").unwrap();
        let report = ActivityReport::read(&doc).unwrap();
        assert_eq!(report.count("events_by_committee"), Some(3));
        assert_eq!(report.count("events_by_members"), None);
        assert_eq!(report.narrative("assessment"), "Tuyên truyền tại 5 bản");
        assert_eq!(report.text("signer"), "Lô Thị Mai");
        assert_eq!(report.grid("organisation", "commune", "members"), Some(9));
        let rows: Vec<&str> = report
            .rows("documents_issued")
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(rows, ["r0", "r1"]);
        let summary = report.summary();
        assert_eq!(summary.len(), fields().count());
        let value = |label: &str| summary.iter().find(|(l, _)| l == label).unwrap().1.clone();
        assert_eq!(
            value(
                "Số cuộc truyền thông (tọa đàm, hội thảo, triển lãm ảnh...) do Ban VSTBPN tổ chức"
            ),
            "3"
        );
        assert_eq!(
            value("Số cuộc truyền thông do các đơn vị thành viên Ban VSTBPN tổ chức"),
            "—"
        );
        assert!(
            value("Văn bản mới ban hành và tham mưu ban hành trong năm 2022")
                .starts_with("07/QĐ-UBND ·")
        );
        assert!(value("Công tác tổ chức của Ban VSTBPN năm 2022").contains(
            "Cấp xã — Đơn vị được kiện toàn: —; Đơn vị thành lập mới: —; Thành viên Ban VSTBPN: 9"
        ));

        remove_row(&mut doc, "documents_issued", "r0").unwrap();
        assert_eq!(
            ActivityReport::read(&doc)
                .unwrap()
                .rows("documents_issued")
                .len(),
            1
        );
        assert!(report.is_filled("signer") && !report.is_filled("difficulties"));
    }

    #[test]
    fn rows_come_in_position_order_ties_by_id() {
        let mut doc = doc();
        for (id, position) in [("b", 3), ("a", 1), ("d", 2), ("c", 2), ("e", -1)] {
            add_row(&mut doc, "documents_issued", id, position).unwrap();
        }
        let report = ActivityReport::read(&doc).unwrap();
        let rows: Vec<&str> = report
            .rows("documents_issued")
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(rows, ["e", "a", "c", "d", "b"]);
        assert!(report.rows("no_such_table").is_empty());
    }

    #[test]
    fn edits_outside_the_outline_are_refused() {
        let mut doc = doc();
        assert!(set_count(&mut doc, "nope", Some(1)).is_err());
        assert!(set_count(&mut doc, "assessment", Some(1)).is_err());
        assert!(set_grid(&mut doc, "organisation", "hamlet", "members", Some(1)).is_err());
        assert!(set_cell(&mut doc, "documents_issued", "missing-row", "code", "x").is_err());
        let err = set_narrative(&mut doc, "signer", "x").unwrap_err();
        assert_eq!(err.to_string(), "Không có trường «signer» trong biểu mẫu");
    }
}
