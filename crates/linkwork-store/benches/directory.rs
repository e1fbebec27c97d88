//! Directory benchmark: a 10,000-service ORUK feed imported into a real encrypted vault, then
//! as-you-type searches timed one keystroke at a time. Prints figures; asserts nothing.
//! Run: `cargo bench -p linkwork-store --bench directory`.

use linkwork_core::assets::AssetInput;
use linkwork_core::vocab::{CostKind, NeedCategory};
use linkwork_core::Passphrase;
use linkwork_store::asset_io;
use linkwork_store::assets::{self, AssetQuery};
use linkwork_store::{KdfCost, Vault};
use std::time::{Duration, Instant};

const N: usize = 10_000;
const WORDS: &[&str] = &[
    "walking",
    "choir",
    "debt",
    "advice",
    "allotment",
    "befriending",
    "coffee",
    "carers",
    "knit",
    "swim",
    "yoga",
    "library",
    "pantry",
    "history",
    "football",
    "art",
    "memory",
    "cafe",
    "tenancy",
    "volunteer",
];
const TOWNS: &[&str] = &[
    "Halifax",
    "Brighouse",
    "Elland",
    "Hebden Bridge",
    "Todmorden",
    "Sowerby Bridge",
    "Ovenden",
    "King Cross",
];

fn asset(i: usize) -> AssetInput {
    let w = |k: usize| WORDS[(i * 7 + k * 13) % WORDS.len()];
    AssetInput {
        oruk_id: Some(format!("00000000-0000-4000-8000-{i:012}")),
        name: format!("{} {} {} group {i}", TOWNS[i % TOWNS.len()], w(0), w(1)),
        organisation: Some(format!("{} community trust", TOWNS[(i / 3) % TOWNS.len()])),
        description: Some(format!(
            "A friendly {} and {} session for adults; {} welcome.",
            w(2),
            w(3),
            w(4)
        )),
        categories: vec![NeedCategory::ALL[i % NeedCategory::ALL.len()]],
        postcode: Some(format!("HX{} {}AB", i % 9 + 1, i % 10)),
        cost: Some(if i.is_multiple_of(3) {
            CostKind::Paid
        } else {
            CostKind::Free
        }),
        wheelchair_access: i.is_multiple_of(2),
        ..Default::default()
    }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed.json");
    let all: Vec<(String, AssetInput)> = (0..N)
        .map(|i| (asset(i).oruk_id.unwrap(), asset(i)))
        .collect();
    linkwork_oruk::export::write_json(
        std::io::BufWriter::new(std::fs::File::create(&feed).unwrap()),
        N,
        all.iter().map(|(id, a)| (id.clone(), a)),
    )
    .unwrap();
    let size = std::fs::metadata(&feed).unwrap().len();

    let v = Vault::create(
        &tmp.path().join("vault"),
        &Passphrase::new("correct horse battery staple".into()),
        None,
        KdfCost::InsecureForTests(10),
    )
    .unwrap();
    let t = Instant::now();
    let import_feed = || {
        let mut worker = v.worker().unwrap();
        asset_io::import(
            &mut worker,
            &feed,
            false,
            &mut |_, _| {},
            &Default::default(),
        )
        .unwrap()
    };
    let r = import_feed();
    let import = t.elapsed();
    assert_eq!(r.added as usize, N, "{:?}", r.problems.first());
    let t = Instant::now();
    let again = import_feed();
    let reimport = t.elapsed();
    assert_eq!(again.unchanged as usize, N);

    // Every prefix of each query, as typed, with and without filters.
    let today = chrono::Local::now().date_naive();
    let mut times = Vec::new();
    let mut slow = Vec::new();
    for q in [
        "walking hal",
        "debt advice",
        "hx7",
        "befriending todmorden",
        "choir",
        "memory cafe elland",
        "art",
    ] {
        for end in 1..=q.len() {
            for (free, accessible) in [(false, false), (true, true)] {
                let query = AssetQuery {
                    text: Some(q[..end].to_string()),
                    free_only: free,
                    accessible_only: accessible,
                    active_only: true,
                    limit: 100,
                    ..Default::default()
                };
                let t = Instant::now();
                let hits = assets::search(v.read(), &query, today).unwrap();
                times.push(t.elapsed());
                slow.push((
                    t.elapsed(),
                    format!("{:?} free={free}", &q[..end]),
                    hits.len(),
                ));
                std::hint::black_box(hits);
            }
        }
    }
    times.sort();
    slow.sort_by_key(|s| std::cmp::Reverse(s.0));
    println!("directory: {N} services, feed {:.1} MB", size as f64 / 1e6);
    println!(
        "  import (validate, map, write, one transaction): {:.2} s ({:.0} services/s)",
        import.as_secs_f64(),
        N as f64 / import.as_secs_f64()
    );
    println!(
        "  re-import, all unchanged:                      {:.2} s",
        reimport.as_secs_f64()
    );
    println!(
        "  search as you type, {} keystrokes: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        pct(&times, 0.5).as_secs_f64() * 1e3,
        pct(&times, 0.99).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
    for (t, q, n) in slow.iter().take(6) {
        println!(
            "    slowest: {q} {:.2} ms ({n} hits)",
            t.as_secs_f64() * 1e3
        );
    }
}
