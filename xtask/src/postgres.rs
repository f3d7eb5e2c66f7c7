//! A real PostgreSQL server from Debian's packages for the store tests: installed if
//! missing, a fresh cluster in `target/pg-test` on a free loopback port, stopped (and its
//! files removed) when the guard is dropped. Each test then creates its own database in it.
//!
//! PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres`
//! user the package creates, and its commands run through `runuser`.

use crate::run_command;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A running test cluster; stops it when dropped.
pub struct TestCluster {
    bin: PathBuf,
    dir: PathBuf,
    pub url: String,
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        let _ = as_owner(&self.bin.join("pg_ctl"))
            .args([
                "-D",
                path(&self.dir.join("data")),
                "-m",
                "fast",
                "-w",
                "stop",
            ])
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The directory of Debian's PostgreSQL programs, installing the package if needed.
fn bin_dir() -> Result<PathBuf> {
    if let Some(dir) = installed() {
        return Ok(dir);
    }
    let install = || {
        run_command(
            Command::new("apt-get")
                .args(["install", "-y", "--no-install-recommends", "postgresql"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    };
    if install().is_err() {
        run_command(Command::new("apt-get").arg("update"))?;
        install()?;
    }
    installed().context("PostgreSQL was installed but /usr/lib/postgresql/*/bin/initdb is missing")
}

fn installed() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.trim_ascii() == b"0")
        .unwrap_or(false)
}

/// A command run as the cluster's owner.
fn as_owner(program: &Path) -> Command {
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("paths here are UTF-8")
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Starts a fresh cluster that trusts loopback connections (a throwaway test server).
pub fn start(root: &Path) -> Result<TestCluster> {
    let bin = bin_dir()?;
    let dir = root.join("target/pg-test");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    if is_root() {
        run_command(Command::new("chown").args(["-R", "postgres:postgres", path(&dir)]))?;
        // The owner must reach the directory through target/.
        for parent in dir.ancestors().skip(1) {
            if parent == Path::new("/") {
                break;
            }
            let _ = Command::new("chmod").args(["o+x", path(parent)]).status();
        }
    }
    let data = dir.join("data");
    let status = as_owner(&bin.join("initdb"))
        .args([
            "-D",
            path(&data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
        ])
        .args(["--locale", "C.UTF-8", "--no-sync"])
        .stdout(std::process::Stdio::null())
        .status()
        .context("initdb")?;
    if !status.success() {
        bail!("initdb failed");
    }
    let port = free_port()?;
    let options = format!("-c listen_addresses=127.0.0.1 -p {port} -k {}", path(&dir));
    let cluster = TestCluster {
        bin: bin.clone(),
        dir: dir.clone(),
        url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
    };
    let status = as_owner(&bin.join("pg_ctl"))
        .args(["-D", path(&data), "-o", &options, "-l"])
        .arg(dir.join("server.log"))
        .args(["-w", "start"])
        .status()
        .context("pg_ctl start")?;
    if !status.success() {
        bail!(
            "PostgreSQL did not start; see {}",
            dir.join("server.log").display()
        );
    }
    println!("PostgreSQL test server at {}", cluster.url);
    Ok(cluster)
}
