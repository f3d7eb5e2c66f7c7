//! The `tokens` table: hashes of live bearer tokens.

use super::{Store, StoreError};
use sqlx::Row;

impl Store {
    pub async fn insert_token(
        &self,
        token_hash: &[u8],
        user_id: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The user a token belongs to, if the token exists and has not expired.
    pub async fn token_user(&self, token_hash: &[u8], now: i64) -> Result<Option<i64>, StoreError> {
        let row =
            sqlx::query("SELECT user_id FROM tokens WHERE token_hash = $1 AND expires_at > $2")
                .bind(token_hash)
                .bind(now)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|r| r.try_get("user_id")).transpose()?)
    }
}
