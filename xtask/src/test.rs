//! The whole test suite, as CI runs it: tools first, then the workspace's Rust tests (the
//! server and store tests twice: on SQLite, then on a real PostgreSQL server),
//! then the PWA build and the browser end-to-end tests against a real server.

use crate::{build, postgres, run_command, setup};
use anyhow::Result;
use std::path::Path;
use std::process::Command;

pub fn all(root: &Path) -> Result<()> {
    setup::build_tools(root)?;
    setup::browser_tools(root)?;
    run_command(Command::new("cargo").args(["fmt", "--all", "--", "--check"]))?;
    run_command(Command::new("cargo").args([
        "clippy",
        "--workspace",
        "--exclude",
        "frontend",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The frontend for wasm32, as the field build and as the reviewer's build.
    for features in [&[][..], &["--features", "review"]] {
        run_command(
            Command::new("cargo")
                .args([
                    "clippy",
                    "-p",
                    "frontend",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .args(features)
                .args(["--", "-D", "warnings"]),
        )?;
    }
    run_command(Command::new("cargo").args(["test", "--workspace", "--exclude", "frontend"]))?;
    // The same server and store tests again on a real PostgreSQL server.
    {
        let cluster = postgres::start(root)?;
        run_command(
            Command::new("cargo")
                .args(["test", "-p", "tests", "-p", "backend"])
                .env("TEST_DATABASE_URL", &cluster.url),
        )?;
    }
    run_command(Command::new("cargo").args(["build", "-p", "backend"]))?;
    build::pwa(root)?;
    run_command(
        Command::new("node")
            .arg("--test")
            .arg("--test-concurrency=1")
            .arg("tests/e2e/")
            .env("BACKEND_BIN", root.join("target/debug/backend"))
            .env("STATIC_DIR", root.join("dist")),
    )
}

/// Benchmarks that print figures (never pass/fail): the PWA's sizes and field bars, the
/// roll-up of Phụ lục 2 over every reporting unit, and the exports over every unit's
/// approved reports.
pub fn bench(root: &Path) -> Result<()> {
    for bench in ["rollup_bench", "export_bench"] {
        run_command(Command::new("cargo").args([
            "run",
            "--release",
            "-p",
            "tests",
            "--bin",
            bench,
        ]))?;
    }
    setup::build_tools(root)?;
    setup::browser_tools(root)?;
    run_command(Command::new("cargo").args(["build", "-p", "backend"]))?;
    build::pwa(root)?;
    run_command(
        Command::new("node")
            .arg("tests/e2e/bench/field_app.mjs")
            .env("BACKEND_BIN", root.join("target/debug/backend"))
            .env("STATIC_DIR", root.join("dist")),
    )
}
