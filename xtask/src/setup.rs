//! Installs what the build and the tests need on a fresh machine, from the package
//! registries only, and checks the versions of what is already there:
//!
//! - the wasm32 target and `rust-src` of the pinned toolchain (rustup);
//! - `wasm-bindgen` at exactly the version in Cargo.lock (crates.io);
//! - `wasm-opt` from the npm package `binaryen` at the version in package.json, `terser`
//!   (the JS minifier) and `playwright-core` (npm, with package-lock.json);
//! - Chromium from Debian's packages, for the browser tests.

use crate::run_command;
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;

/// The wasm-opt version the build requires; Debian's 108 breaks wasm-bindgen 0.2.130's
/// output at page load, so any other version fails the build.
pub const WASM_OPT_VERSION: &str = "132";

pub fn build_tools(root: &Path) -> Result<()> {
    wasm_target()?;
    wasm_bindgen(root)?;
    npm_packages(root)?;
    let version = output(Command::new(wasm_opt(root)).arg("--version"))?;
    if !version.contains(&format!("version {WASM_OPT_VERSION}")) {
        bail!("wasm-opt {WASM_OPT_VERSION} is required, found: {version}");
    }
    Ok(())
}

pub fn browser_tools(root: &Path) -> Result<()> {
    npm_packages(root)?;
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    let install = || {
        run_command(
            Command::new("apt-get")
                .args(["install", "-y", "--no-install-recommends", "chromium"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    };
    if install().is_err() {
        run_command(Command::new("apt-get").arg("update"))?;
        install()?;
    }
    Ok(())
}

pub fn wasm_opt(root: &Path) -> std::path::PathBuf {
    root.join("node_modules/.bin/wasm-opt")
}

fn output(command: &mut Command) -> Result<String> {
    let out = command
        .output()
        .with_context(|| format!("running {command:?}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn wasm_target() -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if !installed.lines().any(|l| l == "wasm32-unknown-unknown") {
        run_command(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    // The standard library's source, which the PWA build compiles for size (build.rs).
    let components = output(Command::new("rustup").args(["component", "list", "--installed"]))?;
    if !components.lines().any(|l| l.starts_with("rust-src")) {
        run_command(Command::new("rustup").args(["component", "add", "rust-src"]))?;
    }
    Ok(())
}

/// The version of a package as Cargo.lock pins it.
fn locked_version(root: &Path, package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))?;
    let marker = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&marker)
        .with_context(|| format!("{package} is not in Cargo.lock"))?
        + marker.len();
    Ok(lock[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string())
}

fn wasm_bindgen(root: &Path) -> Result<()> {
    let version = locked_version(root, "wasm-bindgen")?;
    let found = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if found != format!("wasm-bindgen {version}") {
        // Without --locked: the CLI's own lock file names a webpki-roots release the
        // registry here does not serve.
        run_command(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
        ]))?;
    }
    Ok(())
}

fn npm_packages(root: &Path) -> Result<()> {
    if wasm_opt(root).exists()
        && root.join("node_modules/playwright-core").exists()
        && root.join("node_modules/terser").exists()
    {
        return Ok(());
    }
    run_command(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(root),
    )
}
