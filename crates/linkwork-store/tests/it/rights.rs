//! A person's rights: a copy of everything held (subject access), erasure, and retention.

use crate::util::*;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use linkwork_core::{
    ids::{EpisodeId, PersonId},
    vocab::{CloseReason, ContactOutcome, ContactType, GoalStatus, NeedCategory, OnwardKind},
};
use linkwork_store::{
    assets::{self, AssetInput},
    audit::{self, AuditAction},
    contacts, episodes, onward, plan, rights, Vault,
};

/// A person with a contact (note), a goal, an onward referral and a draft; `tag` marks their text.
fn rich_person(v: &mut Vault, given: &str, tag: &str, days_ago: i64) -> (PersonId, EpisodeId) {
    let r = refer(v, given, "Tester", today() - Duration::days(days_ago));
    v.write(|tx| {
        let asset = assets::add_asset(
            tx,
            &AssetInput {
                name: format!("Walking group for {given}"),
                categories: vec![NeedCategory::PhysicalActivity],
                ..Default::default()
            },
        )?;
        contacts::add_contact(
            tx,
            &contacts::ContactInput {
                episode_id: r.episode_id.clone(),
                occurred_at: (today() - Duration::days(days_ago - 1))
                    .and_hms_opt(10, 0, 0)
                    .unwrap(),
                contact_type: ContactType::Phone,
                duration_minutes: Some(20),
                outcome: ContactOutcome::TookPlace,
                notes: Some(format!("Note {tag} about the allotment.")),
            },
        )?;
        plan::add_goal(
            tx,
            &r.episode_id,
            &format!("Goal {tag}"),
            8,
            GoalStatus::InProgress,
        )?;
        onward::add_onward(
            tx,
            &onward::OnwardInput {
                episode_id: r.episode_id.clone(),
                asset_id: asset,
                referred_on: today() - Duration::days(days_ago - 2),
                kind: OnwardKind::Referral,
                category: NeedCategory::Befriending,
                notes: Some(format!("Onward {tag}")),
                follow_up_on: None,
            },
        )?;
        contacts::save_draft(tx, &r.episode_id, &format!("{{\"notes\":\"Draft {tag}\"}}"))?;
        Ok(())
    })
    .unwrap();
    (r.person_id, r.episode_id)
}

/// Rows in every table that has a person or an episode column, about `person`.
fn rows_about(v: &Vault, person: &PersonId) -> Vec<(String, i64)> {
    let conn = raw(v.dir());
    let tables: Vec<(String, String)> = conn
        .prepare(
            "SELECT DISTINCT l.name, c.name FROM pragma_table_list l JOIN pragma_table_info(l.name) c
             WHERE l.schema = 'main' AND l.type = 'table' AND c.name IN ('person_id', 'episode_id')",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = vec![];
    let p = person.as_str();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM person WHERE id = ?1", [p], |r| {
            r.get(0)
        })
        .unwrap();
    out.push(("person".into(), n));
    for (t, col) in tables {
        let sql = if col == "person_id" {
            format!("SELECT count(*) FROM {t} WHERE person_id = ?1")
        } else {
            format!(
                "SELECT count(*) FROM {t} WHERE episode_id IN (SELECT id FROM episode WHERE person_id = ?1)"
            )
        };
        out.push((t, conn.query_row(&sql, [p], |r| r.get(0)).unwrap()));
    }
    out
}

#[test]
fn a_subject_access_copy_holds_everything_about_the_person_and_nothing_about_anyone_else() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let (ann, _) = rich_person(&mut v, "Ann", "ANN-7731", 30);
    rich_person(&mut v, "Bob", "BOB-5512", 20);
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
    let copy = rights::subject_access(v.read(), &ann, now).unwrap();
    assert_eq!(copy.name, "Ann Tester");
    let text = serde_json::to_string(&copy.tables).unwrap();
    for part in [
        "Note ANN-7731",
        "Goal ANN-7731",
        "Onward ANN-7731",
        "Draft ANN-7731",
    ] {
        assert!(text.contains(part), "{part} missing");
    }
    assert!(
        !text.contains("BOB-5512"),
        "another person's records leaked in"
    );
    for t in [
        "person",
        "episode",
        "contact",
        "goal",
        "onward_referral",
        "contact_draft",
    ] {
        assert_eq!(copy.tables[t].len(), 1, "{t}");
    }
    // What was done to them: the referral, the contact, the goal… and nothing about Bob.
    assert!(copy.audit.len() >= 4, "{:?}", copy.audit);
    let about_ann = copy
        .audit
        .iter()
        .filter(|e| e.entity_id.as_deref().is_some_and(|i| text.contains(i)))
        .count();
    assert_eq!(about_ann, copy.audit.len());
}

#[test]
fn erasing_a_person_removes_every_row_about_them_and_leaves_others_alone() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let (ann, _) = rich_person(&mut v, "Ann", "ANN-7731", 30);
    let (bob, _) = rich_person(&mut v, "Bob", "BOB-5512", 20);
    let bob_before = rows_about(&v, &bob);
    let ann_before = rows_about(&v, &ann);
    for t in [
        "person",
        "contact",
        "goal",
        "onward_referral",
        "contact_draft",
    ] {
        assert!(
            ann_before.iter().any(|(n, c)| n == t && *c == 1),
            "{t}: {ann_before:?}"
        );
    }
    let removed = v.write(|tx| rights::erase_person(tx, &ann)).unwrap();
    v.checkpoint().unwrap();
    assert_eq!((removed.people, removed.episodes), (1, 1));
    assert!(removed.rows >= 7, "{removed:?}");
    for (t, n) in rows_about(&v, &ann) {
        assert_eq!(n, 0, "{t} still holds rows about the erased person");
    }
    assert_eq!(rows_about(&v, &bob), bob_before);
    // The directory entry stays (it is the directory's, not the person's).
    assert_eq!(count(&dir, "asset"), 2);
    // Audited without content: the record id and the word "erase", nothing else.
    let last = &audit::recent(v.read(), 1).unwrap()[0];
    assert_eq!(
        (last.action, last.entity_id.as_deref()),
        (AuditAction::Erase, Some(ann.as_str()))
    );
    assert!(last.fields.is_empty());
    assert!(linkwork_store::audit::verify(v.read())
        .unwrap()
        .breaks
        .is_empty());
    // The WAL is empty: no older copy of a page holds the text.
    assert_eq!(
        std::fs::metadata(dir.join("linkwork.db-wal"))
            .map(|m| m.len())
            .unwrap_or(0),
        0
    );
    assert!(matches!(
        v.write(|tx| rights::erase_person(tx, &ann)),
        Err(linkwork_store::StoreError::NotFound(_))
    ));
}

fn close(v: &mut Vault, e: &EpisodeId, on: NaiveDate) {
    v.write(|tx| episodes::close_episode(tx, e, on, CloseReason::GoalsMet, None))
        .unwrap();
}

#[test]
fn retention_lists_and_purges_only_closed_episodes_past_the_period() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let years9 = 9 * 366;
    // Old: closed nine years ago, nothing since → whole record goes.
    let (old, old_ep) = rich_person(&mut v, "Olive", "OLD-1", years9 + 40);
    v.write(|tx| contacts::discard_draft(tx, &old_ep)).unwrap();
    close(&mut v, &old_ep, today() - Duration::days(years9));
    // Returning: an old closed episode and a current one → only the old episode goes.
    let (back, back_old) = rich_person(&mut v, "Rory", "RET-2", years9 + 40);
    v.write(|tx| contacts::discard_draft(tx, &back_old))
        .unwrap();
    close(&mut v, &back_old, today() - Duration::days(years9));
    let again = v
        .write(|tx| {
            episodes::add_referral(
                tx,
                episodes::Referred::Existing(back.clone(), None),
                &referral_input(today() - Duration::days(10)),
            )
        })
        .unwrap();
    // Recent: closed a year ago → stays.
    let (_recent, recent_ep) = rich_person(&mut v, "Rita", "NEW-3", 400);
    v.write(|tx| contacts::discard_draft(tx, &recent_ep))
        .unwrap();
    close(&mut v, &recent_ep, today() - Duration::days(365));

    let due = rights::retention_due(v.read(), 8, today()).unwrap();
    let listed: Vec<_> = due
        .iter()
        .map(|d| (d.name.as_str(), d.whole_record))
        .collect();
    assert_eq!(listed, [("Olive Tester", true), ("Rory Tester", false)]);
    // A longer period lists nothing.
    assert!(rights::retention_due(v.read(), 10, today())
        .unwrap()
        .is_empty());

    // Only confirmed episodes go.
    let removed = v
        .write(|tx| rights::purge(tx, 8, today(), &[old_ep.clone(), back_old.clone()]))
        .unwrap();
    assert_eq!((removed.episodes, removed.people), (2, 1));
    for (t, n) in rows_about(&v, &old) {
        assert_eq!(n, 0, "{t}");
    }
    let conn = raw(&dir);
    let rory: Vec<String> = conn
        .prepare("SELECT id FROM episode WHERE person_id = ?1")
        .unwrap()
        .query_map([back.as_str()], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rory, [again.episode_id.as_str().to_owned()]);
    assert_eq!(count(&dir, "person"), 2);
    // The whole record removed is remembered, unreadably, so a handover asks before bringing
    // it back; the person who stays is not.
    assert_eq!(
        rights::erased_before(&conn, old.as_str(), None)
            .unwrap()
            .map(|e| e.reason),
        Some(rights::ErasureReason::Retention)
    );
    assert_eq!(
        rights::erased_before(&conn, back.as_str(), None).unwrap(),
        None
    );
    assert!(rights::retention_due(v.read(), 8, today())
        .unwrap()
        .is_empty());
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn erased_text_is_gone_from_every_page_of_the_database_and_the_wal() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let (ann, _) = rich_person(&mut v, "Ann", "ANN-7731", 30);
    rich_person(&mut v, "Bob", "BOB-5512", 20);
    v.checkpoint().unwrap();
    let key = raw_key(&dir);
    let db = dir.join("linkwork.db");
    // The decrypter works: before erasing, the pages hold both people's notes.
    let before = decrypted_pages(&db, &key, false);
    assert!(
        contains(&before, "Note ANN-7731"),
        "the page decrypter found nothing"
    );
    assert!(contains(&before, "Note BOB-5512"));

    v.write(|tx| rights::erase_person(tx, &ann)).unwrap();
    // The checkpoint moves the zeroed pages into the file and empties the WAL: then no page of
    // either file, live or free, holds any of Ann's text (with secure_delete off, this fails).
    let wal = dir.join("linkwork.db-wal");
    v.checkpoint().unwrap();
    for (file, is_wal) in [(&db, false), (&wal, true)] {
        let pages = decrypted_pages(file, &key, is_wal);
        assert!(
            !contains(&pages, "ANN-7731"),
            "{} still holds erased text",
            file.display()
        );
    }
    assert!(contains(
        &decrypted_pages(&db, &key, false),
        "Note BOB-5512"
    ));
    v.lock().unwrap();
    let pages = decrypted_pages(&db, &key, false);
    assert!(!contains(&pages, "ANN-7731"));
}
