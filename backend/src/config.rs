//! The server's configuration: command-line flags with environment fallbacks.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Nghệ An gender-equality reporting: sync server and admin commands.
#[derive(Debug, Parser)]
#[command(name = "backend", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the built PWA.
    Serve(ServeConfig),
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeConfig {
    /// Address to listen on.
    #[arg(long, env = "LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Database: `sqlite:<path>` (the file is created if missing) or
    /// `postgres://user@host:port/name`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite:data/vstbpn.db")]
    pub database_url: String,
    /// Folder of the built PWA (`cargo xtask build` writes `dist/`).
    #[arg(long, env = "STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,
    /// Create the demo accounts when the database has no user, and print them.
    #[arg(long, env = "DEMO")]
    pub demo: bool,
}
