//! The demo generator against real encrypted vaults, at the store (the `demo_fill` command's
//! tests are the API's): the same people with or without a lived-in vault's touches, and records
//! that read alike one by one or all at once.

use chrono::NaiveDate;
use linkwork_core::{FixedClock, Passphrase};
use linkwork_demo::Size;
use linkwork_store::{vault::Vault, KdfCost, Options};
use std::sync::Arc;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn vault() -> (tempfile::TempDir, Vault) {
    let t = tempfile::tempdir().unwrap();
    let options = Options {
        clock: Arc::new(FixedClock::on(today())),
        ..Options::default()
    };
    let pass = Passphrase::new("correct horse battery staple".to_string());
    let v = Vault::create_with(
        &t.path().join("vault"),
        &pass,
        None,
        KdfCost::InsecureForTests(10),
        options,
    )
    .unwrap();
    (t, v)
}

/// The lived-in touches (re-referrals aside) draw from streams of their own: the same people,
/// episodes and contacts either way.
#[test]
fn a_lived_in_vault_has_the_same_people_as_a_fresh_one() {
    let size = Size {
        people: 60,
        assets: 80,
        ..Size::years(1)
    };
    let (_t1, mut lived) = vault();
    let (_t2, mut plain) = vault();
    let a = lived
        .write(|tx| linkwork_demo::fill_in_sized(tx, size, 5))
        .unwrap();
    let fresh = Size {
        lived_in: false,
        ..size
    };
    let b = plain
        .write(|tx| linkwork_demo::fill_in_sized(tx, fresh, 5))
        .unwrap();
    assert_eq!(a, b);
    // A second fill is refused, and leaves the vault as it was.
    let again = lived.write(|tx| linkwork_demo::fill_in_sized(tx, size, 6));
    assert!(
        format!("{again:?}").contains("only goes into an empty vault"),
        "{again:?}"
    );
}

/// The whole-caseload read (the report, the GP checklist) gives exactly the records the person
/// page gives, person by person, on a vault with every kind of row.
#[test]
fn all_person_records_match_each_person_record() {
    let (_t, mut v) = vault();
    let size = linkwork_demo::Size {
        people: 80,
        assets: 60,
        ..linkwork_demo::Size::years(1)
    };
    v.write(|tx| linkwork_demo::fill_in_sized(tx, size, 11))
        .unwrap();
    let today = today();
    (|| -> linkwork_store::Result<()> {
        let all = linkwork_store::person_record::all_person_records(
            v.read(),
            today,
            linkwork_store::person_record::Detail::Full,
        )?;
        assert_eq!(all.len(), 80);
        let (mut episodes, mut concerns) = (0, 0);
        for rec in &all {
            let one =
                linkwork_store::person_record::person_record(v.read(), &rec.person.id, today)?;
            assert_eq!(&one, rec, "{}", rec.person.id);
            episodes += rec.episodes.len();
            concerns += rec.concerns.len();
        }
        assert!(episodes > 80 && concerns > 0, "{episodes} {concerns}");
        // The report's and the checklist's read: the same records less what neither uses.
        let figures = linkwork_store::person_record::all_person_records(
            v.read(),
            today,
            linkwork_store::person_record::Detail::Figures,
        )?;
        let mut left_out = all;
        for rec in &mut left_out {
            rec.risk = false;
            rec.concerns.clear();
            rec.consent_history.clear();
            for e in &mut rec.episodes {
                e.goals.clear();
                e.actions.clear();
                for c in &mut e.contacts {
                    c.notes = None;
                }
                // What is next due, from the review alone (the figures read no actions).
                e.next_due = (e.status != linkwork_core::vocab::EpisodeStatus::Closed)
                    .then(|| linkwork_core::caseload::next_due(e, today))
                    .flatten();
            }
        }
        assert_eq!(figures, left_out);
        Ok(())
    })()
    .unwrap();
}
