//! Each report's skeleton as the Automerge value tree its genesis writes in one batch
//! (`Transactable::init_root_from_hydrate`), built by hand from the report types.
//!
//! autosurgeon's `reconcile` into an empty document builds the same tree and makes
//! the same call, but its reconcilers, instantiated for every report type, are a large
//! part of the phone's download. The genesis must stay
//! byte-identical on every device and to the documents already stored, so a test
//! checks these trees give exactly the bytes autosurgeon's reconcile gives, for every
//! unit and kind.

use crate::report::activity::{ActivityReport, TableRow};
use crate::report::inspection::{InspectionReport, TaskReport};
use crate::report::programme::{ProgrammeReport, ProgrammeRow};
use crate::report::review::{Decision, Review};
use automerge::hydrate::{List, Map, MapValue, Value};
use automerge::{ScalarValue, TextEncoding};
use autosurgeon::Text;
use std::collections::BTreeMap;

/// A struct-like map: each field under its name.
fn record<const N: usize>(fields: [(&str, Value); N]) -> Map {
    let mut out = Map::default();
    for (key, value) in fields {
        out.insert(
            key.to_string(),
            MapValue {
                value,
                conflict: false,
            },
        );
    }
    out
}

fn map<'a, T: 'a>(entries: &'a BTreeMap<String, T>, value: impl Fn(&'a T) -> Value) -> Value {
    let mut out = Map::default();
    for (key, entry) in entries {
        out.insert(
            key.clone(),
            MapValue {
                value: value(entry),
                conflict: false,
            },
        );
    }
    Value::Map(out)
}

fn text(text: &Text) -> Value {
    Value::text(TextEncoding::platform_default(), text.as_str())
}

fn scalar(value: impl Into<ScalarValue>) -> Value {
    Value::Scalar(value.into())
}

fn optional<T: Clone + Into<ScalarValue>>(value: &Option<T>) -> Value {
    value.clone().map_or(scalar(ScalarValue::Null), scalar)
}

fn string(value: &str) -> Value {
    scalar(ScalarValue::Str(value.into()))
}

fn list<T>(items: &[T], value: impl Fn(&T) -> Value) -> Value {
    Value::List(List::from(items.iter().map(value).collect::<Vec<_>>()))
}

pub fn activity(report: &ActivityReport) -> Map {
    let row = |r: &TableRow| {
        Value::Map(record([
            ("position", scalar(r.position)),
            ("cells", map(&r.cells, |c| string(c))),
        ]))
    };
    record([
        ("narratives", map(&report.narratives, text)),
        ("texts", map(&report.texts, optional)),
        ("counts", map(&report.counts, optional)),
        ("tables", map(&report.tables, |t| map(t, row))),
        (
            "grids",
            map(&report.grids, |g| map(g, |r| map(r, optional))),
        ),
        ("submitted", scalar(report.submitted)),
    ])
}

pub fn programme(report: &ProgrammeReport) -> Map {
    let row = |r: &ProgrammeRow| {
        Value::Map(record([
            ("value", optional(&r.value)),
            ("numerator", optional(&r.numerator)),
            ("denominator", optional(&r.denominator)),
            ("note", text(&r.note)),
        ]))
    };
    record([
        ("rows", map(&report.rows, row)),
        ("submitted", scalar(report.submitted)),
    ])
}

pub fn inspection(report: &InspectionReport) -> Map {
    let task = |t: &TaskReport| {
        Value::Map(record([
            ("status", optional(&t.status)),
            ("results", text(&t.results)),
            ("evidence", text(&t.evidence)),
        ]))
    };
    record([
        ("tasks", map(&report.tasks, task)),
        ("sections", map(&report.sections, text)),
        ("submitted", scalar(report.submitted)),
    ])
}

pub fn review(review: &Review) -> Map {
    let decision = |d: &Decision| {
        Value::Map(record([
            ("verdict", string(&d.verdict)),
            ("heads", list(&d.heads, |h| string(h))),
            ("note", string(&d.note)),
            ("comments", map(&d.comments, |c| string(c))),
            ("by", string(&d.by)),
            ("at", scalar(d.at)),
        ]))
    };
    record([("decisions", list(&review.decisions, decision))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::transaction::Transactable;
    use automerge::{ActorId, AutoCommit};

    /// The skeletons hold no rows, values or decisions, so the genesis test never sees
    /// those parts of the trees: here filled reports go through both ways.
    fn same_as_autosurgeon<R: autosurgeon::Reconcile>(value: R, tree: Map) {
        let new = || AutoCommit::new().with_actor(ActorId::from([7u8; 16].as_slice()));
        let (mut theirs, mut ours) = (new(), new());
        autosurgeon::reconcile(&mut theirs, value).unwrap();
        ours.init_root_from_hydrate(&tree).unwrap();
        theirs.commit_with(automerge::transaction::CommitOptions::default().with_time(0));
        ours.commit_with(automerge::transaction::CommitOptions::default().with_time(0));
        assert_eq!(ours.save(), theirs.save());
    }

    #[test]
    fn filled_reports_make_the_trees_autosurgeon_makes() {
        let mut a = ActivityReport::skeleton();
        a.narratives
            .insert("assessment".into(), Text::from("Đã làm"));
        a.texts
            .values_mut()
            .for_each(|t| *t = Some("Bà Lô Thị Mai".into()));
        a.counts.insert("events_by_committee".into(), Some(4));
        let row = TableRow {
            position: 1_650_000_000_000,
            cells: [("number".to_string(), "12/KH-UBND".to_string())].into(),
        };
        a.tables
            .entry("documents_issued".into())
            .or_default()
            .insert("r1".into(), row);
        a.submitted = true;
        same_as_autosurgeon(a.clone(), activity(&a));

        let unit = "16816".parse().unwrap();
        let mut p = ProgrammeReport::skeleton(unit);
        let first = p.rows.values_mut().next().unwrap();
        *first = ProgrammeRow {
            value: Some("41,2".into()),
            numerator: Some(2),
            denominator: Some(3),
            note: Text::from("Ghi chú"),
        };
        same_as_autosurgeon(p.clone(), programme(&p));

        let mut i = InspectionReport::skeleton("90006".parse().unwrap());
        let task = i.tasks.values_mut().next().unwrap();
        task.status = Some("done".into());
        task.results = Text::from("Kết quả");
        same_as_autosurgeon(i.clone(), inspection(&i));

        let r = Review {
            decisions: vec![Decision {
                verdict: "approved".into(),
                heads: vec!["ab".repeat(32)],
                note: "Tốt".into(),
                comments: [("a".to_string(), "b".to_string())].into(),
                by: "Thẩm định".into(),
                at: 5,
            }],
        };
        same_as_autosurgeon(r.clone(), review(&r));
    }
}
