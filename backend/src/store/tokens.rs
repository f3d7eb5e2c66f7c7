//! The `tokens` table: hashes of live bearer tokens.

use super::{Store, StoreError};

impl Store {
    pub async fn insert_token(
        &self,
        token_hash: &[u8],
        user_id: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let _turn = self.write_turn().await;
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

    /// The user a live token belongs to, in one query (every API request asks this).
    pub async fn user_by_token(
        &self,
        token_hash: &[u8],
        now: i64,
    ) -> Result<Option<super::User>, StoreError> {
        let row = sqlx::query(
            "SELECT u.* FROM tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND t.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(super::users::from_row).transpose()
    }
}
