//! `POST /api/login`: password in, bearer token and profile out.

use super::error::ApiError;
use crate::auth::{TOKEN_LIFETIME_MS, hash_password, new_token, verify_password_in_turn};
use crate::clock::now_ms;
use crate::server::AppState;
use axum::extract::{ConnectInfo, State};
use axum::routing::post;
use axum::{Json, Router};
use shared::wire::{LoginRequest, LoginResponse, Profile};
use std::net::SocketAddr;

/// A real argon2id hash to check against when the username does not exist.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("không-phải-mật-khẩu").unwrap_or_default())
}

pub fn router() -> Router<AppState> {
    Router::new().route("/login", post(login))
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(request): Json<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let username = request.username.trim().to_lowercase();
    let address = peer.ip();
    if let Some(minutes) = state
        .login_limiter
        .blocked_for(&username, address, now_ms())
    {
        return Err(ApiError::TooManyAttempts(minutes));
    }
    let result = check(&state, &username, request.password).await;
    match &result {
        Err(ApiError::BadCredentials) => {
            state
                .login_limiter
                .record_failure(&username, address, now_ms())
        }
        Ok(_) => state.login_limiter.record_success(&username),
        Err(_) => {}
    }
    result
}

async fn check(
    state: &AppState,
    username: &str,
    password: String,
) -> Result<Json<LoginResponse>, ApiError> {
    let username = username.to_string();
    let user = state.store().user_by_username(&username).await?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        // Spend the same time as a real check so timing does not reveal usernames.
        let _ = verify_password_in_turn("-".to_string(), dummy_hash().to_string()).await;
        return Err(ApiError::BadCredentials);
    };
    let hash = user.password_hash.clone();
    let ok = verify_password_in_turn(password, hash).await?;
    if !ok {
        return Err(ApiError::BadCredentials);
    }
    let (token, token_hash) = new_token();
    let now = now_ms();
    let expires_at = now + TOKEN_LIFETIME_MS;
    state
        .store()
        .insert_token(&token_hash, user.id, now, expires_at)
        .await?;
    Ok(Json(LoginResponse {
        token,
        expires_at,
        profile: Profile {
            user_id: user.id,
            username: user.username,
            display_name: user.display_name,
            role: user.role,
            unit: user.unit_code,
        },
    }))
}
