//! The app comes in two builds so that a commune officer's phone downloads only what an
//! officer uses: the field build (sign-in, the unit's reports, the editors, sync, file
//! transfer) and the reviewer's build (the same, plus `crate::review`: lists, overview,
//! consolidation, charts, exports, decisions). The service worker precaches the field
//! build; the reviewer's build is fetched the first time a reviewer signs in and kept
//! for offline use from then on.
//!
//! `boot.js` starts the build named in localStorage under [`KEY`], and falls back to the
//! field build when the reviewer's cannot be loaded (offline before it was ever fetched).
//! Which build a user needs is the access rule `Role::reviews`, read here and nowhere
//! else.

use shared::access::Role;

/// localStorage key `boot.js` reads: `"review"` or `"field"`.
const KEY: &str = "vstbpn.build";

/// Whether this is the reviewer's build.
pub const REVIEWER_BUILD: bool = cfg!(feature = "review");

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Records the build `role` needs for the next start. Returns true when the page should
/// reload now to get it: a reviewer signed in on the field build, and the field build
/// was not already the fallback of a failed attempt to load the reviewer's (which would
/// only fail again and reload forever while offline).
pub fn choose(role: Role) -> bool {
    let wanted = if role.reviews() { "review" } else { "field" };
    let Some(storage) = storage() else {
        return false;
    };
    let asked_before = storage.get_item(KEY).ok().flatten().as_deref() == Some(wanted);
    let _ = storage.set_item(KEY, wanted);
    role.reviews() && !REVIEWER_BUILD && !asked_before
}

/// A reviewer on the field build: the reviewer's build could not be loaded yet.
pub fn reviewer_build_missing(role: Role) -> bool {
    role.reviews() && !REVIEWER_BUILD
}

/// Starts the app again, which loads the build last chosen.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
