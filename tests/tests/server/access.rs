//! The access matrix: every endpoint × every role, allowed and refused, checked against
//! the rule table in `shared::access` (the same table the PWA reads to hide what the
//! server would refuse).

use shared::access::{Principal, Role};
use shared::ids::DocId;
use shared::wire::{self, DocReply, SyncResponse};
use tests::{Client, TestApp, spawn_app};

struct Person {
    name: &'static str,
    token: String,
    principal: Principal,
}

async fn people(app: &TestApp) -> Vec<Person> {
    let mut out = Vec::new();
    for (name, role, unit) in [
        ("xa.myly", Role::CommuneOfficer, Some(16816)),
        ("huyen.kyson", Role::DistrictOfficer, Some(417)),
        ("huyen.concuong", Role::DistrictOfficer, Some(422)),
        ("so.ldtbxh", Role::DepartmentOfficer, Some(90001)),
        ("thamdinh", Role::ProvincialReviewer, None),
        ("quantri", Role::Administrator, None),
    ] {
        out.push(Person {
            name,
            token: app.user(name, role, unit).await,
            principal: Principal {
                role,
                unit: unit.map(|u| u.to_string().parse().unwrap()),
            },
        });
    }
    out
}

fn docs() -> Vec<DocId> {
    [
        "activity:16816:2022-H1",
        "review:activity:16816:2022-H1",
        "activity:16819:2022-H1",
        "activity:417:2022-H1",
        "programme:90001:2022",
        "inspection:90001:2022",
    ]
    .iter()
    .map(|s| s.parse().unwrap())
    .collect()
}

/// Every endpoint only reviewers may call.
const REVIEWER_PAGES: [&str; 6] = [
    "/api/overview?period=2022",
    "/api/consolidated?period=2022",
    "/api/progress?period=2022",
    "/api/export/phu-luc-2.xlsx?period=2022",
    "/api/export/tinh-hinh-nop.xlsx?period=2022",
    "/api/export/bao-cao-hoat-dong.docx?period=2022",
];

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> u16 {
    let mut request = app.http.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn every_endpoint_for_every_role() {
    let app = spawn_app().await;
    let people = people(&app).await;
    let mut checked = 0;

    for person in &people {
        let token = Some(person.token.as_str());
        // Lists and live notices.
        let reports = get(&app, "/api/reports", token).await;
        assert_eq!(
            reports == 200,
            person.principal.role.reviews(),
            "{} /api/reports: {reports}",
            person.name
        );
        assert_eq!(
            get(&app, "/api/changes?wait=0", token).await,
            200,
            "{}",
            person.name
        );
        checked += 2;

        // The reviewer's pages and files: reviewers only (scoped inside each).
        for path in REVIEWER_PAGES {
            let status = get(&app, path, token).await;
            let expected = if person.principal.role.reviews() {
                200
            } else {
                403
            };
            assert_eq!(status, expected, "{} {path}", person.name);
            checked += 1;
        }

        for id in docs() {
            let may_read = person.principal.can_read(&id);
            let may_write = person.principal.can_write(&id);

            // History of a document.
            let history = get(&app, &format!("/api/documents/{id}/history"), token).await;
            assert_eq!(
                history,
                if may_read { 200 } else { 403 },
                "{} history {id}",
                person.name
            );

            // Sync: reading (a first message) and, for reports, writing (a change).
            let mut device = Client::new(person.name, &person.token);
            device.replicas.open(id);
            if !id.is_review() {
                let doc = &mut device.replicas.open(id).doc;
                match id.kind {
                    shared::vocabulary::ReportKind::Activity => {
                        shared::report::activity::set_count(doc, "events_by_committee", Some(1))
                            .unwrap()
                    }
                    shared::vocabulary::ReportKind::ProgrammeResults => {
                        let row = shared::report::programme::rows_for(id.unit).next().unwrap();
                        shared::report::programme::set_note(doc, &row.id, "ghi chú").unwrap();
                    }
                    shared::vocabulary::ReportKind::SelfInspection => {
                        shared::report::inspection::set_section(doc, "general", "nhận xét").unwrap()
                    }
                }
            }
            let request = device.replicas.request(&device.device).unwrap();
            let (status, body) = app.post_sync(&person.token, wire::encode(&request)).await;
            if !may_read {
                assert_eq!(status, 403, "{} sync {id}", person.name);
            } else {
                assert_eq!(status, 200, "{} sync {id}", person.name);
                let response: SyncResponse = wire::decode(&body).unwrap();
                assert!(matches!(response.docs[0], DocReply::Message { .. }));
                // The change itself goes in the next rounds: refused unless writable.
                device.sync(&app).await.unwrap();
                if !id.is_review() {
                    let refused = device.refused.iter().any(|(d, _)| *d == id);
                    assert_eq!(refused, !may_write, "{} write {id}", person.name);
                }
            }

            // A saved file handed in: merged only within the person's scope.
            let mut carrier = Client::new("carrier", &person.token);
            let copy = device.replicas.open(id).doc.fork();
            carrier.replicas.insert(id, copy, Default::default());
            let file = shared::bundle::export(&mut carrier.replicas);
            let (status, result) = app.import(&person.token, file).await;
            assert_eq!(status, 200);
            let result = result.unwrap();
            let taken = result.skipped.is_empty();
            assert_eq!(
                taken,
                person.principal.can_import(&id),
                "{} import {id}: {result:?}",
                person.name
            );
            checked += 3;
        }
    }

    // Without a token, every protected endpoint says 401; public ones answer.
    for path in [
        "/api/reports",
        "/api/changes?wait=0",
        "/api/documents/activity:16816:2022-H1/history",
    ]
    .into_iter()
    .chain(REVIEWER_PAGES)
    {
        assert_eq!(get(&app, path, None).await, 401, "{path}");
    }
    assert_eq!(app.post_sync("no-token", Vec::new()).await.0, 401);
    assert_eq!(app.import("no-token", Vec::new()).await.0, 401);
    for path in ["/api/health", "/api/ready"] {
        assert_eq!(get(&app, path, None).await, 200, "{path}");
    }
    println!("access matrix: {checked} checks over 6 roles and 6 documents");
}
