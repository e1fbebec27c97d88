//! Backups: made while writers carry on, verified, restored with the passphrase or the recovery
//! key into the same records, opened by the stock `age` tool, and refused when damaged, cut off,
//! from a newer version or opened with the wrong secret — with nothing on disk changed.

use crate::util::*;
use chrono::{TimeZone, Utc};
use linkwork_core::{Coded, ErrorCode, FixedClock};
use linkwork_store::{
    backup::{self, Manifest, Opener},
    migrations::{latest_version, Migration, MIGRATIONS},
    vault::Credential,
    Options, RecoveryIdentity, RecoveryRecipient, StoreError, Vault,
};
use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
};

fn recovery_pair() -> (age::x25519::Identity, String) {
    use secrecy::ExposeSecret;
    let id = age::x25519::Identity::generate();
    let text = id.to_string().expose_secret().to_string();
    (id, text)
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 10, 15, 0).unwrap()
}

fn backup_to(v: &Vault, file: &Path) -> Manifest {
    let source = v.backup_source().unwrap();
    let mut out = fs::File::create(file).unwrap();
    backup::write(&source, &mut out, now(), &mut |_, _| true).unwrap()
}

fn restore(
    file: &Path,
    opener: Opener<'_>,
    target: &Path,
    replace: bool,
) -> linkwork_store::Result<backup::Restored> {
    backup::restore(
        file,
        opener,
        backup::RestoreTo {
            target,
            replace,
            allow_unsigned: false,
            erased: None,
        },
        &pass(PASS),
        FAST,
        &FixedClock::on(today()),
    )
}

/// Every row of every record table, as text, for "the same records" comparisons. The audit trail
/// and settings are left out: a restore adds to both.
fn records(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = raw(dir);
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('audit_log', 'settings') ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
                .unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (t, rows)
        })
        .collect()
}

/// Every file in a folder tree with its bytes: "nothing on disk changed".
fn snapshot_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.map(Result::unwrap) {
            let p = e.path();
            if p.is_dir() {
                out.extend(snapshot_tree(&p));
            } else {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// A vault with a few people in it and a recovery key; returns the recovery identity's text.
fn filled(dir: &Path) -> (Vault, String) {
    let (_, text) = recovery_pair();
    let identity = RecoveryIdentity::parse("k", &text).unwrap();
    let recipient = RecoveryRecipient::parse("k", &identity.recipient_string()).unwrap();
    let mut v = Vault::create_with(dir, &pass(PASS), Some(&recipient), FAST, options()).unwrap();
    for (g, f) in [("Ivy", "Walker"), ("Sam", "Okafor"), ("Priya", "Shah")] {
        refer(&mut v, g, f, today());
    }
    (v, text)
}

#[test]
fn restored_with_the_passphrase_or_the_recovery_key_the_records_are_the_same() {
    let (t, dir) = vault_dir();
    let (v, recovery) = filled(&dir);
    let file = t.path().join("backup.age");
    let manifest = backup_to(&v, &file);
    assert_eq!(manifest.schema_version, latest_version());
    assert_eq!(manifest.counts["person"], 3);
    let before = records(&dir);
    v.lock().unwrap();

    // Verify touches nothing.
    let vault_files = snapshot_tree(&dir);
    let verified = backup::verify(&file, Opener::Passphrase(&pass(PASS))).unwrap();
    assert_eq!(verified.manifest, manifest);
    assert_eq!(snapshot_tree(&dir), vault_files);

    let by_pass = t.path().join("new-laptop");
    let done = restore(&file, Opener::Passphrase(&pass(PASS)), &by_pass, false).unwrap();
    assert_eq!(done.moved_aside, None);
    assert_eq!(records(&by_pass), before);
    let mut opened = unlock(&by_pass, PASS).unwrap();
    assert!(opened.check().unwrap().is_ok());
    assert_eq!(
        opened.recovery_recipient(),
        v_recipient(&recovery).as_deref()
    );
    opened.lock().unwrap();

    let identity = RecoveryIdentity::parse("k", &recovery).unwrap();
    let by_key = t.path().join("by-recovery");
    restore(&file, Opener::Recovery(&identity), &by_key, false).unwrap();
    assert_eq!(records(&by_key), before);
    Vault::unlock(&by_key, Credential::Recovery(&identity))
        .unwrap()
        .lock()
        .unwrap();
}

fn v_recipient(identity_text: &str) -> Option<String> {
    Some(
        RecoveryIdentity::parse("k", identity_text)
            .unwrap()
            .recipient_string(),
    )
}

// The Linux `age` tool; the files are the same bytes on Windows.
#[cfg(unix)]
#[test]
fn the_stock_age_tool_opens_a_backup_with_the_recovery_key() {
    let (t, dir) = vault_dir();
    let (v, recovery) = filled(&dir);
    let file = t.path().join("backup.age");
    backup_to(&v, &file);
    let id_file = t.path().join("recovery.txt");
    fs::write(&id_file, &recovery).unwrap();
    let out = std::process::Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&id_file)
        .arg(&file)
        .output()
        .expect("the `age` command (installed by ./dev setup)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut archive = tar::Archive::new(&out.stdout[..]);
    let names: Vec<String> = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "manifest.json",
            "vault.json",
            "snapshot.key",
            "linkwork.db",
            "signature.json"
        ]
    );
    let mut archive = tar::Archive::new(&out.stdout[..]);
    let key: Vec<u8> = archive
        .entries()
        .unwrap()
        .map(Result::unwrap)
        .find(|e| e.path().unwrap().ends_with("snapshot.key"))
        .map(|mut e| {
            let mut b = vec![];
            std::io::Read::read_to_end(&mut e, &mut b).unwrap();
            b
        })
        .unwrap();
    assert_eq!(key.len(), 32);
    // After a restore the database has a fresh key: the one in the backup no longer opens it.
    v.lock().unwrap();
    let target = t.path().join("restored");
    restore(&file, Opener::Passphrase(&pass(PASS)), &target, false).unwrap();
    let conn = rusqlite::Connection::open(target.join(linkwork_store::paths::DB_FILE)).unwrap();
    conn.pragma_update(None, "key", format!("x'{}'", hex::encode(&key)))
        .unwrap();
    assert!(conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
    // The snapshot inside is encrypted too: never a plaintext SQLite file, not even after age.
    let db_at = out
        .stdout
        .windows(16)
        .position(|w| w == b"SQLite format 3\0");
    assert_eq!(db_at, None);
}

#[test]
fn a_backup_made_while_another_connection_writes_restores_consistent() {
    let (t, dir) = vault_dir();
    let (v, _) = filled(&dir);
    // The backup opens alongside the writer, as `linkwork backup` does beside the app.
    v.lock().unwrap();
    let v = Vault::unlock_with(
        &dir,
        Credential::Passphrase(&pass(PASS)),
        Options {
            shared: true,
            ..options()
        },
    )
    .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (dir, stop) = (dir.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut w = unlock(&dir, PASS).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                refer(&mut w, "Busy", &format!("Writer{n}"), today());
                n += 1;
            }
            n
        })
    };
    // Let the writer get going, then back up twice while it runs.
    while records(&dir)["person"].len() < 6 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let files = [t.path().join("a.age"), t.path().join("b.age")];
    let manifests: Vec<Manifest> = files.iter().map(|f| backup_to(&v, f)).collect();
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 3);
    for (i, (file, m)) in files.iter().zip(&manifests).enumerate() {
        let target = t.path().join(format!("restored-{i}"));
        restore(file, Opener::Passphrase(&pass(PASS)), &target, false).unwrap();
        let rec = records(&target);
        // Each referral writes a person and an episode in one transaction: a torn copy would differ.
        assert_eq!(rec["person"].len(), rec["episode"].len());
        assert_eq!(rec["person"].len() as u64, m.counts["person"]);
    }
}

#[test]
fn a_flipped_byte_anywhere_or_a_cut_off_file_is_refused_and_nothing_is_replaced() {
    let (t, dir) = vault_dir();
    let (v, _) = filled(&dir);
    let file = t.path().join("backup.age");
    backup_to(&v, &file);
    v.lock().unwrap();
    let good = fs::read(&file).unwrap();
    let before = snapshot_tree(&dir);
    let header_end = good.windows(4).position(|w| w == b"\n---").unwrap();
    let positions = [
        10,              // the header's version line
        header_end / 2,  // a stanza
        header_end + 10, // the header's MAC
        header_end + 80, // the payload's nonce and first chunk
        good.len() / 2,  // the middle of the database
        good.len() - 1,  // the last byte
    ];
    let bad = t.path().join("bad.age");
    for at in positions {
        let mut b = good.clone();
        b[at] ^= 0x01;
        fs::write(&bad, &b).unwrap();
        let e = restore(&bad, Opener::Passphrase(&pass(PASS)), &dir, true).unwrap_err();
        assert!(
            matches!(
                e.code(),
                ErrorCode::BackupDamaged | ErrorCode::BackupWrongKey
            ),
            "byte {at}: {e}"
        );
        assert!(backup::verify(&bad, Opener::Passphrase(&pass(PASS))).is_err());
        assert_eq!(snapshot_tree(&dir), before, "byte {at} changed the vault");
    }
    for len in [0, 30, header_end, good.len() / 3, good.len() - 16] {
        fs::write(&bad, &good[..len]).unwrap();
        let e = restore(&bad, Opener::Passphrase(&pass(PASS)), &dir, true).unwrap_err();
        assert_eq!(e.code(), ErrorCode::BackupDamaged, "cut at {len}: {e}");
        assert_eq!(snapshot_tree(&dir), before);
    }
    // No staging folder is left beside the target.
    let left: Vec<_> = fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".linkwork-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn wrong_secrets_say_so_and_the_old_passphrase_opens_an_old_backup() {
    let (t, dir) = vault_dir();
    let (mut v, _) = filled(&dir);
    let old = t.path().join("old.age");
    backup_to(&v, &old);
    v.change_passphrase(&pass(PASS), &pass("a brand new passphrase"), FAST)
        .unwrap();
    let new = t.path().join("new.age");
    backup_to(&v, &new);

    let e = backup::verify(&old, Opener::Passphrase(&pass("a brand new passphrase"))).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupWrongKey);
    assert!(e.to_string().contains("when the backup was made"), "{e}");
    backup::verify(&old, Opener::Passphrase(&pass(PASS))).unwrap();
    backup::verify(&new, Opener::Passphrase(&pass("a brand new passphrase"))).unwrap();

    let (_, stranger) = recovery_pair();
    let stranger = RecoveryIdentity::parse("k", &stranger).unwrap();
    let e = backup::verify(&new, Opener::Recovery(&stranger)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupWrongKey);
}

#[test]
fn restore_replaces_a_vault_only_when_asked_and_moves_it_aside() {
    let (t, dir) = vault_dir();
    let (v, _) = filled(&dir);
    let file = t.path().join("backup.age");
    backup_to(&v, &file);
    v.lock().unwrap();
    let other = t.path().join("other");
    let mut o = Vault::create_with(&other, &pass(PASS), None, FAST, options()).unwrap();
    refer(&mut o, "Only", "Here", today());
    o.lock().unwrap();
    let before = snapshot_tree(&other);

    let e = restore(&file, Opener::Passphrase(&pass(PASS)), &other, false).unwrap_err();
    assert!(matches!(e, StoreError::RestoreWouldReplace(_)), "{e}");
    assert_eq!(snapshot_tree(&other), before);

    let done = restore(&file, Opener::Passphrase(&pass(PASS)), &other, true).unwrap();
    let aside = done.moved_aside.expect("the old vault moved aside");
    assert_eq!(records(&aside)["person"].len(), 1);
    assert_eq!(records(&other)["person"].len(), 3);

    // An empty folder (as the app's start-up leaves) is simply filled.
    let empty = t.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let done = restore(&file, Opener::Passphrase(&pass(PASS)), &empty, false).unwrap();
    assert_eq!(done.moved_aside, None);
    unlock(&empty, PASS).unwrap().lock().unwrap();
}

#[test]
fn a_backup_from_a_newer_version_is_refused() {
    let (t, dir) = vault_dir();
    let newer = Migration {
        version: latest_version() + 1,
        name: "from the future",
        sql: "CREATE TABLE future_table (id TEXT PRIMARY KEY);",
    };
    let list: Vec<Migration> = MIGRATIONS.iter().copied().chain([newer]).collect();
    let v = Vault::create_with(
        &dir,
        &pass(PASS),
        None,
        FAST,
        Options {
            migrations: &list,
            ..options()
        },
    )
    .unwrap();
    let file = t.path().join("future.age");
    backup_to(&v, &file);
    let target = t.path().join("target");
    let e = restore(&file, Opener::Passphrase(&pass(PASS)), &target, false).unwrap_err();
    assert!(matches!(e, StoreError::BackupNewerVersion { .. }), "{e}");
    assert!(!target.exists());
}

#[test]
fn a_vault_made_before_backups_gets_its_identity_at_the_next_unlock() {
    let (t, dir) = vault_dir();
    let v = new_vault(&dir);
    v.lock().unwrap();
    raw(&dir)
        .execute("DELETE FROM settings WHERE key LIKE 'vault_identity%'", [])
        .unwrap();
    let v = unlock(&dir, PASS).unwrap();
    let key = v.identity().unwrap().recipient();
    assert!(key.starts_with("age1"), "{key}");
    let file = t.path().join("backup.age");
    backup_to(&v, &file);
    backup::verify(&file, Opener::Passphrase(&pass(PASS))).unwrap();
    v.lock().unwrap();
    // The same identity from then on: colleagues keep the handover key they were given.
    assert_eq!(
        unlock(&dir, PASS).unwrap().identity().unwrap().recipient(),
        key
    );
}

/// A backup's parts, decrypted with the recovery key: (name, header type, bytes), in order.
fn parts(file: &Path, recovery: &str) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let id: age::x25519::Identity = recovery.parse().unwrap();
    let bytes = fs::read(file).unwrap();
    let mut plain = Vec::new();
    age::Decryptor::new(&bytes[..])
        .unwrap()
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    let mut archive = tar::Archive::new(&plain[..]);
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let name = e.path().unwrap().to_string_lossy().into_owned();
            let mut b = Vec::new();
            e.read_to_end(&mut b).unwrap();
            (name, b)
        })
        .collect()
}

/// What anyone holding the recovery public key could make: an archive of their choosing,
/// encrypted to it.
/// One archive part: name, tar entry type, bytes.
type Part<'a> = (&'a str, tar::EntryType, Vec<u8>);

fn forge(out: &Path, recovery: &str, members: &[Part<'_>]) {
    let id = RecoveryIdentity::parse("k", recovery).unwrap();
    let to: age::x25519::Recipient = id.recipient_string().parse().unwrap();
    seal_parts(out, &[&to], members);
}

/// A tar of `members`, encrypted with age to `recipients`, written to `out`.
fn seal_parts(out: &Path, recipients: &[&dyn age::Recipient], members: &[Part<'_>]) {
    use std::io::Write;
    let mut tar = tar::Builder::new(Vec::new());
    for (name, kind, data) in members {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o600);
        h.set_entry_type(*kind);
        tar.append_data(&mut h, name, &data[..]).unwrap();
    }
    let plain = tar.into_inner().unwrap();
    let enc = age::Encryptor::with_recipients(recipients.iter().copied()).unwrap();
    let mut sealed = Vec::new();
    let mut w = enc.wrap_output(&mut sealed).unwrap();
    w.write_all(&plain).unwrap();
    w.finish().unwrap();
    fs::write(out, sealed).unwrap();
}

#[test]
fn a_forged_archive_with_parts_out_of_order_oversized_or_not_plain_files_is_refused() {
    let (t, dir) = vault_dir();
    let (v, recovery) = filled(&dir);
    let file = t.path().join("backup.age");
    backup_to(&v, &file);
    v.lock().unwrap();
    let good = parts(&file, &recovery);
    let names: Vec<&str> = good.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "manifest.json",
            "vault.json",
            "snapshot.key",
            "linkwork.db",
            "signature.json"
        ]
    );
    let identity = RecoveryIdentity::parse("k", &recovery).unwrap();
    let regular = tar::EntryType::Regular;
    let member = |i: usize| (good[i].0.as_str(), regular, good[i].1.clone());

    // The rebuilt archive itself restores: the forgeries below fail for what they change.
    let forged = t.path().join("forged.age");
    forge(
        &forged,
        &recovery,
        &[member(0), member(1), member(2), member(3), member(4)],
    );
    restore(
        &forged,
        Opener::Recovery(&identity),
        &t.path().join("ok"),
        false,
    )
    .unwrap();

    let mut oversized = member(3);
    oversized.2.extend_from_slice(&[0u8; 4096]);
    let mut sparse = member(3);
    sparse.1 = tar::EntryType::GNUSparse;
    let mut linked = member(1);
    linked.1 = tar::EntryType::Symlink;
    let cases: [(&str, Vec<Part<'_>>); 5] = [
        (
            "database larger than the manifest says",
            vec![member(0), member(1), member(2), oversized, member(4)],
        ),
        (
            "database before the manifest",
            vec![member(3), member(0), member(1), member(2), member(4)],
        ),
        (
            "a part twice",
            vec![
                member(0),
                member(0),
                member(1),
                member(2),
                member(3),
                member(4),
            ],
        ),
        (
            "a sparse database",
            vec![member(0), member(1), member(2), sparse, member(4)],
        ),
        (
            "a link for a part",
            vec![member(0), linked, member(2), member(3), member(4)],
        ),
    ];
    for (what, members) in cases {
        forge(&forged, &recovery, &members);
        let target = t.path().join("target");
        let e = restore(&forged, Opener::Recovery(&identity), &target, false).unwrap_err();
        assert_eq!(e.code(), ErrorCode::BackupDamaged, "{what}: {e}");
        assert!(!target.exists(), "{what}: something was written");
    }
}

#[test]
fn a_backup_whose_database_has_an_extra_trigger_is_refused_and_nothing_is_written() {
    let (t, dir) = vault_dir();
    let (v, _) = filled(&dir);
    v.lock().unwrap();
    // A trigger that would copy every new person somewhere, planted in the database a backup
    // is made from.
    raw(&dir)
        .execute_batch(
            "CREATE TABLE stash (x TEXT);
             CREATE TRIGGER leak AFTER INSERT ON person BEGIN INSERT INTO stash VALUES (new.id); END;",
        )
        .unwrap();
    let v = unlock(&dir, PASS).unwrap();
    let file = t.path().join("backup.age");
    backup_to(&v, &file);
    v.lock().unwrap();
    let target = t.path().join("target");
    let e = restore(&file, Opener::Passphrase(&pass(PASS)), &target, false).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupDamaged, "{e}");
    assert!(e.to_string().contains("structure"), "{e}");
    assert!(!target.exists());
    let e = backup::verify(&file, Opener::Passphrase(&pass(PASS))).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupDamaged, "{e}");
}

/// Someone with an old backup and the passphrase it was made under has the identity of that
/// time. A passphrase change (or a recovery change) makes a new one, so nothing made after the
/// change opens with the old: not a backup, not a handover sent to the new handover key.
#[test]
fn after_a_credential_change_the_old_passphrase_and_an_old_backup_open_nothing_newer() {
    use linkwork_store::handover::{self, HandoverRecipient};
    let (t, dir) = vault_dir();
    let (v, _) = filled(&dir);
    let old_key = v.identity().unwrap().recipient();
    v.lock().unwrap();
    let old_identity = identity_secret(&dir);
    let mut v = unlock(&dir, PASS).unwrap();
    let old = t.path().join("old.age");
    backup_to(&v, &old);

    v.change_passphrase(&pass(PASS), &pass("a brand new passphrase"), FAST)
        .unwrap();
    let new_key = v.identity().unwrap().recipient();
    assert_ne!(
        new_key, old_key,
        "the handover key changes with the passphrase"
    );
    let new = t.path().join("new.age");
    backup_to(&v, &new);
    let (_t2, sender_dir) = vault_dir();
    let mut sender = new_vault(&sender_dir);
    let added = refer(&mut sender, "Ada", "Lovelace", today());
    let package = handover::package(sender.read(), &[added.person_id], None, now()).unwrap();
    let to_new = HandoverRecipient::parse("to", &new_key).unwrap();
    let sealed = handover::seal(&package, &to_new, &sender.identity().unwrap()).unwrap();

    // What the attacker holds opens the old backup, and nothing newer.
    backup::verify(&old, Opener::Passphrase(&pass(PASS))).unwrap();
    let e = backup::verify(&new, Opener::Passphrase(&pass(PASS))).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupWrongKey, "{e}");
    let as_file = format!("{old_identity}\n");
    let e = handover::open(
        &sealed,
        handover::Opener::IdentityFile(&as_file),
        latest_version(),
    )
    .unwrap_err();
    assert!(matches!(e, StoreError::HandoverNotForYou), "{e}");
    let id: age::x25519::Identity = old_identity.parse().unwrap();
    let bytes = fs::read(&new).unwrap();
    assert!(
        age::Decryptor::new(&bytes[..])
            .unwrap()
            .decrypt(std::iter::once(&id as &dyn age::Identity))
            .is_err(),
        "the old identity opened a new backup"
    );
    // The vault itself opens both, each with the passphrase of its time.
    backup::verify(&new, Opener::Passphrase(&pass("a brand new passphrase"))).unwrap();
    handover::open(
        &sealed,
        handover::Opener::Vault(&v.identity().unwrap()),
        latest_version(),
    )
    .unwrap();

    // A recovery change rotates it too.
    let (_, text) = recovery_pair();
    let recipient = RecoveryRecipient::parse(
        "k",
        &RecoveryIdentity::parse("k", &text)
            .unwrap()
            .recipient_string(),
    )
    .unwrap();
    v.set_recovery(&pass("a brand new passphrase"), &recipient, FAST)
        .unwrap();
    assert_ne!(v.identity().unwrap().recipient(), new_key);
}

/// age's own stanza for the vault identity wrapped to the passphrase, copied out of a backup's
/// header (what anyone holding a leaked backup file has).
fn passphrase_stanza(file: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let end = file.windows(4).position(|w| w == b"\n---").unwrap();
    let header = std::str::from_utf8(&file[..end]).unwrap();
    let mut lines = header
        .lines()
        .skip_while(|l| *l != "-> linkwork-passphrase");
    lines.next().expect("the stanza is in the header");
    let body: String = lines.take_while(|l| !l.starts_with("->")).collect();
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(body)
        .unwrap()
}

/// A recipient that writes a copied stanza into a new header.
struct Copied(Vec<u8>);

impl age::Recipient for Copied {
    fn wrap_file_key(
        &self,
        _: &age_core::format::FileKey,
    ) -> Result<
        (
            Vec<age_core::format::Stanza>,
            std::collections::HashSet<String>,
        ),
        age::EncryptError,
    > {
        Ok((
            vec![age_core::format::Stanza {
                tag: "linkwork-passphrase".into(),
                args: vec![],
                body: self.0.clone(),
            }],
            Default::default(),
        ))
    }
}

/// The review's forgery: from a vault's public handover key and the passphrase stanza of one
/// leaked backup, a file the vault's passphrase opens, holding someone else's records (signed
/// with their own vault, or unsigned). Refused, and nothing is written.
#[test]
fn a_backup_forged_from_the_handover_key_and_a_leaked_stanza_is_refused() {
    let (t, dir) = vault_dir();
    let (v, _) = filled(&dir);
    let leaked = t.path().join("leaked.age");
    backup_to(&v, &leaked);
    let handover_key: age::x25519::Recipient = v.identity().unwrap().recipient().parse().unwrap();
    v.lock().unwrap();

    // The forger's own vault holds what they want restored.
    let (_t2, theirs) = vault_dir();
    let (mut f, their_recovery) = filled(&theirs);
    refer(&mut f, "Planted", "Record", today());
    let their_backup = t.path().join("theirs.age");
    backup_to(&f, &their_backup);
    let signed = parts(&their_backup, &their_recovery);
    let mut unsigned: Vec<_> = signed[..4].to_vec();
    let manifest: serde_json::Value = serde_json::from_slice(&unsigned[0].1).unwrap();
    let mut manifest = manifest;
    manifest["version"] = 1.into();
    unsigned[0].1 = serde_json::to_vec_pretty(&manifest).unwrap();

    let stanza = Copied(passphrase_stanza(&fs::read(&leaked).unwrap()));
    for (what, members) in [("signed by their vault", signed), ("unsigned", unsigned)] {
        let members: Vec<Part<'_>> = members
            .iter()
            .map(|(n, d)| (n.as_str(), tar::EntryType::Regular, d.clone()))
            .collect();
        let forged = t.path().join("forged.age");
        seal_parts(&forged, &[&handover_key, &stanza], &members);

        let e = backup::verify(&forged, Opener::Passphrase(&pass(PASS))).unwrap_err();
        assert_eq!(e.code(), ErrorCode::BackupForged, "{what}: {e}");
        let target = t.path().join("target");
        let e = restore(&forged, Opener::Passphrase(&pass(PASS)), &target, false).unwrap_err();
        assert_eq!(e.code(), ErrorCode::BackupForged, "{what}: {e}");
        assert!(!target.exists(), "{what}: something was written");
    }
    // The real backup is signed, and says by whom.
    let real = backup::verify(&leaked, Opener::Passphrase(&pass(PASS))).unwrap();
    assert_eq!(
        real.signed_by.map(|f| f.len()),
        Some(24),
        "20 hex digits in groups"
    );
}

/// A backup from before backups were signed (format 1) is verified and says it is unsigned; it is
/// restored only when the person says it is their own.
#[test]
fn an_unsigned_backup_from_before_signing_is_restored_only_when_the_person_says_so() {
    let (t, dir) = vault_dir();
    let (v, recovery) = filled(&dir);
    let file = t.path().join("backup.age");
    backup_to(&v, &file);
    v.lock().unwrap();
    let good = parts(&file, &recovery);
    let mut manifest: serde_json::Value = serde_json::from_slice(&good[0].1).unwrap();
    manifest["version"] = 1.into();
    let manifest = serde_json::to_vec_pretty(&manifest).unwrap();
    let regular = tar::EntryType::Regular;
    let old = t.path().join("old.age");
    forge(
        &old,
        &recovery,
        &[
            ("manifest.json", regular, manifest),
            ("vault.json", regular, good[1].1.clone()),
            ("snapshot.key", regular, good[2].1.clone()),
            ("linkwork.db", regular, good[3].1.clone()),
        ],
    );
    let identity = RecoveryIdentity::parse("k", &recovery).unwrap();
    let verified = backup::verify(&old, Opener::Recovery(&identity)).unwrap();
    assert_eq!(verified.signed_by, None);
    let target = t.path().join("target");
    let e = restore(&old, Opener::Recovery(&identity), &target, false).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupUnsigned, "{e}");
    assert!(e.to_string().contains("--unsigned"), "{e}");
    assert!(!target.exists());
    backup::restore(
        &old,
        Opener::Recovery(&identity),
        backup::RestoreTo {
            target: &target,
            replace: false,
            allow_unsigned: true,
            erased: None,
        },
        &pass(PASS),
        FAST,
        &FixedClock::on(today()),
    )
    .unwrap();
    assert_eq!(count(&target, "person"), 3);
}

fn restore_choosing(
    file: &Path,
    target: &Path,
    erased: Option<linkwork_store::handover::ErasedChoice>,
) -> linkwork_store::Result<backup::Restored> {
    backup::restore(
        file,
        Opener::Passphrase(&pass(PASS)),
        backup::RestoreTo {
            target,
            replace: true,
            allow_unsigned: false,
            erased,
        },
        &pass(PASS),
        FAST,
        &FixedClock::on(today()),
    )
}

/// Erased stays erased through a restore: a backup made before someone was erased, restored over
/// the vault they were erased from, asks first (nothing changes until it is told), then erases
/// them again or, if told to, keeps them. The vault keeps its erasure records beside its database
/// (keyed hashes and dates, nothing readable) because a restore replaces the database.
#[test]
fn a_restore_asks_before_bringing_back_someone_erased_since_the_backup() {
    use linkwork_store::{handover::ErasedChoice, rights};
    let (t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let ivy = refer_person(
        &mut v,
        person_input("Ivy", "Walker", Some("943 476 5919")),
        today(),
    );
    refer(&mut v, "Sam", "Okafor", today());
    let file = t.path().join("before.age");
    backup_to(&v, &file);
    v.write(|tx| rights::erase_person(tx, &ivy.person_id))
        .unwrap();
    rights::save_erasures(&v).unwrap();
    v.lock().unwrap();
    let beside = dir.join(linkwork_store::paths::ERASURES_FILE);
    let text = fs::read_to_string(&beside).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(!text.contains("9434765919") && !text.contains(ivy.person_id.as_str()));

    // Asked first: nothing changes.
    let e = restore_choosing(&file, &dir, None).unwrap_err();
    assert!(matches!(e, StoreError::RestoreBringsBackErased(_)), "{e}");
    assert!(e.to_string().contains("Ivy Walker"), "{e}");
    assert_eq!(count(&dir, "person"), 1);

    // Erased again: restored without her, and still remembered.
    let done = restore_choosing(&file, &dir, Some(ErasedChoice::LeaveOut)).unwrap();
    assert_eq!(done.erased.len(), 1);
    assert!(!done.erasures_unchecked);
    assert_eq!(count(&dir, "person"), 1);
    assert_eq!(count(&dir, "erasure_record"), 2);
    assert!(dir.join(linkwork_store::paths::ERASURES_FILE).exists());
    let mut v = unlock(&dir, PASS).unwrap();
    assert!(v.check().unwrap().is_ok());
    v.lock().unwrap();

    // Kept, on purpose: she is back, and no longer in the erasure records. (The fixed clock would
    // give the next moved-aside folder the same name.)
    fs::remove_dir_all(done.moved_aside.unwrap()).unwrap();
    restore_choosing(&file, &dir, Some(ErasedChoice::BringBack)).unwrap();
    assert_eq!(count(&dir, "person"), 2);
    assert_eq!(count(&dir, "erasure_record"), 0);
    assert!(!dir.join(linkwork_store::paths::ERASURES_FILE).exists());
}
