//! Every developer chore behind one entry point, so the README, CI and people run the
//! same thing:
//!
//! - `cargo xtask run`: set up the build tools, build the PWA, start the server on an
//!   embedded SQLite file under `./data` with the demo accounts.
//! - `cargo xtask test`: set up every tool (browser included), then run every test: the
//!   workspace's Rust tests, and the browser end-to-end tests against the built PWA.
//! - `cargo xtask build`: only build the PWA into `dist/`.
//! - `cargo xtask setup`: only install the tools.
//! - `cargo xtask bench`: build, then print the PWA's measured figures (BENCHMARKS.md).
//! - `cargo xtask load [--officers N] [--seconds S] [--database-url URL]`: the sync
//!   server's load generator, release build (BENCHMARKS.md).
//! - `cargo xtask with-postgres <command…>`: run one command with a throwaway PostgreSQL
//!   server, its URL in `TEST_DATABASE_URL` (e.g. `cargo test -p tests` on PostgreSQL).

mod build;
mod icons;
mod postgres;
mod setup;
mod size_rules;
mod test;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("run") => {
            setup::build_tools(&root)?;
            build::pwa(&root)?;
            run(&root)
        }
        Some("test") => test::all(&root),
        Some("build") => {
            setup::build_tools(&root)?;
            build::pwa(&root).map(|_| ())
        }
        Some("bench") => test::bench(&root),
        Some("setup") => {
            setup::build_tools(&root)?;
            setup::browser_tools(&root)
        }
        Some("load") => {
            run_command(Command::new("cargo").args([
                "build",
                "--release",
                "-p",
                "tests",
                "--bins",
            ]))?;
            run_command(Command::new(root.join("target/release/load")).args(&args[1..]))
        }
        Some("with-postgres") if args.len() > 1 => {
            let cluster = postgres::start(&root)?;
            run_command(
                Command::new(&args[1])
                    .args(&args[2..])
                    .env("TEST_DATABASE_URL", &cluster.url),
            )
        }
        _ => {
            println!(
                "usage: cargo xtask <run|test|build|setup|bench|load|with-postgres <command…>>"
            );
            Ok(())
        }
    }
}

/// The workspace root (the folder above this crate).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// Runs a command, failing with its command line if it fails.
pub fn run_command(command: &mut Command) -> Result<()> {
    let shown = format!("{command:?}");
    println!("xtask: {shown}");
    let status = command
        .status()
        .with_context(|| format!("starting {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

fn run(root: &Path) -> Result<()> {
    run_command(
        Command::new("cargo")
            .args(["run", "--release", "-p", "backend", "--", "serve", "--demo"])
            .env("STATIC_DIR", root.join("dist")),
    )
}
