//! The `users` table.

use super::{Store, StoreError};
use shared::access::Role;
use sqlx::Row;

/// A stored user.
#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub unit_code: Option<u32>,
    pub disabled: bool,
}

/// A user to create; the password is already hashed.
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub unit_code: Option<u32>,
}

pub(super) fn from_row(row: &sqlx::any::AnyRow) -> Result<User, StoreError> {
    let role: String = row.try_get("role")?;
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        role: role
            .parse()
            .map_err(|e: String| StoreError::Database(sqlx::Error::Decode(e.into())))?,
        unit_code: row
            .try_get::<Option<i64>, _>("unit_code")?
            .map(|c| c as u32),
        disabled: row.try_get::<i64, _>("disabled")? != 0,
    })
}

impl Store {
    pub async fn create_user(&self, user: NewUser<'_>, now: i64) -> Result<i64, StoreError> {
        let _turn = self.write_turn().await;
        let row = sqlx::query(
            "INSERT INTO users (username, display_name, password_hash, role, unit_code, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(user.username)
        .bind(user.display_name)
        .bind(user.password_hash)
        .bind(user.role.as_str())
        .bind(user.unit_code.map(i64::from))
        .bind(now)
        .fetch_one(self.pool())
        .await?;
        Ok(row.try_get("id")?)
    }

    pub async fn user_by_username(&self, username: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query("SELECT * FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    pub async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError> {
        let row = sqlx::query("SELECT * FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    pub async fn count_users(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query("SELECT COUNT(*) AS n FROM users")
            .fetch_one(self.pool())
            .await?
            .try_get("n")?)
    }

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
}
