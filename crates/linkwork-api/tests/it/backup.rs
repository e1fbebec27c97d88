//! Backups through the command list: settings and their bad input, the job into a folder that
//! keeps the newest N, the caseload's reminder, the backup on lock, verify and restore (a new
//! laptop, with the passphrase or the recovery key), and the handover key.

use crate::util::*;
use linkwork_api::Session;
use linkwork_store::KdfCost;
use serde_json::{json, Value};
use std::path::Path;

fn session_on(dir: &Path, day: chrono::NaiveDate) -> Session {
    let clock = std::sync::Arc::new(linkwork_core::FixedClock::on(day));
    Session::with_clock(dir, KdfCost::InsecureForTests(10), clock)
}

fn settings(
    s: &Session,
    folder: Option<&Path>,
    keep: &str,
    on_lock: bool,
) -> Result<Value, linkwork_api::ApiError> {
    call(
        s,
        "update_backup_settings",
        json!({"new_folder": folder, "no_folder": folder.is_none(), "keep": keep, "remind_after_days": "7", "on_lock": on_lock}),
    )
}

fn backup_files(folder: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn backup_settings_refuse_bad_input_by_field() {
    let (t, s) = unlocked();
    let e = settings(&s, Some(&t.path().join("nowhere")), "10", false).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("folder"));
    let e = settings(&s, Some(&t.path().join("data")), "10", false).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("folder"), "{}", e.message);
    let e = call(
        &s,
        "update_backup_settings",
        json!({"folder": null, "keep": "0", "remind_after_days": "soon", "on_lock": false}),
    )
    .unwrap_err();
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["keep", "remind_after_days"], "{e:?}");
    let e = settings(&s, None, "10", true).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("on_lock"));
    // With nowhere to go, a backup asks where.
    let e = call(&s, "backup", json!({})).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("path"));
    // No file chosen: each says which, in words about choosing (not "Enter the …").
    for (cmd, args, what) in [
        (
            "verify_backup",
            json!({"path": "", "passphrase": PASS}),
            "the backup file",
        ),
        ("preview_handover", json!({"path": ""}), "the handover file"),
        (
            "import_assets",
            json!({"path": "", "dry_run": true}),
            "the file or folder to import",
        ),
    ] {
        let e = call(&s, cmd, args).unwrap_err();
        assert_eq!(e.message, format!("Choose {what} first."), "{cmd}");
        assert_eq!(e.field.as_deref(), Some("path"));
    }
    // Nothing is read from inside the data folder (closing a file there would drop the database's locks).
    let inside = t.path().join("data").join("linkwork.db");
    for (cmd, args) in [
        ("verify_backup", json!({"path": inside, "passphrase": PASS})),
        ("preview_handover", json!({"path": inside})),
        ("import_assets", json!({"path": inside, "dry_run": true})),
    ] {
        let e = call(&s, cmd, args).unwrap_err();
        assert_eq!(
            e.code.as_str(),
            "PATH_IN_DATA_FOLDER",
            "{cmd}: {}",
            e.message
        );
        assert_eq!(e.field.as_deref(), Some("path"));
    }
}

#[test]
fn backups_into_the_folder_keep_the_newest_and_the_reminder_follows_them() {
    let (t, s) = unlocked();
    let folder = t.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    // Nothing to lose yet: no reminder.
    assert!(call(&s, "caseload", json!({})).unwrap()["backup_due"].is_null());
    call(
        &s,
        "add_referral",
        referral(None, "Ivy", "Walker", "1950-01-01", 3),
    )
    .unwrap();
    let due = call(&s, "caseload", json!({})).unwrap()["backup_due"].clone();
    assert_eq!(due, json!({"days": null}));

    settings(&s, Some(&folder), "2", false).unwrap();
    // A stray file of the person's own is never pruned.
    std::fs::write(folder.join("notes.txt"), "mine").unwrap();
    for _ in 0..3 {
        let done = run_job(&s, "backup", json!({}));
        assert_eq!(done["state"], "done", "{done}");
        assert_eq!(done["output"]["report"]["people"], 1);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let files = backup_files(&folder);
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(files.contains(&"notes.txt".to_string()));
    assert!(call(&s, "caseload", json!({})).unwrap()["backup_due"].is_null());

    // Eight days later the reminder is back.
    s.lock(linkwork_api::types::LockReason::Requested);
    let later = session_on(&t.path().join("data"), today() + chrono::Duration::days(8));
    call(&later, "unlock", json!({"passphrase": PASS})).unwrap();
    let due = call(&later, "caseload", json!({})).unwrap()["backup_due"].clone();
    assert_eq!(due, json!({"days": 8}));
}

#[test]
fn locking_backs_up_to_the_folder_only_when_something_changed() {
    let (t, s) = unlocked();
    let folder = t.path().join("share");
    std::fs::create_dir(&folder).unwrap();
    call(
        &s,
        "add_referral",
        referral(None, "Ivy", "Walker", "1950-01-01", 3),
    )
    .unwrap();
    settings(&s, Some(&folder), "10", true).unwrap();
    call(&s, "lock", json!({})).unwrap();
    s.wait_for_background();
    assert_eq!(backup_files(&folder).len(), 1);

    // Unlocking and locking again with nothing changed makes no new backup.
    call(&s, "unlock", json!({"passphrase": PASS})).unwrap();
    call(&s, "lock", json!({})).unwrap();
    s.wait_for_background();
    assert_eq!(backup_files(&folder).len(), 1);

    // The backup on lock opens like any other.
    let file = folder.join(&backup_files(&folder)[0]);
    let v = call(
        &s,
        "verify_backup",
        json!({"path": file, "passphrase": PASS}),
    )
    .unwrap();
    assert_eq!(v["counts"]["person"], 1);
}

#[test]
fn a_new_laptop_restores_with_the_passphrase_or_the_recovery_key() {
    let (t, s) = session();
    let id = age::x25519::Identity::generate();
    let secret = {
        use secrecy::ExposeSecret;
        id.to_string().expose_secret().to_string()
    };
    call(
        &s,
        "create_vault",
        json!({"passphrase": PASS, "passphrase_confirm": PASS, "recovery_recipient": id.to_public().to_string()}),
    )
    .unwrap();
    call(
        &s,
        "add_referral",
        referral(Some("943 476 5919"), "Ivy", "Walker", "1950-01-01", 3),
    )
    .unwrap();
    let key = call(&s, "handover_key", json!({})).unwrap()["recipient"].clone();
    let file = t.path().join("backup.age");
    let done = run_job(&s, "backup", json!({"path": file}));
    assert_eq!(done["output"]["report"]["to_recovery"], true);
    let before = call(&s, "caseload", json!({})).unwrap()["rows"].clone();

    // Restoring is refused while a vault is open, and over an existing vault unless confirmed.
    let e = call(
        &s,
        "restore_backup",
        json!({"path": file, "passphrase": PASS}),
    )
    .unwrap_err();
    assert!(e.message.contains("Lock Linkwork"), "{}", e.message);
    s.lock(linkwork_api::types::LockReason::Requested);
    let e = call(
        &s,
        "restore_backup",
        json!({"path": file, "passphrase": PASS}),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "VAULT_EXISTS");

    // A new laptop: the passphrase opens the backup, and the restored vault is open.
    let laptop = session_on(&t.path().join("new-laptop"), today());
    let e = call(
        &laptop,
        "restore_backup",
        json!({"path": file, "passphrase": "not the passphrase"}),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "BACKUP_WRONG_KEY");
    let done = call(
        &laptop,
        "restore_backup",
        json!({"path": file, "passphrase": PASS}),
    )
    .unwrap();
    assert_eq!(done["status"]["vault"], "unlocked");
    assert_eq!(done["verified"]["counts"]["person"], 1);
    assert_eq!(
        call(&laptop, "caseload", json!({})).unwrap()["rows"],
        before
    );
    // The same vault identity: colleagues' handover key still works.
    assert_eq!(
        call(&laptop, "handover_key", json!({})).unwrap()["recipient"],
        key
    );

    // Another laptop, with the recovery key: a new passphrase is needed and then opens it.
    let other = session_on(&t.path().join("other-laptop"), today());
    let e = call(
        &other,
        "restore_backup",
        json!({"path": file, "recovery_identity": secret}),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("new_passphrase"));
    let new = "a new passphrase for the new laptop";
    call(
        &other,
        "restore_backup",
        json!({"path": file, "recovery_identity": secret, "new_passphrase": new, "new_passphrase_confirm": new}),
    )
    .unwrap();
    other.lock(linkwork_api::types::LockReason::Requested);
    call(&other, "unlock", json!({"passphrase": new})).unwrap();
    assert_eq!(call(&other, "caseload", json!({})).unwrap()["rows"], before);
}

/// Records leave for someone else's vault only with the passphrase typed again: script in the
/// window alone could not seal the caseload to a key of its choosing.
#[test]
fn a_handover_is_sealed_only_with_the_passphrase() {
    let (t, s) = unlocked();
    let r = call(
        &s,
        "add_referral",
        referral(Some("943 476 5919"), "Ivy", "Walker", "1950-03-04", 3),
    )
    .unwrap();
    let person = r["person_id"].clone();
    let (_t2, colleague) = unlocked();
    let key = call(&colleague, "handover_key", json!({})).unwrap()["recipient"].clone();
    let out = t.path().join("handover.age");
    for (given, code) in [
        ("", "INVALID_INPUT"),
        ("not my passphrase", "WRONG_PASSPHRASE"),
    ] {
        let e = call(
            &s,
            "export_handover",
            json!({"to": key, "people": [person], "path": out, "passphrase": given}),
        )
        .unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            (code, Some("passphrase"))
        );
        assert!(!out.exists());
    }
    // Checked before the save dialog opens: every problem at once, the passphrase's first.
    let e = call(
        &s,
        "check_handover",
        json!({"to": "age1nope", "people": [], "passphrase": "not my passphrase"}),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "WRONG_PASSPHRASE");
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["passphrase", "to", "people"], "{e:?}");
    let mine = call(&s, "handover_key", json!({})).unwrap()["recipient"].clone();
    let e = call(
        &s,
        "check_handover",
        json!({"to": mine, "people": [person], "passphrase": ""}),
    )
    .unwrap_err();
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["passphrase", "to"], "{e:?}");
    assert!(e.problems[1].message.contains("your own handover key"));
    call(
        &s,
        "check_handover",
        json!({"to": key, "people": [person], "passphrase": PASS}),
    )
    .unwrap();
    let done = call(
        &s,
        "export_handover",
        json!({"to": key, "people": [person], "path": out, "passphrase": PASS}),
    )
    .unwrap();
    assert_eq!(done["people"], json!([person]));
    assert!(out.exists());
}

/// A colleague's first handover: the preview names who signed it and that their key is new here;
/// the import is refused until the fingerprint they read out is given back, then their next one
/// goes straight through; forgetting their key asks again.
#[test]
fn a_colleagues_key_is_accepted_with_the_fingerprint_they_read_out() {
    let (t, me) = unlocked();
    let (_t2, asha) = unlocked();
    call(
        &asha,
        "update_settings",
        json!({"auto_lock_minutes": 15, "worker_name": "Asha Patel"}),
    )
    .unwrap();
    let r = call(
        &asha,
        "add_referral",
        referral(Some("943 476 5919"), "Ivy", "Walker", "1950-03-04", 3),
    )
    .unwrap();
    let mine = call(&me, "handover_key", json!({})).unwrap();
    let hers = call(&asha, "handover_key", json!({})).unwrap();
    let fingerprint = hers["fingerprint"].as_str().unwrap().to_string();
    assert_eq!(fingerprint.len(), 24, "{fingerprint}");
    assert_ne!(mine["fingerprint"], hers["fingerprint"]);
    let file = t.path().join("from-asha.age");
    call(
        &asha,
        "export_handover",
        json!({"to": mine["recipient"], "people": [r["person_id"]], "path": file, "passphrase": PASS}),
    )
    .unwrap();

    let preview = call(&me, "preview_handover", json!({"path": file})).unwrap();
    assert_eq!(preview["signer"]["fingerprint"], fingerprint.as_str());
    assert_eq!(preview["signer"]["trust"], "new");
    assert_eq!(preview["from"], "Asha Patel");
    let import = |accept: Option<&str>| {
        call(
            &me,
            "import_handover",
            json!({"path": file, "accept_signer": accept}),
        )
    };
    let e = import(None).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("SIGNER_NOT_ACCEPTED", None)
    );
    assert!(e.message.contains(&fingerprint), "{}", e.message);
    let e = import(Some("ABCD EF01 2345 6789 ABCD")).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("SIGNER_NOT_ACCEPTED", Some("accept_signer"))
    );
    assert_eq!(call(&me, "caseload", json!({})).unwrap()["rows"], json!([]));

    let done = import(Some(&fingerprint)).unwrap();
    assert_eq!(done["signer"]["trust"], "accepted");
    assert_eq!(done["summary"][0], "1 person");
    let keys = call(&me, "colleague_keys", json!({})).unwrap();
    assert_eq!(keys["colleagues"][0]["fingerprint"], fingerprint.as_str());
    assert_eq!(
        call(&me, "preview_handover", json!({"path": file})).unwrap()["signer"]["trust"],
        "accepted"
    );
    import(None).unwrap();

    let left = call(
        &me,
        "forget_colleague_key",
        json!({"fingerprint": fingerprint}),
    )
    .unwrap();
    assert_eq!(left["colleagues"], json!([]));
    assert_eq!(
        import(None).unwrap_err().code.as_str(),
        "SIGNER_NOT_ACCEPTED"
    );
}

/// The trail beside a backup's anchor: holds while rows are only added; a vault restored from an
/// older backup (so the newest rows are gone) is caught when compared with a later backup.
#[test]
fn the_audit_trail_is_compared_with_where_a_backup_saw_it_end() {
    let (t, s) = unlocked();
    call(
        &s,
        "add_referral",
        referral(Some("943 476 5919"), "Ivy", "Walker", "1950-03-04", 3),
    )
    .unwrap();
    let older = t.path().join("older.age");
    run_job(&s, "backup", json!({"path": older}));
    call(
        &s,
        "add_referral",
        referral(None, "Sam", "Okafor", "1960-01-02", 2),
    )
    .unwrap();
    let newer = t.path().join("newer.age");
    run_job(&s, "backup", json!({"path": newer}));

    let compared = call(
        &s,
        "compare_audit_with_backup",
        json!({"path": older, "passphrase": PASS}),
    )
    .unwrap();
    assert_eq!(compared["holds"], true, "{compared}");
    let summary = compared["summary"].as_str().unwrap();
    assert!(
        summary.contains("unchanged") && summary.contains("since"),
        "{summary}"
    );
    let e = call(
        &s,
        "compare_audit_with_backup",
        json!({"path": older, "passphrase": "not it"}),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("passphrase"));

    // Someone restores the older backup over the vault: what happened after it is gone.
    s.lock(linkwork_api::types::LockReason::Requested);
    call(
        &s,
        "restore_backup",
        json!({"path": older, "passphrase": PASS, "replace": true}),
    )
    .unwrap();
    let compared = call(
        &s,
        "compare_audit_with_backup",
        json!({"path": newer, "passphrase": PASS}),
    )
    .unwrap();
    assert_eq!(compared["holds"], false, "{compared}");
    let summary = compared["summary"].as_str().unwrap();
    assert!(
        summary.contains("restored from an older backup"),
        "{summary}"
    );
}

/// An old handover that holds someone erased here: the preview says so, the import refuses until
/// told what to do, and "leave out" keeps the erasure.
#[test]
fn an_old_handover_asks_before_bringing_back_someone_erased() {
    let (t, me) = unlocked();
    let (_t2, asha) = unlocked();
    let r = call(
        &asha,
        "add_referral",
        referral(Some("943 476 5919"), "Ivy", "Walker", "1950-03-04", 3),
    )
    .unwrap();
    let mine = call(&me, "handover_key", json!({})).unwrap();
    let fingerprint = call(&asha, "handover_key", json!({})).unwrap()["fingerprint"].clone();
    let file = t.path().join("from-asha.age");
    call(
        &asha,
        "export_handover",
        json!({"to": mine["recipient"], "people": [r["person_id"]], "path": file, "passphrase": PASS}),
    )
    .unwrap();
    let done = call(
        &me,
        "import_handover",
        json!({"path": file, "accept_signer": fingerprint}),
    )
    .unwrap();
    assert_eq!(done["summary"][0], "1 person");
    let ivy = call(&me, "caseload", json!({})).unwrap()["rows"][0]["person_id"].clone();
    call(
        &me,
        "erase_person",
        json!({"person_id": ivy, "confirm_name": "Ivy Walker"}),
    )
    .unwrap();

    let preview = call(&me, "preview_handover", json!({"path": file})).unwrap();
    let said = preview["people"][0]["erased"].as_str().unwrap();
    assert!(said.starts_with("Erased from this vault on"), "{said}");
    assert_eq!(preview["summary"], json!([]));
    let e = call(&me, "import_handover", json!({"path": file})).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("IMPORT_REFUSED", Some("erased"))
    );
    assert!(e.message.contains("Ivy Walker"), "{}", e.message);
    let kept = call(
        &me,
        "import_handover",
        json!({"path": file, "erased": "leave_out"}),
    )
    .unwrap();
    assert_eq!(kept["summary"], json!([]));
    assert_eq!(call(&me, "caseload", json!({})).unwrap()["rows"], json!([]));
}

/// Restoring a backup made before someone was erased, over the vault they were erased from: the
/// restore asks on the field `erased`, then erases them again.
#[test]
fn restoring_an_older_backup_asks_before_bringing_back_someone_erased() {
    let (t, s) = unlocked();
    let r = call(
        &s,
        "add_referral",
        referral(Some("943 476 5919"), "Ivy", "Walker", "1950-03-04", 3),
    )
    .unwrap();
    let older = t.path().join("older.age");
    run_job(&s, "backup", json!({"path": older}));
    call(
        &s,
        "erase_person",
        json!({"person_id": r["person_id"], "confirm_name": "Ivy Walker"}),
    )
    .unwrap();
    s.lock(linkwork_api::types::LockReason::Requested);
    let e = call(
        &s,
        "restore_backup",
        json!({"path": older, "passphrase": PASS, "replace": true}),
    )
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("IMPORT_REFUSED", Some("erased"))
    );
    assert!(e.message.contains("Ivy Walker"), "{}", e.message);
    let done = call(
        &s,
        "restore_backup",
        json!({"path": older, "passphrase": PASS, "replace": true, "erased": "erase_again"}),
    )
    .unwrap();
    assert_eq!(done["erased_again"], json!(["Ivy Walker"]));
    assert_eq!(call(&s, "caseload", json!({})).unwrap()["rows"], json!([]));
}
