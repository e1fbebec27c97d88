//! Linkwork's one benchmark harness. For each dataset size it builds a demo vault in a temporary
//! folder, times every everyday action through the same command surface the app uses
//! ([`dispatch`], JSON in and out), then runs one store-level workload against the vault and
//! against an unencrypted copy of it in the same process, interleaved sample by sample.
//!
//! It prints figures and asserts nothing: targets are read off the table, never timed in tests.

use linkwork_api::types::{DemoArgs, DemoFilled};
use linkwork_api::{commands::dispatch, ApiError, Session};
use linkwork_core::ids::{AssetId, EpisodeId, PersonId};
use linkwork_store::KdfCost;
use plain::encrypted_vs_plain;
use serde_json::{json, Value};
use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

mod plain;
mod render;

pub use render::render;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T, E = Error> = std::result::Result<T, E>;

const PASSPHRASE: &str = "benchmark passphrase, not a real one";

/// What to build and how many times to repeat each action.
#[derive(Debug, Clone)]
pub struct Options {
    /// (label, size) per dataset, smallest first; growth is worked out from the first to the last.
    pub sizes: Vec<(String, Scale)>,
    /// Samples for quick actions; slow ones (backups, reports) take fewer.
    pub runs: usize,
    /// Services in the Open Referral UK feed that is imported.
    pub import_services: u32,
    /// People in the handover file.
    pub handover_people: usize,
    /// The real key derivation (about a second per unlock), as the app uses; off only for the
    /// smoke test.
    pub production_kdf: bool,
    pub seed: u64,
}

/// A dataset: `years` link-worker-years (the `demo_fill` command's lived-in vault), optionally
/// with fewer people or assets (the smoke test's tiny vaults).
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub years: u32,
    pub people: Option<u32>,
    pub assets: Option<u32>,
}

impl Scale {
    pub fn years(years: u32) -> Self {
        Self {
            years,
            people: None,
            assets: None,
        }
    }
}

impl Options {
    /// Scale 1 and scale 10 (one and ten link-worker-years), as the README reports.
    pub fn standard() -> Self {
        Self {
            sizes: vec![
                ("scale 1".into(), Scale::years(1)),
                ("scale 10".into(), Scale::years(10)),
            ],
            runs: 200,
            import_services: 10_000,
            handover_people: 50,
            production_kdf: true,
            seed: 1,
        }
    }
}

/// Samples of one action.
#[derive(Debug, Clone)]
pub struct Figure {
    pub name: String,
    pub samples: Vec<Duration>,
    /// What each sample was (a search as typed so far), where samples differ.
    pub labels: Vec<String>,
}

impl Figure {
    fn new(name: &str) -> Self {
        Self {
            name: name.into(),
            samples: Vec::new(),
            labels: Vec::new(),
        }
    }
    /// The slowest `n` labelled samples, slowest first.
    pub fn slowest(&self, n: usize) -> Vec<(Duration, &str)> {
        let mut v: Vec<(Duration, &str)> = self
            .samples
            .iter()
            .copied()
            .zip(self.labels.iter().map(String::as_str))
            .collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.0));
        v.truncate(n);
        v
    }
    fn sorted(&self) -> Vec<Duration> {
        let mut s = self.samples.clone();
        s.sort();
        s
    }
    pub fn median(&self) -> Duration {
        let s = self.sorted();
        s.get(s.len() / 2).copied().unwrap_or_default()
    }
    /// The 99th percentile (nearest rank): with fewer than 100 samples, the slowest.
    pub fn p99(&self) -> Duration {
        let s = self.sorted();
        let rank = ((s.len() as f64) * 0.99).ceil() as usize;
        s.get(rank.clamp(1, s.len().max(1)) - 1)
            .copied()
            .unwrap_or_default()
    }
    fn time<T>(&mut self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let start = Instant::now();
        let out = f()?;
        self.samples.push(start.elapsed());
        Ok(out)
    }
}

/// Everything measured on one dataset.
#[derive(Debug)]
pub struct ScaleRun {
    pub label: String,
    pub summary: DemoFilled,
    pub build: Duration,
    /// Size of the database file after the run.
    pub database_bytes: u64,
    /// Through the command surface, on the encrypted vault.
    pub actions: Vec<Figure>,
    /// Unlock with the vault's key derivation, reported apart from the rest.
    pub unlock: Figure,
    /// The store-level workload: (encrypted, plain).
    pub pairs: Vec<(Figure, Figure)>,
}

/// Builds every dataset and measures it; `log` hears what is happening (for a long run).
pub fn run(o: &Options, log: &mut dyn FnMut(&str)) -> Result<Vec<ScaleRun>> {
    let scratch = tempfile::tempdir()?;
    log(&format!(
        "making an Open Referral UK feed of {} services",
        o.import_services
    ));
    let feed = make_feed(scratch.path(), o.import_services, o.seed)?;
    o.sizes
        .iter()
        .map(|(label, size)| measure(o, label, *size, &feed, log))
        .collect()
}

fn kdf(o: &Options) -> KdfCost {
    if o.production_kdf {
        KdfCost::Calibrated
    } else {
        KdfCost::InsecureForTests(10)
    }
}

fn call(s: &Session, command: &str, args: Value) -> Result<Value> {
    dispatch(s, command, args).map_err(|e: ApiError| format!("{command}: {}", e.message).into())
}

/// Starts a job and waits for it, polling often enough not to blur the figure.
fn job(s: &Session, command: &str, args: Value) -> Result<Value> {
    let started = call(s, command, args)?;
    loop {
        let view = call(s, "job_status", json!({"job_id": started["job_id"]}))?;
        match view["state"].as_str() {
            Some("running") => std::thread::sleep(Duration::from_millis(2)),
            Some("done") => return Ok(view["output"].clone()),
            _ => return Err(format!("{command}: {}", view["error"]["message"]).into()),
        }
    }
}

fn new_session(dir: &Path, o: &Options) -> Result<Session> {
    let s = Session::new(dir, kdf(o));
    call(
        &s,
        "create_vault",
        json!({"passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE}),
    )?;
    // The monthly report names whose it is.
    let settings = call(&s, "get_settings", json!({}))?;
    call(
        &s,
        "update_settings",
        json!({"auto_lock_minutes": settings["auto_lock_minutes"], "worker_name": "Sam Benchmark"}),
    )?;
    Ok(s)
}

/// A feed exported by Linkwork itself from a demo directory, so it is valid Open Referral UK.
fn make_feed(dir: &Path, services: u32, seed: u64) -> Result<PathBuf> {
    let s = Session::new(dir.join("feed-vault"), KdfCost::InsecureForTests(10));
    call(
        &s,
        "create_vault",
        json!({"passphrase": PASSPHRASE, "passphrase_confirm": PASSPHRASE}),
    )?;
    s.api().demo_fill(DemoArgs {
        seed: seed ^ 0xFEED,
        years: None,
        people: Some(0),
        assets: Some(services),
    })?;
    let feed = dir.join("feed.json");
    job(
        &s,
        "export_assets",
        json!({"path": feed.to_str().ok_or("temp folder name")?, "format": "oruk-json"}),
    )?;
    s.lock(linkwork_api::types::LockReason::Requested);
    Ok(feed)
}

/// What the workload acts on, read off the caseload once.
struct Targets {
    episodes: Vec<EpisodeId>,
    people: Vec<PersonId>,
    assets: Vec<AssetId>,
    /// Searches typed letter by letter: every prefix is one keystroke.
    caseload_keystrokes: Vec<String>,
    asset_keystrokes: Vec<String>,
}

fn keystrokes(words: &[String]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| {
            w.char_indices()
                .map(|(i, c)| w[..i + c.len_utf8()].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

const ASSET_SEARCHES: &[&str] = &[
    "debt advice",
    "walking",
    "carers",
    "food pantry",
    "todmorden",
    "hx7",
    "tea dance",
];

fn targets(s: &Session) -> Result<Targets> {
    let view = call(s, "caseload", json!({}))?;
    let rows = view["rows"].as_array().ok_or("caseload rows")?;
    if rows.is_empty() {
        return Err("the demo made no open episodes".into());
    }
    let pick = |field: &str| -> Vec<String> {
        rows.iter()
            .filter_map(|r| r[field].as_str().map(str::to_owned))
            .collect()
    };
    let names = pick("name");
    let mut words: Vec<String> = (0..4)
        .map(|i| names[(i * 37) % names.len()].clone())
        .map(|n| n.rsplit(' ').next().unwrap_or(&n).to_string())
        .collect();
    // An NHS number typed as read off a letter, and a first name.
    let nhs = pick("nhs_number");
    if let Some(n) = nhs.get(nhs.len() / 2) {
        words.push(n.chars().take(7).collect());
    }
    words.push(
        names[names.len() / 3]
            .split(' ')
            .next()
            .unwrap_or("")
            .into(),
    );
    let hits = call(s, "search_assets", json!({"text": "", "limit": 500}))?;
    let assets: Vec<AssetId> = hits["hits"]
        .as_array()
        .ok_or("asset hits")?
        .iter()
        .filter_map(|h| h["id"].as_str().map(|i| AssetId::from(i.to_string())))
        .collect();
    if assets.is_empty() {
        return Err("the demo made no directory entries".into());
    }
    Ok(Targets {
        episodes: pick("episode_id")
            .into_iter()
            .map(EpisodeId::from)
            .collect(),
        people: pick("person_id").into_iter().map(PersonId::from).collect(),
        assets,
        caseload_keystrokes: keystrokes(&words),
        asset_keystrokes: keystrokes(
            &ASSET_SEARCHES
                .iter()
                .map(|q| q.to_string())
                .collect::<Vec<_>>(),
        ),
    })
}

fn measure(
    o: &Options,
    label: &str,
    size: Scale,
    feed: &Path,
    log: &mut dyn FnMut(&str),
) -> Result<ScaleRun> {
    let tmp = tempfile::tempdir()?;
    let data = tmp.path().join("vault");
    log(&format!("{label}: building the dataset"));
    let s = new_session(&data, o)?;
    let start = Instant::now();
    let summary = s.api().demo_fill(DemoArgs {
        seed: o.seed,
        years: Some(size.years),
        people: size.people,
        assets: size.assets,
    })?;
    let build = start.elapsed();
    log(&format!(
        "{label}: {} people, {} episodes, {} contacts in {:.1} s",
        summary.people,
        summary.episodes,
        summary.contacts,
        build.as_secs_f64()
    ));
    let t = targets(&s)?;
    let mut actions = everyday(o, &s, &t, tmp.path(), label, log)?;

    log(&format!("{label}: unlock"));
    let mut unlock = Figure::new("unlock (production key derivation)");
    if !o.production_kdf {
        unlock.name = "unlock (test key derivation)".into();
    }
    for _ in 0..3 {
        s.lock(linkwork_api::types::LockReason::Requested);
        unlock.time(|| call(&s, "unlock", json!({"passphrase": PASSPHRASE})))?;
    }
    s.lock(linkwork_api::types::LockReason::Requested);

    log(&format!("{label}: encrypted against plain"));
    let pairs = encrypted_vs_plain(o, &data, tmp.path(), &t)?;
    call(&s, "unlock", json!({"passphrase": PASSPHRASE}))?;
    actions.extend(imports(o, &s, feed, label, log)?);
    s.lock(linkwork_api::types::LockReason::Requested);
    let database_bytes = std::fs::metadata(data.join("linkwork.db"))?.len();
    Ok(ScaleRun {
        label: label.into(),
        summary,
        build,
        database_bytes,
        actions,
        unlock,
        pairs,
    })
}

fn today_at(s: &Session, hh: u32) -> String {
    format!("{}T{hh:02}:00", s.today().format("%Y-%m-%d"))
}

/// Every everyday action, through the command surface, in the order a day might bring them.
fn everyday(
    o: &Options,
    s: &Session,
    t: &Targets,
    tmp: &Path,
    label: &str,
    log: &mut dyn FnMut(&str),
) -> Result<Vec<Figure>> {
    let n = o.runs.max(1);
    let few = (n / 20).clamp(1, 10);
    let mut out = Vec::new();
    // Whole-vault reads free their records on another thread after answering; no one asks for
    // the report twice within a second, so those samples start once the last one's are freed.
    let gap = std::cell::Cell::new(Duration::ZERO);
    let mut fig = |name: &str, runs: usize, f: &mut dyn FnMut(usize) -> Result<()>| {
        log(&format!("{label}: {name}"));
        f(usize::MAX)?; // warm-up: first statements prepared, pages in the cache
        let mut figure = Figure::new(name);
        for i in 0..runs {
            std::thread::sleep(gap.get());
            figure.time(|| f(i))?;
        }
        out.push(figure);
        Ok::<_, Error>(())
    };
    let at = |i: usize, v: &Vec<EpisodeId>| v[i % v.len()].clone();

    fig("open a person record", n, &mut |i| {
        call(s, "person", json!({"person_id": at_p(i, &t.people)})).map(drop)
    })?;
    fig("caseload page, all open", n, &mut |_| {
        call(s, "caseload", json!({})).map(drop)
    })?;
    let keys = &t.caseload_keystrokes;
    let mut caseload_labels = label_keystrokes(keys, n);
    fig(
        "caseload search, each keystroke",
        keys.len() * (n / keys.len()).max(1),
        &mut |i| call(s, "caseload_rows", json!({"search": keys[i % keys.len()]})).map(drop),
    )?;
    fig("caseload waiting list", n, &mut |_| {
        call(
            s,
            "caseload_rows",
            json!({"status": "waiting", "sort": "waiting", "descending": true}),
        )
        .map(drop)
    })?;
    let keys = &t.asset_keystrokes;
    let mut asset_labels = label_keystrokes(keys, n);
    fig(
        "asset search, each keystroke",
        keys.len() * (n / keys.len()).max(1),
        &mut |i| {
            call(
                s,
                "search_assets",
                // As the directory screen asks: active entries, a page of 100.
                json!({"text": keys[i % keys.len()], "active_only": true, "limit": 100}),
            )
            .map(drop)
        },
    )?;
    fig("save a contact (durable)", n, &mut |i| {
        call(
            s,
            "add_contact",
            json!({
                "episode_id": at(i, &t.episodes),
                "occurred_at": today_at(s, 9),
                "contact_type": "phone",
                "duration_minutes": 20,
                "outcome": "took_place",
                "notes": "Talked through the walking group; will try Thursday.",
            }),
        )
        .map(drop)
    })?;
    fig("save a draft", n, &mut |i| {
        call(
            s,
            "save_draft",
            json!({"episode_id": at(i, &t.episodes), "form": {"notes": format!("draft {i}")}}),
        )
        .map(drop)
    })?;
    // Saved notes replace drafts; these were only for timing.
    for e in t.episodes.iter().take(n + 1) {
        call(s, "discard_draft", json!({"episode_id": e}))?;
    }
    fig("onward referral", n, &mut |i| {
        call(
            s,
            "add_onward",
            json!({
                "episode_id": at(i, &t.episodes),
                "asset_id": t.assets[i % t.assets.len()],
                "kind": "referral",
                "category": "befriending",
            }),
        )
        .map(drop)
    })?;
    fig("GP summary, one person", (n / 2).max(1), &mut |i| {
        call(
            s,
            "gp_summary",
            json!({"episode_id": at(i, &t.episodes), "mode": "full"}),
        )
        .map(drop)
    })?;
    gap.set(Duration::from_millis(300));
    fig("pending-codes list", (n / 10).max(1), &mut |_| {
        call(s, "gp_checklist", json!({})).map(drop)
    })?;
    fig("monthly report (preview)", (n / 10).max(1), &mut |_| {
        call(s, "report_preview", json!({})).map(drop)
    })?;
    // Encrypted to the supervisor's key, as Settings keeps it (a one-off passphrase would add a
    // key derivation).
    let supervisor = age::x25519::Identity::generate().to_public().to_string();
    call(
        s,
        "update_report_settings",
        json!({"supervisor_keys": [supervisor], "suppression": "on"}),
    )?;
    let report = tmp.join("report.age");
    fig("monthly report (encrypted file)", few, &mut |_| {
        job(
            s,
            "export_report",
            json!({"path": path(&report)?, "overwrite": true}),
        )
        .map(drop)
    })?;
    gap.set(Duration::ZERO);
    let handover = tmp.join("handover.age");
    let colleague = age::x25519::Identity::generate().to_public().to_string();
    // People with an unsaved note are refused a handover (it would be lost): hand over others.
    let view = call(s, "caseload", json!({}))?;
    let mut people: Vec<&str> = view["rows"]
        .as_array()
        .ok_or("caseload rows")?
        .iter()
        .filter(|r| r["draft"] == json!(false))
        .filter_map(|r| r["person_id"].as_str())
        .collect();
    people.dedup();
    people.truncate(o.handover_people);
    fig(
        &format!("handover export, {} people", people.len()),
        few,
        &mut |_| {
            call(
                s,
                "export_handover",
                json!({"to": colleague, "people": people, "path": path(&handover)?, "overwrite": true, "passphrase": PASSPHRASE}),
            )
            .map(drop)
        },
    )?;
    let backup = tmp.join("backup.age");
    fig("backup", few, &mut |_| {
        job(
            s,
            "backup",
            json!({"path": path(&backup)?, "overwrite": true}),
        )
        .map(drop)
    })?;
    let restored = tmp.join("restored");
    fig("restore (with key derivation)", few.min(3), &mut |_| {
        let _ = std::fs::remove_dir_all(&restored);
        let r = Session::new(&restored, kdf(o));
        call(
            &r,
            "restore_backup",
            json!({"path": path(&backup)?, "passphrase": PASSPHRASE}),
        )
        .map(drop)
    })?;
    for f in out.iter_mut() {
        match f.name.as_str() {
            "caseload search, each keystroke" => f.labels = std::mem::take(&mut caseload_labels),
            "asset search, each keystroke" => f.labels = std::mem::take(&mut asset_labels),
            _ => {}
        }
    }
    Ok(out)
}

/// The directory refresh: a feed of new services, then the same feed again (all unchanged). Last,
/// since it grows the directory the searches ran over.
fn imports(
    o: &Options,
    s: &Session,
    feed: &Path,
    label: &str,
    log: &mut dyn FnMut(&str),
) -> Result<Vec<Figure>> {
    let mut out = Vec::new();
    for name in [
        format!("ORUK import, {} new services", o.import_services),
        format!("ORUK import again, {} unchanged", o.import_services),
    ] {
        log(&format!("{label}: {name}"));
        let mut f = Figure::new(&name);
        f.time(|| job(s, "import_assets", json!({"path": path(feed)?})))?;
        out.push(f);
    }
    Ok(out)
}

/// What each keystroke sample searched for, in the order [`everyday`] times them.
fn label_keystrokes(keys: &[String], n: usize) -> Vec<String> {
    (0..keys.len() * (n / keys.len()).max(1))
        .map(|i| format!("\"{}\"", keys[i % keys.len()]))
        .collect()
}

fn at_p(i: usize, v: &[PersonId]) -> PersonId {
    v[i % v.len()].clone()
}

fn path(p: &Path) -> Result<&str> {
    Ok(p.to_str().ok_or("temp folder name is not text")?)
}
