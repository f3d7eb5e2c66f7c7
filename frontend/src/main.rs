//! The PWA's entry point: mounts the app on the page.

mod api;
mod app;
mod components;
mod format;
mod live_fetch;
mod pages;
mod save_file;
mod session;
mod store;
mod sync_loop;
mod workspace;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
