//! The level each decision of a review was taken at, from the provenance: the role of
//! whoever brought the change that made it. The gate checks a new decision's place in
//! the order of levels with it (`shared::report::decision_order`), and the reviewer's
//! page asks for it to know whose turn it is on the report's version.

use super::DomainError;
use crate::store::{Store, StoreError};
use automerge::AutoCommit;
use shared::access::Principal;
use shared::ids::DocId;
use shared::report::decision_order::ReviewLevel;
use shared::report::review::decision_changes;
use std::collections::HashMap;

/// The level each stored decision of review `id` was taken at: the role of whoever the
/// provenance says brought the change that made it (none when that is not on record).
pub async fn decision_levels(
    store: &Store,
    id: DocId,
    review: &mut AutoCommit,
) -> Result<Vec<Option<ReviewLevel>>, StoreError> {
    let uploaders: HashMap<Vec<u8>, i64> = store
        .changes_of(id)
        .await?
        .into_iter()
        .map(|p| (p.hash, p.user_id))
        .collect();
    let mut roles = HashMap::new();
    let mut levels = Vec::new();
    for change in decision_changes(review) {
        let Some(user_id) = change.and_then(|h| uploaders.get(h.0.as_slice()).copied()) else {
            levels.push(None);
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(e) = roles.entry(user_id) {
            e.insert(store.user_by_id(user_id).await?.map(|u| u.role));
        }
        levels.push(roles[&user_id].and_then(ReviewLevel::of));
    }
    Ok(levels)
}

/// The levels of the decisions on `report` (in the review's order), for a reviewer who
/// may read it; empty while no decision was taken.
pub async fn of_report(
    store: &Store,
    viewer: &Principal,
    report: DocId,
) -> Result<Vec<Option<ReviewLevel>>, DomainError> {
    super::area::reviewers_only(
        viewer,
        "Chỉ cán bộ thẩm định mới xem được cấp của các quyết định.",
    )?;
    if report.is_review() || !viewer.can_read(&report) {
        return Err(DomainError::Forbidden(format!(
            "Bạn không có quyền truy cập báo cáo «{report}»."
        )));
    }
    let review = report.review();
    let Some(mut stored) = store.load_document(review).await? else {
        return Ok(Vec::new());
    };
    Ok(decision_levels(store, review, &mut stored.doc).await?)
}
