//! What a unit changed after its report was approved: every field whose value, as the
//! reviewer reads it, differs between the approved heads and now. Read from the document
//! itself (both versions are in its history), so a reviewer sees it offline too.

use automerge::{AutoCommit, ChangeHash};

/// One field that changed since the approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    pub label: String,
    /// The approved value; `None` when the field did not exist then.
    pub before: Option<String>,
    /// The value now; `None` when the field is gone.
    pub after: Option<String>,
}

/// The fields of the report `doc` (of `kind`) that differ from the version at `heads`,
/// in the form's order. Heads the document does not hold yet give an error.
pub fn changes_since(
    kind: crate::vocabulary::ReportKind,
    doc: &mut AutoCommit,
    heads: &[ChangeHash],
) -> Result<Vec<FieldDiff>, autosurgeon::HydrateError> {
    let approved = doc.fork_at(heads).map_err(|e| {
        autosurgeon::HydrateError::unexpected("the approved version", e.to_string())
    })?;
    let then = super::summary(kind, &approved)?;
    let now = super::summary(kind, doc)?;
    let mut diffs: Vec<FieldDiff> = now
        .iter()
        .filter_map(|(label, after)| {
            let before = then.iter().find(|(l, _)| l == label).map(|(_, v)| v);
            (before != Some(after)).then(|| FieldDiff {
                label: label.clone(),
                before: before.cloned(),
                after: Some(after.clone()),
            })
        })
        .collect();
    diffs.extend(
        then.iter()
            .filter(|(label, _)| !now.iter().any(|(l, _)| l == label))
            .map(|(label, before)| FieldDiff {
                label: label.clone(),
                before: Some(before.clone()),
                after: None,
            }),
    );
    Ok(diffs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use crate::ids::DocId;
    use crate::report::{activity, programme};

    #[test]
    fn only_fields_changed_after_the_approved_heads_are_listed() {
        let id: DocId = "activity:16816:2022".parse().unwrap();
        let mut doc = start(&id, automerge::ActorId::random());
        activity::set_count(&mut doc, "events_by_committee", Some(3)).unwrap();
        activity::set_narrative(&mut doc, "difficulties", "Thiếu kinh phí").unwrap();
        let approved = doc.get_heads();
        assert!(
            changes_since(id.kind, &mut doc, &approved)
                .unwrap()
                .is_empty()
        );

        activity::set_count(&mut doc, "events_by_committee", Some(5)).unwrap();
        activity::set_text(&mut doc, "signer", "Nguyễn Thị Hoa").unwrap();
        let diffs = changes_since(id.kind, &mut doc, &approved).unwrap();
        assert_eq!(diffs.len(), 2, "{diffs:?}");
        assert_eq!(diffs[0].before.as_deref(), Some("3"));
        assert_eq!(diffs[0].after.as_deref(), Some("5"));
        assert!(diffs[1].after.as_deref() == Some("Nguyễn Thị Hoa"));
    }

    #[test]
    fn a_programme_row_filled_after_approval_is_listed_as_new() {
        let id: DocId = "programme:16816:2022".parse().unwrap();
        let mut doc = start(&id, automerge::ActorId::random());
        let approved = doc.get_heads();
        programme::set_numerator(&mut doc, "1.1.3", Some(1)).unwrap();
        programme::set_denominator(&mut doc, "1.1.3", Some(2)).unwrap();
        let diffs = changes_since(id.kind, &mut doc, &approved).unwrap();
        assert_eq!(diffs.len(), 1, "{diffs:?}");
        assert_eq!(diffs[0].after.as_deref(), Some("1/2"));
    }
}
