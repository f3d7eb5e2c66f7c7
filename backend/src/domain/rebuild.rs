//! `backend rebuild-projections`: the reviewers' read model recomputed from the two
//! sources of truth, the documents and the provenance table, through the same
//! [`project`] the syncs use. Run it after a restore, after a change to how summaries are
//! computed, or whenever the projection is in doubt.

use super::read_model::{Receipts, Unprojectable, project};
use crate::store::{Projection, Store};
use automerge::ChangeHash;
use std::collections::HashMap;

/// Rebuilds every projection row; returns how many reports it wrote.
pub async fn rebuild(store: &Store) -> anyhow::Result<usize> {
    let mut reports = Vec::new();
    let mut decisions = Vec::new();
    for id in store.document_ids().await? {
        let Some(stored) = store.load_document(id).await? else {
            continue;
        };
        let mut doc = stored.doc;
        let received: HashMap<ChangeHash, i64> = store
            .changes_of(id)
            .await?
            .into_iter()
            .filter_map(|p| Some((ChangeHash::try_from(p.hash.as_slice()).ok()?, p.received_at)))
            .collect();
        match project(id, &mut doc, &Receipts::Recorded(&received)) {
            Ok(Projection::Report(row)) => reports.push(row),
            Ok(Projection::Decision(decision)) => decisions.push(decision),
            Err(Unprojectable::NeverReceived | Unprojectable::NoDecision) => {}
            Err(Unprojectable::NotReadable) => {
                anyhow::bail!("{id} does not read as a document of its kind")
            }
        }
    }
    // A decision on a report nobody sent has no row to land on: the update touches none.
    store.replace_projections(&reports, &decisions).await?;
    Ok(reports.len())
}
