//! Backups through the command list: settings and their bad input, the job into a folder that
//! keeps the newest N, the caseload's reminder, the backup on lock, verify and restore (a new
//! laptop, with the passphrase or the recovery key), and the handover key.

use crate::util::*;
use linkwork_api::types::*;
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
    j(s.api().update_backup_settings(BackupSettingsForm {
        new_folder: folder.map(linkwork_api::chosen::ChosenFile::path_given),
        no_folder: folder.is_none(),
        keep: text(keep),
        remind_after_days: "7".into(),
        on_lock,
    }))
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
    let e = j(s.api().update_backup_settings(BackupSettingsForm {
        new_folder: None,
        no_folder: false,
        keep: "0".into(),
        remind_after_days: "soon".into(),
        on_lock: false,
    }))
    .unwrap_err();
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["keep", "remind_after_days"], "{e:?}");
    let e = settings(&s, None, "10", true).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("on_lock"));
    // With nowhere to go, a backup asks where.
    let e = j(s.api().backup(BackupArgs {
        path: None,
        overwrite: false,
    }))
    .unwrap_err();
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
    assert!(j(s.api().caseload(CaseloadArgs::default())).unwrap()["backup_due"].is_null());
    j(s.api()
        .add_referral(referral(None, "Ivy", "Walker", "1950-01-01", 3)))
    .unwrap();
    let due = j(s.api().caseload(CaseloadArgs::default())).unwrap()["backup_due"].clone();
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
    assert!(j(s.api().caseload(CaseloadArgs::default())).unwrap()["backup_due"].is_null());

    // Eight days later the reminder is back.
    s.lock(LockReason::Requested);
    let later = session_on(&t.path().join("data"), today() + chrono::Duration::days(8));
    j(later.api().unlock(UnlockArgs {
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    let due = j(later.api().caseload(CaseloadArgs::default())).unwrap()["backup_due"].clone();
    assert_eq!(due, json!({"days": 8}));
}

#[test]
fn locking_backs_up_to_the_folder_only_when_something_changed() {
    let (t, s) = unlocked();
    let folder = t.path().join("share");
    std::fs::create_dir(&folder).unwrap();
    j(s.api()
        .add_referral(referral(None, "Ivy", "Walker", "1950-01-01", 3)))
    .unwrap();
    settings(&s, Some(&folder), "10", true).unwrap();
    j(s.api().lock(NoArgs {})).unwrap();
    s.wait_for_background();
    assert_eq!(backup_files(&folder).len(), 1);

    // Unlocking and locking again with nothing changed makes no new backup.
    j(s.api().unlock(UnlockArgs {
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    j(s.api().lock(NoArgs {})).unwrap();
    s.wait_for_background();
    assert_eq!(backup_files(&folder).len(), 1);

    // The backup on lock opens like any other.
    let file = folder.join(&backup_files(&folder)[0]);
    let v = j(s.api().verify_backup(BackupFileArgs {
        path: linkwork_api::chosen::ChosenFile::path_given(&file),
        passphrase: Some(secret_of(PASS)),
        recovery_identity: None,
    }))
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
    j(s.api().create_vault(CreateVaultArgs {
        passphrase: secret_of(PASS),
        passphrase_confirm: secret_of(PASS),
        recovery_recipient: Some(text(id.to_public().to_string())),
    }))
    .unwrap();
    j(s.api().add_referral(referral(
        Some("943 476 5919"),
        "Ivy",
        "Walker",
        "1950-01-01",
        3,
    )))
    .unwrap();
    let key = j(s.api().handover_key(NoArgs {})).unwrap()["recipient"].clone();
    let file = t.path().join("backup.age");
    let done = run_job(&s, "backup", json!({"path": file}));
    assert_eq!(done["output"]["report"]["to_recovery"], true);
    let before = j(s.api().caseload(CaseloadArgs::default())).unwrap()["rows"].clone();

    // Restoring is refused while a vault is open, and over an existing vault unless confirmed.
    let e = j(s.api().restore_backup(RestoreArgs {
        file: BackupFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&file),
            passphrase: Some(secret_of(PASS)),
            recovery_identity: None,
        },
        new_passphrase: None,
        new_passphrase_confirm: None,
        replace: false,
        unsigned: false,
        erased: None,
    }))
    .unwrap_err();
    assert!(e.message.contains("Lock Linkwork"), "{}", e.message);
    s.lock(LockReason::Requested);
    let e = j(s.api().restore_backup(RestoreArgs {
        file: BackupFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&file),
            passphrase: Some(secret_of(PASS)),
            recovery_identity: None,
        },
        new_passphrase: None,
        new_passphrase_confirm: None,
        replace: false,
        unsigned: false,
        erased: None,
    }))
    .unwrap_err();
    assert_eq!(e.code.as_str(), "VAULT_EXISTS");

    // A new laptop: the passphrase opens the backup, and the restored vault is open.
    let laptop = session_on(&t.path().join("new-laptop"), today());
    let e = j(laptop.api().restore_backup(RestoreArgs {
        file: BackupFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&file),
            passphrase: Some(secret_of("not the passphrase")),
            recovery_identity: None,
        },
        new_passphrase: None,
        new_passphrase_confirm: None,
        replace: false,
        unsigned: false,
        erased: None,
    }))
    .unwrap_err();
    assert_eq!(e.code.as_str(), "BACKUP_WRONG_KEY");
    let done = j(laptop.api().restore_backup(RestoreArgs {
        file: BackupFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&file),
            passphrase: Some(secret_of(PASS)),
            recovery_identity: None,
        },
        new_passphrase: None,
        new_passphrase_confirm: None,
        replace: false,
        unsigned: false,
        erased: None,
    }))
    .unwrap();
    assert_eq!(done["status"]["vault"], "unlocked");
    assert_eq!(done["verified"]["counts"]["person"], 1);
    assert_eq!(
        j(laptop.api().caseload(CaseloadArgs::default())).unwrap()["rows"],
        before
    );
    // The same vault identity: colleagues' handover key still works.
    assert_eq!(
        j(laptop.api().handover_key(NoArgs {})).unwrap()["recipient"],
        key
    );

    // Another laptop, with the recovery key: a new passphrase is needed and then opens it.
    let other = session_on(&t.path().join("other-laptop"), today());
    let e = j(other.api().restore_backup(RestoreArgs {
        file: BackupFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&file),
            passphrase: None,
            recovery_identity: Some(secret_of(&secret)),
        },
        new_passphrase: None,
        new_passphrase_confirm: None,
        replace: false,
        unsigned: false,
        erased: None,
    }))
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("new_passphrase"));
    let new = "a new passphrase for the new laptop";
    j(other.api().restore_backup(RestoreArgs {
        file: BackupFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&file),
            passphrase: None,
            recovery_identity: Some(secret_of(&secret)),
        },
        new_passphrase: Some(secret_of(new)),
        new_passphrase_confirm: Some(secret_of(new)),
        replace: false,
        unsigned: false,
        erased: None,
    }))
    .unwrap();
    other.lock(LockReason::Requested);
    j(other.api().unlock(UnlockArgs {
        passphrase: secret_of(new),
    }))
    .unwrap();
    assert_eq!(
        j(other.api().caseload(CaseloadArgs::default())).unwrap()["rows"],
        before
    );
}

/// Records leave for someone else's vault only with the passphrase typed again: script in the
/// window alone could not seal the caseload to a key of its choosing.
#[test]
fn a_handover_is_sealed_only_with_the_passphrase() {
    let (t, s) = unlocked();
    let r = j(s.api().add_referral(referral(
        Some("943 476 5919"),
        "Ivy",
        "Walker",
        "1950-03-04",
        3,
    )))
    .unwrap();
    let person = r["person_id"].clone();
    let (_t2, colleague) = unlocked();
    let key = j(colleague.api().handover_key(NoArgs {})).unwrap()["recipient"].clone();
    let out = t.path().join("handover.age");
    for (given, code) in [
        ("", "INVALID_INPUT"),
        ("not my passphrase", "WRONG_PASSPHRASE"),
    ] {
        let e = j(s.api().export_handover(HandoverExportArgs {
            to: text(&key),
            people: vec![id_of(&person)],
            all_open: false,
            path: linkwork_api::chosen::ChosenFile::path_given(&out),
            overwrite: false,
            passphrase: secret_of(given),
        }))
        .unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            (code, Some("passphrase"))
        );
        assert!(!out.exists());
    }
    // Checked before the save dialog opens: every problem at once, the passphrase's first.
    let e = j(s.api().check_handover(HandoverCheckArgs {
        to: "age1nope".into(),
        people: vec![],
        all_open: false,
        passphrase: secret_of("not my passphrase"),
    }))
    .unwrap_err();
    assert_eq!(e.code.as_str(), "WRONG_PASSPHRASE");
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["passphrase", "to", "people"], "{e:?}");
    let mine = j(s.api().handover_key(NoArgs {})).unwrap()["recipient"].clone();
    let e = j(s.api().check_handover(HandoverCheckArgs {
        to: text(&mine),
        people: vec![id_of(&person)],
        all_open: false,
        passphrase: secret_of(""),
    }))
    .unwrap_err();
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["passphrase", "to"], "{e:?}");
    assert!(e.problems[1].message.contains("your own handover key"));
    j(s.api().check_handover(HandoverCheckArgs {
        to: text(&key),
        people: vec![id_of(&person)],
        all_open: false,
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    let done = j(s.api().export_handover(HandoverExportArgs {
        to: text(&key),
        people: vec![id_of(&person)],
        all_open: false,
        path: linkwork_api::chosen::ChosenFile::path_given(&out),
        overwrite: false,
        passphrase: secret_of(PASS),
    }))
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
    j(asha.api().update_settings(UpdateSettingsArgs {
        auto_lock_minutes: 15,
        worker_name: Some("Asha Patel".into()),
        whole_time_equivalent: None,
    }))
    .unwrap();
    let r = j(asha.api().add_referral(referral(
        Some("943 476 5919"),
        "Ivy",
        "Walker",
        "1950-03-04",
        3,
    )))
    .unwrap();
    let mine = j(me.api().handover_key(NoArgs {})).unwrap();
    let hers = j(asha.api().handover_key(NoArgs {})).unwrap();
    let fingerprint = hers["fingerprint"].as_str().unwrap().to_string();
    assert_eq!(fingerprint.len(), 24, "{fingerprint}");
    assert_ne!(mine["fingerprint"], hers["fingerprint"]);
    let file = t.path().join("from-asha.age");
    j(asha.api().export_handover(HandoverExportArgs {
        to: text(&mine["recipient"]),
        people: vec![id_of(&r["person_id"])],
        all_open: false,
        path: linkwork_api::chosen::ChosenFile::path_given(&file),
        overwrite: false,
        passphrase: secret_of(PASS),
    }))
    .unwrap();

    let preview = j(me.api().preview_handover(HandoverFileArgs {
        path: linkwork_api::chosen::ChosenFile::path_given(&file),
        identity: None,
        accept_signer: None,
        erased: None,
    }))
    .unwrap();
    assert_eq!(preview["signer"]["fingerprint"], fingerprint.as_str());
    assert_eq!(preview["signer"]["trust"], "new");
    assert_eq!(preview["from"], "Asha Patel");
    let import = |accept: Option<&str>| {
        j(me.api().import_handover(HandoverFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&file),
            identity: None,
            accept_signer: accept.map(String::from),
            erased: None,
        }))
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
    assert_eq!(
        j(me.api().caseload(CaseloadArgs::default())).unwrap()["rows"],
        json!([])
    );

    let done = import(Some(&fingerprint)).unwrap();
    assert_eq!(done["signer"]["trust"], "accepted");
    assert_eq!(done["summary"][0], "1 person");
    let keys = j(me.api().colleague_keys(NoArgs {})).unwrap();
    assert_eq!(keys["colleagues"][0]["fingerprint"], fingerprint.as_str());
    assert_eq!(
        j(me.api().preview_handover(HandoverFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&file),
            identity: None,
            accept_signer: None,
            erased: None
        }))
        .unwrap()["signer"]["trust"],
        "accepted"
    );
    import(None).unwrap();

    let left = j(me.api().forget_colleague_key(ForgetColleagueArgs {
        fingerprint: text(&fingerprint),
    }))
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
    j(s.api().add_referral(referral(
        Some("943 476 5919"),
        "Ivy",
        "Walker",
        "1950-03-04",
        3,
    )))
    .unwrap();
    let older = t.path().join("older.age");
    run_job(&s, "backup", json!({"path": older}));
    j(s.api()
        .add_referral(referral(None, "Sam", "Okafor", "1960-01-02", 2)))
    .unwrap();
    let newer = t.path().join("newer.age");
    run_job(&s, "backup", json!({"path": newer}));

    let compared = j(s.api().compare_audit_with_backup(BackupFileArgs {
        path: linkwork_api::chosen::ChosenFile::path_given(&older),
        passphrase: Some(secret_of(PASS)),
        recovery_identity: None,
    }))
    .unwrap();
    assert_eq!(compared["holds"], true, "{compared}");
    let summary = compared["summary"].as_str().unwrap();
    assert!(
        summary.contains("unchanged") && summary.contains("since"),
        "{summary}"
    );
    let e = j(s.api().compare_audit_with_backup(BackupFileArgs {
        path: linkwork_api::chosen::ChosenFile::path_given(&older),
        passphrase: Some(secret_of("not it")),
        recovery_identity: None,
    }))
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("passphrase"));

    // Someone restores the older backup over the vault: what happened after it is gone.
    s.lock(LockReason::Requested);
    j(s.api().restore_backup(RestoreArgs {
        file: BackupFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&older),
            passphrase: Some(secret_of(PASS)),
            recovery_identity: None,
        },
        new_passphrase: None,
        new_passphrase_confirm: None,
        replace: true,
        unsigned: false,
        erased: None,
    }))
    .unwrap();
    let compared = j(s.api().compare_audit_with_backup(BackupFileArgs {
        path: linkwork_api::chosen::ChosenFile::path_given(&newer),
        passphrase: Some(secret_of(PASS)),
        recovery_identity: None,
    }))
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
    let r = j(asha.api().add_referral(referral(
        Some("943 476 5919"),
        "Ivy",
        "Walker",
        "1950-03-04",
        3,
    )))
    .unwrap();
    let mine = j(me.api().handover_key(NoArgs {})).unwrap();
    let fingerprint = j(asha.api().handover_key(NoArgs {})).unwrap()["fingerprint"].clone();
    let file = t.path().join("from-asha.age");
    j(asha.api().export_handover(HandoverExportArgs {
        to: text(&mine["recipient"]),
        people: vec![id_of(&r["person_id"])],
        all_open: false,
        path: linkwork_api::chosen::ChosenFile::path_given(&file),
        overwrite: false,
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    let done = j(me.api().import_handover(HandoverFileArgs {
        path: linkwork_api::chosen::ChosenFile::path_given(&file),
        identity: None,
        accept_signer: Some(text(&fingerprint)),
        erased: None,
    }))
    .unwrap();
    assert_eq!(done["summary"][0], "1 person");
    let ivy =
        j(me.api().caseload(CaseloadArgs::default())).unwrap()["rows"][0]["person_id"].clone();
    j(me.api().erase_person(ErasePersonArgs {
        person_id: id_of(&ivy),
        confirm_name: "Ivy Walker".into(),
    }))
    .unwrap();

    let preview = j(me.api().preview_handover(HandoverFileArgs {
        path: linkwork_api::chosen::ChosenFile::path_given(&file),
        identity: None,
        accept_signer: None,
        erased: None,
    }))
    .unwrap();
    let said = preview["people"][0]["erased"].as_str().unwrap();
    assert!(said.starts_with("Erased from this vault on"), "{said}");
    assert_eq!(preview["summary"], json!([]));
    let e = j(me.api().import_handover(HandoverFileArgs {
        path: linkwork_api::chosen::ChosenFile::path_given(&file),
        identity: None,
        accept_signer: None,
        erased: None,
    }))
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("IMPORT_REFUSED", Some("erased"))
    );
    assert!(e.message.contains("Ivy Walker"), "{}", e.message);
    let kept = j(me.api().import_handover(HandoverFileArgs {
        path: linkwork_api::chosen::ChosenFile::path_given(&file),
        identity: None,
        accept_signer: None,
        erased: Some(ErasedPeople::LeaveOut),
    }))
    .unwrap();
    assert_eq!(kept["summary"], json!([]));
    assert_eq!(
        j(me.api().caseload(CaseloadArgs::default())).unwrap()["rows"],
        json!([])
    );
}

/// Restoring a backup made before someone was erased, over the vault they were erased from: the
/// restore asks on the field `erased`, then erases them again.
#[test]
fn restoring_an_older_backup_asks_before_bringing_back_someone_erased() {
    let (t, s) = unlocked();
    let r = j(s.api().add_referral(referral(
        Some("943 476 5919"),
        "Ivy",
        "Walker",
        "1950-03-04",
        3,
    )))
    .unwrap();
    let older = t.path().join("older.age");
    run_job(&s, "backup", json!({"path": older}));
    j(s.api().erase_person(ErasePersonArgs {
        person_id: id_of(&r["person_id"]),
        confirm_name: "Ivy Walker".into(),
    }))
    .unwrap();
    s.lock(LockReason::Requested);
    let e = j(s.api().restore_backup(RestoreArgs {
        file: BackupFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&older),
            passphrase: Some(secret_of(PASS)),
            recovery_identity: None,
        },
        new_passphrase: None,
        new_passphrase_confirm: None,
        replace: true,
        unsigned: false,
        erased: None,
    }))
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("IMPORT_REFUSED", Some("erased"))
    );
    assert!(e.message.contains("Ivy Walker"), "{}", e.message);
    let done = j(s.api().restore_backup(RestoreArgs {
        file: BackupFileArgs {
            path: linkwork_api::chosen::ChosenFile::path_given(&older),
            passphrase: Some(secret_of(PASS)),
            recovery_identity: None,
        },
        new_passphrase: None,
        new_passphrase_confirm: None,
        replace: true,
        unsigned: false,
        erased: Some(RestoreErased::EraseAgain),
    }))
    .unwrap();
    assert_eq!(done["erased_again"], json!(["Ivy Walker"]));
    assert_eq!(
        j(s.api().caseload(CaseloadArgs::default())).unwrap()["rows"],
        json!([])
    );
}
