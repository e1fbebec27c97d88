//! The vault, settings, lock and the command surface itself.

use crate::util::*;
use linkwork_api::types::*;
use serde_json::json;
use std::time::{Duration, Instant, SystemTime};

#[test]
fn committed_typescript_bindings_are_current() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/generated/api.ts");
    let fresh = linkwork_api::bindings::typescript();
    if std::env::var_os("LINKWORK_UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == fresh, "ui/src/generated/api.ts is out of date with the Rust types: run `./dev bindings` and commit it");
}

#[test]
fn every_command_is_in_the_typescript_client() {
    let ts = linkwork_api::bindings::typescript();
    for name in linkwork_api::commands::NAMES {
        assert!(
            ts.contains(&format!("command: \"{name}\"")),
            "{name} missing"
        );
    }
}

#[test]
fn first_run_create_lock_unlock() {
    let (_t, s) = session();
    assert_eq!(j(s.api().status(NoArgs {})).unwrap()["vault"], "no_vault");
    create(&s);
    assert_eq!(j(s.api().status(NoArgs {})).unwrap()["vault"], "unlocked");
    let st = j(s.api().lock(NoArgs {})).unwrap();
    assert_eq!(
        (st["vault"].as_str(), st["locked_reason"].as_str()),
        (Some("locked"), Some("requested"))
    );
    let err = j(s.api().get_settings(NoArgs {})).unwrap_err();
    assert_eq!(err.code.as_str(), "LOCKED");
    let err = j(s.api().unlock(UnlockArgs {
        passphrase: secret_of("wrong passphrase!!"),
    }))
    .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("WRONG_PASSPHRASE", Some("passphrase"))
    );
    assert_eq!(
        j(s.api().unlock(UnlockArgs {
            passphrase: secret_of(PASS)
        }))
        .unwrap()["vault"],
        "unlocked"
    );
}

#[test]
fn create_vault_validates_each_field() {
    let (_t, s) = session();
    let err = j(s.api().create_vault(CreateVaultArgs {
        passphrase: secret_of("short"),
        passphrase_confirm: secret_of("short"),
        recovery_recipient: None,
    }))
    .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("INVALID_INPUT", Some("passphrase"))
    );
    let err = j(s.api().create_vault(CreateVaultArgs {
        passphrase: secret_of(PASS),
        passphrase_confirm: secret_of("different but long"),
        recovery_recipient: None,
    }))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("passphrase_confirm"));
    let err = j(s.api().create_vault(CreateVaultArgs {
        passphrase: secret_of(PASS),
        passphrase_confirm: secret_of(PASS),
        recovery_recipient: Some("age1nope".into()),
    }))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("recovery_recipient"));
    assert_eq!(
        j(s.api().status(NoArgs {})).unwrap()["vault"],
        "no_vault",
        "nothing half-made"
    );
    assert!(!s.data_dir().join("vault.json").exists());
}

#[test]
fn settings_round_trip_and_range() {
    let (_t, s) = session();
    create(&s);
    assert_eq!(
        j(s.api().get_settings(NoArgs {})).unwrap()["auto_lock_minutes"],
        10
    );
    let err = j(s.api().update_settings(UpdateSettingsArgs {
        auto_lock_minutes: 0,
        worker_name: None,
        whole_time_equivalent: None,
    }))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("auto_lock_minutes"));
    assert_eq!(
        j(s.api().update_settings(UpdateSettingsArgs {
            auto_lock_minutes: 25,
            worker_name: None,
            whole_time_equivalent: None
        }))
        .unwrap()["auto_lock_minutes"],
        25
    );
    j(s.api().lock(NoArgs {})).unwrap();
    j(s.api().unlock(UnlockArgs {
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    assert_eq!(
        j(s.api().get_settings(NoArgs {})).unwrap()["auto_lock_minutes"],
        25
    );
}

#[test]
fn idle_lock_follows_the_setting_and_both_clocks() {
    let (_t, s) = session();
    create(&s);
    j(s.api().update_settings(UpdateSettingsArgs {
        auto_lock_minutes: 2,
        worker_name: None,
        whole_time_equivalent: None,
    }))
    .unwrap();
    let (now, wall) = (Instant::now(), SystemTime::now());
    assert!(!s.lock_if_idle_at(now + Duration::from_secs(119), wall));
    // Laptop asleep: the monotonic clock barely moved, the wall clock moved two hours.
    assert!(s.lock_if_idle_at(
        now + Duration::from_secs(1),
        wall + Duration::from_secs(7200)
    ));
    let st = j(s.api().status(NoArgs {})).unwrap();
    assert_eq!(
        (st["vault"].as_str(), st["locked_reason"].as_str()),
        (Some("locked"), Some("idle"))
    );
    assert!(
        !s.lock_if_idle_at(now + Duration::from_secs(9999), wall),
        "already locked"
    );
    let _ = LockReason::Idle;
}

#[test]
fn change_passphrase_reports_the_wrong_old_one_on_its_field() {
    let (_t, s) = session();
    create(&s);
    let new = "another long passphrase";
    let err = j(s.api().change_passphrase(ChangePassphraseArgs {
        old_passphrase: secret_of("not it at all!"),
        new_passphrase: secret_of(new),
        new_passphrase_confirm: secret_of(new),
    }))
    .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("WRONG_PASSPHRASE", Some("old_passphrase"))
    );
    j(s.api().change_passphrase(ChangePassphraseArgs {
        old_passphrase: secret_of(PASS),
        new_passphrase: secret_of(new),
        new_passphrase_confirm: secret_of(new),
    }))
    .unwrap();
    j(s.api().lock(NoArgs {})).unwrap();
    assert!(j(s.api().unlock(UnlockArgs {
        passphrase: secret_of(PASS)
    }))
    .is_err());
    j(s.api().unlock(UnlockArgs {
        passphrase: secret_of(new),
    }))
    .unwrap();
}

#[test]
fn recovery_changes_need_the_passphrase() {
    let (_t, s) = session();
    create(&s);
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    let err = j(s.api().set_recovery(SetRecoveryArgs {
        passphrase: secret_of("not it at all!"),
        recovery_recipient: text(&recipient),
    }))
    .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("WRONG_PASSPHRASE", Some("passphrase"))
    );
    let v = j(s.api().set_recovery(SetRecoveryArgs {
        passphrase: secret_of(PASS),
        recovery_recipient: text(&recipient),
    }))
    .unwrap();
    assert_eq!(v["recovery_recipient"], recipient.as_str());
    let err = j(s.api().remove_recovery(RemoveRecoveryArgs {
        passphrase: secret_of(""),
    }))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("passphrase"));
    let v = j(s.api().remove_recovery(RemoveRecoveryArgs {
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    assert!(v["recovery_recipient"].is_null());
}

#[test]
fn malformed_and_unknown_commands_are_clear_errors() {
    let (_t, s) = session();
    assert_eq!(
        call(&s, "unlock", json!({"pass": 1}))
            .unwrap_err()
            .code
            .as_str(),
        "BAD_REQUEST"
    );
    assert_eq!(
        call(&s, "drop_tables", json!({}))
            .unwrap_err()
            .code
            .as_str(),
        "UNKNOWN_COMMAND"
    );
    // A hundred megabytes of text is refused by field before it is read; a long note is fine.
    let huge = "x".repeat(100 << 20);
    let e = call(
        &s,
        "update_settings",
        json!({"auto_lock_minutes": 5, "worker_name": huge}),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "BAD_REQUEST");
    assert_eq!(e.field.as_deref(), Some("worker_name"));
    assert!(e.message.len() < 300, "{}", e.message);
    drop(huge);
    // A value in the wrong place is named by its field, never quoted back.
    create(&s);
    for args in [
        json!({"auto_lock_minutes": "Ivy Walker lives at 4 Mill Lane", "worker_name": null}),
        json!({"search": null, "status": "Ivy Walker lives at 4 Mill Lane"}),
    ] {
        let cmd = if args.get("auto_lock_minutes").is_some() {
            "update_settings"
        } else {
            "caseload"
        };
        let e = call(&s, cmd, args).unwrap_err();
        assert_eq!(e.code.as_str(), "BAD_REQUEST", "{}", e.message);
        assert!(!e.message.contains("Mill Lane"), "{}", e.message);
        assert!(e.message.contains("expected"), "{}", e.message);
    }
}

#[test]
fn integrity_check_runs_from_the_ui_surface() {
    let (_t, s) = session();
    create(&s);
    assert_eq!(j(s.api().check_integrity(NoArgs {})).unwrap()["ok"], true);
}
