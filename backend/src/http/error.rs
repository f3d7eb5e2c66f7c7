//! The HTTP boundary's one error type: each variant maps to a status code and a Vietnamese
//! message for the user; internal details go to the log only.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use shared::wire::ErrorBody;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request itself is malformed; the message says what, in Vietnamese.
    #[error("{0}")]
    BadRequest(String),
    #[error("Sai tên đăng nhập hoặc mật khẩu.")]
    BadCredentials,
    #[error("Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.")]
    Unauthorized,
    /// The user may not do this; the message says what was refused.
    #[error("{0}")]
    Forbidden(String),
    #[error("Không tìm thấy.")]
    NotFound,
    #[error("Dữ liệu gửi lên quá lớn.")]
    TooLarge,
    #[error("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {0} phút.")]
    TooManyAttempts(i64),
    #[error("Máy chủ gặp lỗi, vui lòng thử lại sau.")]
    Internal(#[from] anyhow::Error),
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        ApiError::Internal(e.into())
    }
}

impl From<crate::domain::DomainError> for ApiError {
    fn from(e: crate::domain::DomainError) -> Self {
        use crate::domain::DomainError;
        match e {
            DomainError::Invalid(message) => ApiError::BadRequest(message),
            DomainError::Forbidden(message) => ApiError::Forbidden(message),
            DomainError::Broken(detail) => ApiError::Internal(anyhow::anyhow!(detail)),
            DomainError::Store(e) => e.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::BadCredentials | ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        (
            status,
            Json(ErrorBody {
                error: self.to_string(),
            }),
        )
            .into_response()
    }
}
