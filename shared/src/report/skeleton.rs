//! Each report's skeleton as the Automerge value tree its genesis writes in one batch
//! (`Transactable::init_root_from_hydrate`), built by hand from the report types.
//!
//! autosurgeon's `reconcile` into an empty document builds the same tree and makes the
//! same call, but its reconcilers, instantiated for every report type, cost the phone
//! more than the trees themselves. The genesis must stay byte-identical on every device
//! and to the documents already stored, so a test checks these trees give exactly the
//! bytes autosurgeon's reconcile gives, for every unit and kind.

use crate::report::activity::{ActivityReport, TableRow};
use crate::report::inspection::{InspectionReport, TaskReport};
use crate::report::programme::{ProgrammeReport, ProgrammeRow};
use crate::report::review::{Decision, Review};
use automerge::hydrate::{List, Map, MapValue, Value};
use automerge::{ScalarValue, TextEncoding};
use autosurgeon::Text;
use std::collections::BTreeMap;

fn put(map: &mut Map, key: &str, value: Value) {
    map.insert(
        key.to_string(),
        MapValue {
            value,
            conflict: false,
        },
    );
}

fn map<'a, T: 'a>(entries: &'a BTreeMap<String, T>, value: impl Fn(&'a T) -> Value) -> Value {
    let mut out = Map::default();
    for (key, entry) in entries {
        put(&mut out, key, value(entry));
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

pub fn activity(report: &ActivityReport) -> Map {
    let row = |r: &TableRow| {
        let mut out = Map::default();
        put(&mut out, "position", scalar(r.position));
        put(&mut out, "cells", map(&r.cells, |c| string(c)));
        Value::Map(out)
    };
    let mut root = Map::default();
    put(&mut root, "narratives", map(&report.narratives, text));
    put(&mut root, "texts", map(&report.texts, optional));
    put(&mut root, "counts", map(&report.counts, optional));
    put(&mut root, "tables", map(&report.tables, |t| map(t, row)));
    put(
        &mut root,
        "grids",
        map(&report.grids, |g| map(g, |r| map(r, optional))),
    );
    put(&mut root, "submitted", scalar(report.submitted));
    root
}

pub fn programme(report: &ProgrammeReport) -> Map {
    let row = |r: &ProgrammeRow| {
        let mut out = Map::default();
        put(&mut out, "value", optional(&r.value));
        put(&mut out, "numerator", optional(&r.numerator));
        put(&mut out, "denominator", optional(&r.denominator));
        put(&mut out, "note", text(&r.note));
        Value::Map(out)
    };
    let mut root = Map::default();
    put(&mut root, "rows", map(&report.rows, row));
    put(&mut root, "submitted", scalar(report.submitted));
    root
}

pub fn inspection(report: &InspectionReport) -> Map {
    let task = |t: &TaskReport| {
        let mut out = Map::default();
        put(&mut out, "status", optional(&t.status));
        put(&mut out, "results", text(&t.results));
        put(&mut out, "evidence", text(&t.evidence));
        Value::Map(out)
    };
    let mut root = Map::default();
    put(&mut root, "tasks", map(&report.tasks, task));
    put(&mut root, "sections", map(&report.sections, text));
    put(&mut root, "submitted", scalar(report.submitted));
    root
}

pub fn review(review: &Review) -> Map {
    let decision = |d: &Decision| {
        let mut out = Map::default();
        put(&mut out, "verdict", string(&d.verdict));
        put(
            &mut out,
            "heads",
            Value::List(List::from(
                d.heads.iter().map(|h| string(h)).collect::<Vec<_>>(),
            )),
        );
        put(&mut out, "note", string(&d.note));
        put(&mut out, "comments", map(&d.comments, |c| string(c)));
        put(&mut out, "by", string(&d.by));
        put(&mut out, "at", scalar(d.at));
        Value::Map(out)
    };
    let mut root = Map::default();
    put(
        &mut root,
        "decisions",
        Value::List(List::from(
            review.decisions.iter().map(decision).collect::<Vec<_>>(),
        )),
    );
    root
}
