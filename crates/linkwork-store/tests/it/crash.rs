//! Crash safety: a writer process (this test binary, run again as `crash::writer_child`) saves
//! contacts, ONS4 records, drafts and directory imports, printing each one after its commit
//! returned; the parent kills it with SIGKILL at a random moment, reopens the vault and checks
//! that every acknowledged write is there and that SQLCipher's page check and SQLite's integrity
//! check pass. 30 cycles by default; `LINKWORK_CRASH_CYCLES=500` for the long local run.

use crate::util::*;
use chrono::Duration;
use linkwork_core::{ids::EpisodeId, outcomes::Ons4Answers, vocab::*};
use linkwork_store::{asset_io, contacts, outcomes};
use std::{
    io::{BufRead, BufReader, Write},
    path::Path,
    process::{Command, Stdio},
    time::Instant,
};

const DIR_VAR: &str = "LINKWORK_CRASH_WRITER_DIR";

/// Not a test of its own: the writer process the harness below starts (this binary, run again
/// with the vault's folder in the environment). Run without it, it returns at once.
#[test]
fn writer_child() {
    let Some(dir) = std::env::var_os(DIR_VAR) else {
        return;
    };
    let dir = Path::new(&dir);
    let episode = EpisodeId::new(std::fs::read_to_string(dir.join("../episode")).unwrap());
    let start: u64 = std::env::var("LINKWORK_CRASH_START")
        .unwrap()
        .parse()
        .unwrap();
    let mut v = unlock(dir, PASS).unwrap();
    let out = std::io::stdout();
    let feeds = dir.join("../feeds");
    for i in start.. {
        let ack = match i % 4 {
            0 => {
                let id = v
                    .write(|tx| {
                        contacts::add_contact(
                            tx,
                            &contacts::ContactInput {
                                episode_id: episode.clone(),
                                occurred_at: today().and_hms_opt(9, 0, 0).unwrap(),
                                contact_type: ContactType::Phone,
                                duration_minutes: Some(10),
                                outcome: ContactOutcome::TookPlace,
                                notes: Some(format!("crash note {i}")),
                            },
                        )
                    })
                    .unwrap();
                format!("contact {id}")
            }
            1 => {
                v.write(|tx| contacts::save_draft(tx, &episode, &format!("{{\"n\":{i}}}")))
                    .unwrap();
                format!("draft {i}")
            }
            2 => {
                let id = v
                    .write(|tx| {
                        outcomes::add_ons4(
                            tx,
                            &outcomes::Ons4Input {
                                episode_id: episode.clone(),
                                contact_id: None,
                                recorded_on: today(),
                                answers: Ons4Answers([Some(5), Some(6), Some(7), Some(3)]),
                            },
                        )
                    })
                    .unwrap();
                format!("ons4 {id}")
            }
            _ => {
                let feed = feeds.join(format!("feed-{i}.json"));
                std::fs::write(
                    &feed,
                    format!(r#"{{"contents": [{{"id": "crash-{i}", "name": "Crash club {i}", "status": "active"}}]}}"#),
                )
                .unwrap();
                let r = asset_io::import(
                    &mut v.worker().unwrap(),
                    &feed,
                    false,
                    &mut |_, _| {},
                    &Default::default(),
                )
                .unwrap();
                assert!(r.committed, "{:?}", r.problems);
                format!("asset crash-{i}")
            }
        };
        let mut o = out.lock();
        writeln!(o, "\nACK {ack}").unwrap();
        o.flush().unwrap();
    }
}

/// A small deterministic generator (the seed is printed, so a failure can be replayed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn count_where(conn: &rusqlite::Connection, sql: &str, arg: &str) -> i64 {
    conn.query_row(sql, [arg], |r| r.get(0)).unwrap()
}

#[test]
fn every_acknowledged_write_survives_sigkill() {
    let cycles: u64 = std::env::var("LINKWORK_CRASH_CYCLES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(30);
    let seed: u64 = std::env::var("LINKWORK_CRASH_SEED")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(rand_seed);
    eprintln!("crash harness: {cycles} cycles, seed {seed}");
    let mut rng = Lcg(seed);
    let (t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let r = refer(&mut v, "Crash", "Tested", today() - Duration::days(30));
    v.lock().unwrap();
    // The first unlock rewraps the test's weak key file; do it before the clock starts.
    unlock(&dir, PASS).unwrap().lock().unwrap();
    std::fs::write(t.path().join("episode"), r.episode_id.as_str()).unwrap();
    std::fs::create_dir(t.path().join("feeds")).unwrap();

    let (mut acked, mut last_draft, mut next) = (0u64, None::<u64>, 0u64);
    let started = Instant::now();
    for cycle in 0..cycles {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash::writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DIR_VAR, &dir)
            .env("LINKWORK_CRASH_START", next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill after a random number of acknowledged writes (0 = while it is still opening).
        let kill_after = rng.next(12);
        let lines = BufReader::new(child.stdout.take().unwrap());
        let ack = |l: String| l.split_once("ACK ").map(|(_, a)| a.to_owned());
        let mut seen = vec![];
        let mut lines = lines.lines();
        while (seen.len() as u64) < kill_after {
            match lines.next() {
                Some(Ok(l)) => seen.extend(ack(l)),
                _ => break,
            }
        }
        // A little more time, so some kills land inside a write.
        std::thread::sleep(std::time::Duration::from_millis(rng.next(15)));
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();
        // Lines printed before the kill are acknowledged too.
        seen.extend(lines.map_while(Result::ok).filter_map(ack));

        let mut v = unlock(&dir, PASS).unwrap_or_else(|e| panic!("cycle {cycle}: {e}"));
        let report = v.check().unwrap();
        assert!(
            report.is_ok(),
            "cycle {cycle} (seed {seed}): {:?}",
            report.problems
        );
        drop(v);
        let conn = raw(&dir);
        for ack in &seen {
            let (kind, what) = ack.split_once(' ').unwrap();
            let n: u64 = ack.rsplit(['-', ' ']).next().unwrap().parse().unwrap_or(0);
            let present = match kind {
                "contact" => {
                    count_where(&conn, "SELECT count(*) FROM contact WHERE id = ?1", what) == 1
                }
                "ons4" => {
                    count_where(
                        &conn,
                        "SELECT count(*) FROM ons4_record WHERE id = ?1",
                        what,
                    ) == 1
                }
                "asset" => {
                    count_where(&conn, "SELECT count(*) FROM asset WHERE oruk_id = ?1", what) == 1
                }
                "draft" => {
                    last_draft = Some(last_draft.map_or(n, |d| d.max(n)));
                    true
                }
                other => panic!("unexpected line from the writer: {other}"),
            };
            assert!(
                present,
                "cycle {cycle} (seed {seed}): acknowledged `{ack}` is missing"
            );
            acked += 1;
        }
        // The draft holds the newest acknowledged version or a newer one; or a contact saved
        // after it (acknowledged or not) replaced it, as saving a contact does.
        if let Some(d) = last_draft {
            let form: Option<String> = conn
                .query_row("SELECT form FROM contact_draft", [], |r| r.get(0))
                .ok();
            match form {
                Some(f) => {
                    let n: u64 = f
                        .trim_matches(|c: char| !c.is_ascii_digit())
                        .parse()
                        .unwrap();
                    assert!(
                        n >= d,
                        "cycle {cycle}: draft {n} is older than acknowledged {d}"
                    );
                }
                None => {
                    let later: i64 = conn
                        .query_row(
                            "SELECT count(*) FROM contact WHERE CAST(substr(notes, 12) AS INTEGER) > ?1",
                            [d],
                            |r| r.get(0),
                        )
                        .unwrap();
                    assert!(
                        later > 0,
                        "cycle {cycle}: acknowledged draft {d} is gone with no contact after it"
                    );
                }
            }
        }
        next += 100;
    }
    eprintln!(
        "crash harness: {cycles} kills, {acked} acknowledged writes all present, every check passed ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
}

fn rand_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}
