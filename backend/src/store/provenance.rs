//! The `changes` table: which user and device uploaded each change, and when the server
//! received it, per document (one change can be valid in several reports that share a
//! genesis, and each keeps its own record). Receipt times decide timeliness; a phone's
//! clock never does.

use super::document_rows::AcceptedChanges;
use super::{Store, StoreError};
use sqlx::{Any, Row, Transaction};

/// One change's provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub hash: Vec<u8>,
    pub user_id: i64,
    pub device: String,
    pub received_at: i64,
}

impl Store {
    /// Records the changes of an accepted sync; a change seen before keeps its first
    /// receipt (a resent message changes nothing).
    pub(super) async fn record_changes(
        tx: &mut Transaction<'_, Any>,
        accepted: &AcceptedChanges,
    ) -> Result<(), StoreError> {
        for hash in &accepted.change_hashes {
            sqlx::query(
                "INSERT INTO changes (hash, doc_id, user_id, device, received_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (doc_id, hash) DO NOTHING",
            )
            .bind(hash.0.as_slice())
            .bind(accepted.doc_id.to_string())
            .bind(accepted.user_id)
            .bind(&accepted.device)
            .bind(accepted.now)
            .execute(&mut **tx)
            .await?;
        }
        Ok(())
    }

    /// Every recorded change of a document with the uploader's display name, oldest first.
    pub async fn change_records(
        &self,
        id: shared::ids::DocId,
    ) -> Result<Vec<shared::wire::ChangeRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.hash, u.display_name, c.device, c.received_at FROM changes c
             JOIN users u ON u.id = c.user_id WHERE c.doc_id = $1 ORDER BY c.received_at, c.hash",
        )
        .bind(id.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let hash: Vec<u8> = r.try_get("hash")?;
                Ok(shared::wire::ChangeRecord {
                    hash: hash.iter().map(|b| format!("{b:02x}")).collect(),
                    user: r.try_get("display_name")?,
                    device: r.try_get("device")?,
                    received_at: r.try_get("received_at")?,
                })
            })
            .collect()
    }

    /// Every report some of whose changes came in a handed-in file: who handed it in
    /// and when (the first receipt of each person's hand-in), first first.
    pub async fn hand_ins(
        &self,
    ) -> Result<std::collections::HashMap<String, Vec<shared::wire::HandIn>>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.doc_id, u.display_name, MIN(c.received_at) AS at FROM changes c
             JOIN users u ON u.id = c.user_id WHERE c.device = $1
             GROUP BY c.doc_id, u.display_name ORDER BY at",
        )
        .bind(shared::wire::HAND_IN_DEVICE)
        .fetch_all(self.pool())
        .await?;
        let mut hand_ins: std::collections::HashMap<String, Vec<shared::wire::HandIn>> =
            Default::default();
        for r in &rows {
            hand_ins
                .entry(r.try_get("doc_id")?)
                .or_default()
                .push(shared::wire::HandIn {
                    by: r.try_get("display_name")?,
                    at: r.try_get("at")?,
                });
        }
        Ok(hand_ins)
    }

    /// Every recorded change of a document, oldest first.
    pub async fn changes_of(&self, id: shared::ids::DocId) -> Result<Vec<Provenance>, StoreError> {
        let rows = sqlx::query(
            "SELECT hash, user_id, device, received_at FROM changes WHERE doc_id = $1 ORDER BY received_at, hash",
        )
        .bind(id.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Provenance {
                    hash: r.try_get("hash")?,
                    user_id: r.try_get("user_id")?,
                    device: r.try_get("device")?,
                    received_at: r.try_get("received_at")?,
                })
            })
            .collect()
    }
}
