//! Whether changes a client brings may be stored, and storing them: the one gate every
//! write passes, a sync's message and a handed-in file alike.
//!
//! A candidate is the working document with the client's changes applied. If it brings
//! nothing new, nothing is stored. Otherwise the writer must hold the write right, a
//! report must still read as its kind (and a new submission mark may only come on a
//! report with no error left, `shared::report::submit_blockers`), and a review must read
//! as a review whose
//! decision in force names a version of the report this server holds (approving a
//! version nobody sent would approve nothing). Then the changes, their provenance and
//! the refreshed projection are stored in one transaction.

use super::decision_levels::decision_levels;
use super::documents::{Working, Writer};
use super::read_model::{Receipts, Unprojectable, project};
use crate::clock::now_ms;
use crate::store::{Projection, Store, StoreError, StoredDocument};
use automerge::{AutoCommit, ReadDoc};
use shared::ids::DocId;
use shared::report::decision_order::{self, OutOfOrder, ReviewLevel};
use shared::report::review::{Review, Verdict, submission_mark, submitted_at};

/// What became of a document's incoming changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// New changes, checked and stored.
    Stored,
    /// Nothing the server did not already hold.
    Unchanged,
    /// Refused; nothing was stored.
    Refused(Refusal),
}

/// Why incoming changes were refused, as the user is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Bạn không có quyền sửa báo cáo này; thay đổi đã bị từ chối.")]
    NoWriteRight,
    #[error("Bạn không có quyền duyệt báo cáo này; thay đổi đã bị từ chối.")]
    NoReviewRight,
    #[error("Thay đổi làm sai cấu trúc báo cáo, máy chủ không nhận.")]
    NotAReport,
    #[error("Thay đổi làm sai cấu trúc phiếu thẩm định, máy chủ không nhận.")]
    NotAReview,
    #[error("Phiếu thẩm định không có quyết định nào.")]
    NoDecision,
    #[error("Quyết định nói đến một phiên bản báo cáo máy chủ chưa nhận được.")]
    UnknownVersion,
    #[error("Dữ liệu đồng bộ bị hỏng, máy chủ không nhận.")]
    BrokenMessage,
    #[error("Dữ liệu thay đổi bị hỏng, máy chủ không nhận.")]
    BrokenChanges,
    #[error("Không ghép được dữ liệu.")]
    Unmergeable,
    #[error(
        "Báo cáo còn mục bắt buộc chưa điền hoặc số liệu sai nên chưa nộp được; máy chủ không nhận lệnh nộp. Hãy sửa các lỗi rồi nộp lại."
    )]
    NotSubmittable,
    #[error(
        "Báo cáo có nội dung vượt giới hạn của đề cương (mục lạ, số quá lớn hoặc chữ quá dài); máy chủ không nhận."
    )]
    OutOfBounds,
    #[error(
        "Thay đổi mang tên tác giả khởi tạo của hệ thống, không phải của người dùng; máy chủ không nhận."
    )]
    GenesisActor,
    #[error("Quyết định thẩm định đã ghi không được xoá hay sửa; chỉ được thêm quyết định mới.")]
    DecisionRewritten,
    #[error("Chỉ duyệt được một phiên bản báo cáo đã nộp và không còn lỗi.")]
    ApprovalOfUnsubmitted,
    #[error(
        "Người đã đưa nội dung của báo cáo này lên máy chủ (nộp hộ hoặc soạn) không được tự duyệt; cần một người thẩm định khác."
    )]
    SelfApproval,
    #[error("Quyết định phải mang tên của chính tài khoản gửi nó lên máy chủ; máy chủ không nhận.")]
    DecidedUnderAnotherName,
    #[error(transparent)]
    LevelOrder(#[from] OutOfOrder),
}

/// Checks what `candidate` brings to `working` and stores it, or says why not. The
/// caller decides whether the writer may write here (`allowed`: a sync asks the access
/// rules, a hand-in its own); the content rules are checked here.
pub async fn accept(
    store: &Store,
    working: &mut Working,
    id: DocId,
    mut candidate: AutoCommit,
    writer: Writer<'_>,
    allowed: bool,
) -> Result<Outcome, StoreError> {
    let before = working.doc.get_heads();
    let changes = candidate.get_changes(&before);
    if changes.is_empty() {
        return Ok(Outcome::Unchanged);
    }
    if !allowed {
        tracing::info!(doc = %id, user = writer.user_id, "refused: no write right");
        return Ok(Outcome::Refused(if id.is_review() {
            Refusal::NoReviewRight
        } else {
            Refusal::NoWriteRight
        }));
    }
    // The genesis actor writes the genesis only, which the server already holds: a
    // change under it is someone else's edit in disguise.
    if changes.iter().any(shared::genesis::is_genesis) {
        tracing::info!(doc = %id, "refused: a change under the genesis actor");
        return Ok(Outcome::Refused(Refusal::GenesisActor));
    }
    let now = now_ms();
    let projection = match project(
        id,
        &mut candidate,
        &Receipts::Arriving {
            now,
            changes: &changes,
        },
    ) {
        Ok(projection) => projection,
        Err(why) => {
            let refusal = match (id.is_review(), why) {
                (true, Unprojectable::NoDecision) => Refusal::NoDecision,
                (true, _) => Refusal::NotAReview,
                (false, _) => Refusal::NotAReport,
            };
            tracing::info!(doc = %id, %refusal, "refused: content");
            return Ok(Outcome::Refused(refusal));
        }
    };
    // Only the outline's keys, counts and texts within bounds, and nothing the typed
    // reading does not hold; a review's notes and comments bounded too
    // (`shared::report::shape`).
    let bounds = if id.is_review() {
        shared::report::review_out_of_bounds(&id.report(), &candidate)
    } else {
        shared::report::out_of_bounds(id.kind, &candidate)
    };
    if let Ok(Some(why)) = bounds {
        tracing::info!(doc = %id, %why, "refused: out of bounds");
        return Ok(Outcome::Refused(Refusal::OutOfBounds));
    }
    // A new submission mark holds the report to the phone's rule: no error left.
    if !id.is_review() {
        // A mark the server has not seen is a new submission (`review::submission_mark`).
        let mark = submission_mark(&candidate);
        if mark.is_some()
            && mark != submission_mark(&working.doc)
            && !shared::report::submit_blockers(&id, &candidate).is_empty()
        {
            tracing::info!(doc = %id, "refused: submitted with errors");
            return Ok(Outcome::Refused(Refusal::NotSubmittable));
        }
    }
    // Decisions are facts: only appended; the decision in force names a version this
    // server holds, and a new approval a submitted one with no error left, by someone who
    // brought none of the report's content to the server.
    if id.is_review() {
        let before = Review::read(&working.doc).unwrap_or_default();
        let after = Review::read(&candidate).unwrap_or_default();
        let Some(new) = after.appended(&before) else {
            tracing::info!(doc = %id, "refused: a decision removed or changed");
            return Ok(Outcome::Refused(Refusal::DecisionRewritten));
        };
        // Each decision is the uploader's own, taken at the uploader's level, in the order
        // of levels (`shared::report::decision_order`).
        if !new.is_empty() {
            let Some(user) = store.user_by_id(writer.user_id).await? else {
                return Ok(Outcome::Refused(Refusal::NoReviewRight));
            };
            if new.iter().any(|d| d.by != user.display_name) {
                tracing::info!(doc = %id, user = writer.user_id, "refused: a decision under another name");
                return Ok(Outcome::Refused(Refusal::DecidedUnderAnotherName));
            }
            let Some(level) = ReviewLevel::of(user.role) else {
                return Ok(Outcome::Refused(Refusal::NoReviewRight));
            };
            let levels = decision_levels(store, id, &mut working.doc).await?;
            let first = ReviewLevel::first_for(id.unit.level());
            let mut earlier: Vec<_> = before
                .decisions
                .iter()
                .enumerate()
                .map(|(i, d)| (levels.get(i).copied().flatten(), d))
                .collect();
            for decision in &new {
                if let Err(why) = decision_order::check(first, &earlier, level, decision) {
                    tracing::info!(doc = %id, %why, "refused: out of the order of levels");
                    return Ok(Outcome::Refused(why.into()));
                }
                earlier.push((Some(level), decision));
            }
        }
        let report_id = id.report();
        let mut report = store.load_document(report_id).await?;
        if let Projection::Decision(decision) = &projection
            && !holds(report.as_ref(), decision.heads.as_slice())
        {
            tracing::info!(doc = %id, "refused: decision on a version never received");
            return Ok(Outcome::Refused(Refusal::UnknownVersion));
        }
        let approvals: Vec<_> = new
            .into_iter()
            .filter(|d| d.verdict() == Some(Verdict::Approved))
            .collect();
        if !approvals.is_empty() {
            // A hand-in of a unit's file, the province's report they drafted.
            let brought = store
                .changes_of(report_id)
                .await?
                .iter()
                .any(|p| p.user_id == writer.user_id);
            if brought {
                tracing::info!(doc = %id, user = writer.user_id, "refused: approval of one's own upload");
                return Ok(Outcome::Refused(Refusal::SelfApproval));
            }
        }
        for approval in approvals {
            let heads = approval.report_heads();
            if !holds(report.as_ref(), &heads) {
                tracing::info!(doc = %id, "refused: decision on a version never received");
                return Ok(Outcome::Refused(Refusal::UnknownVersion));
            }
            let r = report.as_mut().expect("held above");
            let clean = submitted_at(&r.doc, &heads)
                && r.doc.fork_at(&heads).is_ok_and(|version| {
                    shared::report::submit_blockers(&report_id, &version).is_empty()
                });
            if !clean {
                tracing::info!(doc = %id, "refused: approval of a version not submitted");
                return Ok(Outcome::Refused(Refusal::ApprovalOfUnsubmitted));
            }
        }
    }
    let hashes = changes.iter().map(|c| c.hash()).collect();
    working
        .commit(store, id, candidate, hashes, writer, now, projection)
        .await?;
    Ok(Outcome::Stored)
}

/// Whether the stored report holds every change of `heads` (a version someone sent).
fn holds(report: Option<&StoredDocument>, heads: &[automerge::ChangeHash]) -> bool {
    !heads.is_empty()
        && report.is_some_and(|r| heads.iter().all(|h| r.doc.get_change_by_hash(h).is_some()))
}
