//! Response headers every answer carries: caching by kind of resource, and the security
//! headers a browser should enforce.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;

/// Only this origin's files run; wasm may compile; no inline scripts; no framing. Inline
/// styles stay allowed because the UI sets style attributes.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
    worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; \
    form-action 'self'; object-src 'none'";

/// Wraps the router with the header policy.
pub fn security(router: Router) -> Router {
    router.layer(middleware::from_fn(apply))
}

async fn apply(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let success = response.status().is_success();
    let cache = if path.starts_with("/api/") {
        "no-store"
    } else if super::assets::is_hashed_asset(&path) && success {
        "public, max-age=31536000, immutable"
    } else {
        // index.html, sw.js, the manifest: always revalidate, so a new build is seen.
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    response
}
