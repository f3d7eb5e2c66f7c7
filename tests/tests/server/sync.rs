//! The sync server against native clients running the PWA's sync code, over real HTTP,
//! with a fresh SQLite database per test.

use shared::access::Role;
use shared::ids::DocId;
use shared::report::activity::{ActivityReport, set_narrative};
use shared::wire::{self, DocMessage, DocReply, SyncRequest, SyncResponse};
use tests::{Client, TestApp, spawn_app};

const MY_LY: u32 = 16816;
const BAC_LY: u32 = 16819;

fn report() -> DocId {
    "activity:16816:2022-H1".parse().unwrap()
}

fn read(client: &mut Client, id: DocId) -> ActivityReport {
    ActivityReport::read(&client.replicas.open(id).doc).unwrap()
}

/// The heads of the server's stored copy of a document.
async fn server_heads(app: &TestApp, id: DocId) -> Vec<automerge::ChangeHash> {
    let mut stored = app
        .store
        .load_document(id)
        .await
        .unwrap()
        .expect("the server has the document");
    stored.doc.get_heads()
}

#[tokio::test]
async fn two_offline_clients_edit_different_fields_and_converge() {
    let app = spawn_app().await;
    let token = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let mut phone = Client::new("phone", &token);
    let mut tablet = Client::new("tablet", &token);

    // Both devices create the report offline and fill different fields.
    phone.set_count(report(), "events_by_committee", 5);
    set_narrative(
        &mut phone.replicas.open(report()).doc,
        "assessment",
        "Hiệu quả tốt",
    )
    .unwrap();
    tablet.set_count(report(), "trainees_female", 31);
    // Edits between two commits form one change, as on the phone between two saves.
    assert_eq!(phone.replicas.pending_changes(), 1);
    assert_eq!(tablet.replicas.pending_changes(), 1);

    phone.sync(&app).await.unwrap();
    tablet.sync(&app).await.unwrap();
    phone.sync(&app).await.unwrap();
    assert_eq!(phone.replicas.pending_changes(), 0);
    assert_eq!(tablet.replicas.pending_changes(), 0);

    let phone_heads = phone.replicas.open(report()).doc.get_heads();
    assert_eq!(phone_heads, tablet.replicas.open(report()).doc.get_heads());
    for client in [&mut phone, &mut tablet] {
        let c = read(client, report());
        assert_eq!(c.count("events_by_committee"), Some(5));
        assert_eq!(c.count("trainees_female"), Some(31));
        assert_eq!(c.narrative("assessment"), "Hiệu quả tốt");
    }
    // The server's copy has the same heads, and it recorded who sent each change.
    let stored = app.store.load_document(report()).await.unwrap().unwrap();
    let mut server_doc = stored.doc;
    assert_eq!(server_doc.get_heads(), phone_heads);
    let provenance = app.store.changes_of(report()).await.unwrap();
    let devices: Vec<&str> = provenance.iter().map(|p| p.device.as_str()).collect();
    assert_eq!(provenance.len(), 2, "{devices:?}");
    assert!(devices.contains(&"phone") && devices.contains(&"tablet"));
}

#[tokio::test]
async fn one_changed_field_costs_a_few_hundred_bytes_in_one_round() {
    let app = spawn_app().await;
    let token = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let mut phone = Client::new("phone", &token);
    phone.set_count(report(), "events_by_committee", 1);
    phone.sync(&app).await.unwrap();

    phone.set_count(report(), "events_by_members", 7);
    let rounds = phone.sync(&app).await.unwrap();
    let total: usize = rounds.iter().map(|r| r.request + r.response).sum();
    println!("one changed field: {rounds:?}, total {total} bytes");
    // The edited report kept what it learnt of the server in the last cycle, so its
    // first message carries the change.
    assert_eq!(rounds.len(), 1, "{rounds:?}");
    assert!(total < 600, "{rounds:?}");

    let idle = phone.sync(&app).await.unwrap();
    let idle_total: usize = idle.iter().map(|r| r.request + r.response).sum();
    println!("idle check of one document: {idle:?}, total {idle_total} bytes");
    assert!(idle.len() <= 1);
}

/// The phone's edit goes out in the first round on what it learnt of the server in its
/// last cycle, which is stale by then: a tablet has sent a change since. The cycle still
/// brings the tablet's change back, and both sides end with the same heads.
#[tokio::test]
async fn an_edit_on_stale_knowledge_of_the_server_still_converges() {
    let app = spawn_app().await;
    let token = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let mut phone = Client::new("phone", &token);
    let mut tablet = Client::new("tablet", &token);
    phone.set_count(report(), "events_by_committee", 1);
    phone.sync(&app).await.unwrap();
    tablet.sync(&app).await.unwrap();
    tablet.set_count(report(), "trainees_female", 2);
    tablet.sync(&app).await.unwrap();

    phone.set_count(report(), "events_by_members", 3);
    let rounds = phone.sync(&app).await.unwrap();
    // Two rounds alone; a third was seen once, with the whole server suite running in
    // parallel on two cores (252+137, 170+276, 170+165 B). Why is not yet pinned down;
    // what this test holds is that the cycle ends, with the tablet's change and the same
    // heads on both sides.
    assert!(rounds.len() <= 3, "{rounds:?}");
    let mine = read(&mut phone, report());
    assert_eq!(
        mine.count("trainees_female"),
        Some(2),
        "the tablet's change came back"
    );
    assert_eq!(mine.count("events_by_members"), Some(3));
    assert_eq!(
        server_heads(&app, report()).await,
        phone.replicas.open(report()).doc.get_heads()
    );
    tablet.sync(&app).await.unwrap();
    assert_eq!(read(&mut tablet, report()), mine);
}

#[tokio::test]
async fn another_communes_report_is_refused_and_the_server_copy_is_unchanged() {
    let app = spawn_app().await;
    let bac_ly = app
        .user("canbo.bacly", Role::CommuneOfficer, Some(BAC_LY))
        .await;
    let my_ly = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let mut owner = Client::new("owner", &bac_ly);
    let neighbour_doc: DocId = "activity:16819:2022-H1".parse().unwrap();
    owner.set_count(neighbour_doc, "training_classes", 2);
    owner.sync(&app).await.unwrap();
    let before = app
        .store
        .load_document(neighbour_doc)
        .await
        .unwrap()
        .unwrap();

    let mut intruder = Client::new("intruder", &my_ly);
    intruder.set_count(neighbour_doc, "training_classes", 99);
    let rejected = intruder.sync(&app).await.unwrap_err();
    assert_eq!(rejected.status, 403);
    assert!(
        rejected.error.contains("không có quyền"),
        "{}",
        rejected.error
    );
    // Even a round that carries the changes themselves (learned from a stand-in for the
    // server's copy) is refused.
    let message = {
        use automerge::sync::{State, SyncDoc};
        let replica = intruder.replicas.open(neighbour_doc);
        let mut stand_in = shared::genesis::genesis(&neighbour_doc);
        let (mut mine, mut theirs) = (State::new(), State::new());
        let hello = replica.doc.sync().generate_sync_message(&mut mine).unwrap();
        stand_in
            .sync()
            .receive_sync_message(&mut theirs, hello)
            .unwrap();
        let reply = stand_in.sync().generate_sync_message(&mut theirs).unwrap();
        replica
            .doc
            .sync()
            .receive_sync_message(&mut mine, reply)
            .unwrap();
        replica.doc.sync().generate_sync_message(&mut mine).unwrap()
    };
    assert!(!message.changes.is_empty());
    let forged = wire::encode(&SyncRequest {
        device: "intruder".into(),
        docs: vec![DocMessage {
            doc: neighbour_doc.to_string(),
            message: message.encode(),
        }],
    });
    let (status, _) = app.post_sync(&my_ly, forged).await;
    assert_eq!(status, 403);

    let mut after = app
        .store
        .load_document(neighbour_doc)
        .await
        .unwrap()
        .unwrap();
    let mut before_doc = before.doc;
    assert_eq!(after.doc.get_heads(), before_doc.get_heads());
    assert_eq!(
        ActivityReport::read(&after.doc)
            .unwrap()
            .count("training_classes"),
        Some(2)
    );
}

#[tokio::test]
async fn a_reviewer_reads_but_a_write_is_refused_and_the_client_recovers() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut phone = Client::new("phone", &officer);
    phone.set_count(report(), "events_by_committee", 4);
    phone.sync(&app).await.unwrap();

    let mut desk = Client::new("desk", &reviewer);
    desk.sync(&app).await.unwrap();
    desk.replicas.open(report());
    desk.sync(&app).await.unwrap();
    assert_eq!(
        read(&mut desk, report()).count("events_by_committee"),
        Some(4)
    );

    // The reviewer's copy is edited anyway (a tampered client): the server refuses it,
    // stores nothing, and the client drops its copy and takes the server's.
    desk.set_count(report(), "events_by_committee", 400);
    let mut refused = Vec::new();
    while let Some((applied, _)) = desk.round(&app).await.unwrap() {
        refused.extend(applied.refused);
    }
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0].1.contains("không có quyền sửa"),
        "{}",
        refused[0].1
    );
    assert_eq!(
        read(&mut desk, report()).count("events_by_committee"),
        Some(4)
    );
    assert_eq!(
        server_heads(&app, report()).await,
        phone.replicas.open(report()).doc.get_heads()
    );
}

#[tokio::test]
async fn malformed_bodies_get_400_and_nothing_is_stored() {
    let app = spawn_app().await;
    let token = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let mut phone = Client::new("phone", &token);
    phone.set_count(report(), "events_by_committee", 4);
    phone.sync(&app).await.unwrap();
    phone.set_count(report(), "events_by_members", 8);
    let good = wire::encode(&phone.replicas.request("phone").unwrap());
    phone.replicas.rewind();

    let garbage_message = wire::encode(&SyncRequest {
        device: "phone".into(),
        docs: vec![DocMessage {
            doc: report().to_string(),
            message: vec![0x42, 1, 2, 3],
        }],
    });
    let bad_id = wire::encode(&SyncRequest {
        device: "phone".into(),
        docs: vec![DocMessage {
            doc: "activity:../../x:2022".into(),
            message: vec![],
        }],
    });
    for (name, body) in [
        ("empty", vec![]),
        ("garbage", vec![0xff; 40]),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("garbage message", garbage_message),
        ("path trick", bad_id),
    ] {
        let (status, body) = app.post_sync(&token, body).await;
        assert_eq!(status, 400, "{name}");
        let error: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert!(
            error["error"].as_str().unwrap().contains("không hợp lệ"),
            "{name}: {error}"
        );
    }
    let (status, _) = app
        .http
        .post(app.url("/api/sync"))
        .body(good.clone())
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .unwrap();
    assert_eq!(status, 401, "no token");
    assert_eq!(app.store.document_counts().await.unwrap(), (1, 0));
    assert_eq!(app.store.changes_of(report()).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_message_sent_twice_changes_nothing() {
    let app = spawn_app().await;
    let token = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let mut phone = Client::new("phone", &token);
    phone.set_count(report(), "events_by_committee", 4);
    phone.sync(&app).await.unwrap();
    phone.set_count(report(), "trainees_male", 12);

    // The client knows the server's heads from the last sync, so this message carries
    // the change itself.
    let request = phone.replicas.request("phone").unwrap();
    let message = automerge::sync::Message::decode(&request.docs[0].message).unwrap();
    assert!(!message.changes.is_empty());
    let body = wire::encode(&request);
    let (first, first_reply) = app.post_sync(&token, body.clone()).await;
    let counts_after_first = app.store.document_counts().await.unwrap();
    let changes_after_first = app.store.changes_of(report()).await.unwrap();
    let (second, second_reply) = app.post_sync(&token, body).await;
    assert_eq!((first, second), (200, 200));
    assert_eq!(
        app.store.document_counts().await.unwrap(),
        counts_after_first
    );
    assert_eq!(
        app.store.changes_of(report()).await.unwrap(),
        changes_after_first
    );
    let decode = |bytes: &[u8]| match &wire::decode::<SyncResponse>(bytes).unwrap().docs[0] {
        DocReply::Message { message, .. } => {
            automerge::sync::Message::decode(message).unwrap().heads
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(decode(&first_reply), decode(&second_reply));

    let mut stored = app.store.load_document(report()).await.unwrap().unwrap();
    let c = ActivityReport::read(&stored.doc).unwrap();
    assert_eq!(c.count("trainees_male"), Some(12));
    assert_eq!(stored.doc.get_heads().len(), 1);
}

#[tokio::test]
async fn the_reviewer_lists_received_reports_with_values_and_receipt_time() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let before = backend::clock::now_ms();
    let mut phone = Client::new("phone", &officer);
    phone.set_count(report(), "participants_female", 120);
    phone.sync(&app).await.unwrap();

    let list = app.received(&reviewer).await;
    assert_eq!(list.len(), 1);
    let row = &list[0];
    assert_eq!(row.unit_name, "Xã Mỹ Lý");
    assert_eq!(row.district_name.as_deref(), Some("Huyện Kỳ Sơn"));
    assert_eq!(row.period, "6 tháng đầu năm 2022");
    assert!(row.last_received_at >= before);
    assert_eq!((row.submitted_at, row.on_time), (None, None), "a draft");
    assert!(row.values.contains(&(
        "Số người tham gia truyền thông — nữ".to_string(),
        "120".to_string()
    )));

    // Submitting is an edit; its receipt time is the submission time (late: 2022's
    // deadline has passed).
    tests::submit(&mut phone.replicas.open(report()).doc);
    phone.sync(&app).await.unwrap();
    let row = app.received(&reviewer).await.remove(0);
    let submitted_at = row.submitted_at.expect("submitted");
    assert!(submitted_at >= before && submitted_at == row.last_received_at);
    assert_eq!(row.on_time, Some(false));
    // A later edit keeps the submission time.
    phone.set_count(report(), "participants_male", 80);
    phone.sync(&app).await.unwrap();
    let row = app.received(&reviewer).await.remove(0);
    assert_eq!(row.submitted_at, Some(submitted_at));
    assert!(row.last_received_at >= submitted_at);

    let status = app
        .http
        .get(app.url("/api/reports"))
        .bearer_auth(&officer)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_history_names_who_uploaded_each_change_to_readers_only() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let neighbour = app
        .user("canbo.bacly", Role::CommuneOfficer, Some(BAC_LY))
        .await;
    let mut phone = Client::new("phone", &officer);
    phone.set_count(report(), "events_by_committee", 2);
    phone.sync(&app).await.unwrap();
    let url = app.url(&format!("/api/documents/{}/history", report()));
    let records: Vec<shared::wire::ChangeRecord> = app
        .http
        .get(&url)
        .bearer_auth(&officer)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0].user.as_str(), records[0].device.as_str()),
        ("canbo.myly", "phone")
    );
    let change = phone
        .replicas
        .open(report())
        .doc
        .get_last_local_change()
        .unwrap();
    assert_eq!(records[0].hash, change.hash().to_string());
    let status = app
        .http
        .get(&url)
        .bearer_auth(&neighbour)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 403);
    let bad = app.url("/api/documents/activity:..%2F..:2022/history");
    assert_eq!(
        app.http
            .get(&bad)
            .bearer_auth(&officer)
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
}

#[tokio::test]
async fn the_store_runs_on_the_database_the_test_command_asked_for() {
    let app = spawn_app().await;
    let described = app.store.describe().await.unwrap();
    match std::env::var("TEST_DATABASE_URL") {
        Ok(_) => assert!(described.starts_with("PostgreSQL "), "{described}"),
        Err(_) => assert_eq!(described, "SQLite, journal wal"),
    }
}

#[tokio::test]
async fn a_desk_holding_more_documents_than_one_request_takes_syncs_them_all() {
    let app = spawn_app().await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut desk = Client::new("desk", &reviewer);
    let communes = tests::first_communes(300);
    for code in &communes {
        for kind in ["activity", "programme"] {
            desk.replicas
                .open(format!("{kind}:{code}:2022").parse().unwrap());
        }
    }
    assert!(desk.replicas.docs.len() > shared::wire::MAX_DOCS_PER_REQUEST);
    let rounds = desk.sync(&app).await.unwrap();
    assert!(
        rounds.len() >= 3,
        "600 documents take several requests: {rounds:?}"
    );
    assert!(desk.refused.is_empty());
    // Nothing left to say: the next cycle is idle checks only, still split, and no
    // document has a change the server is not known to hold.
    let idle = desk.sync(&app).await.unwrap();
    assert!(
        idle.len() >= 3,
        "600 idle checks take several requests: {idle:?}"
    );
    assert!(desk.refused.is_empty());
    assert_eq!(desk.replicas.pending_changes(), 0);
}

#[tokio::test]
async fn a_change_that_arrives_without_its_parent_is_asked_for_and_the_phone_resends_both() {
    // A phone's two changes, the second depending on the first. The phone's test of the
    // server's bloom filter can wrongly say the server has the first (a false positive),
    // so only the second goes out: the server must ask for the first by hash.
    let app = spawn_app().await;
    let token = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let mut phone = Client::new("phone", &token);
    phone.sync(&app).await.unwrap();
    phone.set_count(report(), "events_by_committee", 1);
    phone.replicas.open(report()).doc.commit();
    phone.set_count(report(), "events_by_members", 2);
    phone.replicas.open(report()).doc.commit();
    let doc = &mut phone.replicas.open(report()).doc;
    let mine: Vec<_> = doc
        .get_changes(&[])
        .into_iter()
        .filter(|c| !shared::genesis::is_genesis(c))
        .collect();
    assert_eq!(mine.len(), 2);
    let (first, second) = (mine[0].hash(), &mine[1]);
    let orphan = automerge::sync::Message {
        heads: vec![second.hash()],
        need: Vec::new(),
        have: Vec::new(),
        changes: vec![second.raw_bytes().to_vec()].into(),
        flags: None,
        version: automerge::sync::MessageVersion::V1,
    };
    let request = shared::wire::SyncRequest {
        device: "phone".to_string(),
        docs: vec![shared::wire::DocMessage {
            doc: report().to_string(),
            message: orphan.encode(),
        }],
    };
    let (status, body) = app.post_sync(&token, shared::wire::encode(&request)).await;
    assert_eq!(status, 200);
    let response: shared::wire::SyncResponse = shared::wire::decode(&body).unwrap();
    let shared::wire::DocReply::Message { message, .. } = &response.docs[0] else {
        panic!("{response:?}")
    };
    let reply = automerge::sync::Message::decode(message).unwrap();
    assert!(
        reply.need.contains(&first),
        "the server asks for the held-back parent"
    );

    // The phone's own session, having sent the second change already in this cycle,
    // sends it again when the server still needs it: both arrive, in one cycle.
    phone.replicas.rewind();
    let replica = phone.replicas.open(report());
    replica.state.sent_hashes.insert(second.hash());
    phone.replicas.apply(response).unwrap();
    let rounds = phone.sync(&app).await.unwrap();
    assert!(rounds.len() <= 3, "{rounds:?}");
    let stored = app.store.load_document(report()).await.unwrap().unwrap();
    assert_eq!(read_stored(stored.doc).count("events_by_members"), Some(2));
}

fn read_stored(doc: automerge::AutoCommit) -> ActivityReport {
    ActivityReport::read(&doc).unwrap()
}

/// A client built on nothing but Automerge's own sync (no resend logic of ours): its
/// last two changes reach the server child first, the parent held back. The server asks
/// for the parent and for a resend, and the stock peer converges in a few rounds.
#[tokio::test]
async fn a_stock_automerge_peer_whose_changes_arrive_child_first_converges() {
    use automerge::sync::{self, SyncDoc};
    let app = spawn_app().await;
    let token = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let mut doc = shared::genesis::start(&report(), automerge::ActorId::random());
    let mut state = sync::State::new();
    /// One round: the peer's message (less the held-back parent), the server's answer.
    async fn round(
        app: &tests::TestApp,
        token: &str,
        doc: &mut automerge::AutoCommit,
        state: &mut sync::State,
        only: Option<&automerge::Change>,
    ) -> bool {
        let Some(mut message) = doc.sync().generate_sync_message(state) else {
            return false;
        };
        if let Some(child) = only {
            // The peer sent the parent too, and remembers sending it; on the way it was
            // lost (or held back on a false bloom positive).
            message.changes = vec![child.raw_bytes().to_vec()].into();
        }
        let request = shared::wire::SyncRequest {
            device: "stock".to_string(),
            docs: vec![shared::wire::DocMessage {
                doc: report().to_string(),
                message: message.encode(),
            }],
        };
        let (status, body) = app.post_sync(token, shared::wire::encode(&request)).await;
        assert_eq!(status, 200);
        let response: shared::wire::SyncResponse = shared::wire::decode(&body).unwrap();
        let shared::wire::DocReply::Message { message, .. } = &response.docs[0] else {
            panic!("{response:?}")
        };
        doc.sync()
            .receive_sync_message(state, sync::Message::decode(message).unwrap())
            .unwrap();
        true
    }
    // Some history the server takes in full, so the last two changes go one by one.
    for n in 0..6 {
        shared::report::activity::set_count(&mut doc, "events_by_committee", Some(n)).unwrap();
        doc.commit();
    }
    let mut rounds = 0;
    while round(&app, &token, &mut doc, &mut state, None).await {
        rounds += 1;
        assert!(rounds < 10);
    }
    shared::report::activity::set_count(&mut doc, "events_by_members", Some(1)).unwrap();
    doc.commit();
    shared::report::activity::set_count(&mut doc, "events_by_members", Some(2)).unwrap();
    doc.commit();
    let child = doc.get_last_local_change().unwrap().clone();
    assert!(round(&app, &token, &mut doc, &mut state, Some(&child)).await);
    let mut rounds = 0;
    while round(&app, &token, &mut doc, &mut state, None).await {
        rounds += 1;
        assert!(rounds < 10, "the stock peer does not converge");
    }
    let stored = app.store.load_document(report()).await.unwrap().unwrap();
    assert_eq!(stored.doc.clone().get_heads(), doc.get_heads());
    assert_eq!(read_stored(stored.doc).count("events_by_members"), Some(2));
}
