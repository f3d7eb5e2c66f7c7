//! The query-string extractor of every reviewer's endpoint: parses the query into typed
//! values (`Period`, flags) and answers a bad one with the API's Vietnamese error, never
//! axum's English rejection text.

use super::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A query string parsed into `T`.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str(query)
            .map(Query)
            .map_err(|e| ApiError::BadRequest(message(&e.to_string())))
    }
}

/// The user's message for a query that does not parse: the value's own (Vietnamese)
/// refusal where there is one, else which parameter is missing or malformed.
fn message(error: &str) -> String {
    if let Some(field) = error
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return format!("Thiếu tham số «{field}».");
    }
    // Refusals of our own types are Vietnamese sentences; serde's own are English.
    let ours = !error.is_ascii();
    if ours {
        error.chars().take(200).collect()
    } else {
        "Tham số của yêu cầu không hợp lệ.".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::message;

    #[test]
    fn a_bad_query_is_told_in_vietnamese() {
        assert_eq!(message("missing field `period`"), "Thiếu tham số «period».");
        assert_eq!(
            message("Kỳ báo cáo không hợp lệ: «20x»"),
            "Kỳ báo cáo không hợp lệ: «20x»"
        );
        assert_eq!(
            message("provided string was not `true` or `false`"),
            "Tham số của yêu cầu không hợp lệ."
        );
    }
}
