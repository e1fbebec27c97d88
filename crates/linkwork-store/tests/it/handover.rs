//! Caseload handover between two vaults: three people into a vault that already holds one of them
//! (by NHS number, under another record id) — two new, one merged, no duplicates; the preview's
//! counts are what the import does; importing twice changes nothing; conflicts, a package meant
//! for someone else, a damaged one and another version are refused with nothing written.

use crate::util::*;
use chrono::{Duration, TimeZone, Utc};
use linkwork_core::{
    ids::PersonId,
    vocab::{CloseReason, ContactOutcome, ContactType, NeedCategory, OnwardKind},
    Coded, ErrorCode,
};
use linkwork_store::{
    assets::{self, AssetInput, AssetQuery},
    contacts,
    episodes::{self, ReferralAdded},
    handover::{self, ErasedChoice, HandoverRecipient, Matched, Opener, Package},
    migrations::latest_version,
    onward,
    write::Keep,
    StoreError, Vault,
};
use std::collections::BTreeMap;

fn refer_nhs(
    v: &mut Vault,
    given: &str,
    family: &str,
    nhs: Option<&str>,
    days_ago: i64,
) -> ReferralAdded {
    refer_person(
        v,
        person_input(given, family, nhs),
        today() - Duration::days(days_ago),
    )
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn count(v: &Vault, table: &str) -> i64 {
    crate::util::count(v.dir(), table)
}

/// The sender: Ivy (NHS number, a contact, an onward referral to the Choir), Sam (NHS number) and
/// Jo (no NHS number), each with an open episode.
fn sender(dir: &std::path::Path) -> (Vault, Vec<PersonId>) {
    let mut v = new_vault(dir);
    let ivy = refer_nhs(&mut v, "Ivy", "Walker", Some("943 476 5919"), 40);
    let sam = refer_nhs(&mut v, "Sam", "Okafor", Some("999 000 0093"), 30);
    let jo = refer_nhs(&mut v, "Jo", "Bright", None, 20);
    v.write(|tx| {
        let choir = assets::add_asset(
            tx,
            &AssetInput {
                name: "Calder Valley Community Choir".into(),
                categories: vec![NeedCategory::ArtsCulture],
                ..Default::default()
            },
        )?;
        contacts::add_contact(
            tx,
            &contacts::ContactInput {
                episode_id: ivy.episode_id.clone(),
                occurred_at: (today() - Duration::days(35))
                    .and_hms_opt(10, 0, 0)
                    .unwrap(),
                contact_type: ContactType::Phone,
                duration_minutes: Some(30),
                outcome: ContactOutcome::TookPlace,
                notes: Some("Talked about the choir on Thursdays.".into()),
            },
        )?;
        onward::add_onward(
            tx,
            &onward::OnwardInput {
                episode_id: ivy.episode_id.clone(),
                asset_id: choir,
                referred_on: today() - Duration::days(30),
                kind: OnwardKind::Referral,
                category: NeedCategory::Befriending,
                notes: None,
                follow_up_on: None,
            },
        )?;
        Ok(())
    })
    .unwrap();
    (v, vec![ivy.person_id, sam.person_id, jo.person_id])
}

/// The receiver already knows Ivy by her NHS number, under another record, episode closed.
fn receiver(dir: &std::path::Path) -> Vault {
    let mut v = new_vault(dir);
    let ivy = refer_nhs(&mut v, "Ivy", "Walker", Some("943 476 5919"), 300);
    v.write(|tx| {
        episodes::close_episode(
            tx,
            &ivy.episode_id,
            today() - Duration::days(200),
            CloseReason::GoalsMet,
            None,
        )
    })
    .unwrap();
    v
}

fn through_age(p: &Package, from: &Vault, to: &Vault) -> Package {
    let key = HandoverRecipient::parse("to", &to.identity().unwrap().recipient()).unwrap();
    let sealed = handover::seal(p, &key, &from.identity().unwrap()).unwrap();
    let opened = handover::open(
        &sealed,
        Opener::Vault(&to.identity().unwrap()),
        latest_version(),
    )
    .unwrap();
    assert_eq!(opened.signer, from.identity().unwrap().signer_key());
    opened.package
}

#[test]
fn three_people_into_a_vault_that_holds_one_of_them_two_new_one_merged_and_twice_changes_nothing() {
    let (_t1, a) = vault_dir();
    let (_t2, b) = vault_dir();
    let (s, people) = sender(&a);
    let mut r = receiver(&b);
    let package = handover::package(s.read(), &people, Some("Asha Patel".into()), now()).unwrap();
    assert_eq!(package.tables["person"].len(), 3);
    assert_eq!(package.tables["asset"].len(), 1);
    let package = through_age(&package, &s, &r);

    // The preview is the import, rolled back: same counts, nothing written.
    let before = count(&r, "person");
    let preview = r
        .worker()
        .unwrap()
        .transact(|tx| {
            Ok((
                handover::apply(tx, &package, ErasedChoice::LeaveOut)?,
                Keep::RollBack,
            ))
        })
        .unwrap();
    assert_eq!(count(&r, "person"), before);
    let matched: BTreeMap<String, Matched> = preview
        .people
        .iter()
        .map(|p| (p.name.clone(), p.matched))
        .collect();
    assert_eq!(matched["Ivy Walker"], Matched::SameNhsNumber);
    assert_eq!(matched["Sam Okafor"], Matched::New);
    assert_eq!(matched["Jo Bright"], Matched::New);
    assert!(preview.conflicts().is_empty());

    let done = r
        .write(|tx| handover::apply(tx, &package, ErasedChoice::LeaveOut))
        .unwrap();
    assert_eq!(done.added, preview.added);
    assert_eq!(done.people, preview.people);
    assert_eq!(done.added["person"], 2);
    assert_eq!(done.added["episode"], 3);
    assert_eq!(done.added["contact"], 1);
    assert_eq!(done.added["onward_referral"], 1);
    assert_eq!(
        count(&r, "person"),
        3,
        "two new people, Ivy merged: no duplicates"
    );
    assert_eq!(count(&r, "episode"), 4);
    // Ivy's new episode hangs off the record that was already here.
    let ivy_here: i64 = raw(&b)
        .query_row(
            "SELECT count(*) FROM episode e JOIN person p ON p.id = e.person_id WHERE p.nhs_number = '9434765919'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(ivy_here, 2);
    // The directory entry came with her onward referral and is searchable.
    let hits = assets::search(
        r.read(),
        &AssetQuery {
            text: Some("choir".into()),
            limit: 10,
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    assert_eq!(hits.len(), 1);
    assert!(r.check().unwrap().is_ok());

    // Twice: nothing new.
    let again = r
        .write(|tx| handover::apply(tx, &package, ErasedChoice::LeaveOut))
        .unwrap();
    assert!(again.added.values().all(|n| *n == 0), "{:?}", again.added);
    assert_eq!(count(&r, "person"), 3);
    assert_eq!(count(&r, "episode"), 4);
}

#[test]
fn a_second_open_episode_stops_the_whole_import() {
    let (_t1, a) = vault_dir();
    let (_t2, b) = vault_dir();
    let (s, people) = sender(&a);
    let mut r = new_vault(&b);
    refer_nhs(&mut r, "Sam", "Okafor", Some("999 000 0093"), 5);
    let package = handover::package(s.read(), &people, None, now()).unwrap();
    let result = r
        .write(|tx| handover::apply(tx, &package, ErasedChoice::LeaveOut))
        .unwrap();
    let conflicts = result.conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].name, "Sam Okafor");
    assert!(
        result.added.is_empty(),
        "nothing written: {:?}",
        result.added
    );
    assert_eq!(count(&r, "person"), 1);
}

#[test]
fn a_package_for_someone_else_a_damaged_one_and_another_version_are_refused() {
    let (_t1, a) = vault_dir();
    let (_t2, b) = vault_dir();
    let (_t3, c) = vault_dir();
    let (s, people) = sender(&a);
    let r = new_vault(&b);
    let other = new_vault(&c);
    let package = handover::package(s.read(), &people, None, now()).unwrap();
    let to_other = HandoverRecipient::parse("to", &other.identity().unwrap().recipient()).unwrap();
    let sealed = handover::seal(&package, &to_other, &s.identity().unwrap()).unwrap();
    let mine = r.identity().unwrap();
    let e = handover::open(&sealed, Opener::Vault(&mine), latest_version()).unwrap_err();
    assert!(matches!(e, StoreError::HandoverNotForYou), "{e}");
    assert!(e.to_string().contains("handover key"), "{e}");

    let to_me = HandoverRecipient::parse("to", &mine.recipient()).unwrap();
    let mut sealed = handover::seal(&package, &to_me, &s.identity().unwrap()).unwrap();
    let last = sealed.len() - 1;
    sealed[last] ^= 1;
    let e = handover::open(&sealed, Opener::Vault(&mine), latest_version()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::BackupDamaged, "{e}");
    sealed.truncate(sealed.len() / 2);
    assert!(handover::open(&sealed, Opener::Vault(&mine), latest_version()).is_err());

    let sealed = handover::seal(&package, &to_me, &s.identity().unwrap()).unwrap();
    let e = handover::open(&sealed, Opener::Vault(&mine), latest_version() + 1).unwrap_err();
    assert!(matches!(e, StoreError::HandoverVersion { .. }), "{e}");

    assert!(HandoverRecipient::parse("to", "age1nope").is_err());
}

#[test]
fn the_sender_closes_the_handed_over_episodes_in_one_step() {
    let (_t, a) = vault_dir();
    let (mut s, people) = sender(&a);
    let closed = s
        .write(|tx| handover::close_handed_over(tx, &people, today(), Some("Sam Okafor")))
        .unwrap();
    assert_eq!(closed, 3);
    let reasons: Vec<String> = raw(&a)
        .prepare("SELECT close_reason || ' ' || close_note FROM episode ORDER BY close_note")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        reasons
            .iter()
            .all(|r| r == "handed_over Handed over to Sam Okafor."),
        "{reasons:?}"
    );
}

#[test]
fn every_table_about_a_person_travels_or_is_left_behind_on_purpose() {
    // A table added later with a person, episode or directory entry in it must be handed over
    // (or named as left behind): otherwise a handover would silently lose it.
    let (_t, a) = vault_dir();
    let v = new_vault(&a);
    let conn = raw(v.dir());
    let tables: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT l.name FROM pragma_table_list l JOIN pragma_table_info(l.name) c
             WHERE l.schema = 'main' AND l.type = 'table'
               AND c.name IN ('person_id', 'episode_id', 'asset_id', 'onward_referral_id', 'concern_id')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let carried: Vec<&str> = handover::tables().collect();
    for t in tables {
        assert!(
            carried.contains(&t.as_str()) || handover::NOT_HANDED_OVER.contains(&t.as_str()),
            "{t} is neither handed over nor left behind on purpose"
        );
    }
}

/// Erased stays erased: a person erased here, and an old handover (or another colleague's record
/// of them under another id) that holds them. Imported as it is, they are left out, with
/// everything about them; only a choice to bring them back does, and then their erasure record
/// goes. The vault keeps nothing readable about them meanwhile.
#[test]
fn an_erased_person_is_not_silently_brought_back_by_an_old_handover() {
    let (_t1, a) = vault_dir();
    let (_t2, b) = vault_dir();
    let (_t3, c) = vault_dir();
    let (s, people) = sender(&a);
    let mut r = new_vault(&b);
    let package = handover::package(s.read(), &people, None, now()).unwrap();
    r.write(|tx| handover::apply(tx, &package, ErasedChoice::LeaveOut))
        .unwrap();
    assert_eq!(count(&r, "person"), 3);
    let ivy_id: String = raw(&b)
        .query_row(
            "SELECT id FROM person WHERE nhs_number = '9434765919'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    r.write(|tx| linkwork_store::rights::erase_person(tx, &PersonId::new(&ivy_id)))
        .unwrap();
    assert_eq!(count(&r, "person"), 2);
    // Nothing readable: two keyed hashes (record id and NHS number), neither the number itself.
    let kept: Vec<String> = raw(&b)
        .prepare("SELECT key_hash || reason || erased_on FROM erasure_record")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kept.len(), 2);
    assert!(kept
        .iter()
        .all(|k| !k.contains("9434765919") && !k.contains(&ivy_id)));

    // The same old handover again: Ivy flagged and left out, with her episode, contact and
    // onward referral; the others are here already.
    let before = (
        count(&r, "person"),
        count(&r, "episode"),
        count(&r, "contact"),
    );
    let again = r
        .write(|tx| handover::apply(tx, &package, ErasedChoice::LeaveOut))
        .unwrap();
    let ivy = again
        .people
        .iter()
        .find(|p| p.name == "Ivy Walker")
        .unwrap();
    assert!(ivy.erased.is_some(), "{ivy:?}");
    assert!(again.people.iter().filter(|p| p.erased.is_some()).count() == 1);
    assert_eq!(
        (
            count(&r, "person"),
            count(&r, "episode"),
            count(&r, "contact")
        ),
        before
    );

    // Another colleague's record of her, under another id: matched by the NHS number alone.
    let mut other = new_vault(&c);
    let theirs = refer_nhs(&mut other, "Ivy", "Walker", Some("943 476 5919"), 3);
    let from_other = handover::package(other.read(), &[theirs.person_id], None, now()).unwrap();
    let preview = r
        .worker()
        .unwrap()
        .transact(|tx| {
            Ok((
                handover::apply(tx, &from_other, ErasedChoice::LeaveOut)?,
                Keep::RollBack,
            ))
        })
        .unwrap();
    assert!(preview.people[0].erased.is_some());
    assert!(preview.added.get("person").is_none_or(|n| *n == 0));

    // Brought back on purpose: she is here again, and her erasure record is gone.
    let back = r
        .write(|tx| handover::apply(tx, &package, ErasedChoice::BringBack))
        .unwrap();
    assert_eq!(back.added["person"], 1);
    assert_eq!(count(&r, "person"), 3);
    assert_eq!(count(&r, "erasure_record"), 0);
}

fn practice_of(v: &Vault, nhs: &str) -> (Option<String>, Vec<Option<String>>) {
    let conn = raw(v.dir());
    let (id, practice): (String, Option<String>) = conn
        .query_row(
            "SELECT p.id, pr.name FROM person p LEFT JOIN practice pr ON pr.id = p.practice_id WHERE p.nhs_number = ?1",
            [nhs],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let history = conn
        .prepare(
            "SELECT pr.name FROM practice_registration r LEFT JOIN practice pr ON pr.id = r.practice_id
             WHERE r.person_id = ?1 ORDER BY r.since DESC, r.recorded_at DESC, r.seq DESC",
        )
        .unwrap()
        .query_map([&id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (practice, history)
}

/// A person's practice travels with them and is matched to the receiver's own (by ODS code, then
/// by name); their history comes too. A record here with no practice takes the one they had.
#[test]
fn practices_and_their_history_travel_and_match_the_receivers_own() {
    let (_t1, a) = vault_dir();
    let (_t2, b) = vault_dir();
    let mut s = new_vault(&a);
    let mut ivy = person_input("Ivy", "Walker", Some("943 476 5919"));
    ivy.gp_practice_name = Some("Calder Valley Surgery".into());
    ivy.gp_practice_ods = Some("B86002".into());
    let ivy_id = refer_person(&mut s, ivy.clone(), today() - Duration::days(40)).person_id;
    ivy.gp_practice_name = Some("Hebble Brook".into());
    ivy.gp_practice_ods = None;
    s.write(|tx| linkwork_store::people::update_person(tx, &ivy_id, &ivy))
        .unwrap();
    let mut sam = person_input("Sam", "Okafor", Some("999 000 0093"));
    sam.gp_practice_ods = Some("B86002".into());
    let sam_id = refer_person(&mut s, sam, today() - Duration::days(30)).person_id;

    // The receiver knows Calder Valley by its code under another name, and Ivy with no practice.
    let mut r = receiver(&b);
    r.write(|tx| {
        linkwork_store::practices::save(
            tx,
            &linkwork_store::practices::PracticeInput {
                id: None,
                name: "Calder Valley Medical Practice".into(),
                ods_code: Some("B86002".into()),
                gp_system: linkwork_core::vocab::GpSystem::EmisWeb,
            },
        )
    })
    .unwrap();
    let package = handover::package(s.read(), &[ivy_id, sam_id], None, now()).unwrap();
    assert_eq!(
        package.tables["practice"].len(),
        2,
        "both of Ivy's, and Sam's"
    );
    let package = through_age(&package, &s, &r);
    let done = r
        .write(|tx| handover::apply(tx, &package, ErasedChoice::LeaveOut))
        .unwrap();
    assert_eq!(done.added["practice"], 1, "Hebble Brook is new here");
    assert_eq!(
        done.already["practice"], 1,
        "Calder Valley matched by its code"
    );
    assert_eq!(count(&r, "practice"), 2);
    assert_eq!(
        practice_of(&r, "9990000093"),
        (
            Some("Calder Valley Medical Practice".into()),
            vec![Some("Calder Valley Medical Practice".into())]
        )
    );
    assert_eq!(
        practice_of(&r, "9434765919"),
        (
            Some("Hebble Brook".into()),
            vec![
                Some("Hebble Brook".into()),
                Some("Calder Valley Medical Practice".into())
            ]
        )
    );
    assert!(r.check().unwrap().is_ok());

    // Merged into another record, the history goes with it; erased, the practice stays.
    let ivy_here: PersonId = raw(&b)
        .query_row(
            "SELECT id FROM person WHERE nhs_number = '9434765919'",
            [],
            |row| row.get::<_, String>(0),
        )
        .unwrap()
        .into();
    let jo = refer_person(
        &mut r,
        person_input("Ivy", "Walker", None),
        today() - Duration::days(400),
    );
    r.write(|tx| {
        episodes::close_episode(
            tx,
            &jo.episode_id,
            today() - Duration::days(350),
            CloseReason::GoalsMet,
            None,
        )
    })
    .unwrap();
    r.write(|tx| linkwork_store::merge::merge_people(tx, &jo.person_id, &ivy_here))
        .unwrap();
    assert_eq!(practice_of(&r, "9434765919").1.len(), 2);
    r.write(|tx| linkwork_store::rights::erase_person(tx, &jo.person_id))
        .unwrap();
    assert_eq!(count(&r, "practice_registration"), 1, "Sam's only");
    assert_eq!(count(&r, "practice"), 2);
}

/// A carer link travels when everyone it names is handed over, pointing at the receiver's own
/// record of each (Ivy is there already under another id); one naming someone left behind stays.
#[test]
fn a_carer_link_travels_with_both_people_and_only_then() {
    use linkwork_core::carers::CarerRole;
    use linkwork_store::carers::{add_link, CarerLinkInput};
    let (_t1, a) = vault_dir();
    let (_t2, b) = vault_dir();
    let (mut s, people) = sender(&a);
    let (ivy, sam, jo) = (&people[0], &people[1], &people[2]);
    let link =
        |person: &PersonId, role, other: Option<&PersonId>, name: Option<&str>| CarerLinkInput {
            person: person.clone(),
            role,
            other_person: other.cloned(),
            other_name: name.map(String::from),
            relationship: None,
            since: today() - Duration::days(10),
        };
    s.write(|tx| {
        add_link(tx, &link(ivy, CarerRole::CaresFor, Some(sam), None))?;
        add_link(tx, &link(ivy, CarerRole::CaresFor, Some(jo), None))?;
        add_link(
            tx,
            &link(sam, CarerRole::CaredForBy, None, Some("Pat Okafor")),
        )
    })
    .unwrap();
    let mut r = receiver(&b);
    let package = handover::package(s.read(), &[ivy.clone(), sam.clone()], None, now()).unwrap();
    let package = through_age(&package, &s, &r);
    r.write(|tx| handover::apply(tx, &package, ErasedChoice::LeaveOut))
        .unwrap();
    let all = linkwork_store::person_record::all_person_records(
        r.read(),
        today(),
        linkwork_store::person_record::Detail::Full,
    )
    .unwrap();
    let ivy_here = all.iter().find(|p| p.person.given_name == "Ivy").unwrap();
    assert_ne!(
        &ivy_here.person.id, ivy,
        "matched to the receiver's own record"
    );
    let names: Vec<_> = ivy_here
        .carers
        .iter()
        .map(|l| (l.role, l.other_name.as_str()))
        .collect();
    assert_eq!(names, vec![(CarerRole::CaresFor, "Sam Okafor")]);
    let sam_here = all.iter().find(|p| p.person.given_name == "Sam").unwrap();
    let mut names: Vec<_> = sam_here
        .carers
        .iter()
        .map(|l| l.other_name.as_str())
        .collect();
    names.sort();
    assert_eq!(names, vec!["Ivy Walker", "Pat Okafor"]);
    assert_eq!(count(&r, "carer_link"), 2);
}
