//! Every table read or written whole, for `backend backup` and `backend restore`.

use super::{Store, StoreError, corrupt_row};
use shared::ids::DocId;
use sqlx::Row;

/// Everything a full backup holds: the users (with their password hashes), every
/// document as one compacted save, and the provenance of every accepted change.
/// Sessions are not kept (users log in again); projections are rebuilt on restore.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Backup {
    pub users: Vec<BackupUser>,
    pub documents: Vec<BackupDocument>,
    pub changes: Vec<BackupChange>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BackupUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub unit_code: Option<i64>,
    pub disabled: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BackupDocument {
    pub doc_id: String,
    #[serde(with = "serde_bytes")]
    pub snapshot: Vec<u8>,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BackupChange {
    #[serde(with = "serde_bytes")]
    pub hash: Vec<u8>,
    pub doc_id: String,
    pub user_id: i64,
    pub device: String,
    pub received_at: i64,
}

impl Store {
    /// Every document id the server holds.
    pub async fn document_ids(&self) -> Result<Vec<DocId>, StoreError> {
        let rows = sqlx::query("SELECT doc_id FROM documents ORDER BY doc_id")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                let doc_id: String = r.try_get("doc_id")?;
                doc_id.parse().map_err(|_| corrupt_row("doc_id", &doc_id))
            })
            .collect()
    }

    /// Reads everything a backup holds.
    pub async fn backup(&self) -> Result<Backup, StoreError> {
        let users = sqlx::query("SELECT * FROM users ORDER BY id")
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| {
                Ok(BackupUser {
                    id: r.try_get("id")?,
                    username: r.try_get("username")?,
                    display_name: r.try_get("display_name")?,
                    password_hash: r.try_get("password_hash")?,
                    role: r.try_get("role")?,
                    unit_code: r.try_get("unit_code")?,
                    disabled: r.try_get("disabled")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let mut documents = Vec::new();
        for id in self.document_ids().await? {
            let Some(mut stored) = self.load_document(id).await? else {
                continue;
            };
            let updated_at = self
                .document_stamp(id)
                .await?
                .map_or(0, |stamp| stamp.updated_at);
            documents.push(BackupDocument {
                doc_id: id.to_string(),
                snapshot: stored.doc.save(),
                updated_at,
            });
        }
        let changes = sqlx::query(
            "SELECT hash, doc_id, user_id, device, received_at FROM changes ORDER BY received_at, hash",
        )
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(BackupChange {
                hash: r.try_get("hash")?,
                doc_id: r.try_get("doc_id")?,
                user_id: r.try_get("user_id")?,
                device: r.try_get("device")?,
                received_at: r.try_get("received_at")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Backup {
            users,
            documents,
            changes,
        })
    }

    /// Whether the database holds no user and no document (a restore's precondition).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let (docs, _) = self.document_counts().await?;
        Ok(docs == 0 && self.count_users().await? == 0)
    }

    /// Writes a backup into this (empty) database, in one transaction.
    pub async fn restore(&self, backup: &Backup) -> Result<(), StoreError> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool().begin().await?;
        for u in &backup.users {
            sqlx::query(
                "INSERT INTO users (id, username, display_name, password_hash, role, unit_code, disabled, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(u.id)
            .bind(&u.username)
            .bind(&u.display_name)
            .bind(&u.password_hash)
            .bind(&u.role)
            .bind(u.unit_code)
            .bind(u.disabled)
            .bind(u.created_at)
            .execute(&mut *tx)
            .await?;
        }
        for d in &backup.documents {
            sqlx::query(
                "INSERT INTO documents (doc_id, snapshot_size, chunks_size, updated_at)
                 VALUES ($1, $2, 0, $3)",
            )
            .bind(&d.doc_id)
            .bind(d.snapshot.len() as i64)
            .bind(d.updated_at)
            .execute(&mut *tx)
            .await?;
            sqlx::query("INSERT INTO document_snapshots (doc_id, snapshot) VALUES ($1, $2)")
                .bind(&d.doc_id)
                .bind(&d.snapshot)
                .execute(&mut *tx)
                .await?;
            Store::number_change(&mut tx, &d.doc_id).await?;
        }
        for c in &backup.changes {
            sqlx::query(
                "INSERT INTO changes (hash, doc_id, user_id, device, received_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&c.hash)
            .bind(&c.doc_id)
            .bind(c.user_id)
            .bind(&c.device)
            .bind(c.received_at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        if self.backend() == super::Backend::Postgres {
            // Explicit ids were inserted: move the identity past them.
            sqlx::query(
                "SELECT setval(pg_get_serial_sequence('users', 'id'), COALESCE((SELECT MAX(id) FROM users), 0) + 1, false)",
            )
            .execute(self.pool())
            .await?;
        }
        Ok(())
    }
}
