use crate::util::*;
use linkwork_core::{AutoLockMinutes, Coded};
use linkwork_store::{
    migrations::{latest_version, user_version, Migration, MIGRATIONS},
    paths, settings,
    vault::Credential,
    Options, Vault,
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

fn table_exists(dir: &std::path::Path, name: &str) -> bool {
    raw(dir)
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
    assert_eq!(err.code().as_str(), "MIGRATION_FAILED");
    let expected = format!(
        "data version {} (broken) failed, so nothing was changed",
        latest_version() + 2
    );
    assert!(err.to_string().contains(&expected), "{err}");

    let v = unlock(&dir, PASS).unwrap();
    assert_eq!(user_version(v.read()).unwrap(), latest_version());
    assert!(
        !table_exists(&dir, "extra_table"),
        "migration 2 ran in the same transaction and must be undone"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    raw(&dir).pragma_update(None, "user_version", 99).unwrap();
    let before = snapshot(&dir);
    let err = unlock(&dir, PASS).unwrap_err();
    assert_eq!(err.code().as_str(), "NEWER_VERSION");
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
    v.write(|tx| settings::set_auto_lock(tx, AutoLockMinutes::new(42).unwrap()))
        .unwrap();
    v.lock().unwrap();

    let v =
        Vault::unlock_with_migrations(&dir, Credential::Passphrase(&pass(PASS)), &with(&[good()]))
            .unwrap();
    assert_eq!(
        (v.migrated().from, v.migrated().to),
        (latest_version(), latest_version() + 1)
    );
    assert!(table_exists(&dir, "extra_table"));
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
    assert_eq!(user_version(v.read()).unwrap(), latest_version());
    assert!(!table_exists(&dir, "extra_table"));
    assert_eq!(
        settings::load(v.read())
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

/// A migration that rebuilds `episode` (the parent of contacts, drafts, needs, goals, outcomes and
/// onward referrals) the way a CHECK list gains a value: SQLite's documented procedure.
#[test]
fn a_table_rebuild_keeps_every_child_row() {
    use linkwork_core::vocab::{ContactOutcome, ContactType, GoalStatus};
    use linkwork_store::{contacts, plan};
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let day = today() - chrono::Duration::days(30);
    let mut episodes = vec![];
    for i in 0..3 {
        let added = refer(&mut v, &format!("Person{i}"), "Rebuild", day);
        v.write(|tx| {
            contacts::add_contact(
                tx,
                &contacts::ContactInput {
                    episode_id: added.episode_id.clone(),
                    occurred_at: (day + chrono::Duration::days(2))
                        .and_hms_opt(10, 0, 0)
                        .unwrap(),
                    contact_type: ContactType::Phone,
                    duration_minutes: Some(20),
                    outcome: ContactOutcome::TookPlace,
                    notes: None,
                },
            )?;
            plan::add_goal(
                tx,
                &added.episode_id,
                "Walk weekly",
                7,
                GoalStatus::InProgress,
            )?;
            contacts::save_draft(tx, &added.episode_id, r#"{"notes":"half a note"}"#)
        })
        .unwrap();
        episodes.push(added.episode_id);
    }
    v.lock().unwrap();
    let children = [
        "contact",
        "contact_draft",
        "episode_reason",
        "goal",
        "person",
    ];
    let before: Vec<i64> = children.iter().map(|t| count(&dir, t)).collect();
    assert_eq!(before, [3, 3, 3, 3, 3]);

    let rebuild = rebuild_migration(
        &dir,
        "episode",
        "'handed_over', 'other'",
        "'handed_over', 'other', 'test_only_reason'",
    );
    let v =
        Vault::unlock_with_migrations(&dir, Credential::Passphrase(&pass(PASS)), &with(&[rebuild]))
            .unwrap();
    assert_eq!(v.migrated().to, latest_version() + 1);
    drop(v);

    let after: Vec<i64> = children.iter().map(|t| count(&dir, t)).collect();
    assert_eq!(after, before, "no child row was lost to a cascade");
    assert_eq!(count(&dir, "episode"), 3);
    let conn = raw(&dir);
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    // The indexes came back (one open episode per person is still enforced) and the new value fits.
    conn.execute(
        "UPDATE episode SET status = 'closed', closed_on = '2026-11-01', close_reason = 'test_only_reason' WHERE id = ?1",
        [episodes[0].as_str()],
    )
    .unwrap();
    let second_open = conn.execute(
        "INSERT INTO episode (id, person_id, status, referral_received_on, referral_method, created_at, updated_at)
         SELECT 'x', person_id, 'waiting', '2026-11-01', 'phone', 'now', 'now' FROM episode WHERE id = ?1",
        [episodes[1].as_str()],
    );
    assert!(
        second_open.is_err(),
        "episode_one_open_per_person survived the rebuild"
    );
}

#[test]
fn a_migration_that_would_orphan_rows_is_rolled_back() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    refer(&mut v, "Orphan", "Maker", today());
    v.lock().unwrap();
    let orphaning = Migration {
        version: latest_version() + 1,
        name: "orphaning",
        sql: "DELETE FROM person;",
    };
    let err = Vault::unlock_with_migrations(
        &dir,
        Credential::Passphrase(&pass(PASS)),
        &with(&[orphaning]),
    )
    .unwrap_err();
    assert_eq!(err.code().as_str(), "MIGRATION_FAILED");
    assert!(
        err.to_string().contains("pointing at nothing (episode"),
        "{err}"
    );
    assert_eq!(count(&dir, "person"), 1);
    let v = unlock(&dir, PASS).unwrap();
    assert_eq!(user_version(v.read()).unwrap(), latest_version());
}

/// Every table's row count, by name.
fn row_counts(dir: &std::path::Path) -> std::collections::BTreeMap<String, i64> {
    let conn = raw(dir);
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'asset_fts%'")
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|n| (n.clone(), count(dir, &n)))
        .collect()
}

#[test]
fn a_vault_from_data_version_5_keeps_every_row_and_its_meaning_through_later_versions() {
    use linkwork_core::ids::PersonId;
    use linkwork_store::person_record::person_record;
    let (_t, dir) = vault_dir();
    let v5 = Options {
        migrations: &MIGRATIONS[..5],
        ..options()
    };
    let v = Vault::create_with(&dir, &pass(PASS), None, FAST, v5).unwrap();
    assert_eq!(user_version(v.read()).unwrap(), 5);
    v.lock().unwrap();
    let day = today() - chrono::Duration::days(60);
    let names = ["Raised", "Twice", "Orphan", "After", "Cleared", "Never"];
    // People, episodes, reasons and a contact as version 5 wrote them (its columns only).
    let conn = raw(&dir);
    let people: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            let (p, e) = (format!("person-{n}"), format!("episode-{n}"));
            conn.execute(
                "INSERT INTO person (id, given_name, family_name, created_at, updated_at) VALUES (?1, ?2, 'Oldlog', '2026-09-01T10:00:00+00:00', '2026-09-01T10:00:00+00:00')",
                rusqlite::params![p, n],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO episode (id, person_id, status, referral_received_on, referral_method, created_at, updated_at)
                 VALUES (?1, ?2, 'waiting', ?3, 'phone', '2026-09-01T10:00:00+00:00', '2026-09-01T10:00:00+00:00')",
                rusqlite::params![e, p, day],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO episode_need (episode_id, source, category) VALUES (?1, 'referral', 'befriending')",
                [&e],
            )
            .unwrap();
            (p, e)
        })
        .collect();
    conn.execute(
        "INSERT INTO contact (id, episode_id, occurred_at, contact_type, duration_minutes, outcome, notes, created_at, updated_at)
         VALUES ('contact-1', ?1, ?2, 'phone', 15, 'took_place', 'First call', '2026-09-04T10:00:00+00:00', '2026-09-04T10:00:00+00:00')",
        rusqlite::params![people[0].1, format!("{}T09:30", day + chrono::Duration::days(3))],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO contact (id, episode_id, occurred_at, contact_type, outcome, created_at, updated_at)
         VALUES ('contact-2', ?1, ?2, 'phone', 'cancelled', '2026-09-05T10:00:00+00:00', '2026-09-05T10:00:00+00:00')",
        rusqlite::params![people[0].1, format!("{}T09:30", day + chrono::Duration::days(5))],
    )
    .unwrap();
    conn.execute(
        "UPDATE episode SET status = 'active' WHERE id = ?1",
        [&people[0].1],
    )
    .unwrap();
    conn.execute(
        "UPDATE episode SET status = 'closed', closed_on = ?2, close_reason = 'deceased' WHERE id = ?1",
        rusqlite::params![people[5].1, day + chrono::Duration::days(9)],
    )
    .unwrap();

    // The old single log, as version 5 wrote it: (person, day offset, kind).
    let log: &[(usize, i64, &str)] = &[
        (0, 1, "raised"),
        (0, 2, "update"),
        (0, 3, "cleared"),
        (0, 4, "raised"), // flag on
        (1, 1, "raised"),
        (1, 2, "raised"),
        (1, 3, "cleared"), // off
        (2, 1, "update"),  // on
        (3, 1, "raised"),
        (3, 2, "cleared"),
        (3, 3, "update"),  // on
        (4, 1, "cleared"), // off
    ];
    for (i, (p, d, kind)) in log.iter().enumerate() {
        conn.execute(
            "INSERT INTO risk_entry (id, person_id, recorded_on, kind, concern, action_taken, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6)",
            rusqlite::params![format!("entry-{i}"), people[*p].0, day + chrono::Duration::days(*d), kind,
                              format!("entry {i}"), format!("2026-10-01T10:{i:02}:00+00:00")],
        )
        .unwrap();
    }
    conn.execute(
        "UPDATE person SET consent_to_share = 'yes', consent_recorded_on = NULL WHERE id = ?1",
        [&people[0].0],
    )
    .unwrap();
    conn.execute(
        "UPDATE person SET consent_to_share = 'no', consent_recorded_on = '2026-10-02' WHERE id = ?1",
        [&people[1].0],
    )
    .unwrap();
    let old_flags: Vec<bool> = people
        .iter()
        .map(|p| {
            conn.query_row(
                "SELECT coalesce((SELECT kind <> 'cleared' FROM risk_entry WHERE person_id = ?1
                                  ORDER BY recorded_on DESC, created_at DESC LIMIT 1), 0)",
                [&p.0],
                |r| r.get(0),
            )
            .unwrap()
        })
        .collect();
    assert_eq!(old_flags, [true, false, true, true, false, false]);
    drop(conn);
    let before = row_counts(&dir);

    let v = unlock(&dir, PASS).unwrap();
    assert_eq!(v.migrated().from, 5);
    let after = row_counts(&dir);
    for (table, n) in before
        .iter()
        .filter(|(t, _)| !["audit_log", "settings"].contains(&t.as_str()))
    {
        assert_eq!(after.get(table), Some(n), "{table} kept every row");
    }
    assert_eq!(
        after["settings"],
        before["settings"] + 1,
        "every setting kept, and the audit trail's key added"
    );
    assert_eq!(
        after["audit_log"],
        before["audit_log"] + 3,
        "unlock, migrate and the rewrap of the test's weak key file at the floor are added"
    );
    let concerns = count(&dir, "risk_concern");
    assert_eq!(
        concerns, 8,
        "each raised entry, and each update or clear with nothing open, is a concern"
    );
    for (i, p) in people.iter().enumerate() {
        let rec = person_record(v.read(), &PersonId::new(&p.0), today()).unwrap();
        assert_eq!(
            rec.risk, old_flags[i],
            "{}: the flag means what it meant",
            names[i]
        );
        let entries: usize = rec.concerns.iter().map(|c| c.entries.len()).sum();
        assert_eq!(
            entries,
            log.iter().filter(|(q, ..)| *q == i).count(),
            "{}: every entry kept",
            names[i]
        );
    }
    let first = person_record(v.read(), &PersonId::new(&people[0].0), today()).unwrap();
    assert_eq!(first.concerns.len(), 2);
    assert!(first.concerns[0].is_live() && first.concerns[0].concern == "entry 3");
    assert_eq!(
        first.concerns[1].closed_on,
        Some(day + chrono::Duration::days(3))
    );
    assert_eq!(
        first.concerns[1].entries.len(),
        3,
        "raised, update and clear in one concern"
    );
    assert_eq!(
        first.consent_history.len(),
        1,
        "a recorded consent becomes the first decision in the history"
    );
    assert_eq!(
        first.person.consent_recorded_on,
        Some(first.consent_history[0].decided_on)
    );
    let second = person_record(v.read(), &PersonId::new(&people[1].0), today()).unwrap();
    assert_eq!(
        second.consent_history[0].decided_on,
        chrono::NaiveDate::from_ymd_opt(2026, 10, 2).unwrap()
    );
    assert!(second
        .concerns
        .iter()
        .all(|c| c.closed_on == Some(day + chrono::Duration::days(3))));
    let e = &first.episodes[0];
    let contact = e.contacts.iter().find(|c| c.notes.is_some()).unwrap();
    assert_eq!(
        (contact.notes.as_deref(), contact.entered_in_error.clone()),
        (Some("First call"), None)
    );
    // Later data versions keep the meaning of every old value.
    use linkwork_core::vocab::{CloseReason, ContactOutcome, NeedCategory, Priority};
    assert!(e
        .contacts
        .iter()
        .any(|c| c.outcome == ContactOutcome::Cancelled));
    assert_eq!(
        e.referral_categories,
        [NeedCategory::Befriending],
        "old reasons stay as the categories they were"
    );
    assert!(e.referral_reasons.is_empty() && e.referral_source.is_none());
    assert_eq!(e.priority, Priority::Routine);
    let never = person_record(v.read(), &PersonId::new(&people[5].0), today()).unwrap();
    assert_eq!(never.episodes[0].close_reason, Some(CloseReason::Deceased));
}

/// Version 11 gives each asset its full-text row's rowid, from the rows already there, so an
/// upgraded directory is still searched and edited in step.
#[test]
fn version_11_finds_each_assets_full_text_row() {
    use linkwork_store::assets::{self, AssetQuery};
    let (_t, dir) = vault_dir();
    let v10 = Options {
        migrations: &MIGRATIONS[..10],
        ..options()
    };
    Vault::create_with(&dir, &pass(PASS), None, FAST, v10)
        .unwrap()
        .lock()
        .unwrap();
    let conn = raw(&dir);
    for (i, name) in [
        "Calder Valley Choir",
        "Todmorden Walking Group",
        "Debt Advice Clinic",
    ]
    .iter()
    .enumerate()
    {
        let id = format!("asset-{i}");
        conn.execute(
            "INSERT INTO asset (id, name, delivery, cost, status, created_at, updated_at)
             VALUES (?1, ?2, 'in_person', 'free', 'active', '2026-09-01T10:00:00+00:00', '2026-09-01T10:00:00+00:00')",
            rusqlite::params![id, name],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO asset_fts (asset_id, name) VALUES (?1, ?2)",
            rusqlite::params![id, name],
        )
        .unwrap();
    }
    drop(conn);
    let mut v = unlock(&dir, PASS).unwrap();
    let q = |t: &str| AssetQuery {
        text: Some(t.into()),
        limit: 10,
        ..Default::default()
    };
    let walking = assets::search(v.read(), &q("walking"), today()).unwrap();
    assert_eq!(walking.len(), 1);
    let mut renamed = assets::asset(v.read(), &walking[0].id, today())
        .unwrap()
        .asset;
    renamed.name = "Todmorden Rambling Group".into();
    v.write(|tx| assets::update_asset(tx, &walking[0].id, &renamed))
        .unwrap();
    assert!(assets::search(v.read(), &q("walking"), today())
        .unwrap()
        .is_empty());
    assert_eq!(
        assets::search(v.read(), &q("rambling"), today())
            .unwrap()
            .len(),
        1
    );
    v.lock().unwrap();
    assert_eq!(count(&dir, "asset_fts"), 3);
    let missing: i64 = raw(&dir)
        .query_row(
            "SELECT count(*) FROM asset WHERE fts_rowid IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(missing, 0);
}

/// Version 12 rebuilds `asset` (new service types) and `consent_decision` (a second purpose):
/// every row keeps its values, children and rowid-linked search text; old consent stays the GP's;
/// old GP marks say their value was not kept.
#[test]
fn version_12_keeps_assets_consent_and_marks() {
    use linkwork_store::assets::{self, AssetQuery};
    let (_t, dir) = vault_dir();
    let v11 = Options {
        migrations: &MIGRATIONS[..11],
        ..options()
    };
    Vault::create_with(&dir, &pass(PASS), None, FAST, v11)
        .unwrap()
        .lock()
        .unwrap();
    let conn = raw(&dir);
    let now = "2026-09-01T10:00:00+00:00";
    conn.execute_batch(&format!(
        "INSERT INTO asset (id, name, delivery, cost, status, favourite, private_notes, service_type, created_at, updated_at)
           VALUES ('a1', 'Calder Counselling', 'in_person', 'free', 'active', 1, 'Ask for Jo', 'counselling', '{now}', '{now}');
         INSERT INTO asset_fts (asset_id, name) VALUES ('a1', 'Calder Counselling');
         UPDATE asset SET fts_rowid = (SELECT rowid FROM asset_fts WHERE asset_id = 'a1');
         INSERT INTO asset_category (asset_id, category) VALUES ('a1', 'mental_health');
         INSERT INTO asset_slot (asset_id, weekday, opens_at) VALUES ('a1', 2, '10:00');
         INSERT INTO person (id, given_name, family_name, consent_to_share, consent_recorded_on, created_at, updated_at)
           VALUES ('p1', 'Ivy', 'Walker', 'yes', '2026-08-01', '{now}', '{now}');
         INSERT INTO consent_decision (id, person_id, purpose, decision, decided_on, created_at)
           VALUES ('k1', 'p1', 'share_with_gp', 'yes', '2026-08-01', '{now}');
         INSERT INTO episode (id, person_id, status, referral_received_on, referral_method, created_at, updated_at)
           VALUES ('e1', 'p1', 'waiting', '2026-08-01', 'phone', '{now}', '{now}');
         INSERT INTO onward_referral (id, episode_id, asset_id, referred_on, kind, category, outcome, created_at, updated_at)
           VALUES ('o1', 'e1', 'a1', '2026-08-02', 'referral', 'mental_health', 'pending', '{now}', '{now}');
         INSERT INTO gp_line_entered (line_key, person_id, episode_id, line_on, concept_id, term, entered_at)
           VALUES ('onward:o1', 'p1', 'e1', '2026-08-02', '306225008', 'Referral to counseling service', '{now}');"
    ))
    .unwrap();
    drop(conn);
    let records = |dir: &std::path::Path| {
        let mut c = row_counts(dir);
        c.remove("audit_log"); // unlocking and reading are audited
        c
    };
    let before = records(&dir);
    let v = unlock(&dir, PASS).unwrap();
    assert_eq!(user_version(v.read()).unwrap(), latest_version());
    let found = assets::search(
        v.read(),
        &AssetQuery {
            text: Some("counselling".into()),
            limit: 10,
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    assert_eq!(found.len(), 1);
    let a = assets::asset(v.read(), &found[0].id, today()).unwrap();
    assert_eq!(
        (a.favourite, a.private_notes.as_deref(), a.service_type),
        (
            true,
            Some("Ask for Jo"),
            Some(linkwork_core::vocab::ServiceType::Counselling)
        )
    );
    let rec =
        linkwork_store::person_record::person_record(v.read(), &"p1".to_string().into(), today())
            .unwrap();
    assert_eq!(
        rec.consent_for(linkwork_core::vocab::ConsentPurpose::ShareWithGp),
        linkwork_core::vocab::ConsentToShare::Yes
    );
    assert_eq!(
        rec.consent_for(linkwork_core::vocab::ConsentPurpose::ShareWithReferrer),
        linkwork_core::vocab::ConsentToShare::NotAsked,
        "consent to the GP is not copied to the referrer"
    );
    let marks = linkwork_store::gp::marks(v.read()).unwrap();
    assert_eq!(
        (marks[0].value_known, marks[0].value.clone()),
        (false, None)
    );
    v.lock().unwrap();
    // Tables added by later versions start empty.
    let after: std::collections::BTreeMap<_, _> = records(&dir)
        .into_iter()
        .filter(|(t, n)| before.contains_key(t) || *n > 0)
        .collect();
    assert_eq!(after, before, "no record lost or added");
}

/// A vault from version 11 with practices typed every which way: version 16 makes them into
/// practices (one per well-formed ODS code, one per name among records without one) and version
/// 17 registers each record at the practice it names, nothing guessed and no typed text removed.
#[test]
fn a_version_11_vault_with_mixed_practice_names_gets_practices_and_registrations() {
    let (_t, dir) = vault_dir();
    let v11 = Options {
        migrations: &MIGRATIONS[..11],
        ..options()
    };
    Vault::create_with(&dir, &pass(PASS), None, FAST, v11)
        .unwrap()
        .lock()
        .unwrap();
    let conn = raw(&dir);
    // (id, practice name, ODS code as typed), oldest record first.
    let people = [
        ("p1", Some("Calder Valley Surgery"), Some("b86002")),
        ("p2", Some("Calder Valley Surgery"), Some("B86002")),
        ("p3", Some("Hebble Brook Practice"), Some("B86 003")),
        ("p4", Some("hebble brook practice"), None),
        ("p5", Some("Old Town Surgery"), Some("OT1")),
        ("p6", Some(" old town surgery "), None),
        ("p7", Some("Mixed Name A"), Some("B86004")),
        ("p8", Some("Mixed Name B"), Some("B86004")),
        ("p9", None, None),
        ("p10", None, Some("Y01234")),
        ("p11", None, Some("not a code")),
    ];
    for (i, (id, name, ods)) in people.iter().enumerate() {
        conn.execute(
            "INSERT INTO person (id, given_name, family_name, gp_practice_name, gp_practice_ods, created_at, updated_at)
             VALUES (?1, 'Ann', 'Ayre', ?2, ?3, ?4, ?4)",
            rusqlite::params![id, name, ods, format!("2026-09-{:02}T10:00:00+00:00", i + 1)],
        )
        .unwrap();
    }
    drop(conn);
    let v = unlock(&dir, PASS).unwrap();
    let practices = linkwork_store::practices::list(v.read()).unwrap();
    let mut found: Vec<(String, Option<String>, u32)> = practices
        .iter()
        .map(|p| (p.name.clone(), p.ods_code.clone(), p.people))
        .collect();
    found.sort();
    let p =
        |name: &str, ods: Option<&str>, people| (name.to_string(), ods.map(String::from), people);
    assert_eq!(
        found,
        [
            // Records that call one code by two names: the code, until the link worker names it.
            p("B86004", Some("B86004"), 2),
            p("Calder Valley Surgery", Some("B86002"), 2),
            // A record with no code and the name of a practice with one is registered there.
            p("Hebble Brook Practice", Some("B86003"), 2),
            // A code that is not a letter and five digits: the name decides.
            p("Old Town Surgery", None, 2),
            p("Y01234", Some("Y01234"), 1),
        ]
    );
    let record = |id: &str| {
        linkwork_store::person_record::person_record(v.read(), &id.to_string().into(), today())
            .unwrap()
    };
    // A registered record shows its practice, and its history starts the day it was made.
    let p3 = record("p3");
    let hebble = practices
        .iter()
        .find(|p| p.name == "Hebble Brook Practice")
        .unwrap();
    assert_eq!(p3.person.practice_id.as_ref(), Some(&hebble.id));
    assert_eq!(
        (
            p3.person.gp_practice_name.as_deref(),
            p3.person.gp_practice_ods.as_deref()
        ),
        (Some("Hebble Brook Practice"), Some("B86003"))
    );
    assert_eq!(p3.practice_history.len(), 1);
    assert_eq!(p3.practice_history[0].since.to_string(), "2026-09-03");
    // Nothing is guessed: no practice, or only a code that is not one, stays as typed.
    for (id, ods) in [("p9", None), ("p11", Some("not a code"))] {
        let r = record(id);
        assert_eq!(r.person.practice_id, None, "{id}");
        assert_eq!(r.person.gp_practice_ods.as_deref(), ods, "{id}");
        assert!(r.practice_history.is_empty(), "{id}");
    }
    // And no typed text was removed.
    let typed: Vec<(Option<String>, Option<String>)> = raw(&dir)
        .prepare("SELECT gp_practice_name, gp_practice_ods FROM person ORDER BY created_at")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let before: Vec<(Option<String>, Option<String>)> = people
        .iter()
        .map(|(_, n, o)| (n.map(String::from), o.map(String::from)))
        .collect();
    assert_eq!(typed, before);
    v.lock().unwrap();
}

/// Erased stays erased: the copy made before an upgrade holds everyone as they were, so an
/// erasure (and a retention purge, which ends the same way) deletes it.
#[test]
fn an_erasure_deletes_the_copy_made_before_the_last_upgrade() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let added = refer(&mut v, "Ivy", "Walker", today());
    v.lock().unwrap();
    let mut v =
        Vault::unlock_with_migrations(&dir, Credential::Passphrase(&pass(PASS)), &with(&[good()]))
            .unwrap();
    let copies = |d: &std::path::Path| {
        fs::read_dir(d.join(paths::BACKUP_DIR))
            .map(|r| r.count())
            .unwrap_or(0)
    };
    assert_eq!(copies(&dir), 1, "the upgrade made its copy");
    v.write(|tx| linkwork_store::rights::erase_person(tx, &added.person_id))
        .unwrap();
    v.checkpoint().unwrap();
    assert_eq!(copies(&dir), 0, "the copy still held the erased person");
}
