//! Live notice of accepted changes, so a reviewer's screen or a second phone learns at
//! once that a document moved and runs its ordinary sync: a notice that triggers the same
//! sync, not a second protocol.
//!
//! Within one server process a broadcast channel carries the document id. With
//! PostgreSQL, several server instances share the database: each accepted change is also
//! sent with `NOTIFY` on [`CHANNEL`], and every instance `LISTEN`s and passes what it
//! hears to its own subscribers. A notice is only a hint: `GET /api/changes` reads what
//! changed from the `documents` table, by the number each write takes as it commits
//! ([`Store::number_change`]), so a lost notice delays, never loses, an update.

use super::{Store, StoreError};
use sqlx::Row;
use tokio::sync::broadcast;

/// The PostgreSQL channel accepted changes are announced on.
pub const CHANNEL: &str = "vstbpn_changes";

/// The local fan-out of change notices.
#[derive(Clone)]
pub struct Live {
    sender: broadcast::Sender<String>,
    /// Set when the server begins to shut down, so long polls answer at once instead of
    /// holding the graceful shutdown for their whole wait.
    closing: tokio::sync::watch::Sender<bool>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            sender: broadcast::channel(1024).0,
            closing: tokio::sync::watch::channel(false).0,
        }
    }
}

impl Live {
    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.sender.subscribe()
    }

    pub(super) fn announce_locally(&self, doc_id: &str) {
        // No subscriber is not an error: nobody is watching.
        let _ = self.sender.send(doc_id.to_string());
    }

    /// Passes every notice other instances send through PostgreSQL to this instance's
    /// subscribers, reconnecting if the listening connection drops.
    pub(super) fn listen_to_postgres(&self, url: String) {
        let live = self.clone();
        tokio::spawn(async move {
            loop {
                match sqlx::postgres::PgListener::connect(&url).await {
                    Ok(mut listener) => {
                        if listener.listen(CHANNEL).await.is_ok() {
                            while let Ok(notice) = listener.recv().await {
                                live.announce_locally(notice.payload());
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "LISTEN connection failed"),
                }
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        });
    }
}

/// A document and the number of its last stored change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    pub doc_id: String,
    pub change_seq: i64,
}

impl Store {
    /// Subscribes to notices of accepted changes (this instance's and, on PostgreSQL,
    /// every other instance's).
    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.live.subscribe()
    }

    /// Tells every waiting long poll to answer now: the server is shutting down.
    pub fn begin_shutdown(&self) {
        self.live.closing.send_replace(true);
    }

    /// Resolves when the server begins to shut down.
    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.live.closing.subscribe()
    }

    /// Announces an accepted, committed change of `doc_id`.
    pub(super) async fn announce(&self, doc_id: &str) -> Result<(), StoreError> {
        match self.backend {
            // Other instances hear it through LISTEN, and so does this one.
            super::Backend::Postgres => {
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(doc_id)
                    .execute(self.pool())
                    .await?;
            }
            super::Backend::Sqlite => self.live.announce_locally(doc_id),
        }
        Ok(())
    }

    /// Gives `doc_id`'s write the next change number, in the caller's transaction and
    /// as its last statement: the counter's row stays locked until the commit, so numbers
    /// are taken in commit order, on SQLite and across PostgreSQL instances alike.
    pub(super) async fn number_change(
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        doc_id: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE change_counter SET last = last + 1 WHERE only_row = 1")
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "UPDATE documents SET change_seq = (SELECT last FROM change_counter WHERE only_row = 1)
             WHERE doc_id = $1",
        )
        .bind(doc_id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The number of the last committed change (the cursor of a poll that starts now).
    pub async fn last_change(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query("SELECT last FROM change_counter WHERE only_row = 1")
                .fetch_one(self.pool())
                .await?
                .try_get("last")?,
        )
    }

    /// Documents whose last change is numbered after `after`, in commit order.
    pub async fn updated_after(&self, after: i64) -> Result<Vec<Updated>, StoreError> {
        let rows = sqlx::query(
            "SELECT doc_id, change_seq FROM documents WHERE change_seq > $1 ORDER BY change_seq",
        )
        .bind(after)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Updated {
                    doc_id: r.try_get("doc_id")?,
                    change_seq: r.try_get("change_seq")?,
                })
            })
            .collect()
    }
}
