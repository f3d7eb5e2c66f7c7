//! The `documents`, `document_snapshots` and `document_chunks` tables: each Automerge
//! document as its last snapshot plus the incremental chunks accepted since, so a sync
//! appends a few hundred bytes instead of rewriting the document. When the chunks outgrow
//! the snapshot they are folded into a new snapshot in the same transaction as the sync
//! that tipped them over. The `documents` row is the stamp alone (sizes and time), which
//! every sync reads and most syncs update; the snapshot lives apart so that neither walks
//! nor rewrites it.

use super::{Store, StoreError, corrupt_row};
use automerge::AutoCommit;
use shared::ids::DocId;
use sqlx::Row;
use std::collections::HashMap;

/// What the database says of a stored document: enough to tell that it changed (the
/// cache and every conditional write compare it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub updated_at: i64,
    pub snapshot_size: i64,
    pub chunks_size: i64,
}

fn stamp(r: &sqlx::any::AnyRow) -> Result<Stamp, StoreError> {
    Ok(Stamp {
        updated_at: r.try_get("updated_at")?,
        snapshot_size: r.try_get("snapshot_size")?,
        chunks_size: r.try_get("chunks_size")?,
    })
}

/// A document as loaded, with the sizes that decide compaction.
pub struct StoredDocument {
    pub doc: AutoCommit,
    pub snapshot_size: i64,
    pub chunks_size: i64,
}

/// What one accepted sync writes, all in one transaction. Owned, so that on SQLite
/// another request's task can write it in its group (`group_commit`).
pub struct AcceptedChanges {
    pub doc_id: DocId,
    /// `save_after` of the heads the server had before.
    pub chunk: Vec<u8>,
    /// A full save when the document is new or the chunks outgrew the snapshot.
    pub new_snapshot: Option<Vec<u8>>,
    pub change_hashes: Vec<automerge::ChangeHash>,
    pub user_id: i64,
    pub device: String,
    pub now: i64,
    pub projection: super::Projection,
    /// The stored version the changes were checked against (none: a new document).
    pub expected: Option<Stamp>,
}

impl Store {
    /// Loads a document, or `None` if nobody has written to it yet.
    pub async fn load_document(&self, id: DocId) -> Result<Option<StoredDocument>, StoreError> {
        let doc_id = id.to_string();
        let Some(row) = sqlx::query(
            "SELECT s.snapshot, d.snapshot_size, d.chunks_size
             FROM documents d JOIN document_snapshots s ON s.doc_id = d.doc_id
             WHERE d.doc_id = $1",
        )
        .bind(&doc_id)
        .fetch_optional(self.pool())
        .await?
        else {
            return Ok(None);
        };
        let snapshot: Vec<u8> = row.try_get("snapshot")?;
        let corrupt = |e| StoreError::Corrupt(doc_id.clone(), Box::new(e));
        let mut doc = AutoCommit::load(&snapshot).map_err(corrupt)?;
        let chunks = sqlx::query("SELECT bytes FROM document_chunks WHERE doc_id = $1 ORDER BY id")
            .bind(&doc_id)
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
    pub async fn accept_changes(&self, accepted: AcceptedChanges) -> Result<(), StoreError> {
        let doc_id = accepted.doc_id;
        match self.backend() {
            super::Backend::Sqlite => self.commit_in_group(accepted).await?,
            // No turn: PostgreSQL takes concurrent writers.
            super::Backend::Postgres => self.write_alone(&accepted).await?,
        }
        if let Err(e) = self.announce(&doc_id.to_string()).await {
            // The change is stored; watchers learn of it at their next poll.
            tracing::warn!(error = %e, "announcing a change failed");
        }
        Ok(())
    }

    /// Writes one sync's rows in a transaction of its own (on SQLite, by the holder of
    /// the write turn).
    pub(super) async fn write_alone(&self, accepted: &AcceptedChanges) -> Result<(), StoreError> {
        let mut tx = self.pool().begin().await?;
        if !Store::write_rows(&mut tx, accepted).await? {
            // Dropping the transaction rolls it back.
            return Err(StoreError::Conflict(accepted.doc_id));
        }
        tx.commit().await?;
        Ok(())
    }

    /// The rows of one accepted sync, in the caller's transaction; false (and nothing
    /// written) when the document is no longer the version the changes were checked
    /// against.
    pub(super) async fn write_rows(
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        accepted: &AcceptedChanges,
    ) -> Result<bool, StoreError> {
        // Optimistic concurrency: the row must still be the version the changes were
        // checked against, else another writer (another server instance on the same
        // PostgreSQL) got there first and the caller starts over from the database.
        let doc_id = accepted.doc_id.to_string();
        let doc_id = doc_id.as_str();
        let written = match (accepted.new_snapshot.as_deref(), accepted.expected) {
            (Some(snapshot), None) => {
                let n = sqlx::query(
                    "INSERT INTO documents (doc_id, snapshot_size, chunks_size, updated_at)
                     VALUES ($1, $2, 0, $3) ON CONFLICT (doc_id) DO NOTHING",
                )
                .bind(doc_id)
                .bind(snapshot.len() as i64)
                .bind(accepted.now)
                .execute(&mut **tx)
                .await?
                .rows_affected();
                if n == 1 {
                    sqlx::query(
                        "INSERT INTO document_snapshots (doc_id, snapshot) VALUES ($1, $2)",
                    )
                    .bind(doc_id)
                    .bind(snapshot)
                    .execute(&mut **tx)
                    .await?;
                }
                n
            }
            (Some(snapshot), Some(expected)) => {
                let n = sqlx::query(
                    "UPDATE documents SET snapshot_size = $1, chunks_size = 0, updated_at = $2
                     WHERE doc_id = $3 AND updated_at = $4 AND snapshot_size = $5 AND chunks_size = $6",
                )
                .bind(snapshot.len() as i64)
                .bind(accepted.now)
                .bind(doc_id)
                .bind(expected.updated_at)
                .bind(expected.snapshot_size)
                .bind(expected.chunks_size)
                .execute(&mut **tx)
                .await?
                .rows_affected();
                if n == 1 {
                    sqlx::query("UPDATE document_snapshots SET snapshot = $1 WHERE doc_id = $2")
                        .bind(snapshot)
                        .bind(doc_id)
                        .execute(&mut **tx)
                        .await?;
                    sqlx::query("DELETE FROM document_chunks WHERE doc_id = $1")
                        .bind(doc_id)
                        .execute(&mut **tx)
                        .await?;
                }
                n
            }
            (None, Some(expected)) => {
                sqlx::query("INSERT INTO document_chunks (doc_id, bytes) VALUES ($1, $2)")
                    .bind(doc_id)
                    .bind(accepted.chunk.as_slice())
                    .execute(&mut **tx)
                    .await?;
                sqlx::query(
                    "UPDATE documents SET chunks_size = chunks_size + $1, updated_at = $2
                     WHERE doc_id = $3 AND updated_at = $4 AND snapshot_size = $5 AND chunks_size = $6",
                )
                .bind(accepted.chunk.len() as i64)
                .bind(accepted.now)
                .bind(doc_id)
                .bind(expected.updated_at)
                .bind(expected.snapshot_size)
                .bind(expected.chunks_size)
                .execute(&mut **tx)
                .await?
                .rows_affected()
            }
            (None, None) => 0,
        };
        if written != 1 {
            return Ok(false);
        }
        Store::record_changes(tx, accepted).await?;
        Store::refresh_projection(tx, &accepted.projection).await?;
        Store::number_change(tx, doc_id).await?;
        Ok(true)
    }

    /// What the database says of a stored document now (none if never stored).
    pub async fn document_stamp(&self, id: DocId) -> Result<Option<Stamp>, StoreError> {
        let row = sqlx::query(
            "SELECT updated_at, snapshot_size, chunks_size FROM documents WHERE doc_id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(stamp).transpose()
    }

    /// The stamps of several documents in one query (a sync request's documents).
    pub async fn document_stamps(
        &self,
        ids: &[DocId],
    ) -> Result<HashMap<DocId, Stamp>, StoreError> {
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT doc_id, updated_at, snapshot_size, chunks_size FROM documents WHERE doc_id IN ({})",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(id.to_string());
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                let doc_id: String = r.try_get("doc_id")?;
                let id = doc_id.parse().map_err(|_| corrupt_row("doc_id", &doc_id))?;
                Ok((id, stamp(r)?))
            })
            .collect()
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
