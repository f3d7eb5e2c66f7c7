//! The load generator (`cargo xtask load`): N simulated officers, each with 10 report
//! documents, syncing against a real server process (release build, fresh SQLite file
//! or `--database-url`). It prints figures, never pass/fail (BENCHMARKS.md):
//!
//! 1. populate: every officer fills and sends its documents (`--docs`, 10 by default)
//!    and `--archive` more that it then drops (older reports only the server keeps);
//! 2. edits: for a fixed time every officer changes one field and syncs it;
//! 3. idle checks: for a fixed time every officer checks all its documents;
//!
//! and for the last two: requests per second, sync cycles per second, latency p50/p99
//! per request, bytes per cycle and rounds per cycle; then the server's resident memory.
//! Each of the two phases starts with a warm-up (`--warmup`, 2 s by default) whose figures
//! are printed on their own line and not counted: the first cycle of every officer loads
//! the documents the populate phase pushed out of the server's cache, and that burst
//! (500 officers within half a second) is a cold start, not the steady state measured.
//!
//! The generator runs on the same machine as the server and takes CPU from it (every
//! simulated phone runs the real Automerge sync), so the figures are a lower bound.

use automerge::ActorId;
use backend::store::{NewUser, Store};
use shared::access::Role;
use shared::ids::DocId;
use shared::replicas::Replicas;
use shared::units::units;
use shared::wire::{self, SyncResponse};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

struct Officer {
    token: String,
    device: String,
    replicas: Replicas,
    docs: Vec<DocId>,
    archive: Vec<DocId>,
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    cycles: u64,
    rounds: u64,
    bytes: u64,
    failures: u64,
}

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}

/// One sync cycle of one officer: rounds until nothing is left to say.
async fn cycle(http: &reqwest::Client, addr: SocketAddr, officer: &mut Officer, tally: &mut Tally) {
    officer.replicas.begin_cycle();
    let mut rounds = 0;
    while let Some(request) = officer.replicas.request(&officer.device) {
        let body = wire::encode(&request);
        let started = Instant::now();
        let sent = http
            .post(format!("http://{addr}/api/sync"))
            .bearer_auth(&officer.token)
            .body(body.clone())
            .send()
            .await;
        let Ok(response) = sent else {
            tally.failures += 1;
            officer.replicas.rewind();
            return;
        };
        let ok = response.status().is_success();
        let Ok(bytes) = response.bytes().await else {
            tally.failures += 1;
            return;
        };
        tally
            .latencies_us
            .push(started.elapsed().as_micros() as u64);
        tally.bytes += (body.len() + bytes.len()) as u64;
        rounds += 1;
        if !ok {
            tally.failures += 1;
            officer.replicas.rewind();
            return;
        }
        let response: SyncResponse = wire::decode(&bytes).expect("the server answers");
        officer
            .replicas
            .apply(response)
            .expect("the answer applies");
        if rounds > 8 {
            break;
        }
    }
    tally.cycles += 1;
    tally.rounds += rounds;
}

fn report(name: &str, tally: &Tally, seconds: f64, officers: usize) {
    let mut lat = tally.latencies_us.clone();
    lat.sort_unstable();
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            return 0.0;
        }
        lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)] as f64 / 1000.0
    };
    println!(
        "{name}: {officers} officers, {:.0} requests/s, {:.0} sync cycles/s, latency p50 {:.1} ms p99 {:.1} ms, {:.0} bytes and {:.2} rounds per cycle, {} failures",
        lat.len() as f64 / seconds,
        tally.cycles as f64 / seconds,
        pct(0.50),
        pct(0.99),
        tally.bytes as f64 / tally.cycles.max(1) as f64,
        tally.rounds as f64 / tally.cycles.max(1) as f64,
        tally.failures
    );
}

/// Runs one phase for `warmup` then `seconds`; returns the tallies of both apart. With
/// `rate` (sync cycles per second over all officers) each officer starts a cycle on a
/// fixed schedule, as phones do (open loop); without, each starts the next cycle as soon
/// as the last ends (closed loop: the server's ceiling).
async fn phase(
    officers: Vec<Officer>,
    http: reqwest::Client,
    addr: SocketAddr,
    (warmup, seconds): (u64, u64),
    edit: bool,
    rate: Option<f64>,
) -> (Vec<Officer>, Tally, Tally) {
    let start = Instant::now();
    let measured_from = start + Duration::from_secs(warmup);
    let deadline = measured_from + Duration::from_secs(seconds);
    let count = officers.len();
    let tasks: Vec<_> = officers
        .into_iter()
        .enumerate()
        .map(|(i, mut officer)| {
            let http = http.clone();
            tokio::spawn(async move {
                let (mut warm, mut tally) = (Tally::default(), Tally::default());
                let mut n = 0u64;
                let interval = rate.map(|r| Duration::from_secs_f64(count as f64 / r));
                // Spread the officers' schedules evenly over one interval.
                let mut next =
                    start + interval.map_or(Duration::ZERO, |d| d.mul_f64(i as f64 / count as f64));
                while Instant::now() < deadline {
                    if let Some(interval) = interval {
                        tokio::time::sleep_until(next.into()).await;
                        next += interval;
                        if Instant::now() >= deadline {
                            break;
                        }
                    }
                    if edit {
                        n += 1;
                        let id = officer.docs[(n as usize) % officer.docs.len()];
                        let doc = &mut officer.replicas.open(id).doc;
                        shared::report::activity::set_count(doc, "events_by_committee", Some(n))
                            .expect("an activity report has counts");
                        doc.commit();
                    }
                    let counted = if Instant::now() < measured_from {
                        &mut warm
                    } else {
                        &mut tally
                    };
                    cycle(&http, addr, &mut officer, counted).await;
                }
                (officer, warm, tally)
            })
        })
        .collect();
    let (mut warm, mut total) = (Tally::default(), Tally::default());
    let mut back = Vec::new();
    for task in tasks {
        let (officer, warm_one, tally) = task.await.expect("officer task");
        warm.add(warm_one);
        total.add(tally);
        back.push(officer);
    }
    (back, warm, total)
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.latencies_us.extend(other.latencies_us);
        self.cycles += other.cycles;
        self.rounds += other.rounds;
        self.bytes += other.bytes;
        self.failures += other.failures;
    }
}

/// CPU seconds a process has used (user + system), from /proc.
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks: f64 = fields.get(11).and_then(|v| v.parse().ok()).unwrap_or(0.0)
        + fields.get(12).and_then(|v| v.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn rss_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let officers: usize = arg("--officers", "500").parse()?;
    let seconds: u64 = arg("--seconds", "10").parse()?;
    let warmup: u64 = arg("--warmup", "2").parse()?;
    let docs_each: usize = arg("--docs", "10").parse()?;
    let archive_each: usize = arg("--archive", "0").parse()?;
    let dir = tempfile::tempdir()?;
    let default_url = format!("sqlite:{}", dir.path().join("load.db").display());
    let database_url = arg("--database-url", &default_url);

    // The server: the release build of the real binary, beside this one.
    let store = Store::connect(&database_url).await?;
    let addr: SocketAddr = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let server_bin = std::env::current_exe()?.with_file_name("backend-under-test");
    let mut server = std::process::Command::new(&server_bin)
        .args(["serve", "--listen", &addr.to_string()])
        .env("DATABASE_URL", &database_url)
        .env("STATIC_DIR", "/nonexistent")
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .spawn()?;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(officers)
        .build()?;
    for _ in 0..300 {
        if http
            .get(format!("http://{addr}/api/ready"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Officers with tokens (straight into the database: this measures sync, not login).
    let reporting: Vec<_> = units()
        .all()
        .iter()
        .filter(|u| u.parent.is_some())
        .collect();
    let hash = backend::auth::hash_password("mat-khau-tai")?;
    let mut team = Vec::new();
    for i in 0..officers {
        let unit = reporting[i % reporting.len()];
        let user = store
            .create_user(
                NewUser {
                    username: &format!("tai.{i}"),
                    display_name: &unit.name,
                    password_hash: &hash,
                    role: if unit.level == shared::vocabulary::UnitLevel::Commune {
                        Role::CommuneOfficer
                    } else if unit.level == shared::vocabulary::UnitLevel::District {
                        Role::DistrictOfficer
                    } else {
                        Role::DepartmentOfficer
                    },
                    unit_code: Some(unit.code.get()),
                },
                0,
            )
            .await?;
        let (token, token_hash) = backend::auth::new_token();
        store.insert_token(&token_hash, user, 0, i64::MAX).await?;
        // `--docs` activity reports per officer (half-year and year, 2022 on), and
        // `--archive` more that are only sent once (older reports the server keeps).
        // Officers of one unit share them, as two phones of one commune do.
        let nth = |k: usize| -> DocId {
            let year = 2022 + k / 2;
            let period = if k.is_multiple_of(2) {
                format!("{year}-H1")
            } else {
                year.to_string()
            };
            format!("activity:{}:{period}", unit.code)
                .parse()
                .expect("a valid id")
        };
        let docs: Vec<DocId> = (0..docs_each).map(nth).collect();
        let archive: Vec<DocId> = (docs_each..docs_each + archive_each).map(nth).collect();
        let mut replicas = Replicas::new(ActorId::random());
        for id in &docs {
            replicas.open(*id);
        }
        team.push(Officer {
            token,
            device: format!("load-{i}"),
            replicas,
            docs,
            archive,
        });
    }

    // 1. Populate: every document gets a first edit and reaches the server.
    let started = Instant::now();
    let tasks: Vec<_> = team
        .into_iter()
        .map(|mut officer| {
            let http = http.clone();
            tokio::spawn(async move {
                let mut tally = Tally::default();
                for id in officer.docs.iter().chain(&officer.archive).copied() {
                    let doc = &mut officer.replicas.open(id).doc;
                    shared::report::activity::set_narrative(doc, "assessment", "Số liệu thử tải")
                        .expect("an activity report has narratives");
                    doc.commit();
                }
                cycle(&http, addr, &mut officer, &mut tally).await;
                // The archive stays on the server only.
                for id in &officer.archive {
                    officer.replicas.docs.remove(id);
                }
                officer
            })
        })
        .collect();
    let mut team = Vec::new();
    for task in tasks {
        team.push(task.await?);
    }
    let (documents, _) = store.document_counts().await?;
    println!(
        "populate: {documents} documents on the server in {:.1} s; server RSS {} MB",
        started.elapsed().as_secs_f64(),
        rss_kb(server.id(), "VmRSS:") / 1024
    );

    let rate: Option<f64> = std::env::args()
        .any(|a| a == "--rate")
        .then(|| arg("--rate", "1000").parse())
        .transpose()?;
    let mode = match rate {
        Some(r) => format!("open loop, {r} cycles/s offered"),
        None => "closed loop".to_string(),
    };
    let (server_cpu, own_cpu) = (cpu_seconds(&server.id().to_string()), cpu_seconds("self"));
    let times = (warmup, seconds);
    let warm_name = |name: &str| format!("{name}, warm-up (first {warmup} s, not counted)");
    // 2. One changed field per cycle.
    let (team, warm, tally) = phase(team, http.clone(), addr, times, true, rate).await;
    report(&warm_name("edits"), &warm, warmup as f64, officers);
    report(&format!("edits, {mode}"), &tally, seconds as f64, officers);
    // 3. Idle checks of every document the officer holds.
    let (_team, warm, tally) = phase(team, http.clone(), addr, times, false, rate).await;
    report(&warm_name("idle checks"), &warm, warmup as f64, officers);
    let name = format!("idle checks of {docs_each} documents, {mode}");
    report(&name, &tally, seconds as f64, officers);
    println!(
        "CPU over both phases, warm-ups included: server {:.1} s, load generator {:.1} s, of {} s × 2 cores",
        cpu_seconds(&server.id().to_string()) - server_cpu,
        cpu_seconds("self") - own_cpu,
        2 * (warmup + seconds)
    );
    println!(
        "server memory: RSS {} MB now, peak {} MB, with {documents} documents",
        rss_kb(server.id(), "VmRSS:") / 1024,
        rss_kb(server.id(), "VmHWM:") / 1024
    );
    server.kill()?;
    server.wait()?;
    Ok(())
}
