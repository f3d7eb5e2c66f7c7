//! `backend rebuild-projections`: the reviewer's read model recomputed from the documents
//! themselves and the provenance table, the two sources of truth. Run it after a restore,
//! after a change to how summaries are computed, or whenever the projection is in doubt.
//!
//! - summary: read from the report as it stands;
//! - first and last receipt: the earliest and latest accepted change of the document;
//! - submission time: the receipt of the change that holds the `submitted` operation in
//!   force (a resubmission is a new operation, so its own receipt);
//! - the decision in force: the review's last decision, received with the review's
//!   latest accepted change.

use crate::store::{FullProjection, Store};
use automerge::{AutoCommit, ObjId};
use shared::ids::DocId;
use shared::report::review::{Review, submission_mark};
use std::collections::HashMap;

/// Rebuilds every projection row; returns how many reports it wrote.
pub async fn rebuild(store: &Store) -> anyhow::Result<usize> {
    let mut rows: HashMap<String, FullProjection> = HashMap::new();
    let mut reviews = Vec::new();
    for doc_id in store.document_ids().await? {
        let id: DocId = doc_id
            .parse()
            .map_err(|e| anyhow::anyhow!("the database holds a bad document id {doc_id}: {e}"))?;
        let Some(stored) = store.load_document(&doc_id).await? else {
            continue;
        };
        let mut doc = stored.doc;
        let received: HashMap<Vec<u8>, i64> = store
            .changes_of(&doc_id)
            .await?
            .into_iter()
            .map(|p| (p.hash, p.received_at))
            .collect();
        if id.is_review() {
            reviews.push((id, doc, received));
            continue;
        }
        let Some(first) = received.values().min().copied() else {
            continue;
        };
        let last = received.values().max().copied().unwrap_or(first);
        let summary = shared::report::summary(id.kind, &doc)
            .map_err(|e| anyhow::anyhow!("{doc_id} does not read as a report: {e}"))?;
        let submitted_at = submission_mark(&doc)
            .and_then(|op| change_of(&mut doc, &op))
            .and_then(|hash| received.get(&hash).copied());
        rows.insert(
            doc_id.clone(),
            FullProjection {
                doc_id,
                kind: id.kind.as_str().to_string(),
                unit_code: id.unit.get(),
                period: id.period.to_string(),
                first_received_at: first,
                last_received_at: last,
                summary: serde_json::to_string(&summary)?,
                submitted_at,
                verdict: None,
                decided_at: None,
                verdict_heads: None,
                report_heads: crate::sync::heads_text(&doc.get_heads()),
                indicators: crate::store::IndicatorValue::of(&id, &doc),
            },
        );
    }
    for (id, doc, received) in reviews {
        let Ok(review) = Review::read(&doc) else {
            anyhow::bail!("{id} does not read as a review");
        };
        let (Some(latest), Some(row)) = (review.latest(), rows.get_mut(&id.report().to_string()))
        else {
            continue;
        };
        row.verdict = Some(latest.verdict.clone());
        row.verdict_heads = Some(crate::sync::heads_text(&latest.report_heads()));
        row.decided_at = received.values().max().copied();
    }
    let rows: Vec<FullProjection> = rows.into_values().collect();
    store.replace_projections(&rows).await?;
    Ok(rows.len())
}

/// The hash of the change that made the operation `op`.
fn change_of(doc: &mut AutoCommit, op: &ObjId) -> Option<Vec<u8>> {
    let ObjId::Id(counter, actor, _) = op else {
        return None;
    };
    doc.get_changes(&[])
        .into_iter()
        .find(|c| c.actor_id() == actor && c.start_op().get() <= *counter && *counter <= c.max_op())
        .map(|c| c.hash().0.to_vec())
}
