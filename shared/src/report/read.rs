//! Reading a whole report out of its document, one `map_range` pass per map.
//!
//! This reads exactly what autosurgeon's derived `Hydrate` reads, and refuses what it
//! refuses (a missing field, a value of another type: the server refuses changes that
//! leave a document unreadable as its kind), but it is written for the four report
//! types instead of being generated through autosurgeon's generic readers: those are
//! instantiated per type in the phone's wasm, and they ask the document for each field
//! again after listing the map, a fresh search per field, which the server pays on every
//! accepted edit. Each map is listed once;
//! `map_range` yields for each key the value `get` returns (the winner among
//! concurrent values). A test compares every reader with autosurgeon's on merged and
//! on malformed documents.

use crate::report::activity::{ActivityReport, TableRow};
use crate::report::inspection::{InspectionReport, TaskReport};
use crate::report::programme::{ProgrammeReport, ProgrammeRow};
use crate::report::review::{Decision, Review};
use automerge::{AutoCommit, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value};
use autosurgeon::{HydrateError, Text};
use std::collections::{BTreeMap, HashMap};

type Found<'a> = (Value<'a>, ObjId);

fn unexpected(expected: &'static str, found: &Value<'_>) -> HydrateError {
    let found = match found {
        Value::Object(ObjType::Map | ObjType::Table) => "a map",
        Value::Object(ObjType::List) => "a list",
        Value::Object(ObjType::Text) => "a text",
        Value::Scalar(_) => "another scalar",
    };
    HydrateError::unexpected(expected, found.to_string())
}

/// The fields of a struct-like map, listed once.
struct Fields<'a>(HashMap<String, Found<'a>>);

impl<'a> Fields<'a> {
    fn of(doc: &'a AutoCommit, obj: &ObjId) -> Self {
        Fields(
            doc.map_range(obj, ..)
                .map(|item| {
                    let id = item.id();
                    (item.key.into_owned(), (item.value.into_value(), id))
                })
                .collect(),
        )
    }

    fn get(&self, key: &str) -> Result<&Found<'a>, HydrateError> {
        self.0
            .get(key)
            .ok_or_else(|| HydrateError::unexpected("a value", "nothing at all".to_string()))
    }
}

/// A map object's fields (a struct in the report types).
fn fields<'a>(doc: &'a AutoCommit, found: &Found<'_>) -> Result<Fields<'a>, HydrateError> {
    match found {
        (Value::Object(ObjType::Map | ObjType::Table), id) => Ok(Fields::of(doc, id)),
        (other, _) => Err(unexpected("a map", other)),
    }
}

/// A map object read as `BTreeMap<String, T>`, each value by `read`.
fn map_of<T>(
    doc: &AutoCommit,
    found: &Found<'_>,
    read: impl Fn(&AutoCommit, &Found<'_>) -> Result<T, HydrateError>,
) -> Result<BTreeMap<String, T>, HydrateError> {
    let (Value::Object(ObjType::Map | ObjType::Table), id) = found else {
        return Err(unexpected("a map", &found.0));
    };
    let mut out = BTreeMap::new();
    for item in doc.map_range(id, ..) {
        let id = item.id();
        let entry = (item.value.into_value(), id);
        out.insert(item.key.into_owned(), read(doc, &entry)?);
    }
    Ok(out)
}

fn text(doc: &AutoCommit, found: &Found<'_>) -> Result<Text, HydrateError> {
    match found {
        (Value::Object(ObjType::Text), id) => Ok(Text::from(doc.text(id)?)),
        (other, _) => Err(unexpected("a text", other)),
    }
}

fn scalar<'f>(
    found: &'f Found<'_>,
    expected: &'static str,
) -> Result<&'f ScalarValue, HydrateError> {
    match &found.0 {
        Value::Scalar(s) => Ok(s.as_ref()),
        other => Err(unexpected(expected, other)),
    }
}

fn opt_u64(_: &AutoCommit, found: &Found<'_>) -> Result<Option<u64>, HydrateError> {
    match scalar(found, "a count or null")? {
        ScalarValue::Null => Ok(None),
        ScalarValue::Uint(n) => Ok(Some(*n)),
        _ => Err(unexpected("a count or null", &found.0)),
    }
}

fn opt_string(_: &AutoCommit, found: &Found<'_>) -> Result<Option<String>, HydrateError> {
    match scalar(found, "a string or null")? {
        ScalarValue::Null => Ok(None),
        ScalarValue::Str(s) => Ok(Some(s.to_string())),
        _ => Err(unexpected("a string or null", &found.0)),
    }
}

fn string(_: &AutoCommit, found: &Found<'_>) -> Result<String, HydrateError> {
    match scalar(found, "a string")? {
        ScalarValue::Str(s) => Ok(s.to_string()),
        _ => Err(unexpected("a string", &found.0)),
    }
}

fn int(found: &Found<'_>) -> Result<i64, HydrateError> {
    match scalar(found, "an integer")? {
        ScalarValue::Int(n) => Ok(*n),
        _ => Err(unexpected("an integer", &found.0)),
    }
}

fn boolean(found: &Found<'_>) -> Result<bool, HydrateError> {
    match scalar(found, "a boolean")? {
        ScalarValue::Boolean(b) => Ok(*b),
        _ => Err(unexpected("a boolean", &found.0)),
    }
}

fn root(doc: &AutoCommit) -> Fields<'_> {
    Fields::of(doc, &ROOT)
}

pub fn activity(doc: &AutoCommit) -> Result<ActivityReport, HydrateError> {
    let row = |doc: &AutoCommit, found: &Found<'_>| -> Result<TableRow, HydrateError> {
        let f = fields(doc, found)?;
        Ok(TableRow {
            position: int(f.get("position")?)?,
            cells: map_of(doc, f.get("cells")?, string)?,
        })
    };
    let f = root(doc);
    Ok(ActivityReport {
        narratives: map_of(doc, f.get("narratives")?, text)?,
        texts: map_of(doc, f.get("texts")?, opt_string)?,
        counts: map_of(doc, f.get("counts")?, opt_u64)?,
        tables: map_of(doc, f.get("tables")?, |doc, t| map_of(doc, t, row))?,
        grids: map_of(doc, f.get("grids")?, |doc, g| {
            map_of(doc, g, |doc, r| map_of(doc, r, opt_u64))
        })?,
        submitted: boolean(f.get("submitted")?)?,
    })
}

pub fn programme(doc: &AutoCommit) -> Result<ProgrammeReport, HydrateError> {
    let row = |doc: &AutoCommit, found: &Found<'_>| -> Result<ProgrammeRow, HydrateError> {
        let f = fields(doc, found)?;
        Ok(ProgrammeRow {
            value: opt_string(doc, f.get("value")?)?,
            numerator: opt_u64(doc, f.get("numerator")?)?,
            denominator: opt_u64(doc, f.get("denominator")?)?,
            note: text(doc, f.get("note")?)?,
        })
    };
    let f = root(doc);
    Ok(ProgrammeReport {
        rows: map_of(doc, f.get("rows")?, row)?,
        submitted: boolean(f.get("submitted")?)?,
    })
}

pub fn inspection(doc: &AutoCommit) -> Result<InspectionReport, HydrateError> {
    let task = |doc: &AutoCommit, found: &Found<'_>| -> Result<TaskReport, HydrateError> {
        let f = fields(doc, found)?;
        Ok(TaskReport {
            status: opt_string(doc, f.get("status")?)?,
            results: text(doc, f.get("results")?)?,
            evidence: text(doc, f.get("evidence")?)?,
        })
    };
    let f = root(doc);
    Ok(InspectionReport {
        tasks: map_of(doc, f.get("tasks")?, task)?,
        sections: map_of(doc, f.get("sections")?, text)?,
        submitted: boolean(f.get("submitted")?)?,
    })
}

/// A list object's items.
fn list<'a>(doc: &'a AutoCommit, found: &Found<'_>) -> Result<Vec<Found<'a>>, HydrateError> {
    match found {
        (Value::Object(ObjType::List), id) => Ok(doc
            .list_range(id, ..)
            .map(|item| {
                let id = item.id();
                (item.value.into_value(), id)
            })
            .collect()),
        (other, _) => Err(unexpected("a list", other)),
    }
}

pub fn review(doc: &AutoCommit) -> Result<Review, HydrateError> {
    let decision = |found: &Found<'_>| -> Result<Decision, HydrateError> {
        let f = fields(doc, found)?;
        Ok(Decision {
            verdict: string(doc, f.get("verdict")?)?,
            heads: list(doc, f.get("heads")?)?
                .iter()
                .map(|h| string(doc, h))
                .collect::<Result<_, _>>()?,
            note: string(doc, f.get("note")?)?,
            comments: map_of(doc, f.get("comments")?, string)?,
            by: string(doc, f.get("by")?)?,
            at: int(f.get("at")?)?,
        })
    };
    let f = root(doc);
    Ok(Review {
        decisions: list(doc, f.get("decisions")?)?
            .iter()
            .map(decision)
            .collect::<Result<_, _>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::DocId;
    use crate::plan::FieldKind;
    use crate::report::activity;
    use automerge::transaction::Transactable;
    use automerge::{ActorId, ROOT};

    fn start(id: &str) -> AutoCommit {
        crate::genesis::start(&id.parse::<DocId>().unwrap(), ActorId::random())
    }

    /// Two phones edit the same report concurrently (the same count, table rows, a grid
    /// cell, a narrative); the merged document reads as autosurgeon reads it, and so do
    /// fresh reports of every kind and a review with decisions.
    #[test]
    fn reads_what_autosurgeon_reads() {
        let mut a = start("activity:16816:2022-H1");
        let mut b = a.fork().with_actor(ActorId::random());
        let grid = activity::fields()
            .find(|f| f.kind == FieldKind::Grid)
            .expect("the outline has a grid");
        let (row, column) = (&grid.rows[0].key, &grid.columns[0].key);
        activity::set_count(&mut a, "events_by_committee", Some(3)).unwrap();
        activity::set_count(&mut b, "events_by_committee", Some(4)).unwrap();
        activity::add_row(&mut a, "documents_issued", "ra", 1).unwrap();
        activity::add_row(&mut b, "documents_issued", "rb", 2).unwrap();
        activity::set_grid(&mut a, &grid.key, row, column, Some(7)).unwrap();
        activity::set_narrative(&mut b, "assessment", "Đánh giá chung").unwrap();
        crate::report::set_submitted(&mut b, true).unwrap();
        a.merge(&mut b).unwrap();
        let theirs: ActivityReport = autosurgeon::hydrate(&a).unwrap();
        assert_eq!(activity(&a).unwrap(), theirs);
        assert_eq!(theirs.rows("documents_issued").len(), 2);
        assert_eq!(theirs.grid(&grid.key, row, column), Some(7));
        assert!(theirs.submitted);

        let mut doc = start("programme:16816:2022");
        crate::report::programme::set_numerator(&mut doc, "1.1.3", Some(2)).unwrap();
        let theirs: ProgrammeReport = autosurgeon::hydrate(&doc).unwrap();
        assert_eq!(programme(&doc).unwrap(), theirs);

        let doc = start("inspection:90006:2022");
        let theirs: InspectionReport = autosurgeon::hydrate(&doc).unwrap();
        assert_eq!(inspection(&doc).unwrap(), theirs);

        let mut doc = start("review:activity:16816:2022-H1");
        let decision = Decision {
            verdict: "returned".to_string(),
            heads: vec!["ab".repeat(32)],
            note: "Rà soát lại".to_string(),
            comments: [("events_by_committee".to_string(), "Kiểm tra".to_string())].into(),
            by: "Thẩm định viên".to_string(),
            at: 1_650_000_000_000,
        };
        let decisions = match doc.get(ROOT, "decisions").unwrap() {
            Some((Value::Object(ObjType::List), id)) => id,
            other => panic!("{other:?}"),
        };
        autosurgeon::reconcile_insert(&mut doc, decisions, 0, &decision).unwrap();
        let theirs: Review = autosurgeon::hydrate(&doc).unwrap();
        assert_eq!(review(&doc).unwrap(), theirs);
        assert_eq!(theirs.decisions, vec![decision]);
    }

    /// What autosurgeon refuses, this refuses: a missing field, a value of another type.
    #[test]
    fn refuses_what_autosurgeon_refuses() {
        type Break = fn(&mut AutoCommit);
        fn obj(doc: &AutoCommit, key: &str) -> ObjId {
            match doc.get(ROOT, key).unwrap() {
                Some((_, id)) => id,
                None => panic!("no {key}"),
            }
        }
        let breaks: Vec<(&str, Break)> = vec![
            ("submitted as a string", |d| {
                d.put(ROOT, "submitted", "có").unwrap()
            }),
            ("no counts", |d| d.delete(ROOT, "counts").unwrap()),
            ("counts as a list", |d| {
                d.put_object(ROOT, "counts", ObjType::List).unwrap();
            }),
            ("a negative count", |d| {
                let counts = obj(d, "counts");
                d.put(&counts, "events_by_committee", -1i64).unwrap()
            }),
            ("a narrative as a string", |d| {
                let narratives = obj(d, "narratives");
                d.put(&narratives, "assessment", "văn bản").unwrap()
            }),
            ("a short text as a number", |d| {
                let texts = obj(d, "texts");
                let key = d.map_range(&texts, ..).next().unwrap().key.to_string();
                d.put(&texts, key, 3u64).unwrap()
            }),
            ("a table row without its position", |d| {
                activity::add_row(d, "documents_issued", "r1", 1).unwrap();
                let tables = obj(d, "tables");
                let (_, table) = d.get(&tables, "documents_issued").unwrap().unwrap();
                let (_, row) = d.get(&table, "r1").unwrap().unwrap();
                d.delete(&row, "position").unwrap()
            }),
        ];
        for (what, break_it) in breaks {
            let mut doc = start("activity:16816:2022-H1");
            break_it(&mut doc);
            let theirs: Result<ActivityReport, _> = autosurgeon::hydrate(&doc);
            assert!(theirs.is_err(), "autosurgeon read {what}");
            assert!(activity(&doc).is_err(), "read {what}");
        }
        let mut doc = start("programme:16816:2022");
        let rows = obj(&doc, "rows");
        let (_, row) = doc.get(&rows, "1.1.3").unwrap().unwrap();
        doc.put(&row, "note", "không phải văn bản").unwrap();
        assert!(autosurgeon::hydrate::<_, ProgrammeReport>(&doc).is_err());
        assert!(programme(&doc).is_err());
        let mut doc = start("review:activity:16816:2022-H1");
        doc.put_object(ROOT, "decisions", ObjType::Map).unwrap();
        assert!(autosurgeon::hydrate::<_, Review>(&doc).is_err());
        assert!(review(&doc).is_err());
    }
}
