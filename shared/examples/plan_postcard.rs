//! Writes `shared/data/plan-2022.postcard`, the compact form of the plan file that the
//! PWA embeds (`shared::plan::PLAN_POSTCARD`). Run after editing `plan-2022.json`:
//! `cargo run -p shared --example plan_postcard`.

fn main() {
    let bytes = shared::plan::to_postcard(shared::plan::PLAN_FILE).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/plan-2022.postcard");
    std::fs::write(path, &bytes).expect("writing the compact plan");
    println!("{path}: {} B", bytes.len());
}
