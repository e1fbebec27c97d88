//! Caseload query timings on a demo vault. Prints figures; asserts nothing.
//! `cargo run --release -p linkwork-demo --example bench_caseload -- [PEOPLE]` (default 3000).

use linkwork_api::{commands::dispatch, Session};
use linkwork_store::KdfCost;
use serde_json::json;
use std::time::{Duration, Instant};

fn time(label: &str, runs: usize, mut f: impl FnMut()) {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    t.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<40} median {:>7.2} ms   p99 {:>7.2} ms   ({runs} runs)",
        ms(t[runs / 2]),
        ms(t[(runs * 99 / 100).min(runs - 1)])
    );
}

fn main() {
    let people: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3000);
    let tmp = tempfile::tempdir().unwrap();
    let s = Session::new(tmp.path().join("vault"), KdfCost::InsecureForTests(10));
    let pass = "benchmark passphrase";
    dispatch(
        &s,
        "create_vault",
        json!({"passphrase": pass, "passphrase_confirm": pass}),
    )
    .unwrap();
    let start = Instant::now();
    let d = linkwork_demo::fill(&s, people, 1).unwrap();
    println!(
        "demo: {} people, {} contacts in {:.1} s",
        d.people,
        d.contacts,
        start.elapsed().as_secs_f64()
    );

    let view = dispatch(&s, "caseload", json!({})).unwrap();
    println!(
        "open episodes on the caseload: {}",
        view["rows"].as_array().unwrap().len()
    );
    let person = view["rows"][0]["person_id"].clone();
    time("caseload (all open, by name)", 100, || {
        drop(dispatch(&s, "caseload", json!({})).unwrap())
    });
    time("caseload (search \"smi\")", 100, || {
        drop(dispatch(&s, "caseload", json!({"search": "smi"})).unwrap())
    });
    time("caseload (NHS number prefix)", 100, || {
        drop(dispatch(&s, "caseload", json!({"search": "999 000"})).unwrap())
    });
    time("caseload (waiting, by days waiting)", 100, || {
        drop(
            dispatch(
                &s,
                "caseload",
                json!({"status": "waiting", "sort": "waiting", "descending": true}),
            )
            .unwrap(),
        )
    });
    time("person record", 200, || {
        drop(dispatch(&s, "person", json!({"person_id": person})).unwrap())
    });
}
