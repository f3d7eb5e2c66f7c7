//! `POST /api/login`: password in, bearer token and profile out.

use crate::auth::{TOKEN_LIFETIME_MS, new_token, verify_password};
use crate::clock::now_ms;
use crate::error::ApiError;
use crate::server::AppState;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use shared::wire::{LoginRequest, LoginResponse, Profile};

pub fn router() -> Router<AppState> {
    Router::new().route("/login", post(login))
}

async fn login(
    State(state): State<AppState>,
    Json(request): Json<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let username = request.username.trim().to_lowercase();
    let user = state.store.user_by_username(&username).await?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        // Spend the same time as a real check so timing does not reveal usernames.
        let _ = tokio::task::spawn_blocking(|| {
            verify_password("x", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$6j0n3b8jv4v7x1m5O0c3oO5S4bq1m0m9yq2d3b8fTzQ")
        })
        .await;
        return Err(ApiError::BadCredentials);
    };
    let hash = user.password_hash.clone();
    let password = request.password;
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(anyhow::Error::from)?;
    if !ok {
        return Err(ApiError::BadCredentials);
    }
    let (token, token_hash) = new_token();
    let now = now_ms();
    let expires_at = now + TOKEN_LIFETIME_MS;
    state
        .store
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
