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
    /// Create an account; its password is read from stdin with --password-stdin, or
    /// made up and printed once.
    UserCreate {
        #[command(flatten)]
        db: Database,
        #[arg(long)]
        username: String,
        /// Full name as shown in the app, e.g. "Lô Thị Mai (Xã Mỹ Lý)".
        #[arg(long)]
        name: String,
        /// commune_officer, district_officer, department_officer, provincial_reviewer
        /// or administrator.
        #[arg(long)]
        role: String,
        /// Statistics-office code of the unit (officers only).
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable an account and end its sessions.
    UserDisable {
        #[command(flatten)]
        db: Database,
        username: String,
    },
    /// Set a new password (printed once, or read with --password-stdin) and end the
    /// account's sessions.
    UserPassword {
        #[command(flatten)]
        db: Database,
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the accounts.
    Users {
        #[command(flatten)]
        db: Database,
    },
    /// Create the accounts of the units from a CSV file
    /// (unit_code,username,display_name,role); prints each new password once.
    ImportUnits {
        #[command(flatten)]
        db: Database,
        file: PathBuf,
    },
    /// Write a full backup (accounts, documents, provenance) to a new file.
    Backup {
        #[command(flatten)]
        db: Database,
        file: PathBuf,
    },
    /// Restore a backup into an empty database and rebuild the projections.
    Restore {
        #[command(flatten)]
        db: Database,
        file: PathBuf,
    },
    /// Recompute the reviewers' projections from the documents and the provenance.
    RebuildProjections {
        #[command(flatten)]
        db: Database,
    },
}

/// Which database an admin command works on.
#[derive(Debug, Clone, clap::Args)]
pub struct Database {
    /// `sqlite:<path>` or `postgres://user@host:port/name`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite:data/vstbpn.db")]
    pub database_url: String,
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
