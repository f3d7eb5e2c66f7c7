//! Durability under load: 200 officers' phones sync concurrently, the server process is
//! killed with SIGKILL in the middle, and restarted on the same database. Every change
//! the server acknowledged before the kill is still there, and every phone converges
//! with the server afterwards. Runs on SQLite and, when the test command provides one,
//! on PostgreSQL.

use automerge::ChangeHash;
use shared::access::Role;
use shared::ids::DocId;
use shared::units::units;
use shared::vocabulary::UnitLevel;
use std::net::SocketAddr;
use std::process::{Child, Command};
use std::time::Duration;
use tests::{Client, TestApp, fresh_database};

const PHONES: usize = 200;

fn start_server(addr: SocketAddr, database_url: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_backend-under-test"))
        .args(["serve", "--listen", &addr.to_string()])
        .env("DATABASE_URL", database_url)
        .env("STATIC_DIR", "/nonexistent")
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("the server binary starts")
}

async fn wait_ready(addr: SocketAddr) {
    let http = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = http.get(format!("http://{addr}/api/ready")).send().await
            && r.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not become ready");
}

/// The server binary as a separate process on a fresh database, ready, and a handle
/// on it; returns the process, the handle, its address and the database URL.
async fn server_process(
    dir: &tempfile::TempDir,
) -> (Child, std::sync::Arc<TestApp>, SocketAddr, String) {
    let database_url = fresh_database(dir).await;
    let addr: SocketAddr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let server = start_server(addr, &database_url);
    wait_ready(addr).await;
    let app = std::sync::Arc::new(TestApp::external(addr, database_url.clone()).await);
    (server, app, addr, database_url)
}

/// One phone's life: edit, sync, remember what the server acknowledged; until told to
/// stop. Returns the phone and the heads the server acknowledged, cycle by cycle.
async fn phone_loop(
    app: std::sync::Arc<TestApp>,
    mut phone: Client,
    id: DocId,
    stop: tokio::sync::watch::Receiver<bool>,
) -> (Client, Vec<Vec<ChangeHash>>) {
    let mut acknowledged = Vec::new();
    let mut n = 0u64;
    while !*stop.borrow() {
        n += 1;
        phone.set_count(id, "events_by_committee", n);
        phone.replicas.open(id).doc.commit();
        if phone.sync(&app).await.is_ok() && phone.replicas.pending_changes() == 0 {
            acknowledged.push(phone.replicas.open(id).doc.get_heads());
        } else {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    (phone, acknowledged)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_minus_nine_under_load_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, app, addr, database_url) = server_process(&dir).await;

    // 200 communes, one officer each, signed in (tokens straight into the database).
    let communes: Vec<_> = units()
        .all()
        .iter()
        .filter(|u| u.level == UnitLevel::Commune)
        .take(PHONES)
        .collect();
    let hash = backend::auth::hash_password("mat-khau-thu").unwrap();
    let mut phones = Vec::new();
    for unit in &communes {
        let user = app
            .store
            .create_user(
                backend::store::NewUser {
                    username: &format!("xa.{}", unit.code),
                    display_name: &unit.name,
                    password_hash: &hash,
                    role: Role::CommuneOfficer,
                    unit_code: Some(unit.code.get()),
                },
                0,
            )
            .await
            .unwrap();
        let (token, token_hash) = backend::auth::new_token();
        app.store
            .insert_token(&token_hash, user, 0, i64::MAX)
            .await
            .unwrap();
        let id: DocId = format!("activity:{}:2022-H1", unit.code).parse().unwrap();
        phones.push((Client::new(&format!("phone-{}", unit.code), &token), id));
    }

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let tasks: Vec<_> = phones
        .into_iter()
        .map(|(phone, id)| {
            let (app, stopped) = (app.clone(), stopped.clone());
            (id, tokio::spawn(phone_loop(app, phone, id, stopped)))
        })
        .collect();

    // Let them sync for a while, then kill the server in the middle of it.
    tokio::time::sleep(Duration::from_secs(3)).await;
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut server = start_server(addr, &database_url);
    wait_ready(addr).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.send(true).unwrap();

    let mut acknowledged_total = 0;
    let mut ids = Vec::new();
    let mut results = Vec::new();
    for (id, task) in tasks {
        let (phone, acknowledged) = task.await.unwrap();
        acknowledged_total += acknowledged.len();
        ids.push(id);
        results.push((id, phone, acknowledged));
    }
    println!("{PHONES} phones: {acknowledged_total} acknowledged sync cycles around one SIGKILL");
    assert!(acknowledged_total > PHONES, "the load did not get going");

    for (id, mut phone, acknowledged) in results {
        // Every change the server acknowledged survived the kill.
        let mut stored = app
            .store
            .load_document(id)
            .await
            .unwrap()
            .expect("every phone reached the server at least once")
            .doc;
        for heads in &acknowledged {
            for hash in heads {
                assert!(
                    stored.get_change_by_hash(hash).is_some(),
                    "{id}: an acknowledged change is missing after the kill"
                );
            }
        }
        // And the phone converges with the restarted server.
        phone.sync(&app).await.unwrap();
        let mut stored = app.store.load_document(id).await.unwrap().unwrap().doc;
        assert_eq!(
            stored.get_heads(),
            phone.replicas.open(id).doc.get_heads(),
            "{id}"
        );
        assert_eq!(phone.replicas.pending_changes(), 0);
    }
    // No duplicate provenance: one row per distinct change.
    let provenance = app.store.changes_of(ids[0]).await.unwrap();
    let mut hashes: Vec<_> = provenance.iter().map(|p| p.hash.clone()).collect();
    hashes.sort();
    hashes.dedup();
    assert_eq!(hashes.len(), provenance.len());
    server.kill().unwrap();
    server.wait().unwrap();
}

/// A sync whose body is only half sent: the server has accepted the connection and is
/// reading the request, so the request is in flight. `finish` sends the rest and
/// returns the status the server answered with (`None` when the connection was cut).
struct HalfSentSync {
    stream: tokio::net::TcpStream,
    rest: Vec<u8>,
}

impl HalfSentSync {
    async fn start(addr: SocketAddr, token: &str, body: Vec<u8>) -> Self {
        use tokio::io::AsyncWriteExt;
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST /api/sync HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let half = body.len() / 2;
        stream.write_all(&body[..half]).await.unwrap();
        stream.flush().await.unwrap();
        Self {
            stream,
            rest: body[half..].to_vec(),
        }
    }

    async fn finish(mut self) -> Option<u16> {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        self.stream.write_all(&self.rest).await.ok()?;
        let mut answer = Vec::new();
        let mut buf = [0u8; 4096];
        // The status line is all this needs; the server closes after answering, since
        // it is shutting down.
        while !answer.windows(2).any(|w| w == b"\r\n") {
            let n = self.stream.read(&mut buf).await.ok()?;
            if n == 0 {
                return None;
            }
            answer.extend_from_slice(&buf[..n]);
        }
        let line = String::from_utf8_lossy(&answer);
        line.split(' ').nth(1)?.parse().ok()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_syncs_in_flight_and_does_not_wait_for_long_polls() {
    let dir = tempfile::tempdir().unwrap();
    let (mut server, app, addr, _) = server_process(&dir).await;
    let token = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let id: DocId = "activity:16816:2022-H1".parse().unwrap();

    // A reviewer's screen waiting on a long poll, and phones syncing without pause.
    let watching = {
        let (app, token) = (app.clone(), token.clone());
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            let status = app
                .http
                .get(app.url("/api/changes?wait=50"))
                .bearer_auth(&token)
                .send()
                .await
                .map(|r| r.status().as_u16());
            (status, started.elapsed())
        })
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let phones: Vec<_> = (0..20)
        .map(|i| {
            let (app, token, stopped) = (app.clone(), token.clone(), stopped.clone());
            tokio::spawn(async move {
                let mut phone = Client::new(&format!("phone-{i}"), &token);
                let mut answered = 0;
                let mut n = 0;
                while !*stopped.borrow() {
                    n += 1;
                    phone.set_count(id, "events_by_committee", n);
                    match phone.sync(&app).await {
                        Ok(_) => answered += 1,
                        Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
                    }
                    phone.replicas.rewind();
                }
                answered
            })
        })
        .collect();
    // Six phones whose syncs are in flight when the signal comes: each has sent half its
    // request and the server is reading it. A connection still queued in the kernel,
    // never accepted, is reset when the listener closes; such requests were never in
    // flight, which is why the proof uses requests the server certainly holds.
    let mut in_flight = Vec::new();
    for i in 0..6 {
        let mut phone = Client::new(&format!("slow-{i}"), &token);
        phone.set_count(id, "events_by_committee", 1000 + i);
        let request = phone.replicas.request(&phone.device).unwrap();
        in_flight.push(HalfSentSync::start(addr, &token, shared::wire::encode(&request)).await);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let pid = server.id().to_string();
    let signalled = std::time::Instant::now();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    // The server has stopped accepting by now; the rest of each request arrives.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut statuses = Vec::new();
    for sync in in_flight {
        statuses.push(sync.finish().await);
    }
    let exited = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(15),
            "the server did not stop"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let took = signalled.elapsed();
    stop.send(true).unwrap();
    let mut answered = 0;
    for phone in phones {
        answered += phone.await.unwrap();
    }
    let (poll, waited) = watching.await.unwrap();
    println!(
        "SIGTERM: exited {exited} after {took:?}; in-flight syncs answered {statuses:?}; \
         {answered} other syncs answered; long poll answered {poll:?} after {waited:?}"
    );
    assert!(exited.success(), "{exited}");
    assert!(took < Duration::from_secs(5), "shutdown waited {took:?}");
    assert_eq!(
        statuses,
        vec![Some(200); 6],
        "a sync in flight at the signal was cut off"
    );
    assert!(answered > 20);
    assert_eq!(poll.unwrap(), 200);
}
