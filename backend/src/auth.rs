//! Passwords, tokens and the signed-in user of a request.
//!
//! Passwords are argon2id PHC strings. Tokens are 32 random bytes shown once to the
//! client; the server keeps only their SHA-256, so a copy of the database cannot be used
//! to sign in. A token lives 30 days: long enough for an officer to work offline for
//! weeks after one online login.

use crate::http::error::ApiError;
use crate::server::AppState;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use shared::access::Principal;
use shared::units::units;
use shared::vocabulary::UnitCode;

/// How long a token stays valid.
pub const TOKEN_LIFETIME_MS: i64 = 30 * 24 * 3600 * 1000;

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?
        .to_string())
}

/// Whether the password matches a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Password checks running at once: no more than the machine has cores. argon2id takes
/// 19 MiB per check by design; 40 logins at once took the server from 40 MB to 180 MB
/// resident (and queued on the cores anyway), so the rest wait their turn here.
static CHECKS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

/// [`verify_password`] on a blocking thread, in turn with the other checks.
pub async fn verify_password_in_turn(password: String, hash: String) -> anyhow::Result<bool> {
    let _permit = CHECKS.acquire().await?;
    Ok(tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await?)
}

/// A new random token and the hash to store.
pub fn new_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The user a request is made by, from its bearer token.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user_id: i64,
    pub principal: Principal,
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthorized)?;
        let user = state
            .store()
            .user_by_token(&token_hash(token), crate::clock::now_ms())
            .await?
            .ok_or(ApiError::Unauthorized)?;
        let user_id = user.id;
        if user.disabled {
            return Err(ApiError::Unauthorized);
        }
        let unit = match user.unit_code {
            Some(code) => Some(
                UnitCode::try_from(code)
                    .and_then(|c| units().known(c).map(|u| u.code))
                    .map_err(|_| anyhow::anyhow!("user {user_id} has unknown unit {code}"))?,
            ),
            None => None,
        };
        Ok(AuthUser {
            user_id,
            principal: Principal {
                role: user.role,
                unit,
            },
        })
    }
}
