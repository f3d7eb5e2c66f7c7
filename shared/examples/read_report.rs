//! How long reading a whole activity report takes, through autosurgeon's own hydrate and
//! through the reader the app and the server use (`report/read.rs`). The server reads
//! the report on every accepted edit. Prints figures, passes or fails nothing:
//! `cargo run --release -p shared --example read_report`.

use shared::report::activity::{self, ActivityReport};
use std::time::Instant;

fn main() {
    let id: shared::ids::DocId = "activity:16816:2022-H1".parse().expect("a valid id");
    let mut doc = shared::genesis::start(&id, automerge::ActorId::random());
    activity::set_narrative(&mut doc, "assessment", "Số liệu thử tải").expect("a narrative");
    for n in 0..20 {
        activity::set_count(&mut doc, "events_by_committee", Some(n)).expect("a count");
        doc.commit();
    }
    const READS: u32 = 1000;
    let started = Instant::now();
    for _ in 0..READS {
        let report: ActivityReport = autosurgeon::hydrate(&doc).expect("a report");
        std::hint::black_box(report);
    }
    let direct = started.elapsed() / READS;
    let started = Instant::now();
    for _ in 0..READS {
        std::hint::black_box(ActivityReport::read(&doc).expect("a report"));
    }
    let ours = started.elapsed() / READS;
    println!(
        "activity report ({} B saved): autosurgeon {direct:?} per read, report::read {ours:?} per read",
        doc.save().len()
    );
}
