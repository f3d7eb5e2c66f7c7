//! The database behind the server: one [`Store`] over an sqlx pool, one file per table
//! under `store/`. SQLite (a file, WAL) is the embedded default.

mod changes;
mod documents;
mod reports;
mod tokens;
mod users;

pub use changes::Provenance;
pub use documents::AcceptedChanges;
pub use documents::StoredDocument;
pub use reports::{Projection, ProjectionRow, ReportRow, Submission};
pub use users::{NewUser, User};

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// A storage failure; details go to the log, users see a generic Vietnamese message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored document {0} does not load: {1}")]
    Corrupt(String, Box<automerge::AutomergeError>),
    #[error("unsupported database url {0} (expected sqlite:...)")]
    Url(String),
}

/// The server's database.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the database at `url` and brings its schema up to date.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        if !url.starts_with("sqlite:") {
            return Err(StoreError::Url(url.to_string()));
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL survives a crash of the process (kill -9); only a power
            // cut can lose the last commits.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Store { pool })
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
