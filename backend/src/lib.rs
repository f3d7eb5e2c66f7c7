//! The sync server of the Nghệ An gender-equality reporting system.
//!
//! Module map:
//! - [`config`]: command-line flags and environment.
//! - [`server`]: shared state, the router, [`server::run`] (tests bind port 0 and call it).
//! - [`http`]: one file per resource (`login`, `sync`, `reports`, `health`, `assets`).
//! - [`sync`]: one document's sync: check, apply, store, answer.
//! - [`auth`]: argon2id passwords, hashed bearer tokens, the request's user.
//! - [`login_limit`]: throttling of failed logins per account and address.
//! - [`store`]: the database, one file per table.
//! - [`demo`]: the demo accounts of a first start.
//! - [`error`]: the HTTP error type, Vietnamese for users.

pub mod auth;
pub mod clock;
pub mod config;
pub mod demo;
pub mod error;
pub mod http;
pub mod login_limit;
pub mod server;
pub mod store;
pub mod sync;

use config::{Command, ServeConfig};

/// Runs a parsed command line.
pub async fn main(cli: config::Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(config) => serve(config).await,
    }
}

async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    if let Some(path) = config.database_url.strip_prefix("sqlite:")
        && let Some(parent) = std::path::Path::new(path.trim_start_matches("//")).parent()
    {
        std::fs::create_dir_all(parent)?;
    }
    // The plan is parsed and checked before anything else: a broken plan file stops the
    // server at start-up, naming the line, rather than at the first request.
    let plan = shared::plan::try_plan()?;
    println!(
        "{}: {} tasks, {} indicator rows, {} reports in the calendar.",
        plan.document,
        plan.tasks.len(),
        plan.indicators.len(),
        plan.calendar.len()
    );
    for (row, issue) in plan.direction_issues() {
        println!(
            "Plan check, row {} ({}): {}",
            row.id,
            row.printed,
            issue.message()
        );
    }
    let store = store::Store::connect(&config.database_url).await?;
    println!("Cơ sở dữ liệu: {}", store.describe().await?);
    if config.demo && demo::seed(&store).await? {
        println!("{}", demo::describe());
    } else if config.demo {
        println!("Demo accounts already exist.\n{}", demo::describe());
    }
    let static_dir = config
        .static_dir
        .is_dir()
        .then(|| config.static_dir.clone());
    if static_dir.is_none() {
        tracing::warn!(dir = %config.static_dir.display(), "no built PWA; serving the API only");
    }
    let listener = tokio::net::TcpListener::bind(&config.listen).await?;
    println!("Listening on http://{}", listener.local_addr()?);
    let app = server::app(store, static_dir);
    server::run(listener, app, shutdown_signal()).await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
