//! The domain layer: everything the server decides, between the HTTP handlers (which
//! parse, call one function here and answer) and the store (which only persists).
//! Functions here take the store or [`documents::Documents`] and typed values, and
//! return [`DomainError`], never an HTTP type.
//!
//! - [`documents`]: the one way to a document: lock, load (cache, store or genesis),
//!   work, retry when another instance wrote first, release; [`doc_cache`] behind it.
//! - [`acceptance`]: the gate every write passes (rights, content rules), then storing.
//! - [`read_model`]: what the projection holds for a document, for syncs and rebuilds.
//! - [`document_sync`]: one document's Automerge sync message answered.
//! - [`decision_levels`]: the level each decision was taken at, from the provenance.
//! - [`hand_in`]: a saved file's documents merged through the same gate.
//! - [`rebuild`]: the projection recomputed from documents and provenance.
//! - [`versions`]: which version of each report a consolidation or export reads.
//! - [`area`]: the period and area a reviewer's request covers.
//! - [`received_list`]: the reviewers' list of received reports.
//! - [`completeness`]: the matrix of units × reports of a period.
//! - [`indicator_table`]: the Phụ lục 2 table rolled up for the province or a district.
//! - [`task_progress`]: Phụ lục 1's tasks with what their lead agencies reported.
//! - [`activity_merge`]: the units' activity reports merged for the official DOCX.

pub mod acceptance;
pub mod activity_merge;
pub mod area;
pub mod completeness;
pub mod decision_levels;
pub mod doc_cache;
pub mod document_sync;
pub mod documents;
pub mod hand_in;
pub mod indicator_table;
pub mod read_model;
pub mod rebuild;
pub mod received_list;
pub mod task_progress;
pub mod versions;

use crate::store::StoreError;

/// Why the domain could not do what was asked; the HTTP layer maps each to a status.
#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    /// The request names something that does not exist or does not fit (Vietnamese).
    #[error("{0}")]
    Invalid(String),
    /// The viewer may not see or do this (Vietnamese).
    #[error("{0}")]
    Forbidden(String),
    /// Stored data contradicts itself (an approved version missing); for the log only.
    #[error("{0}")]
    Broken(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}
