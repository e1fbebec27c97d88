use crate::util::*;
use linkwork_core::Coded;
use linkwork_store::{
    keys, paths, settings, vault::Credential, KdfCost, RecoveryIdentity, RecoveryRecipient,
    StoreError, Vault, VaultState,
};
use std::fs;

#[test]
fn create_lock_unlock_round_trip() {
    let (_t, dir) = vault_dir();
    assert_eq!(
        Vault::inspect(&dir).unwrap(),
        VaultState::Absent {
            folder_exists: false
        }
    );
    let mut v = new_vault(&dir);
    v.write(|tx| settings::set_auto_lock(tx, linkwork_core::AutoLockMinutes::new(42).unwrap()))
        .unwrap();
    v.lock().unwrap();

    assert!(matches!(
        Vault::inspect(&dir).unwrap(),
        VaultState::Present(_)
    ));
    let v = unlock(&dir, PASS).unwrap();
    assert_eq!(
        settings::load(v.read())
            .unwrap()
            .auto_lock_minutes
            .minutes(),
        42
    );
    let actions: Vec<_> = linkwork_store::audit::recent(v.read(), 10)
        .unwrap()
        .into_iter()
        .map(|e| e.action.as_str())
        .collect();
    // The second "create" is the vault's own identity (handover key, backups); the newest
    // "update" rewrapped the test's deliberately weak key file at the floor.
    assert_eq!(
        actions,
        ["update", "unlock", "lock", "update", "create", "create", "migrate"]
    );
}

#[test]
fn wrong_passphrase_is_refused_and_changes_no_byte() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    let before = snapshot(&dir);
    let err = unlock(&dir, "not the right passphrase").unwrap_err();
    assert_eq!(err.code().as_str(), "WRONG_PASSPHRASE");
    assert_eq!(
        err.to_string(),
        "That passphrase does not open this vault. Check Caps Lock and try again."
    );
    assert_eq!(
        snapshot(&dir),
        before,
        "a failed unlock must not touch any file"
    );
}

#[test]
fn change_passphrase_then_only_the_new_one_unlocks() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let new = "a completely different phrase";
    let err = v
        .change_passphrase(&pass("wrong old passphrase"), &pass(new), FAST)
        .unwrap_err();
    assert!(matches!(err, StoreError::WrongPassphrase));
    v.change_passphrase(&pass(PASS), &pass(new), FAST).unwrap();
    v.lock().unwrap();
    assert!(matches!(
        unlock(&dir, PASS).unwrap_err(),
        StoreError::WrongPassphrase
    ));
    unlock(&dir, new).unwrap();
}

#[test]
fn recovery_key_unlocks_and_can_reset_the_passphrase() {
    let (_t, dir) = vault_dir();
    let (id, recipient) = recovery_pair();
    let v = Vault::create(&dir, &pass(PASS), Some(&recipient), FAST).unwrap();
    assert_eq!(v.recovery_recipient(), Some(recipient.as_str()));
    v.lock().unwrap();

    let identity = RecoveryIdentity::parse("recovery_identity", &identity_text(&id)).unwrap();
    let mut v = Vault::unlock(&dir, Credential::Recovery(&identity)).unwrap();
    v.reset_passphrase(&pass("forgotten and replaced"), FAST)
        .unwrap();
    v.lock().unwrap();
    unlock(&dir, "forgotten and replaced").unwrap();

    // Another practice's key does not open it.
    let (other, _) = recovery_pair();
    let other = RecoveryIdentity::parse("recovery_identity", &identity_text(&other)).unwrap();
    let err = Vault::unlock(&dir, Credential::Recovery(&other)).unwrap_err();
    assert_eq!(err.code().as_str(), "WRONG_RECOVERY_KEY");
}

#[test]
fn reset_without_recovery_is_refused() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    assert!(v
        .reset_passphrase(&pass("sneaky new passphrase"), FAST)
        .is_err());
}

#[test]
fn recovery_can_be_added_and_removed() {
    let (_t, dir) = vault_dir();
    let (id, recipient) = recovery_pair();
    let mut v = new_vault(&dir);
    v.set_recovery(&pass(PASS), &recipient, FAST).unwrap();
    v.lock().unwrap();
    let identity = RecoveryIdentity::parse("recovery_identity", &identity_text(&id)).unwrap();
    let mut v = Vault::unlock(&dir, Credential::Recovery(&identity)).unwrap();
    v.remove_recovery(&pass(PASS), FAST).unwrap();
    assert_eq!(v.recovery_recipient(), None);
    v.lock().unwrap();
    assert!(!dir.join(paths::RECOVERY_KEY_FILE).exists());
    assert!(matches!(
        Vault::unlock(&dir, Credential::Recovery(&identity)),
        Err(StoreError::WrongRecoveryKey)
    ));
}

// The Linux `age` tool; the files are the same bytes on Windows.
#[cfg(unix)]
#[test]
fn recovery_key_file_opens_with_the_reference_age_tool() {
    // The practice manager must be able to recover with standard tools, not only with Linkwork.
    let (t, dir) = vault_dir();
    let (id, recipient) = recovery_pair();
    Vault::create(&dir, &pass(PASS), Some(&recipient), FAST)
        .unwrap()
        .lock()
        .unwrap();
    let id_file = t.path().join("identity.txt");
    fs::write(&id_file, identity_text(&id)).unwrap();
    let out = std::process::Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&id_file)
        .arg(dir.join(paths::RECOVERY_KEY_FILE))
        .output()
        .expect("the `age` command (installed by ./dev setup)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout.len(), 32, "the wrapped key is 256 bits");
}

#[test]
fn bad_recovery_inputs_name_the_field() {
    let e = RecoveryRecipient::parse("recovery_recipient", "age1notakey").unwrap_err();
    assert_eq!(e.field, "recovery_recipient");
    assert!(e.message.starts_with("That is not an age public key."));
    let e = RecoveryIdentity::parse("recovery_identity", "# only a comment\n").unwrap_err();
    assert_eq!(e.field, "recovery_identity");
}

#[test]
fn missing_key_file_is_an_error_and_no_new_database_is_made() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    fs::remove_file(dir.join(paths::PASSPHRASE_KEY_FILE)).unwrap();
    let before = snapshot(&dir);
    let err = unlock(&dir, PASS).unwrap_err();
    assert_eq!(err.code().as_str(), "VAULT_INCOMPLETE");
    assert!(
        err.to_string().contains("key-passphrase.age is missing"),
        "{err}"
    );
    let err = Vault::inspect(&dir).unwrap_err();
    assert_eq!(err.code().as_str(), "VAULT_INCOMPLETE");
    let err = Vault::create(&dir, &pass(PASS), None, FAST).unwrap_err();
    assert_eq!(err.code().as_str(), "VAULT_EXISTS");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn missing_database_is_an_error_and_is_not_recreated() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    fs::remove_file(dir.join(paths::DB_FILE)).unwrap();
    let before = snapshot(&dir);
    assert_eq!(
        unlock(&dir, PASS).unwrap_err().code().as_str(),
        "VAULT_INCOMPLETE"
    );
    assert_eq!(snapshot(&dir), before);
    assert!(!dir.join(paths::DB_FILE).exists());
}

#[test]
fn corrupt_key_file_is_an_error_and_changes_nothing() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    let key_file = dir.join(paths::PASSPHRASE_KEY_FILE);
    let mut bytes = fs::read(&key_file).unwrap();
    let n = bytes.len();
    bytes[n - 5] ^= 0xff; // flip a bit in the encrypted payload
    fs::write(&key_file, &bytes).unwrap();
    let before = snapshot(&dir);
    let err = unlock(&dir, PASS).unwrap_err();
    assert_eq!(err.code().as_str(), "KEY_FILE_DAMAGED", "{err}");
    assert_eq!(snapshot(&dir), before);

    fs::write(&key_file, b"this is not an age file").unwrap();
    assert_eq!(
        unlock(&dir, PASS).unwrap_err().code().as_str(),
        "KEY_FILE_DAMAGED"
    );
}

#[test]
fn key_file_from_another_vault_does_not_open_the_database() {
    let (_t, dir) = vault_dir();
    let (_t2, other) = vault_dir();
    new_vault(&dir).lock().unwrap();
    new_vault(&other).lock().unwrap();
    fs::copy(
        other.join(paths::PASSPHRASE_KEY_FILE),
        dir.join(paths::PASSPHRASE_KEY_FILE),
    )
    .unwrap();
    let before = snapshot(&dir);
    assert_eq!(
        unlock(&dir, PASS).unwrap_err().code().as_str(),
        "DATABASE_DAMAGED"
    );
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn an_unencrypted_database_is_refused() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    let db = dir.join(paths::DB_FILE);
    fs::remove_file(&db).unwrap();
    for side in ["linkwork.db-wal", "linkwork.db-shm"] {
        let _ = fs::remove_file(dir.join(side));
    }
    // Made by any plain SQLite tool: no key.
    let plain = rusqlite::Connection::open(&db).unwrap();
    plain
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES ('hello');")
        .unwrap();
    drop(plain);
    let before = snapshot(&dir);
    let err = unlock(&dir, PASS).unwrap_err();
    assert_eq!(err.code().as_str(), "PLAINTEXT_DATABASE");
    assert!(err
        .to_string()
        .contains("refuses to open unencrypted patient data"));
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn create_refuses_an_existing_vault_and_a_missing_parent() {
    let (t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    let before = snapshot(&dir);
    assert_eq!(
        Vault::create(&dir, &pass(PASS), None, FAST)
            .unwrap_err()
            .code()
            .as_str(),
        "VAULT_EXISTS"
    );
    assert_eq!(snapshot(&dir), before);

    let deep = t.path().join("no/such/parent");
    let err = Vault::create(&deep, &pass(PASS), None, FAST).unwrap_err();
    assert_eq!(err.code().as_str(), "DATA_FOLDER_PARENT_MISSING");
    assert!(!deep.exists());
}

#[test]
fn unlock_in_an_empty_or_missing_folder_says_so() {
    let (t, dir) = vault_dir();
    assert_eq!(
        unlock(&dir, PASS).unwrap_err().code().as_str(),
        "DATA_FOLDER_MISSING"
    );
    assert_eq!(
        unlock(t.path(), PASS).unwrap_err().code().as_str(),
        "NO_VAULT"
    );
    assert_eq!(
        fs::read_dir(t.path()).unwrap().count(),
        0,
        "nothing created"
    );
}

#[test]
fn integrity_check_passes_on_a_healthy_vault() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let report = v.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(
        report.data_version,
        linkwork_store::migrations::latest_version()
    );
}

#[test]
fn calibrated_work_factor_is_never_below_the_floor() {
    let (_t, dir) = vault_dir();
    Vault::create(&dir, &pass(PASS), None, KdfCost::Calibrated)
        .unwrap()
        .lock()
        .unwrap();
    let bytes = fs::read(dir.join(paths::PASSPHRASE_KEY_FILE)).unwrap();
    let log_n = keys::scrypt_log_n(&bytes).unwrap();
    assert!(log_n >= keys::MIN_LOG_N, "work factor 2^{log_n}");
    unlock(&dir, PASS).unwrap();
}
