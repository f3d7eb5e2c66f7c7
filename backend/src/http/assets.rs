//! The built PWA. Files come from the build's output folder, pre-compressed (`.br`,
//! `.gz`) by the build, served with the encoding the browser accepts. A missing file is a
//! 404, never `index.html`: a stale service worker asking for an old asset must learn it
//! is gone rather than cache a page as a script.

use std::path::PathBuf;
use tower_http::services::ServeDir;

pub fn service(dir: PathBuf) -> ServeDir {
    ServeDir::new(dir).precompressed_br().precompressed_gzip()
}

/// Whether a path names a content-hashed build output (`app-<16 hex>.wasm`), which never
/// changes and may be cached forever.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_names() {
        assert!(super::is_hashed_asset("/app-0123456789abcdef.js"));
        assert!(super::is_hashed_asset("/app_bg-0123456789abcdef.wasm"));
        assert!(!super::is_hashed_asset("/app-0123456789abcdef_bg.wasm"));
        assert!(!super::is_hashed_asset("/sw.js"));
        assert!(!super::is_hashed_asset("/index.html"));
    }
}
