//! Property tests over what arrives from the network, run for a bounded number of cases
//! by the test command: mangled sync bodies never make the server fail or store a broken
//! document, and a network that drops, repeats and reorders messages still converges
//! without duplicate provenance rows.

use proptest::prelude::*;
use shared::access::Role;
use shared::ids::DocId;
use shared::report::activity::ActivityReport;
use shared::wire::{self, SyncRequest};
use tests::{Client, spawn_app};

fn report() -> DocId {
    "activity:16816:2022-H1".parse().unwrap()
}

/// A way to damage a valid body.
#[derive(Debug, Clone)]
enum Damage {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Garbage(Vec<u8>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(i, b)| Damage::Flip(i, b)),
        any::<usize>().prop_map(Damage::Truncate),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..16)
        )
            .prop_map(|(i, v)| Damage::Insert(i, v)),
        proptest::collection::vec(any::<u8>(), 0..512).prop_map(Damage::Garbage),
    ]
}

fn apply(body: &[u8], damage: &Damage) -> Vec<u8> {
    let mut out = body.to_vec();
    match damage {
        Damage::Flip(i, b) => {
            let i = i % out.len();
            out[i] ^= b;
        }
        Damage::Truncate(i) => out.truncate(i % out.len()),
        Damage::Insert(i, bytes) => {
            let i = i % (out.len() + 1);
            out.splice(i..i, bytes.iter().copied());
        }
        Damage::Garbage(bytes) => out = bytes.clone(),
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Decoding arbitrary bytes as an envelope or as an Automerge sync message never
    /// panics.
    #[test]
    fn decoding_anything_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = wire::decode::<SyncRequest>(&bytes);
        let _ = automerge::sync::Message::decode(&bytes);
        let _ = shared::bundle::read(&bytes);
    }
}

/// A running server, an officer's token, and that officer's real first sync request,
/// carrying one real change.
async fn officer_with_one_edit() -> (tests::TestApp, String, SyncRequest) {
    let app = spawn_app().await;
    let token = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let mut phone = Client::new("phone", &token);
    phone.set_count(report(), "events_by_committee", 4);
    let request = phone.replicas.request("phone").unwrap();
    (app, token, request)
}

#[test]
fn mangled_sync_bodies_get_an_answer_never_a_failure_or_a_broken_document() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (app, token, request) = runtime.block_on(officer_with_one_edit());
    let body = wire::encode(&request);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 200,
        ..ProptestConfig::default()
    });
    runner
        .run(&damage(), |d| {
            let mangled = apply(&body, &d);
            let (status, _) = runtime.block_on(app.post_sync(&token, mangled));
            prop_assert!(
                status == 200 || (400..500).contains(&status),
                "status {status} for {d:?}"
            );
            Ok(())
        })
        .unwrap();
    runtime.block_on(async {
        // The server still answers, and whatever it stored reads as a report.
        assert_eq!(
            app.http
                .get(app.url("/api/ready"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        if let Some(stored) = app.store.load_document(report()).await.unwrap() {
            ActivityReport::read(&stored.doc).unwrap();
        }
    });
}

/// The case the property test above once found: a phone's first message whose Bloom
/// filter claims an entry but has zero bits per entry. Automerge 0.12 decodes it and then
/// divides by zero; the server must refuse it with a 400 and keep serving.
#[test]
fn a_bloom_filter_with_no_bits_is_refused_and_the_server_keeps_serving() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (app, token, mut request) = officer_with_one_edit().await;
        let mut message = automerge::sync::Message::decode(&request.docs[0].message).unwrap();
        assert!(!message.have.is_empty(), "a first message carries a filter");
        message.have[0].bloom = automerge::sync::BloomFilter::try_from(&[1u8, 0, 7][..]).unwrap();
        request.docs[0].message = message.encode();
        let (status, body) = app.post_sync(&token, wire::encode(&request)).await;
        assert_eq!(status, 400);
        assert!(
            String::from_utf8_lossy(&body).contains("Dữ liệu đồng bộ không hợp lệ."),
            "{}",
            String::from_utf8_lossy(&body)
        );
        assert!(
            app.store.load_document(report()).await.unwrap().is_none(),
            "nothing of the refused request is stored"
        );
        // The same phone's honest message still goes through.
        let mut phone = Client::new("phone", &token);
        phone.set_count(report(), "events_by_committee", 4);
        phone.sync(&app).await.unwrap();
        let stored = app.store.load_document(report()).await.unwrap().unwrap();
        ActivityReport::read(&stored.doc).unwrap();
    });
}

/// What the network does to one exchange.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Delivered,
    /// The request arrives and is applied, the answer is lost.
    AnswerLost,
    /// The request is sent twice.
    Repeated,
    /// The request never arrives.
    Dropped,
    /// The request arrives after the next exchange (reordered); its answer is lost.
    Late,
}

fn fate() -> impl Strategy<Value = Fate> {
    prop_oneof![
        4 => Just(Fate::Delivered),
        2 => Just(Fate::AnswerLost),
        2 => Just(Fate::Repeated),
        1 => Just(Fate::Dropped),
        2 => Just(Fate::Late),
    ]
}

#[test]
fn a_bad_network_still_converges_without_duplicate_rows() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 12,
        ..ProptestConfig::default()
    });
    runner
        .run(&proptest::collection::vec(fate(), 4..24), |fates| {
            runtime.block_on(async {
                let app = spawn_app().await;
                let token = app
                    .user("canbo.myly", Role::CommuneOfficer, Some(16816))
                    .await;
                let mut phones = [Client::new("a", &token), Client::new("b", &token)];
                let mut late: Option<Vec<u8>> = None;
                for (step, fate) in fates.iter().enumerate() {
                    let phone = &mut phones[step % 2];
                    phone.set_count(report(), "events_by_committee", step as u64);
                    phone.replicas.open(report()).doc.commit();
                    phone.replicas.rewind();
                    let Some(request) = phone.replicas.request(&phone.device) else {
                        continue;
                    };
                    let body = wire::encode(&request);
                    let delayed = late.take();
                    if matches!(fate, Fate::Late) {
                        late = Some(body.clone());
                    }
                    let sends = match fate {
                        Fate::Dropped | Fate::Late => 0,
                        Fate::Delivered | Fate::AnswerLost => 1,
                        Fate::Repeated => 2,
                    };
                    let mut last = None;
                    for _ in 0..sends {
                        last = Some(app.post_sync(&phone.token, body.clone()).await);
                    }
                    match (fate, last) {
                        (Fate::Delivered | Fate::Repeated, Some((200, bytes))) => {
                            phone.replicas.apply(wire::decode(&bytes).unwrap()).unwrap();
                        }
                        _ => phone.replicas.rewind(),
                    }
                    if let Some(body) = delayed {
                        app.post_sync(&token, body).await;
                    }
                }
                // The network heals: both phones finish their syncs.
                for _ in 0..2 {
                    for phone in phones.iter_mut() {
                        phone.sync(&app).await.unwrap();
                    }
                }
                let mut heads = Vec::new();
                for phone in phones.iter_mut() {
                    heads.push(phone.replicas.open(report()).doc.get_heads());
                }
                let mut stored = app
                    .store
                    .load_document(report())
                    .await
                    .unwrap()
                    .unwrap()
                    .doc;
                prop_assert_eq!(&heads[0], &heads[1]);
                prop_assert_eq!(&stored.get_heads(), &heads[0]);
                let rows = app.store.changes_of(report()).await.unwrap();
                let distinct = stored
                    .get_changes(&[])
                    .iter()
                    .filter(|c| !shared::genesis::is_genesis(c))
                    .count();
                prop_assert_eq!(rows.len(), distinct, "one provenance row per change");
                Ok(())
            })
        })
        .unwrap();
}
