//! The persistence layer: one [`Store`] over an sqlx pool, one file per table under
//! `store/`. It stores and reads rows and documents; it decides nothing about them (what
//! a projection row holds, who may write, what a report is: `domain`). SQLite (a file,
//! WAL) is the embedded default; PostgreSQL runs the same SQL.
//!
//! - `document_rows`: `documents`, `document_snapshots`, `document_chunks`; the stamp.
//! - `provenance`: `changes`, who uploaded each change and when it was received.
//! - `report_projection`: `report_projection` and `indicator_values`, the read model.
//! - `users`, `tokens`: accounts and sign-in tokens.
//! - `dump`: every table read or written whole, for backup and restore.
//! - `live`: change notices (a broadcast; LISTEN/NOTIFY on PostgreSQL).
//! - `group_commit`, `checkpoint`: SQLite's grouped writes and background checkpoints.

mod checkpoint;
mod document_rows;
mod dump;
mod group_commit;
mod live;
mod provenance;
mod report_projection;
mod tokens;
mod users;

pub use document_rows::{AcceptedChanges, Stamp, StoredDocument};
pub use dump::{Backup, BackupChange, BackupDocument, BackupUser};
pub use live::{CHANNEL, Updated};
pub use provenance::Provenance;
pub use report_projection::{
    DecisionProjection, ProjectedReport, Projection, ReportProjection, StoredFigure, Submitted,
};
pub use users::{NewUser, User};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyPool, ConnectOptions, Executor};
use std::str::FromStr;

/// How long a SQLite connection waits for a lock another process holds, in milliseconds
/// (this process's writers take turns instead: [`Store::write_turn`]).
const BUSY_TIMEOUT_MS: u32 = 10_000;

/// A storage failure; details go to the log, users see a generic Vietnamese message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored document {0} does not load: {1}")]
    Corrupt(String, Box<automerge::AutomergeError>),
    #[error("document {0} was changed by another writer meanwhile")]
    Conflict(shared::ids::DocId),
    #[error("a stored {0} does not read back: {1}")]
    CorruptRow(&'static str, String),
    #[error("unsupported database url {0} (expected sqlite:... or postgres://...)")]
    Url(String),
}

/// A stored value that does not parse as what was written (a hand-edited database).
pub(crate) fn corrupt_row(what: &'static str, value: &str) -> StoreError {
    StoreError::CorruptRow(what, value.chars().take(80).collect())
}

/// Which database the store runs on; the SQL is the same, the schema files differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The server's database.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    live: live::Live,
    /// One writer at a time on SQLite (see [`Store::write_turn`]).
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Syncs waiting to be written in the next group (SQLite; see `group_commit`).
    queue: std::sync::Arc<group_commit::WriteQueue>,
}

impl Store {
    /// Opens the database at `url` (`sqlite:<path>`, created if missing, or
    /// `postgres://…`) and brings its schema up to date.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::Url(url.to_string()));
        };
        let options = match backend {
            // The Any driver takes SQLite's options as a URL, which carries the file and
            // its open mode but not the pragmas: those run on every new connection below.
            Backend::Sqlite => AnyConnectOptions::from_url(
                &SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .to_url_lossy(),
            )?,
            Backend::Postgres => AnyConnectOptions::from_str(url)?,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            // A SQLite connection is a file handle in this process: it cannot have died
            // like a network connection, and the default ping before every acquire was a
            // round trip to sqlx's SQLite thread for each statement (BENCHMARKS.md).
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL with synchronous NORMAL survives a crash of the process
                        // (kill -9); only a power cut can lose the last commits. No
                        // connection checkpoints on commit: see `store/checkpoint.rs`.
                        conn.execute(
                            format!(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BUSY_TIMEOUT_MS};
                                 PRAGMA wal_autocheckpoint = 0;"
                            )
                            .as_str(),
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        match backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
            Backend::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
        }
        let live = live::Live::default();
        if backend == Backend::Postgres {
            live.listen_to_postgres(url.to_string());
        }
        let store = Store {
            pool,
            backend,
            live,
            writer: Default::default(),
            queue: Default::default(),
        };
        if backend == Backend::Sqlite {
            store.checkpoint_in_background();
        }
        Ok(store)
    }

    /// Waits for this process's turn to write. SQLite takes one writer at a time; a
    /// second one waits in SQLite's busy handler, which sleeps between tries (up to
    /// 100 ms each), so under many concurrent syncs writes finished late and out of order.
    /// Queueing here instead hands the lock over at once, first come first served. Held
    /// from the transaction's start to its commit; PostgreSQL needs no turn.
    pub(crate) async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.writer.lock().await),
            Backend::Postgres => None,
        }
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// What the store runs on, for the start-up log and tests: "SQLite, journal wal" or
    /// "PostgreSQL 15.18".
    pub async fn describe(&self) -> Result<String, StoreError> {
        use sqlx::Row;
        Ok(match self.backend {
            Backend::Sqlite => {
                let mode: String = sqlx::query("PRAGMA journal_mode")
                    .fetch_one(self.pool())
                    .await?
                    .try_get(0)?;
                format!("SQLite, journal {mode}")
            }
            Backend::Postgres => {
                let version: String = sqlx::query("SHOW server_version")
                    .fetch_one(self.pool())
                    .await?
                    .try_get(0)?;
                format!("PostgreSQL {version}")
            }
        })
    }
}
