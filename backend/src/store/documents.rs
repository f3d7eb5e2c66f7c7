//! The `documents` and `document_chunks` tables: each Automerge document as its last
//! snapshot plus the incremental chunks accepted since, so a sync appends a few hundred
//! bytes instead of rewriting the document. When the chunks outgrow the snapshot they are
//! folded into a new snapshot in the same transaction as the sync that tipped them over.

use super::{Store, StoreError};
use automerge::AutoCommit;
use sqlx::Row;

/// A document as loaded, with the sizes that decide compaction.
pub struct StoredDocument {
    pub doc: AutoCommit,
    pub snapshot_size: i64,
    pub chunks_size: i64,
}

/// What one accepted sync writes, all in one transaction.
pub struct AcceptedChanges<'a> {
    pub doc_id: &'a str,
    /// `save_after` of the heads the server had before.
    pub chunk: &'a [u8],
    /// A full save when the document is new or the chunks outgrew the snapshot.
    pub new_snapshot: Option<&'a [u8]>,
    pub change_hashes: &'a [Vec<u8>],
    pub user_id: i64,
    pub device: &'a str,
    pub now: i64,
    pub projection: &'a super::Projection,
}

impl Store {
    /// Loads a document, or `None` if nobody has written to it yet.
    pub async fn load_document(&self, doc_id: &str) -> Result<Option<StoredDocument>, StoreError> {
        let Some(row) = sqlx::query(
            "SELECT snapshot, snapshot_size, chunks_size FROM documents WHERE doc_id = $1",
        )
        .bind(doc_id)
        .fetch_optional(self.pool())
        .await?
        else {
            return Ok(None);
        };
        let snapshot: Vec<u8> = row.try_get("snapshot")?;
        let corrupt = |e| StoreError::Corrupt(doc_id.to_string(), Box::new(e));
        let mut doc = AutoCommit::load(&snapshot).map_err(corrupt)?;
        let chunks = sqlx::query("SELECT bytes FROM document_chunks WHERE doc_id = $1 ORDER BY id")
            .bind(doc_id)
            .fetch_all(self.pool())
            .await?;
        for chunk in chunks {
            let bytes: Vec<u8> = chunk.try_get("bytes")?;
            doc.load_incremental(&bytes).map_err(corrupt)?;
        }
        Ok(Some(StoredDocument {
            doc,
            snapshot_size: row.try_get("snapshot_size")?,
            chunks_size: row.try_get("chunks_size")?,
        }))
    }

    /// Stores accepted changes, their provenance and the refreshed projection atomically.
    /// Returns only after the commit, so an acknowledged change survives a crash.
    pub async fn accept_changes(&self, accepted: AcceptedChanges<'_>) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        match accepted.new_snapshot {
            Some(snapshot) => {
                sqlx::query(
                    "INSERT INTO documents (doc_id, snapshot, snapshot_size, chunks_size, updated_at)
                     VALUES ($1, $2, $3, 0, $4)
                     ON CONFLICT (doc_id) DO UPDATE SET snapshot = excluded.snapshot,
                        snapshot_size = excluded.snapshot_size, chunks_size = 0,
                        updated_at = excluded.updated_at",
                )
                .bind(accepted.doc_id)
                .bind(snapshot)
                .bind(snapshot.len() as i64)
                .bind(accepted.now)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM document_chunks WHERE doc_id = $1")
                    .bind(accepted.doc_id)
                    .execute(&mut *tx)
                    .await?;
            }
            None => {
                sqlx::query("INSERT INTO document_chunks (doc_id, bytes) VALUES ($1, $2)")
                    .bind(accepted.doc_id)
                    .bind(accepted.chunk)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "UPDATE documents SET chunks_size = chunks_size + $1, updated_at = $2 WHERE doc_id = $3",
                )
                .bind(accepted.chunk.len() as i64)
                .bind(accepted.now)
                .bind(accepted.doc_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        Store::record_changes(&mut tx, &accepted).await?;
        Store::refresh_projection(&mut tx, accepted.projection).await?;
        tx.commit().await?;
        if let Err(e) = self.announce(accepted.doc_id).await {
            // The change is stored; watchers learn of it at their next poll.
            tracing::warn!(error = %e, "announcing a change failed");
        }
        Ok(())
    }

    /// Counts for tests and health checks: documents and chunks stored.
    pub async fn document_counts(&self) -> Result<(i64, i64), StoreError> {
        let docs: i64 = sqlx::query("SELECT COUNT(*) AS n FROM documents")
            .fetch_one(self.pool())
            .await?
            .try_get("n")?;
        let chunks: i64 = sqlx::query("SELECT COUNT(*) AS n FROM document_chunks")
            .fetch_one(self.pool())
            .await?
            .try_get("n")?;
        Ok((docs, chunks))
    }
}
