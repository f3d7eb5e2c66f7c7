//! Helpers for tests that cross crates: [`spawn_app`] starts the real server on a random
//! port with a fresh database, and [`Client`] is a native sync client running the same
//! batched sync code as the PWA.
//!
//! The database is a fresh SQLite file, or, when `TEST_DATABASE_URL` names a PostgreSQL
//! server (the README's test command starts one), a fresh database on that server: the
//! same tests run on both.

use backend::auth::hash_password;
use backend::store::{NewUser, Store};
use shared::access::Role;
use shared::replicas::{Applied, Replicas};
use shared::wire::{self, LoginRequest, LoginResponse, SyncResponse};
use std::net::SocketAddr;

/// A running server and its database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Store,
    pub http: reqwest::Client,
    /// The database's URL, for a second instance on the same data.
    pub database_url: String,
    _dir: std::sync::Arc<tempfile::TempDir>,
}

/// Starts the server on 127.0.0.1:0 with a fresh SQLite database in a temporary folder.
pub async fn spawn_app() -> TestApp {
    // Server logs go to the test's output (shown when a test fails).
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("warn")
        .try_init();
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(&dir).await;
    instance(url, std::sync::Arc::new(dir)).await
}

/// A server instance (its own pool, its own process state) on the database at `url`.
async fn instance(url: String, dir: std::sync::Arc<tempfile::TempDir>) -> TestApp {
    let store = Store::connect(&url).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = backend::server::app(store.clone(), None);
    tokio::spawn(backend::server::run(listener, app, std::future::pending()));
    TestApp {
        addr,
        store,
        http: reqwest::Client::new(),
        database_url: url,
        _dir: dir,
    }
}

impl TestApp {
    /// A handle on a server running elsewhere (a separate process) on `database_url`.
    pub async fn external(addr: SocketAddr, database_url: String) -> TestApp {
        TestApp {
            addr,
            store: Store::connect(&database_url).await.unwrap(),
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(30))
                .build()
                .unwrap(),
            database_url,
            _dir: std::sync::Arc::new(tempfile::tempdir().unwrap()),
        }
    }

    /// Another server instance on the same database, as behind a load balancer.
    pub async fn second_instance(&self) -> TestApp {
        instance(self.database_url.clone(), self._dir.clone()).await
    }

    /// A JSON `GET` as `token`: the status, and the answer when it is 200.
    pub async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        token: &str,
        path: &str,
    ) -> (u16, Option<T>) {
        let (status, _, body) = self.get_bytes(token, path).await;
        let json = (status == 200).then(|| serde_json::from_slice(&body).unwrap());
        (status, json)
    }

    /// A GET with the user's token: the status, the content type and the body.
    pub async fn get_bytes(&self, token: &str, path: &str) -> (u16, String, Vec<u8>) {
        let response = self
            .http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        (
            status,
            content_type,
            response.bytes().await.unwrap().to_vec(),
        )
    }

    /// `GET /api/changes`: the long poll for documents changed after the cursor `since`
    /// (from now when `None`).
    pub async fn changes(
        &self,
        token: &str,
        since: Option<i64>,
        wait_seconds: u64,
    ) -> shared::wire::ChangesResponse {
        let since = since.map(|s| format!("&since={s}")).unwrap_or_default();
        let response = self
            .http
            .get(self.url(&format!("/api/changes?wait={wait_seconds}{since}")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }
}

/// The URL of an empty database for one test: a new database on the PostgreSQL server
/// named by `TEST_DATABASE_URL`, or a SQLite file in `dir`.
pub async fn fresh_database(dir: &tempfile::TempDir) -> String {
    let Ok(admin) = std::env::var("TEST_DATABASE_URL") else {
        return format!("sqlite:{}", dir.path().join("test.db").display());
    };
    use sqlx::{Connection, Executor};
    let name = format!(
        "test_{}",
        &automerge::ActorId::random().to_hex_string()[..16]
    );
    let mut conn = sqlx::postgres::PgConnection::connect(&admin).await.unwrap();
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let (base, _) = admin
        .rsplit_once('/')
        .expect("a database URL ends in /name");
    format!("{base}/{name}")
}

/// What one sync round cost on the wire.
#[derive(Debug, Default, Clone, Copy)]
pub struct RoundBytes {
    pub request: usize,
    pub response: usize,
}

/// The outcome of a sync request that the server refused as a whole.
#[derive(Debug)]
pub struct Rejected {
    pub status: u16,
    pub error: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Creates a user and logs in over HTTP; returns the bearer token.
    pub async fn user(&self, username: &str, role: Role, unit: Option<u32>) -> String {
        let password = "mat-khau-thu";
        self.store
            .create_user(
                NewUser {
                    username,
                    display_name: username,
                    password_hash: &hash_password(password).unwrap(),
                    role,
                    unit_code: unit,
                },
                0,
            )
            .await
            .unwrap();
        let response: LoginResponse = self
            .http
            .post(self.url("/api/login"))
            .json(&LoginRequest {
                username: username.into(),
                password: password.into(),
            })
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        NAMES
            .lock()
            .unwrap()
            .insert(response.token.clone(), username.to_string());
        response.token
    }

    /// The reviewer's list of received reports.
    pub async fn received(&self, token: &str) -> Vec<shared::wire::ReceivedReport> {
        let response = self
            .http
            .get(self.url("/api/reports"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    /// Hands a saved file in at `POST /api/import`; the status and the result if 200.
    pub async fn import(
        &self,
        token: &str,
        file: Vec<u8>,
    ) -> (u16, Option<shared::wire::ImportResult>) {
        let response = self
            .http
            .post(self.url("/api/import"))
            .bearer_auth(token)
            .body(file)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let result = if status == 200 {
            Some(response.json().await.unwrap())
        } else {
            None
        };
        (status, result)
    }

    /// Posts a raw body to the sync endpoint; status 0 when no answer came (the server
    /// is down or died mid-request), as a phone without signal sees it.
    pub async fn post_sync(&self, token: &str, body: Vec<u8>) -> (u16, Vec<u8>) {
        let sent = self
            .http
            .post(self.url("/api/sync"))
            .bearer_auth(token)
            .body(body)
            .send()
            .await;
        let Ok(response) = sent else {
            return (0, Vec::new());
        };
        let status = response.status().as_u16();
        match response.bytes().await {
            Ok(bytes) => (status, bytes.to_vec()),
            Err(_) => (0, Vec::new()),
        }
    }
}

impl TestApp {
    /// The officer of `report`'s district approves the version the server holds, as the
    /// order of levels asks before the province decides on a commune's report. The
    /// officer's account (`huyen.<code>`) is made on first use.
    pub async fn district_approves(&self, report: shared::ids::DocId) {
        use shared::report::review::{Decision, Verdict, decide};
        let district = report
            .unit
            .unit()
            .and_then(|u| u.parent)
            .expect("a commune's report");
        let key = (self.addr.to_string(), district.get());
        let known = DISTRICT_OFFICERS.lock().unwrap().get(&key).cloned();
        let token = match known {
            Some(token) => token,
            None => {
                let name = format!("huyen.{}", district.get());
                let token = self
                    .user(&name, Role::DistrictOfficer, Some(district.get()))
                    .await;
                DISTRICT_OFFICERS.lock().unwrap().insert(key, token.clone());
                token
            }
        };
        let mut desk = Client::new("district desk", &token);
        desk.replicas.open(report);
        desk.replicas.open(report.review());
        desk.sync(self).await.unwrap();
        let decision = Decision {
            verdict: Verdict::Approved.as_str().to_string(),
            by: display_name(&token),
            at: 1,
            ..Decision::default()
        };
        let mut copy = desk.replicas.open(report).doc.fork();
        decide(
            &mut desk.replicas.open(report.review()).doc,
            &report,
            &mut copy,
            decision,
        )
        .unwrap();
        desk.sync(self).await.unwrap();
        assert!(desk.refused.is_empty(), "{:?}", desk.refused);
    }
}

/// The district officers [`TestApp::district_approves`] made, by server and district.
static DISTRICT_OFFICERS: std::sync::Mutex<std::collections::BTreeMap<(String, u32), String>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// The display name of each test user, by token (the accounts are named by username).
static NAMES: std::sync::Mutex<std::collections::BTreeMap<String, String>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// The display name of the user signed in with `token`, as a decision they take carries it.
pub fn display_name(token: &str) -> String {
    NAMES
        .lock()
        .unwrap()
        .get(token)
        .cloned()
        .unwrap_or_default()
}

/// A native device: its documents and its credentials.
pub struct Client {
    pub device: String,
    pub token: String,
    pub replicas: Replicas,
    /// Every refusal the server sent this device, with its reason.
    pub refused: Vec<(shared::ids::DocId, String)>,
}

impl Client {
    pub fn new(device: &str, token: &str) -> Client {
        Client {
            device: device.to_string(),
            token: token.to_string(),
            replicas: Replicas::new(automerge::ActorId::random()),
            refused: Vec::new(),
        }
    }

    /// Sets a count in a report on this device, as an officer's edit.
    pub fn set_count(&mut self, id: shared::ids::DocId, key: &str, value: u64) {
        shared::report::activity::set_count(&mut self.replicas.open(id).doc, key, Some(value))
            .unwrap();
    }

    /// One round: sends what the documents have to say; `Ok(None)` if nothing to say.
    pub async fn round(
        &mut self,
        app: &TestApp,
    ) -> Result<Option<(Applied, RoundBytes)>, Rejected> {
        let Some(request) = self.replicas.request(&self.device) else {
            return Ok(None);
        };
        let body = wire::encode(&request);
        let sent = body.len();
        let (status, bytes) = app.post_sync(&self.token, body).await;
        if status != 200 {
            self.replicas.rewind();
            let error = serde_json::from_slice::<serde_json::Value>(&bytes)
                .ok()
                .and_then(|v| v["error"].as_str().map(str::to_string))
                .unwrap_or_default();
            return Err(Rejected { status, error });
        }
        let response: SyncResponse = wire::decode(&bytes).unwrap();
        let applied = self.replicas.apply(response).unwrap();
        self.refused.extend(applied.refused.iter().cloned());
        Ok(Some((
            applied,
            RoundBytes {
                request: sent,
                response: bytes.len(),
            },
        )))
    }

    /// A sync cycle as the PWA runs it: rounds until in sync; returns their wire costs.
    pub async fn sync(&mut self, app: &TestApp) -> Result<Vec<RoundBytes>, Rejected> {
        self.replicas.begin_cycle();
        let mut rounds = Vec::new();
        while let Some((_, bytes)) = self.round(app).await? {
            rounds.push(bytes);
            assert!(rounds.len() < 10, "sync does not settle");
        }
        Ok(rounds)
    }
}

/// The codes of the first `n` communes of the province (panics if it has fewer), for
/// tests that need more documents than one request takes.
pub fn first_communes(n: usize) -> Vec<u32> {
    let codes: Vec<u32> = shared::units::units()
        .all()
        .iter()
        .filter(|u| u.level == shared::vocabulary::UnitLevel::Commune)
        .map(|u| u.code.get())
        .take(n)
        .collect();
    assert_eq!(codes.len(), n, "the province has fewer communes");
    codes
}

/// Fills what a report still needs before it may be submitted (every required field of
/// an activity report, a status for every task of a self-inspection), leaving what the
/// test entered as it is, then marks it submitted: the server refuses a submission with
/// errors, as the phone does.
pub fn submit(doc: &mut automerge::AutoCommit) {
    use shared::plan::FieldKind;
    use shared::report::activity::{self, ActivityReport};
    use shared::report::inspection::{self, InspectionReport, TaskStatus};
    if let Ok(report) = ActivityReport::read(doc) {
        for f in activity::fields().filter(|f| f.required && !report.is_filled(&f.key)) {
            match f.kind {
                FieldKind::Narrative => {
                    activity::set_narrative(doc, &f.key, "Đã triển khai theo kế hoạch.").unwrap()
                }
                _ => activity::set_text(doc, &f.key, "Nguyễn Thị Hoa").unwrap(),
            }
        }
    } else if let Ok(report) = InspectionReport::read(doc) {
        let unset: Vec<String> = report
            .tasks
            .keys()
            .filter(|n| report.status(n).is_none())
            .cloned()
            .collect();
        for number in unset {
            inspection::set_status(doc, &number, Some(TaskStatus::InProgress)).unwrap();
        }
    }
    shared::report::set_submitted(doc, true).unwrap();
}
