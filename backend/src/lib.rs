//! The sync server of the Nghệ An gender-equality reporting system, in three layers:
//! [`http`] parses requests and answers, [`domain`] decides, [`store`] persists.
//!
//! Module map:
//! - [`config`]: command-line flags and environment, one documented clap struct.
//! - [`commands`]: what each command does (`serve`, the administrator's commands).
//! - [`server`]: shared state, the router, [`server::run`] (tests bind port 0 and call it).
//! - [`http`]: one file per resource, the extractors, [`http::error::ApiError`].
//! - [`domain`]: document access, the write gate, the read model, sync, hand-in,
//!   consolidation, the completeness matrix, task progress, versions for exports.
//! - [`export`]: the official files' layouts (XLSX, DOCX).
//! - [`store`]: the database, one file per table.
//! - [`auth`]: argon2id passwords, hashed bearer tokens, the request's user.
//! - [`login_limit`]: throttling of failed logins per account and address.
//! - [`accounts`]: creating accounts one by one or from a CSV, with their checks.
//! - [`backup`]: the backup file, written and restored.
//! - [`demo`]: the demo accounts of a first start.
//! - [`clock`]: the server's time, the one that decides timeliness.
//! - `allocator`: mimalloc, told to return freed memory at once.

pub mod accounts;
mod allocator;
pub mod auth;
pub mod backup;
pub mod clock;
pub mod commands;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod http;
pub mod login_limit;
pub mod server;
pub mod store;

/// Runs a parsed command line.
pub async fn main(cli: config::Cli) -> anyhow::Result<()> {
    allocator::configure();
    match cli.command {
        config::Command::Serve(config) => commands::serve(config).await,
        command => commands::admin_command(command).await,
    }
}
