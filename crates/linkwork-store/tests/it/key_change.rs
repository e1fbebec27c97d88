//! Credential changes rekey the database, as one step a crash cannot split.

use crate::util::*;
use linkwork_store::{paths, vault::Credential, RecoveryIdentity, StoreError, Vault};
use std::{fs, path::Path};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_file() {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn put(from: &Path, to: &Path, name: &str) {
    fs::copy(from.join(name), to.join(name)).unwrap();
}

fn identity(id: &age::x25519::Identity) -> RecoveryIdentity {
    RecoveryIdentity::parse("recovery_identity", &identity_text(id)).unwrap()
}

fn refused(dir: &Path, p: &str) -> StoreError {
    unlock(dir, p).expect_err("the old key file and passphrase must open nothing")
}

#[test]
fn a_passphrase_change_makes_the_old_key_file_and_passphrase_useless() {
    let (t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    refer(&mut v, "Rekeyed", "Person", today());
    let old_key_file = fs::read(dir.join(paths::PASSPHRASE_KEY_FILE)).unwrap();
    v.change_passphrase(&pass(PASS), &pass("a new passphrase entirely"), FAST)
        .unwrap();
    // The session carries on under the new key.
    refer(&mut v, "After", "Change", today());
    v.lock().unwrap();

    // An attacker who kept the old key file and learns the old passphrase gets nothing current:
    // the key it wraps no longer opens the database (and the WAL holds no old-key page).
    let stolen = t.path().join("stolen");
    copy_dir(&dir, &stolen);
    fs::write(stolen.join(paths::PASSPHRASE_KEY_FILE), &old_key_file).unwrap();
    let e = refused(&stolen, PASS);
    assert!(matches!(e, StoreError::DatabaseDamaged(_)), "{e}");

    let v = unlock(&dir, "a new passphrase entirely").unwrap();
    assert_eq!(count_people(&v), 2);
    assert!(!dir.join(paths::KEY_CHANGE_DIR).exists());
}

fn count_people(v: &Vault) -> usize {
    linkwork_store::people::list_people(v.read(), None)
        .unwrap()
        .len()
}

#[test]
fn replacing_or_removing_the_recovery_key_makes_the_old_one_useless() {
    let (t, dir) = vault_dir();
    let (old_id, old_recipient) = recovery_pair();
    let mut v = new_vault(&dir);
    v.set_recovery(&pass(PASS), &old_recipient, FAST).unwrap();
    let old_recovery_file = fs::read(dir.join(paths::RECOVERY_KEY_FILE)).unwrap();
    let (new_id, new_recipient) = recovery_pair();
    v.set_recovery(&pass(PASS), &new_recipient, FAST).unwrap();
    assert_eq!(v.recovery_recipient(), Some(new_recipient.as_str()));
    v.lock().unwrap();

    // The new recovery key opens the vault; the old one, with its old file, opens nothing.
    Vault::unlock(&dir, Credential::Recovery(&identity(&new_id)))
        .unwrap()
        .lock()
        .unwrap();
    let stolen = t.path().join("stolen");
    copy_dir(&dir, &stolen);
    fs::write(stolen.join(paths::RECOVERY_KEY_FILE), &old_recovery_file).unwrap();
    let e = Vault::unlock(&stolen, Credential::Recovery(&identity(&old_id))).unwrap_err();
    assert!(matches!(e, StoreError::DatabaseDamaged(_)), "{e}");

    // Removing it: a kept copy of the file is useless too.
    let kept = fs::read(dir.join(paths::RECOVERY_KEY_FILE)).unwrap();
    let mut v = unlock(&dir, PASS).unwrap();
    v.remove_recovery(&pass(PASS), FAST).unwrap();
    v.lock().unwrap();
    fs::write(dir.join(paths::RECOVERY_KEY_FILE), &kept).unwrap();
    let e = Vault::unlock(&dir, Credential::Recovery(&identity(&new_id))).unwrap_err();
    assert!(matches!(e, StoreError::DatabaseDamaged(_)), "{e}");
}

#[test]
fn a_recovery_change_needs_the_passphrase_and_a_wrong_one_changes_nothing() {
    let (_t, dir) = vault_dir();
    let (_, recipient) = recovery_pair();
    new_vault(&dir).lock().unwrap();
    // The first unlock rewraps the tests' weak key file at the floor; compare after that.
    unlock(&dir, PASS).unwrap().lock().unwrap();
    let before = snapshot(&dir);
    let mut v = unlock(&dir, PASS).unwrap();
    let e = v
        .set_recovery(&pass("not the passphrase"), &recipient, FAST)
        .unwrap_err();
    assert!(matches!(e, StoreError::WrongPassphrase), "{e}");
    assert_eq!(v.recovery_recipient(), None);
    assert!(!dir.join(paths::RECOVERY_KEY_FILE).exists());
    v.lock().unwrap();
    // Only the audit of the unlock and lock differs, inside the database.
    let after = snapshot(&dir);
    for f in [paths::PASSPHRASE_KEY_FILE, paths::META_FILE] {
        assert_eq!(before[&dir.join(f)], after[&dir.join(f)], "{f} changed");
    }
}

/// The states a crash can leave, built from a vault before and after a passphrase change.
struct Crashed {
    _t: tempfile::TempDir,
    before: std::path::PathBuf,
    after: std::path::PathBuf,
}

const NEW: &str = "the passphrase after the change";

fn before_and_after() -> Crashed {
    let (t, dir) = vault_dir();
    let (_, recipient) = recovery_pair();
    let mut v = Vault::create(&dir, &pass(PASS), Some(&recipient), FAST).unwrap();
    refer(&mut v, "Crash", "Tested", today());
    v.lock().unwrap();
    let before = t.path().join("before");
    copy_dir(&dir, &before);
    let mut v = unlock(&dir, PASS).unwrap();
    v.change_passphrase(&pass(PASS), &pass(NEW), FAST).unwrap();
    v.lock().unwrap();
    Crashed {
        before,
        after: dir,
        _t: t,
    }
}

/// A vault folder with the old files in place, the new ones staged, and `db_from`'s database.
fn staged(c: &Crashed, db_from: &Path, ready: bool) -> std::path::PathBuf {
    let dir = c
        .after
        .parent()
        .unwrap()
        .join(format!("crash-{}", rand_suffix()));
    copy_dir(&c.before, &dir);
    put(db_from, &dir, paths::DB_FILE);
    let stage = dir.join(paths::KEY_CHANGE_DIR);
    fs::create_dir(&stage).unwrap();
    for f in [
        paths::PASSPHRASE_KEY_FILE,
        paths::RECOVERY_KEY_FILE,
        paths::META_FILE,
    ] {
        put(&c.after, &stage, f);
    }
    if ready {
        fs::write(stage.join("ready"), "").unwrap();
    }
    dir
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[test]
fn a_crash_before_the_database_changed_keeps_the_old_passphrase() {
    let c = before_and_after();
    let dir = staged(&c, &c.before, false);
    // The new passphrase is not in force: the database never took the new key.
    assert!(matches!(refused(&dir, NEW), StoreError::WrongPassphrase));
    assert!(
        dir.join(paths::KEY_CHANGE_DIR).exists(),
        "kept until proved"
    );
    let v = unlock(&dir, PASS).unwrap();
    assert_eq!(count_people(&v), 1);
    assert!(!dir.join(paths::KEY_CHANGE_DIR).exists());
}

#[test]
fn a_crash_after_the_database_changed_finishes_the_change_at_the_next_unlock() {
    let c = before_and_after();
    let dir = staged(&c, &c.after, false);
    // The old passphrase unwraps the old key, which no longer opens the database.
    assert!(matches!(refused(&dir, PASS), StoreError::WrongPassphrase));
    let v = unlock(&dir, NEW).unwrap();
    assert_eq!(count_people(&v), 1);
    drop(v);
    assert!(!dir.join(paths::KEY_CHANGE_DIR).exists());
    assert_eq!(
        fs::read(dir.join(paths::RECOVERY_KEY_FILE)).unwrap(),
        fs::read(c.after.join(paths::RECOVERY_KEY_FILE)).unwrap()
    );
    unlock(&dir, NEW).unwrap();
    assert!(matches!(refused(&dir, PASS), StoreError::WrongPassphrase));
}

#[test]
fn a_crash_while_moving_the_files_is_finished_without_any_secret() {
    let c = before_and_after();
    let dir = staged(&c, &c.after, true);
    // Part of the move had happened: the passphrase file is already in place.
    fs::rename(
        dir.join(paths::KEY_CHANGE_DIR)
            .join(paths::PASSPHRASE_KEY_FILE),
        dir.join(paths::PASSPHRASE_KEY_FILE),
    )
    .unwrap();
    // Even a failed unlock finishes the move: it is only renames.
    let _ = refused(&dir, "wrong passphrase entirely");
    assert!(!dir.join(paths::KEY_CHANGE_DIR).exists());
    for f in [
        paths::PASSPHRASE_KEY_FILE,
        paths::RECOVERY_KEY_FILE,
        paths::META_FILE,
    ] {
        assert_eq!(
            fs::read(dir.join(f)).unwrap(),
            fs::read(c.after.join(f)).unwrap(),
            "{f}"
        );
    }
    unlock(&dir, NEW).unwrap();
}
