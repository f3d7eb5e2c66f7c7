//! The PWA's entry point: mounts the app on the page. Built twice, with and without the
//! reviewers' pages (`builds.rs`). Module map:
//!
//! - `app`: the shell (header, sync bar, routes) and signing in and out.
//! - `workspace`: the user's documents in memory, the one way views read and edit them.
//! - `store`: IndexedDB, one database per user.
//! - `sync_loop`: sends and receives by itself, and the long poll for others' changes.
//! - `api`: the server's HTTP API as the field build uses it.
//! - `saved_login`: the signed-in user kept for opening offline.
//! - `builds`: which build a device starts, and the switch to the reviewer's.
//! - `pages`: one route per file; `components`: views shared by pages.
//! - `review`: the reviewers' pages (reviewer's build only).
//! - `format`: dates and times as officers read them; `save_file`: downloads a file.
//! - `task_texts`: Phụ lục 1's task content, fetched once by the units that show it.

mod api;
mod app;
mod builds;
mod components;
mod format;
mod json_body;
mod offline_login;
mod pages;
#[cfg(feature = "review")]
mod review;
mod save_file;
mod saved_login;
mod store;
mod sync_loop;
mod task_texts;
mod workspace;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
