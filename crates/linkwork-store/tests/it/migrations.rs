use crate::util::*;
use linkwork_core::{AutoLockMinutes, Coded};
use linkwork_store::{
    migrations::{latest_version, user_version, Migration, MIGRATIONS},
    paths, settings,
    vault::Credential,
    Vault,
};
use std::fs;

/// The next migration after the shipped ones: it works.
fn good() -> Migration {
    Migration {
        version: latest_version() + 1,
        name: "extra",
        sql: "CREATE TABLE extra_table (id TEXT PRIMARY KEY);",
    }
}

/// The one after that: it fails.
fn bad() -> Migration {
    Migration {
        version: latest_version() + 2,
        name: "broken",
        sql: "INSERT INTO no_such_table VALUES (1);",
    }
}

fn with(extra: &[Migration]) -> Vec<Migration> {
    MIGRATIONS
        .iter()
        .copied()
        .chain(extra.iter().copied())
        .collect()
}

fn table_exists(v: &Vault, name: &str) -> bool {
    v.conn()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        == 1
}

#[test]
fn embedded_migrations_are_numbered_from_one() {
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(m.version as usize, i + 1);
        let opens_tx = m
            .sql
            .lines()
            .map(|l| l.trim().to_uppercase())
            .any(|l| l.starts_with("BEGIN") || l.starts_with("COMMIT"));
        assert!(!opens_tx, "{} must not open its own transaction", m.name);
    }
    assert_eq!(latest_version(), MIGRATIONS.len() as u32);
}

#[test]
fn a_failing_migration_rolls_back_every_pending_one() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    let err = Vault::unlock_with_migrations(
        &dir,
        Credential::Passphrase(&pass(PASS)),
        &with(&[good(), bad()]),
    )
    .unwrap_err();
    assert_eq!(err.code(), "MIGRATION_FAILED");
    let expected = format!(
        "data version {} (broken) failed, so nothing was changed",
        latest_version() + 2
    );
    assert!(err.to_string().contains(&expected), "{err}");

    let v = unlock(&dir, PASS).unwrap();
    assert_eq!(user_version(v.conn()).unwrap(), latest_version());
    assert!(
        !table_exists(&v, "extra_table"),
        "migration 2 ran in the same transaction and must be undone"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let (_t, dir) = vault_dir();
    let v = new_vault(&dir);
    v.conn().pragma_update(None, "user_version", 99).unwrap();
    v.lock().unwrap();
    let before = snapshot(&dir);
    let err = unlock(&dir, PASS).unwrap_err();
    assert_eq!(err.code(), "NEWER_VERSION");
    assert_eq!(
        err.to_string(),
        format!(
            "This vault was written by a newer version of Linkwork (data version 99; this version understands up to {}). \
             Nothing has been changed. Install the newer version of Linkwork to open it.",
            latest_version()
        )
    );
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn upgrading_writes_an_encrypted_backup_that_restores() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    settings::set_auto_lock(v.conn_mut(), AutoLockMinutes::new(42).unwrap()).unwrap();
    v.lock().unwrap();

    let v =
        Vault::unlock_with_migrations(&dir, Credential::Passphrase(&pass(PASS)), &with(&[good()]))
            .unwrap();
    assert_eq!(
        (v.migrated().from, v.migrated().to),
        (latest_version(), latest_version() + 1)
    );
    assert!(table_exists(&v, "extra_table"));
    v.lock().unwrap();

    let backups: Vec<_> = fs::read_dir(dir.join(paths::BACKUP_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1);
    let name = backups[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(
        name.starts_with(&format!(
            "linkwork-v{}-before-v{}-",
            latest_version(),
            latest_version() + 1
        )),
        "{name}"
    );
    assert_ne!(
        &fs::read(&backups[0]).unwrap()[..16],
        b"SQLite format 3\0",
        "backup must be encrypted"
    );

    // Restore by hand: the backup replaces the database and opens with the same passphrase.
    fs::copy(&backups[0], dir.join(paths::DB_FILE)).unwrap();
    for side in ["linkwork.db-wal", "linkwork.db-shm"] {
        let _ = fs::remove_file(dir.join(side));
    }
    let v = unlock(&dir, PASS).unwrap();
    assert_eq!(user_version(v.conn()).unwrap(), latest_version());
    assert!(!table_exists(&v, "extra_table"));
    assert_eq!(
        settings::load(v.conn())
            .unwrap()
            .auto_lock_minutes
            .minutes(),
        42
    );
}

#[test]
fn opening_an_up_to_date_vault_writes_no_backup() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    unlock(&dir, PASS).unwrap().lock().unwrap();
    assert!(!dir.join(paths::BACKUP_DIR).exists());
}
