//! An officer's edits the server refused, written again on top of the server's copy.
//!
//! A refused copy cannot simply be sent again: the server refuses the same changes the
//! same way, and changes made after them depend on them. What the officer meant is still
//! in it, though: every value that differs from the version the server held when it
//! refused. [`reapply`] writes those values, field by field, as new changes on the
//! document as the server now has it, and leaves out the submission mark: submitting
//! again is the officer's own decision, taken once they have seen the report as it now
//! stands (the refusal may have been about that very mark). The server judges the new
//! changes like any other; if it refuses them too, they are set aside again.

use super::EditError;
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ChangeHash, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value};

/// What one field of the refused copy holds, where it differs from the version before.
enum Leaf {
    Text(String),
    Scalar(ScalarValue),
    Gone,
}

/// Every field of `mine` whose value differs from `then`'s (`None`: the map did not
/// exist then), by its path of map keys, and every field of `then` that `mine` removed.
fn differences(
    then: &AutoCommit,
    then_obj: Option<&ObjId>,
    mine: &AutoCommit,
    obj: &ObjId,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Leaf)>,
) {
    let before = |key: &str| then_obj.and_then(|o| then.get(o, key).ok().flatten());
    for key in mine.keys(obj) {
        let Ok(Some((value, id))) = mine.get(obj, key.as_str()) else {
            continue;
        };
        path.push(key.clone());
        match value {
            Value::Object(ObjType::Map) => {
                let earlier = match before(&key) {
                    Some((Value::Object(ObjType::Map), earlier)) => Some(earlier),
                    _ => None,
                };
                differences(then, earlier.as_ref(), mine, &id, path, out);
            }
            Value::Object(ObjType::Text) => {
                let now = mine.text(&id).unwrap_or_default();
                let was = match before(&key) {
                    Some((Value::Object(ObjType::Text), earlier)) => then.text(&earlier).ok(),
                    _ => None,
                };
                if was.as_ref() != Some(&now) {
                    out.push((path.clone(), Leaf::Text(now)));
                }
            }
            Value::Scalar(now) => {
                let was = match before(&key) {
                    Some((Value::Scalar(was), _)) => Some(was.into_owned()),
                    _ => None,
                };
                if was.as_ref() != Some(now.as_ref()) {
                    out.push((path.clone(), Leaf::Scalar(now.into_owned())));
                }
            }
            // Reports hold maps, texts and scalars only.
            Value::Object(_) => {}
        }
        path.pop();
    }
    if let Some(then_obj) = then_obj {
        for key in then.keys(then_obj) {
            if mine.get(obj, key.as_str()).ok().flatten().is_none() {
                let mut gone = path.clone();
                gone.push(key);
                out.push((gone, Leaf::Gone));
            }
        }
    }
}

/// Writes one field at `path` in `doc`, making the maps on the way that it lacks (a
/// table row the officer added); `false` when it already held that value.
fn write(doc: &mut AutoCommit, path: &[String], leaf: Leaf) -> Result<bool, EditError> {
    let Some((key, parents)) = path.split_last() else {
        return Ok(false);
    };
    let mut obj = ROOT;
    for parent in parents {
        obj = match doc.get(&obj, parent.as_str())? {
            Some((Value::Object(ObjType::Map), id)) => id,
            Some(_) => return Err(EditError::Missing(path.join("/"))),
            None => doc.put_object(&obj, parent.as_str(), ObjType::Map)?,
        };
    }
    let now = doc.get(&obj, key.as_str())?;
    match (leaf, now) {
        (Leaf::Scalar(value), Some((Value::Scalar(held), _))) if *held == value => Ok(false),
        (Leaf::Scalar(value), _) => {
            doc.put(&obj, key.as_str(), value)?;
            Ok(true)
        }
        (Leaf::Gone, None) => Ok(false),
        (Leaf::Gone, Some(_)) => {
            doc.delete(&obj, key.as_str())?;
            Ok(true)
        }
        (Leaf::Text(value), Some((Value::Object(ObjType::Text), text))) => {
            if doc.text(&text)? == value {
                return Ok(false);
            }
            doc.update_text(&text, &value)?;
            Ok(true)
        }
        (Leaf::Text(value), _) => {
            let text = doc.put_object(&obj, key.as_str(), ObjType::Text)?;
            doc.update_text(&text, &value)?;
            Ok(true)
        }
    }
}

/// What [`reapply`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reapplied {
    /// Values written (none for a field that already held the officer's value).
    pub written: usize,
    /// Fields left out: the server's copy holds something else than a field there.
    pub left_out: usize,
}

/// Writes onto `onto` every field the refused copy `refused` changed after `base` (the
/// heads the server held), except the submission mark, as one change.
pub fn reapply(
    refused: &mut AutoCommit,
    base: &[ChangeHash],
    onto: &mut AutoCommit,
) -> Result<Reapplied, EditError> {
    let then = refused.fork_at(base)?;
    let mut edits = Vec::new();
    differences(
        &then,
        Some(&ROOT),
        refused,
        &ROOT,
        &mut Vec::new(),
        &mut edits,
    );
    edits.retain(|(path, _)| path.as_slice() != ["submitted"]);
    onto.commit();
    let mut done = Reapplied::default();
    for (path, leaf) in edits {
        match write(onto, &path, leaf) {
            Ok(wrote) => done.written += usize::from(wrote),
            Err(_) => done.left_out += 1,
        }
    }
    onto.commit();
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use crate::ids::DocId;
    use crate::report::activity::{self, ActivityReport};
    use crate::report::{is_submitted, set_submitted};
    use automerge::ActorId;

    #[test]
    fn the_officers_values_go_on_top_of_the_servers_copy_and_the_submission_mark_does_not() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let mut phone = start(&id, ActorId::random());
        activity::set_count(&mut phone, "events_by_committee", Some(2)).unwrap();
        activity::add_row(&mut phone, "documents_issued", "old", 0).unwrap();
        let base = phone.get_heads();
        let mut server = phone.fork().with_actor(ActorId::random());
        // Days offline: figures, a narrative, a new row, a row removed, then submitted.
        activity::set_count(&mut phone, "events_by_committee", Some(5)).unwrap();
        activity::set_narrative(&mut phone, "difficulties", "Đường vào bản bị sạt lở").unwrap();
        activity::add_row(&mut phone, "documents_issued", "new", 1).unwrap();
        activity::set_cell(&mut phone, "documents_issued", "new", "code", "12/KH-UBND").unwrap();
        activity::remove_row(&mut phone, "documents_issued", "old").unwrap();
        set_submitted(&mut phone, true).unwrap();
        // Meanwhile another device changed another field on the server.
        activity::set_count(&mut server, "training_classes", Some(4)).unwrap();

        let done = reapply(&mut phone, &base, &mut server).unwrap();
        assert!(done.written > 0 && done.left_out == 0, "{done:?}");
        let report = ActivityReport::read(&server).unwrap();
        assert_eq!(report.count("events_by_committee"), Some(5));
        assert_eq!(report.count("training_classes"), Some(4));
        assert_eq!(report.narrative("difficulties"), "Đường vào bản bị sạt lở");
        let rows = &report.tables["documents_issued"];
        assert_eq!(rows.len(), 1);
        assert_eq!(rows["new"].cells["code"], "12/KH-UBND");
        assert!(!is_submitted(&server));
        assert!(
            crate::report::out_of_bounds(id.kind, &server)
                .unwrap()
                .is_none()
        );
        // Applying again writes nothing: every value is already there.
        let heads = server.get_heads();
        assert_eq!(
            reapply(&mut phone, &base, &mut server).unwrap(),
            Reapplied::default()
        );
        assert_eq!(server.get_heads(), heads);
    }
}
