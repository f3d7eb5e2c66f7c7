//! A field's history: every change that gave it a new value, with the change's hash (the
//! server knows who uploaded it and when it arrived), the device's clock time, and the
//! value it left. Read from the document itself, so it works offline.

use super::map_at;
use automerge::{AutoCommit, ChangeHash, ObjType, ReadDoc, Value};

/// One change of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub hash: ChangeHash,
    /// The writing device's actor, as hex.
    pub actor: String,
    /// The device's clock at the change, in seconds (advisory: phones' clocks drift).
    pub device_time: i64,
    /// The value after the change, as the officer reads it.
    pub value: String,
}

/// The field's value at some heads, as shown.
fn value_at(doc: &AutoCommit, path: &[&str], heads: &[ChangeHash]) -> Option<String> {
    let (key, parents) = path.split_last()?;
    let obj = map_at(doc, parents).ok()?;
    let values = doc.get_all_at(&obj, *key, heads).ok()?;
    let shown: Vec<String> = values
        .iter()
        .map(|(value, id)| match value {
            Value::Object(ObjType::Text) => doc.text_at(id, heads).unwrap_or_default(),
            Value::Object(_) => String::new(),
            Value::Scalar(s) => super::conflicts::shown(s.as_ref()),
        })
        .collect();
    Some(shown.join(" | "))
}

/// Every change that altered the field at `path`, oldest first (the genesis excluded).
pub fn field_history(doc: &mut AutoCommit, path: &[&str]) -> Vec<FieldChange> {
    fields_history(doc, &[path])
        .into_iter()
        .map(|(_, change)| change)
        .collect()
}

/// The history of several fields at once (the cells of a grid row or a table row),
/// oldest first; each change comes with the index of the path it altered, once per path.
pub fn fields_history(doc: &mut AutoCommit, paths: &[&[&str]]) -> Vec<(usize, FieldChange)> {
    let changes = doc.get_changes(&[]);
    let mut history = Vec::new();
    for change in changes {
        if crate::genesis::is_genesis(&change) {
            continue;
        }
        for (index, path) in paths.iter().enumerate() {
            let after = value_at(doc, path, &[change.hash()]);
            let before = value_at(doc, path, change.deps());
            if after != before {
                history.push((
                    index,
                    FieldChange {
                        hash: change.hash(),
                        actor: change.actor_id().to_hex_string(),
                        device_time: change.timestamp(),
                        value: after.unwrap_or_default(),
                    },
                ));
            }
        }
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use crate::ids::DocId;
    use crate::report::activity;
    use automerge::ActorId;
    use automerge::transaction::CommitOptions;

    #[test]
    fn only_the_changes_that_touched_the_field_with_their_values() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let phone = ActorId::random();
        let mut doc = start(&id, phone.clone());
        activity::set_count(&mut doc, "events_by_committee", Some(3)).unwrap();
        doc.commit_with(CommitOptions::default().with_time(1_000));
        activity::set_count(&mut doc, "training_classes", Some(1)).unwrap();
        doc.commit_with(CommitOptions::default().with_time(2_000));
        activity::set_count(&mut doc, "events_by_committee", Some(4)).unwrap();
        doc.commit_with(CommitOptions::default().with_time(3_000));
        activity::set_narrative(&mut doc, "assessment", "Tốt").unwrap();
        doc.commit_with(CommitOptions::default().with_time(4_000));

        let history = field_history(&mut doc, &["counts", "events_by_committee"]);
        let seen: Vec<(i64, &str)> = history
            .iter()
            .map(|h| (h.device_time, h.value.as_str()))
            .collect();
        assert_eq!(seen, [(1_000, "3"), (3_000, "4")]);
        assert_eq!(history[0].actor, phone.to_hex_string());
        let text = field_history(&mut doc, &["narratives", "assessment"]);
        assert_eq!(text.len(), 1);
        assert_eq!(text[0].value, "Tốt");
    }

    #[test]
    fn the_cells_of_a_grid_row_share_one_history() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let mut doc = start(&id, ActorId::random());
        let grid = activity::outline()
            .iter()
            .flat_map(|s| &s.fields)
            .find(|f| f.kind == crate::plan::FieldKind::Grid)
            .unwrap();
        let (row, a, b) = (
            &grid.rows[0].key,
            &grid.columns[0].key,
            &grid.columns[1].key,
        );
        activity::set_grid(&mut doc, &grid.key, row, a, Some(3)).unwrap();
        doc.commit();
        activity::set_grid(&mut doc, &grid.key, row, b, Some(7)).unwrap();
        activity::set_grid(&mut doc, &grid.key, row, a, Some(4)).unwrap();
        doc.commit();
        let cell = |c: &str| {
            vec!["grids", grid.key.as_str(), row.as_str(), c]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        };
        let (pa, pb) = (cell(a), cell(b));
        let pa: Vec<&str> = pa.iter().map(String::as_str).collect();
        let pb: Vec<&str> = pb.iter().map(String::as_str).collect();
        let lines: Vec<(usize, String)> = fields_history(&mut doc, &[&pa, &pb])
            .into_iter()
            .map(|(i, c)| (i, c.value))
            .collect();
        assert_eq!(
            lines,
            [
                (0, "3".to_string()),
                (0, "4".to_string()),
                (1, "7".to_string())
            ]
        );
    }
}
