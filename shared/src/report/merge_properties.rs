//! Property: for random edits on two copies of any report, merging converges (same heads,
//! same content both ways) and keeps every edit the other copy did not touch.

use super::{activity, inspection, programme};
use crate::genesis::start;
use crate::ids::DocId;
use automerge::{ActorId, AutoCommit};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A document flattened to "path → value", for comparing copies field by field.
type Flat = BTreeMap<String, String>;

/// Runs two edit sequences on two copies, merges, and checks the property. `apply`
/// returns the path prefix the edit touched.
fn check<E>(
    id: &str,
    a: &[E],
    b: &[E],
    apply: impl Fn(&mut AutoCommit, &E, char) -> Option<String>,
    flatten: impl Fn(&AutoCommit) -> Flat,
) {
    let id: DocId = id.parse().unwrap();
    let mut copy_a = start(&id, ActorId::random());
    let mut copy_b = start(&id, ActorId::random());
    let touched = |doc: &mut AutoCommit, edits: &[E], side: char| -> BTreeSet<String> {
        edits.iter().filter_map(|e| apply(doc, e, side)).collect()
    };
    let touched_a = touched(&mut copy_a, a, 'a');
    let touched_b = touched(&mut copy_b, b, 'b');
    let (flat_a, flat_b) = (flatten(&copy_a), flatten(&copy_b));

    let mut merged_a = copy_a.fork();
    merged_a.merge(&mut copy_b.clone()).unwrap();
    let mut merged_b = copy_b.fork();
    merged_b.merge(&mut copy_a.clone()).unwrap();
    assert_eq!(merged_a.get_heads(), merged_b.get_heads());
    let merged = flatten(&merged_a);
    assert_eq!(merged, flatten(&merged_b));

    let covered =
        |set: &BTreeSet<String>, key: &str| set.iter().any(|p| key.starts_with(p.as_str()));
    let keys: BTreeSet<&String> = flat_a
        .keys()
        .chain(flat_b.keys())
        .chain(merged.keys())
        .collect();
    for key in keys {
        let (by_a, by_b) = (covered(&touched_a, key), covered(&touched_b, key));
        let expected = match (by_a, by_b) {
            (true, false) => flat_a.get(key),
            (false, true) | (false, false) => flat_b.get(key),
            (true, true) => continue, // a conflict or an interleaving: shown to a person
        };
        assert_eq!(merged.get(key), expected, "{key}");
    }
}

#[derive(Debug, Clone)]
enum ActivityEdit {
    Count(usize, Option<u64>),
    Narrative(usize, String),
    Grid(usize, usize, Option<u64>),
    AddRow(u8),
    Cell(u8, usize, String),
    RemoveRow(u8),
}

fn activity_edit() -> impl Strategy<Value = ActivityEdit> {
    prop_oneof![
        (0..10usize, proptest::option::of(0..500u64)).prop_map(|(f, v)| ActivityEdit::Count(f, v)),
        (0..17usize, "[a-zà-ỹ ]{0,12}").prop_map(|(f, t)| ActivityEdit::Narrative(f, t)),
        (0..3usize, 0..5usize, proptest::option::of(0..50u64))
            .prop_map(|(r, c, v)| ActivityEdit::Grid(r, c, v)),
        (0..4u8).prop_map(ActivityEdit::AddRow),
        (0..4u8, 0..4usize, "[0-9A-Z/]{0,8}").prop_map(|(r, c, t)| ActivityEdit::Cell(r, c, t)),
        (0..4u8).prop_map(ActivityEdit::RemoveRow),
    ]
}

fn keys_of(kind: crate::plan::FieldKind) -> Vec<&'static crate::plan::OutlineField> {
    activity::fields().filter(|f| f.kind == kind).collect()
}

fn apply_activity(doc: &mut AutoCommit, edit: &ActivityEdit, side: char) -> Option<String> {
    use crate::plan::FieldKind;
    let counts = keys_of(FieldKind::Count);
    let narratives = keys_of(FieldKind::Narrative);
    let organisation = keys_of(FieldKind::Grid)
        .into_iter()
        .find(|f| f.key == "organisation")
        .unwrap();
    let table = "documents_issued";
    let columns = ["code", "date", "issuer", "summary"];
    let result = match edit {
        ActivityEdit::Count(f, v) => {
            let key = &counts[f % counts.len()].key;
            activity::set_count(doc, key, *v).map(|_| format!("c/{key}"))
        }
        ActivityEdit::Narrative(f, t) => {
            let key = &narratives[f % narratives.len()].key;
            activity::set_narrative(doc, key, t).map(|_| format!("n/{key}"))
        }
        ActivityEdit::Grid(r, c, v) => {
            let (row, col) = (&organisation.rows[*r].key, &organisation.columns[*c].key);
            activity::set_grid(doc, "organisation", row, col, *v)
                .map(|_| format!("g/organisation/{row}/{col}"))
        }
        ActivityEdit::AddRow(r) => {
            let id = format!("{side}{r}");
            activity::add_row(doc, table, &id, i64::from(*r)).map(|_| format!("t/{table}/{id}"))
        }
        ActivityEdit::Cell(r, c, t) => {
            let id = format!("{side}{r}");
            activity::set_cell(doc, table, &id, columns[*c], t).map(|_| format!("t/{table}/{id}"))
        }
        ActivityEdit::RemoveRow(r) => {
            let id = format!("{side}{r}");
            activity::remove_row(doc, table, &id).map(|_| format!("t/{table}/{id}"))
        }
    };
    doc.commit();
    result.ok()
}

fn flatten_activity(doc: &AutoCommit) -> Flat {
    let r = activity::ActivityReport::read(doc).unwrap();
    let mut flat = Flat::new();
    for (k, v) in &r.counts {
        flat.insert(format!("c/{k}"), format!("{v:?}"));
    }
    for (k, v) in &r.narratives {
        flat.insert(format!("n/{k}"), v.as_str().to_string());
    }
    for (g, rows) in &r.grids {
        for (row, cells) in rows {
            for (col, v) in cells {
                flat.insert(format!("g/{g}/{row}/{col}"), format!("{v:?}"));
            }
        }
    }
    for (t, rows) in &r.tables {
        for (id, row) in rows {
            flat.insert(format!("t/{t}/{id}"), row.position.to_string());
            for (col, v) in &row.cells {
                flat.insert(format!("t/{t}/{id}/{col}"), v.clone());
            }
        }
    }
    flat
}

#[derive(Debug, Clone)]
enum ProgrammeEdit {
    Numerator(usize, Option<u64>),
    Denominator(usize, Option<u64>),
    Note(usize, String),
}

fn apply_programme(doc: &mut AutoCommit, edit: &ProgrammeEdit, _: char) -> Option<String> {
    let rows = ["1.1.3", "3.2a.1", "3.2a.2", "3.2b.1", "3.2b.2", "6.3"];
    let result = match edit {
        ProgrammeEdit::Numerator(r, v) => {
            programme::set_numerator(doc, rows[*r], *v).map(|_| format!("{}/numerator", rows[*r]))
        }
        ProgrammeEdit::Denominator(r, v) => programme::set_denominator(doc, rows[*r], *v)
            .map(|_| format!("{}/denominator", rows[*r])),
        ProgrammeEdit::Note(r, t) => {
            programme::set_note(doc, rows[*r], t).map(|_| format!("{}/note", rows[*r]))
        }
    };
    doc.commit();
    result.ok()
}

fn flatten_programme(doc: &AutoCommit) -> Flat {
    let r = programme::ProgrammeReport::read(doc).unwrap();
    let mut flat = Flat::new();
    for (id, row) in &r.rows {
        flat.insert(format!("{id}/numerator"), format!("{:?}", row.numerator));
        flat.insert(
            format!("{id}/denominator"),
            format!("{:?}", row.denominator),
        );
        flat.insert(format!("{id}/value"), format!("{:?}", row.value));
        flat.insert(format!("{id}/note"), row.note.as_str().to_string());
    }
    flat
}

#[derive(Debug, Clone)]
enum InspectionEdit {
    Status(usize, Option<usize>),
    Results(usize, String),
    Section(usize, String),
}

fn apply_inspection(doc: &mut AutoCommit, edit: &InspectionEdit, _: char) -> Option<String> {
    let tasks = ["1.10", "1.15", "2.1.4", "2.4.1", "2.4.2"];
    let result = match edit {
        InspectionEdit::Status(t, s) => {
            let status = s.map(|s| inspection::TaskStatus::ALL[s]);
            inspection::set_status(doc, tasks[*t], status).map(|_| format!("{}/status", tasks[*t]))
        }
        InspectionEdit::Results(t, text) => {
            inspection::set_task_text(doc, tasks[*t], "results", text)
                .map(|_| format!("{}/results", tasks[*t]))
        }
        InspectionEdit::Section(s, text) => {
            let key = inspection::SECTIONS[*s].0;
            inspection::set_section(doc, key, text).map(|_| format!("s/{key}"))
        }
    };
    doc.commit();
    result.ok()
}

fn flatten_inspection(doc: &AutoCommit) -> Flat {
    let r = inspection::InspectionReport::read(doc).unwrap();
    let mut flat = Flat::new();
    for (id, t) in &r.tasks {
        flat.insert(format!("{id}/status"), format!("{:?}", t.status));
        flat.insert(format!("{id}/results"), t.results.as_str().to_string());
        flat.insert(format!("{id}/evidence"), t.evidence.as_str().to_string());
    }
    for (k, v) in &r.sections {
        flat.insert(format!("s/{k}"), v.as_str().to_string());
    }
    flat
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn activity_copies_converge_and_keep_untouched_edits(
        a in proptest::collection::vec(activity_edit(), 0..12),
        b in proptest::collection::vec(activity_edit(), 0..12),
    ) {
        check("activity:16816:2022-H1", &a, &b, apply_activity, flatten_activity);
    }

    #[test]
    fn programme_copies_converge_and_keep_untouched_edits(
        a in proptest::collection::vec(prop_oneof![
            (0..6usize, proptest::option::of(0..100u64)).prop_map(|(r, v)| ProgrammeEdit::Numerator(r, v)),
            (0..6usize, proptest::option::of(1..100u64)).prop_map(|(r, v)| ProgrammeEdit::Denominator(r, v)),
            (0..6usize, "[a-z ]{0,10}").prop_map(|(r, t)| ProgrammeEdit::Note(r, t)),
        ], 0..10),
        b in proptest::collection::vec(prop_oneof![
            (0..6usize, proptest::option::of(0..100u64)).prop_map(|(r, v)| ProgrammeEdit::Numerator(r, v)),
            (0..6usize, proptest::option::of(1..100u64)).prop_map(|(r, v)| ProgrammeEdit::Denominator(r, v)),
            (0..6usize, "[a-z ]{0,10}").prop_map(|(r, t)| ProgrammeEdit::Note(r, t)),
        ], 0..10),
    ) {
        check("programme:16816:2022", &a, &b, apply_programme, flatten_programme);
    }

    #[test]
    fn inspection_copies_converge_and_keep_untouched_edits(
        a in proptest::collection::vec(prop_oneof![
            (0..5usize, proptest::option::of(0..3usize)).prop_map(|(t, s)| InspectionEdit::Status(t, s)),
            (0..5usize, "[a-z ]{0,10}").prop_map(|(t, x)| InspectionEdit::Results(t, x)),
            (0..4usize, "[a-z ]{0,10}").prop_map(|(s, x)| InspectionEdit::Section(s, x)),
        ], 0..10),
        b in proptest::collection::vec(prop_oneof![
            (0..5usize, proptest::option::of(0..3usize)).prop_map(|(t, s)| InspectionEdit::Status(t, s)),
            (0..5usize, "[a-z ]{0,10}").prop_map(|(t, x)| InspectionEdit::Results(t, x)),
            (0..4usize, "[a-z ]{0,10}").prop_map(|(s, x)| InspectionEdit::Section(s, x)),
        ], 0..10),
    ) {
        check("inspection:90006:2022", &a, &b, apply_inspection, flatten_inspection);
    }
}
