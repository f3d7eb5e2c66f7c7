//! The real server binary, built inside the `tests` package so its integration tests can
//! start it as a separate process (and kill it with SIGKILL): the same `backend::main`.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match backend::main(backend::config::Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Lỗi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
