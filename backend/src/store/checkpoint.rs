//! SQLite's WAL checkpoints, moved off the commit path.
//!
//! By default the commit that grows the WAL past 1 000 pages copies them back into the
//! database file before it returns, while holding the write lock. Under 1 000 edits a
//! second that happened several times a second, and every sync queued behind it waited
//! for a 4 MB copy: most of the slowest percent of the server's answers.
//!
//! Instead every connection leaves checkpoints alone, and this task runs one on its own
//! connection every [`EVERY`], beside the writers (a passive checkpoint takes no write
//! lock). A checkpoint that runs beside writers can never finish the WAL, since they keep
//! appending to it, and a WAL is only started over once it is fully copied and no reader
//! still reads from it; so when the WAL holds more than [`CATCH_UP_ABOVE`] pages the task
//! then takes the write turn and runs a RESTART checkpoint: it copies the few pages
//! appended meanwhile and waits for the readers of older pages (reads take a millisecond),
//! so the next commit writes the WAL from its start again. Without that last step the WAL
//! grew to 250 MB in 24 s of load. Every sync waits while the turn is held, so the RESTART
//! waits for readers at most [`RESTART_WAIT_MS`] (not the connections' 10 s: a long export
//! would stall every sync); if a reader is still busy then, the next tick tries again.

use super::{BUSY_TIMEOUT_MS, Store, StoreError};
use sqlx::Row;
use std::time::Duration;

/// How often the WAL is copied into the database file.
const EVERY: Duration = Duration::from_millis(250);

/// WAL pages above which a checkpoint finishes under the write turn (SQLite's own
/// automatic checkpoint size).
const CATCH_UP_ABOVE: i64 = 1000;

/// How long the RESTART checkpoint waits for readers of older pages, in milliseconds.
const RESTART_WAIT_MS: u32 = 20;

impl Store {
    /// Starts the checkpoint task; it ends when the pool is closed.
    pub(super) fn checkpoint_in_background(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if store.pool().is_closed() {
                    return;
                }
                if let Err(e) = store.checkpoint().await {
                    // The next tick tries again; meanwhile the WAL only grows.
                    tracing::warn!(error = %e, "WAL checkpoint failed");
                }
            }
        });
    }

    /// One checkpoint beside the writers, finished under the write turn when the WAL has
    /// grown large. Returns the WAL's pages not yet copied (0 when it starts over).
    pub(super) async fn checkpoint(&self) -> Result<i64, StoreError> {
        let (log, copied) = wal_checkpoint(self.pool(), "PASSIVE").await?;
        if log <= CATCH_UP_ABOVE {
            return Ok(log - copied);
        }
        let _turn = self.write_turn().await;
        let mut conn = self.pool().acquire().await?;
        sqlx::query(&format!("PRAGMA busy_timeout = {RESTART_WAIT_MS}"))
            .execute(&mut *conn)
            .await?;
        let restarted = wal_checkpoint(&mut *conn, "RESTART").await;
        let restored = sqlx::query(&format!("PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}"))
            .execute(&mut *conn)
            .await;
        if restored.is_err() {
            // Never hand out a connection that gives up on busy after 20 ms.
            conn.close_on_drop();
        }
        restored?;
        let (log, copied) = restarted?;
        Ok(log - copied)
    }
}

/// `PRAGMA wal_checkpoint(mode)`: the WAL's pages and how many of them are now in the
/// database file (a RESTART that met a busy reader copies what it can and says so).
async fn wal_checkpoint<'c>(
    on: impl sqlx::Executor<'c, Database = sqlx::Any>,
    mode: &'static str,
) -> Result<(i64, i64), StoreError> {
    let row = sqlx::query(&format!("PRAGMA wal_checkpoint({mode})"))
        .fetch_one(on)
        .await?;
    Ok((row.try_get(1)?, row.try_get(2)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A fresh database in its own folder.
    async fn fresh() -> (Store, PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "checkpoint-{}-{:?}",
            std::process::id(),
            std::time::SystemTime::now()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite:{}", dir.join("t.db").display());
        (Store::connect(&url).await.expect("a fresh database"), dir)
    }

    /// Writes more pages than the catch-up threshold, in one transaction so that the
    /// background task cannot start the WAL over half-way through.
    async fn fill(store: &Store) {
        let user: i64 = sqlx::query(
            "INSERT INTO users (username, display_name, password_hash, role, created_at)
             VALUES ('u', 'U', 'x', 'admin', 0) RETURNING id",
        )
        .fetch_one(store.pool())
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
        let mut tx = store.pool().begin().await.unwrap();
        for i in 0..1500i64 {
            sqlx::query(
                "INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, 0, 1)",
            )
            .bind(i.to_be_bytes().repeat(300))
            .bind(user)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
    }

    /// Commits leave the WAL alone, and one checkpoint copies all of it, so that the
    /// next commit writes the WAL from its start again instead of growing it.
    #[tokio::test]
    async fn checkpoints_are_the_tasks_and_copy_the_whole_wal() {
        let (store, dir) = fresh().await;
        let auto: i64 = sqlx::query("PRAGMA wal_autocheckpoint")
            .fetch_one(store.pool())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        assert_eq!(auto, 0, "no commit checkpoints by itself");
        fill(&store).await;
        let wal = dir.join("t.db-wal");
        let grown = std::fs::metadata(&wal).unwrap().len();
        assert!(grown > 1000 * 4096, "the WAL grew to {grown} bytes");
        assert_eq!(store.checkpoint().await.unwrap(), 0, "every page copied");
        sqlx::query("DELETE FROM tokens")
            .execute(store.pool())
            .await
            .unwrap();
        assert_eq!(store.checkpoint().await.unwrap(), 0);
        sqlx::query("DELETE FROM users")
            .execute(store.pool())
            .await
            .unwrap();
        assert_eq!(
            std::fs::metadata(&wal).unwrap().len(),
            grown,
            "the WAL file keeps its size but is written from the start"
        );
        store.pool().close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A reader still on an older snapshot keeps its pages in the WAL. The checkpoint
    /// under the write turn gives up on it after a moment instead of the connections'
    /// 10 s busy wait, which every sync would spend waiting for the turn; once the
    /// reader is done the next checkpoint copies everything, and the connections wait
    /// their 10 s again.
    #[tokio::test]
    async fn a_slow_reader_holds_the_write_turn_a_moment_only() {
        let (store, dir) = fresh().await;
        let mut reader = store.pool().begin().await.unwrap();
        sqlx::query("SELECT COUNT(*) FROM users")
            .fetch_one(&mut *reader)
            .await
            .unwrap();
        fill(&store).await;
        let started = std::time::Instant::now();
        let left = store.checkpoint().await.unwrap();
        assert!(left > 0, "the reader's pages stay in the WAL");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "waited {:?} for the reader",
            started.elapsed()
        );
        reader.rollback().await.unwrap();
        assert_eq!(store.checkpoint().await.unwrap(), 0);
        let mut conn = store.pool().acquire().await.unwrap();
        let busy: i64 = sqlx::query("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        assert_eq!(busy, i64::from(BUSY_TIMEOUT_MS));
        drop(conn);
        store.pool().close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
