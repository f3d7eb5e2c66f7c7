//! The command line's commands: `serve`, and the administrator's (accounts, backup and
//! restore, rebuilding the projection), each printing what it did in Vietnamese.

use crate::config::{self, Command, ServeConfig};
use crate::{accounts, auth, backup, demo, server, store};

/// Reads a password from the first line of stdin.
fn password_from_stdin() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn open(db: &config::Database) -> anyhow::Result<store::Store> {
    if let Some(path) = db.database_url.strip_prefix("sqlite:") {
        let path = std::path::Path::new(path.trim_start_matches("//"));
        if !path.exists() {
            anyhow::bail!("Không có cơ sở dữ liệu «{}».", path.display());
        }
    }
    Ok(store::Store::connect(&db.database_url).await?)
}

/// Runs one of the administrator's commands.
pub async fn admin_command(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(_) => unreachable!("served above"),
        Command::UserCreate {
            db,
            username,
            name,
            role,
            unit,
            password_stdin,
        } => {
            let store = open(&db).await?;
            let password = if password_stdin {
                password_from_stdin()?
            } else {
                accounts::new_password()
            };
            let input = accounts::AccountInput {
                username: &username,
                display_name: &name,
                role: &role,
                unit: unit.as_deref(),
            };
            accounts::create_user(&store, input, &password).await?;
            println!("Đã tạo tài khoản «{username}».");
            if !password_stdin {
                println!("Mật khẩu (chỉ hiện một lần): {password}");
            }
        }
        Command::UserDisable { db, username } => {
            let store = open(&db).await?;
            if !store.disable_user(&username).await? {
                anyhow::bail!("Không có tài khoản «{username}».");
            }
            println!("Đã khoá tài khoản «{username}»; các phiên đăng nhập đã kết thúc.");
        }
        Command::UserPassword {
            db,
            username,
            password_stdin,
        } => {
            let store = open(&db).await?;
            let password = if password_stdin {
                password_from_stdin()?
            } else {
                accounts::new_password()
            };
            if password.chars().count() < 8 {
                anyhow::bail!("Mật khẩu phải có ít nhất 8 ký tự.");
            }
            if !store
                .set_password(&username, &auth::hash_password(&password)?)
                .await?
            {
                anyhow::bail!("Không có tài khoản «{username}».");
            }
            println!("Đã đặt mật khẩu mới cho «{username}»; các phiên đăng nhập cũ đã kết thúc.");
            if !password_stdin {
                println!("Mật khẩu (chỉ hiện một lần): {password}");
            }
        }
        Command::Users { db } => {
            let store = open(&db).await?;
            for u in store.users().await? {
                println!(
                    "{}\t{}\t{}\t{}{}",
                    u.username,
                    u.role.as_str(),
                    u.unit_code
                        .map(|c| c.to_string())
                        .unwrap_or_else(|| "-".into()),
                    u.display_name,
                    if u.disabled { "\t(đã khoá)" } else { "" }
                );
            }
        }
        Command::ImportUnits { db, file } => {
            let store = open(&db).await?;
            let csv = std::fs::read_to_string(&file)
                .map_err(|e| anyhow::anyhow!("Không đọc được tệp «{}»: {e}", file.display()))?;
            let created = accounts::import_accounts(&store, &csv).await?;
            println!("username,password");
            for (username, password) in &created {
                println!("{username},{password}");
            }
            eprintln!("Đã tạo {} tài khoản.", created.len());
        }
        Command::Backup { db, file } => {
            let store = open(&db).await?;
            let backup = backup::backup(&store, &file).await?;
            println!(
                "Đã sao lưu {} tài khoản, {} báo cáo, {} thay đổi vào «{}».",
                backup.users.len(),
                backup.documents.len(),
                backup.changes.len(),
                file.display()
            );
        }
        Command::Restore { db, file } => {
            if let Some(path) = db.database_url.strip_prefix("sqlite:")
                && let Some(parent) = std::path::Path::new(path.trim_start_matches("//")).parent()
            {
                std::fs::create_dir_all(parent)?;
            }
            let store = store::Store::connect(&db.database_url).await?;
            let backup = backup::restore(&store, &file).await?;
            println!(
                "Đã khôi phục {} tài khoản, {} báo cáo, {} thay đổi.",
                backup.users.len(),
                backup.documents.len(),
                backup.changes.len()
            );
        }
        Command::RebuildProjections { db } => {
            let store = open(&db).await?;
            let n = crate::domain::rebuild::rebuild(&store).await?;
            println!("Đã dựng lại {n} dòng tổng hợp từ các báo cáo.");
        }
    }
    Ok(())
}

/// `backend serve`: checks the plan, opens the store, serves until SIGTERM or Ctrl-C.
pub async fn serve(config: ServeConfig) -> anyhow::Result<()> {
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
    for line in plan_check(plan) {
        println!("{line}");
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
    let app = server::app(store.clone(), static_dir);
    // On SIGTERM or Ctrl-C: stop accepting, answer waiting long polls, finish the syncs
    // in flight (their transactions commit before they answer), then exit.
    let closing = store.clone();
    let shutdown = async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        closing.begin_shutdown();
    };
    server::run(listener, app, shutdown).await?;
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

/// What the plan check prints at start-up: every row it flags, by the number the plan
/// prints (III.2.1), and why: a target against its direction, or a computed parent whose
/// printed 2021 result is an average the system does not reproduce.
pub fn plan_check(plan: &shared::plan::Plan) -> Vec<String> {
    let mut lines: Vec<String> = plan
        .direction_issues()
        .into_iter()
        .map(|(row, issue)| {
            format!(
                "Kiểm tra kế hoạch, dòng {}: {}",
                plan.reference(row),
                issue.message()
            )
        })
        .collect();
    lines.extend(
        plan.indicators
            .iter()
            .filter(|row| plan.result_2021_is_children_mean(row))
            .map(|row| {
                format!(
                    "Kiểm tra kế hoạch, dòng {}: {}",
                    plan.reference(row),
                    shared::rollup::rule(plan, row)
                )
            }),
    );
    lines
}

#[cfg(test)]
mod tests {
    /// The planner reads each flagged row by its printed number and the reason.
    #[test]
    fn the_plan_check_names_each_flagged_row_by_its_printed_number_and_why() {
        let lines = super::plan_check(shared::plan::plan());
        let row_4_2 = lines
            .iter()
            .find(|l| l.contains("dòng IV.2:"))
            .expect("4.2's bound is against its direction");
        assert!(row_4_2.contains("Ngưỡng kế hoạch ngược"), "{row_4_2}");
        // The parents of 3.2: computed from their children, while the seed printed the
        // average of the children's 2021 results.
        for parent in ["III.2,1", "III.2,2"] {
            assert!(
                lines.iter().any(|l| l.contains(&format!("dòng {parent}:"))
                    && l.contains("trung bình cộng các dòng con")),
                "{parent} in {lines:#?}"
            );
        }
        assert!(
            lines.iter().all(|l| !l.contains("3.2a")),
            "no internal id: {lines:#?}"
        );
    }
}
