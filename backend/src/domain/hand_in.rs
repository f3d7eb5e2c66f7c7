//! A saved file of a unit's documents handed in at the province or the district, when
//! the unit has had no network for weeks. Each document is merged into the server's copy
//! (Automerge merge: nothing is overwritten, a file handed in twice changes nothing) and
//! passes the same gate as a sync ([`accept`](super::acceptance::accept)); the provenance
//! names the person who handed the file in, under [`HAND_IN_DEVICE`], so the report's
//! history, the reviewers' list and the matrix say it was handed in, by whom and when,
//! and that person cannot approve it. Documents outside that person's scope are
//! skipped and said so.

use super::acceptance::{Outcome, Refusal, accept};
use super::documents::{Documents, Writer};
use crate::auth::AuthUser;
use crate::store::StoreError;
use automerge::AutoCommit;
use shared::bundle::SavedDoc;
use shared::ids::DocId;
use shared::wire::ImportResult;

/// The device name provenance records for changes that came in a file.
pub use shared::wire::HAND_IN_DEVICE;

/// Merges every document of a file; says what became of each.
pub async fn hand_in(
    documents: &Documents,
    user: &AuthUser,
    saved: Vec<SavedDoc>,
) -> Result<ImportResult, StoreError> {
    let mut result = ImportResult::default();
    for saved in saved {
        let Ok(id) = saved.doc.parse::<DocId>() else {
            result
                .skipped
                .push((saved.doc, "Mã báo cáo không hợp lệ.".to_string()));
            continue;
        };
        if !user.principal.can_import(&id) {
            result.skipped.push((
                saved.doc,
                "Báo cáo không thuộc phạm vi bạn được nhận.".to_string(),
            ));
            continue;
        }
        let Ok(incoming) = AutoCommit::load(&saved.bytes) else {
            result
                .skipped
                .push((saved.doc, "Dữ liệu báo cáo bị hỏng.".to_string()));
            continue;
        };
        let writer = Writer {
            user_id: user.user_id,
            device: HAND_IN_DEVICE,
        };
        let outcome = documents
            .update(id, None, |mut working| {
                let mut incoming = incoming.clone();
                async move {
                    let mut candidate = working.doc.fork();
                    if candidate.merge(&mut incoming).is_err() {
                        return Ok((working, Outcome::Refused(Refusal::Unmergeable)));
                    }
                    let outcome =
                        accept(documents.store(), &mut working, id, candidate, writer, true)
                            .await?;
                    Ok((working, outcome))
                }
            })
            .await?;
        match outcome {
            Outcome::Stored => result.merged.push(saved.doc),
            Outcome::Unchanged => result.unchanged.push(saved.doc),
            Outcome::Refused(refusal) => result.skipped.push((saved.doc, refusal.to_string())),
        }
    }
    tracing::info!(
        user = user.user_id,
        merged = result.merged.len(),
        unchanged = result.unchanged.len(),
        skipped = result.skipped.len(),
        "file handed in"
    );
    Ok(result)
}
