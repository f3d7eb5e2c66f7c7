//! The PWA's entry point: mounts the app on the page. Built twice, with and without the
//! reviewers' pages (`builds.rs`).

mod api;
mod app;
mod builds;
mod components;
mod format;
mod pages;
#[cfg(feature = "review")]
mod review;
mod save_file;
mod saved_login;
mod store;
mod sync_loop;
mod workspace;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
