//! The audit trail proves more than a plain chain: it is keyed (a row rewritten and re-hashed
//! with SHA-256, as anyone could, shows), ids are never reused, and a backup's signed anchor shows
//! the newest rows deleted, which no chain can show by itself.

use crate::util::*;
use linkwork_store::{
    audit::{self, AnchorCheck},
    backup::{self, Opener},
    migrations::MIGRATIONS,
    Options, Vault,
};
use sha2::{Digest, Sha256};
use std::path::Path;

fn breaks(v: &Vault) -> Vec<(i64, &'static str)> {
    audit::verify(v.read())
        .unwrap()
        .breaks
        .into_iter()
        .map(|b| (b.row, b.problem))
        .collect()
}

fn ids(dir: &Path) -> Vec<i64> {
    raw(dir)
        .prepare("SELECT id FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn content_sql(id: &str, prev: &str) -> String {
    format!(
        "SELECT id || char(31) || at || char(31) || action || char(31) || entity || char(31) ||
                coalesce(entity_id, '') || char(31) || coalesce(actor, '') || char(31) ||
                coalesce(fields, '') || char(31) || {prev} FROM audit_log WHERE id = {id}"
    )
}

/// The trail as a version before the key wrote it: a plain SHA-256 chain, and no key.
fn as_plain_chain(dir: &Path) {
    let conn = raw(dir);
    conn.execute("DELETE FROM settings WHERE key = 'audit_chain_key'", [])
        .unwrap();
    let mut prev = String::new();
    for id in ids(dir) {
        let content: String = conn
            .query_row(&content_sql("?1", "?2"), rusqlite::params![id, prev], |r| {
                r.get(0)
            })
            .unwrap();
        let hash = hex::encode(Sha256::digest(content.as_bytes()));
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1",
            rusqlite::params![id, prev, hash],
        )
        .unwrap();
        prev = hash;
    }
}

/// What someone without the trail's key would write: the row changed, and its hash recomputed
/// the way a plain SHA-256 chain computes it.
fn rewrite_as_sha256(dir: &Path, id: i64) {
    let conn = raw(dir);
    conn.execute(
        "UPDATE audit_log SET entity_id = 'someone-else' WHERE id = ?1",
        [id],
    )
    .unwrap();
    let content: String = conn
        .query_row(&content_sql("?1", "coalesce(prev_hash, '')"), [id], |r| {
            r.get(0)
        })
        .unwrap();
    conn.execute(
        "UPDATE audit_log SET hash = ?2 WHERE id = ?1",
        rusqlite::params![id, hex::encode(Sha256::digest(content.as_bytes()))],
    )
    .unwrap();
}

#[test]
fn a_row_rewritten_without_the_trails_key_shows_and_so_does_removing_the_key() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    for n in 0..3 {
        refer(&mut v, "Keyed", &format!("Chain{n}"), today());
    }
    assert_eq!(breaks(&v), vec![]);
    let rows = ids(&dir);
    let last = *rows.last().unwrap();
    // The newest row re-hashed as a plain chain would: nothing after it to disagree, so only the
    // key catches it.
    rewrite_as_sha256(&dir, last);
    assert_eq!(breaks(&v), vec![(last, "was changed after it was written")]);

    raw(&dir)
        .execute("DELETE FROM settings WHERE key = 'audit_chain_key'", [])
        .unwrap();
    let b = breaks(&v);
    assert!(
        b.iter().any(|(_, p)| p.contains("key has been removed")),
        "{b:?}"
    );
}

#[test]
fn ids_are_never_reused_after_the_newest_rows_are_deleted() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    refer(&mut v, "Never", "Reused", today());
    let before = ids(&dir);
    let newest = *before.last().unwrap();
    raw(&dir)
        .execute("DELETE FROM audit_log WHERE id > ?1", [newest - 2])
        .unwrap();
    refer(&mut v, "After", "Deletion", today());
    let after = ids(&dir);
    let first_new = after.iter().find(|id| **id > newest - 2).unwrap();
    assert!(
        *first_new > newest,
        "a new row took the deleted id {first_new} (newest was {newest})"
    );
}

#[test]
fn a_backups_anchor_shows_the_newest_rows_deleted_where_the_chain_cannot() {
    let (t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    refer(&mut v, "Before", "Backup", today());
    let file = t.path().join("b.age");
    let source = v.backup_source().unwrap();
    let manifest = backup::write(
        &source,
        &mut std::fs::File::create(&file).unwrap(),
        chrono::Utc::now(),
        &mut |_, _| true,
    )
    .unwrap();
    drop(source);
    let anchor = manifest
        .audit
        .clone()
        .expect("the manifest anchors the trail");
    assert_eq!(anchor, audit::anchor(v.read()).unwrap().unwrap());
    // The anchor is in the signed manifest, read back by verify.
    let verified = backup::verify(&file, Opener::Passphrase(&pass(PASS))).unwrap();
    assert_eq!(verified.manifest.audit, Some(anchor.clone()));

    refer(&mut v, "After", "Backup", today());
    assert!(matches!(
        audit::check_anchor(v.read(), &anchor).unwrap(),
        AnchorCheck::Holds { since } if since > 0
    ));

    // An anchor whose newest row the trail holds differently: rewritten.
    let mut other = anchor.clone();
    other.head_hash = "0".repeat(64);
    assert_eq!(
        audit::check_anchor(v.read(), &other).unwrap(),
        AnchorCheck::Rewritten {
            row: anchor.head_row
        }
    );
    // A row before the anchor deleted: the count up to it differs (and the chain breaks).
    raw(&dir)
        .execute("DELETE FROM audit_log WHERE id = ?1", [anchor.head_row - 3])
        .unwrap();
    assert_eq!(
        audit::check_anchor(v.read(), &anchor).unwrap(),
        AnchorCheck::CountDiffers {
            expected: anchor.rows,
            found: anchor.rows - 1
        }
    );

    // Deleting the newest rows (those the backup saw among them) leaves a chain whose only break
    // is the row deleted above: the cut-off tail itself does not show in the chain.
    let before = breaks(&v);
    raw(&dir)
        .execute("DELETE FROM audit_log WHERE id > ?1", [anchor.head_row - 2])
        .unwrap();
    assert_eq!(
        breaks(&v),
        before,
        "a chain cannot see its own tail cut off"
    );
    assert_eq!(
        audit::check_anchor(v.read(), &anchor).unwrap(),
        AnchorCheck::NewestGone {
            head_row: anchor.head_row,
            last_row: Some(anchor.head_row - 2)
        }
    );
    v.lock().ok();
}

/// A vault whose trail was chained with plain SHA-256 (data version 13) keeps those rows as they
/// were; rows from the upgrade on are keyed; the whole trail checks, and ids carry on.
#[test]
fn an_upgraded_trail_keeps_its_plain_rows_and_keys_the_new_ones() {
    let (_t, dir) = vault_dir();
    let v13 = Options {
        migrations: &MIGRATIONS[..13],
        ..options()
    };
    let mut v = Vault::create_with(&dir, &pass(PASS), None, FAST, v13).unwrap();
    // Settings, not a referral: today's code writes people with columns version 13 lacks.
    for name in ["Plain", "Chain"] {
        v.write(|tx| linkwork_store::settings::set_worker_name(tx, Some(name)))
            .unwrap();
    }
    v.lock().unwrap();
    as_plain_chain(&dir);
    let plain = ids(&dir);
    let plain_head: String = raw(&dir)
        .query_row(
            "SELECT hash FROM audit_log WHERE id = ?1",
            [plain.last().unwrap()],
            |r| r.get(0),
        )
        .unwrap();

    let mut v = unlock(&dir, PASS).unwrap();
    refer(&mut v, "Keyed", "Chain", today());
    assert_eq!(breaks(&v), vec![]);
    let from: i64 = raw(&dir)
        .query_row(
            "SELECT value ->> '$.from' FROM settings WHERE key = 'audit_chain_key'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        from,
        plain.last().unwrap() + 1,
        "keyed from the first new row"
    );
    let still: String = raw(&dir)
        .query_row(
            "SELECT hash FROM audit_log WHERE id = ?1",
            [plain.last().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        still, plain_head,
        "rows before the upgrade are not re-hashed"
    );
    // An old row rewritten as a plain chain would still breaks the first keyed row's link.
    rewrite_as_sha256(&dir, plain[plain.len() - 1]);
    let b = breaks(&v);
    assert!(b.iter().any(|(row, _)| *row == from), "{b:?}");
}
