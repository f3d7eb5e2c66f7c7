//! The application: shared state, the router, and [`run`], which serves on a listener
//! until a shutdown signal, finishing requests in flight.

use crate::domain::documents::Documents;
use crate::store::Store;
use axum::Router;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::TcpListener;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The documents and, through them, the store.
    pub documents: Arc<Documents>,
    pub login_limiter: Arc<crate::login_limit::LoginLimiter>,
}

impl AppState {
    pub fn store(&self) -> &Store {
        self.documents.store()
    }
}

/// The whole HTTP surface: the API under `/api`, the PWA from `static_dir` elsewhere.
pub fn app(store: Store, static_dir: Option<PathBuf>) -> Router {
    let state = AppState {
        documents: Arc::new(Documents::new(store)),
        login_limiter: Arc::default(),
    };
    let api = crate::http::api_router().with_state(state);
    let router = Router::new().nest("/api", api);
    let router = match static_dir {
        Some(dir) => router.fallback_service(crate::http::assets::service(dir)),
        None => router,
    };
    crate::http::headers::security(router)
}

/// Serves until `shutdown` completes; requests in flight are finished first.
pub async fn run(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address feeds the login throttle.
    let service = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}
