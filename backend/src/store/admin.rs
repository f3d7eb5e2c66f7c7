//! What the admin commands change directly in the database: disabling a user, setting a
//! password, listing users, and reading or writing everything for a backup.

use super::{Store, StoreError, User};
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
    /// Disables a user and ends their sessions; returns false if there is no such user.
    pub async fn disable_user(&self, username: &str) -> Result<bool, StoreError> {
        let update = sqlx::query("UPDATE users SET disabled = 1 WHERE username = $1 RETURNING id")
            .bind(username);
        self.update_user_ending_sessions(update).await
    }

    /// Sets a user's password hash and ends their sessions; false if no such user.
    pub async fn set_password(&self, username: &str, hash: &str) -> Result<bool, StoreError> {
        let update =
            sqlx::query("UPDATE users SET password_hash = $1 WHERE username = $2 RETURNING id")
                .bind(hash)
                .bind(username);
        self.update_user_ending_sessions(update).await
    }

    /// Runs an `UPDATE users … RETURNING id` and deletes that user's tokens in the same
    /// transaction; false if it updated no user.
    async fn update_user_ending_sessions<'q>(
        &self,
        update: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> Result<bool, StoreError> {
        let _turn = self.write_turn().await;
        let mut tx = self.pool().begin().await?;
        let Some(row) = update.fetch_optional(&mut *tx).await? else {
            return Ok(false);
        };
        let id: i64 = row.try_get("id")?;
        sqlx::query("DELETE FROM tokens WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Every user, by username.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query("SELECT * FROM users ORDER BY username")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(super::users::from_row).collect()
    }

    /// Every document id the server holds.
    pub async fn document_ids(&self) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query("SELECT doc_id FROM documents ORDER BY doc_id")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(|r| Ok(r.try_get("doc_id")?)).collect()
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
        for doc_id in self.document_ids().await? {
            let Some(mut stored) = self.load_document(&doc_id).await? else {
                continue;
            };
            let updated_at = self
                .document_stamp(&doc_id)
                .await?
                .map_or(0, |stamp| stamp.updated_at);
            documents.push(BackupDocument {
                doc_id,
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
