//! Group activities: who is booked, a session's register writing one contact per person, a
//! corrected row, and a person's group rows merged and erased with them.

use crate::util::*;
use chrono::{Duration, NaiveDateTime};
use linkwork_core::{groups::Attendance, ids::PersonId, vocab::ContactOutcome};
use linkwork_store::{
    contacts,
    groups::{self, GroupInput, RegisterSaved, SessionInput},
    merge, rights, Vault,
};

fn walking(v: &mut Vault) -> linkwork_core::ids::GroupId {
    v.write(|tx| {
        groups::add_group(
            tx,
            &GroupInput {
                name: "Tuesday walking group".into(),
                asset_id: None,
                place: Some("Hebble Park gates".into()),
            },
        )
    })
    .unwrap()
}

fn at(days_ago: i64) -> NaiveDateTime {
    (today() - Duration::days(days_ago))
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

/// (outcome, entered in error) of each of the person's contacts, oldest first.
fn contacts_of(v: &Vault, p: &PersonId) -> Vec<(ContactOutcome, bool)> {
    let rec = linkwork_store::person_record::person_record(v.read(), p, today()).unwrap();
    let mut out: Vec<_> = rec
        .episodes
        .iter()
        .flat_map(|e| e.contacts.iter())
        .map(|c| (c.occurred_at, c.outcome, c.entered_in_error.is_some()))
        .collect();
    // At one time, the one entered in error came first.
    out.sort_by_key(|c| (c.0, !c.2));
    out.into_iter().map(|(_, o, e)| (o, e)).collect()
}

#[test]
fn a_register_makes_one_contact_each_and_a_corrected_row_marks_the_old_one() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let g = walking(&mut v);
    let ann = refer(&mut v, "Ann", "Ames", today() - Duration::days(30));
    let bo = refer(&mut v, "Bo", "Brown", today() - Duration::days(30));
    let cy = refer(&mut v, "Cy", "Cole", today() - Duration::days(30));
    // Referred after the session: on the group, not on that register.
    let di = refer(&mut v, "Di", "Dale", today() - Duration::days(2));
    for p in [&ann, &bo, &cy, &di] {
        v.write(|tx| groups::join(tx, &g, &p.person_id, today() - Duration::days(20)))
            .unwrap();
    }
    // A note being written for Ann stays when the register is saved.
    v.write(|tx| contacts::save_draft(tx, &ann.episode_id, r#"{"notes":"half a note"}"#))
        .unwrap();
    let s = v
        .write(|tx| {
            groups::add_session(
                tx,
                &g,
                &SessionInput {
                    starts_at: at(7),
                    duration_minutes: 60,
                    place: None,
                },
            )
        })
        .unwrap();
    let view = groups::session(v.read(), &s).unwrap();
    assert_eq!(view.rows.len(), 4);
    let di_row = view
        .rows
        .iter()
        .find(|r| r.person_id == di.person_id)
        .unwrap();
    assert_eq!(
        di_row.why_not.as_deref(),
        Some("Referred after this session.")
    );

    // Di cannot be ticked; Ann came, Bo sent apologies, Cy did not come.
    let refused =
        v.write(|tx| groups::save_register(tx, &s, std::slice::from_ref(&di.person_id), &[]));
    assert!(refused.unwrap_err().to_string().contains("Di Dale"));
    let saved = v
        .write(|tx| {
            groups::save_register(
                tx,
                &s,
                std::slice::from_ref(&ann.person_id),
                std::slice::from_ref(&bo.person_id),
            )
        })
        .unwrap();
    assert_eq!(
        saved,
        RegisterSaved {
            recorded: 3,
            corrected: 0
        }
    );
    assert_eq!(
        contacts_of(&v, &ann.person_id),
        vec![(ContactOutcome::TookPlace, false)]
    );
    assert_eq!(
        contacts_of(&v, &bo.person_id),
        vec![(ContactOutcome::CancelledByPerson, false)]
    );
    assert_eq!(
        contacts_of(&v, &cy.person_id),
        vec![(ContactOutcome::DidNotAttend, false)]
    );
    assert!(contacts_of(&v, &di.person_id).is_empty());
    let draft: i64 = raw(&dir)
        .query_row("SELECT count(*) FROM contact_draft", [], |r| r.get(0))
        .unwrap();
    assert_eq!(draft, 1, "Ann's note being written is kept");

    // Saved again unchanged: nothing new. Ann's tick was a mistake (it was Cy who came).
    let again = v
        .write(|tx| {
            groups::save_register(
                tx,
                &s,
                std::slice::from_ref(&ann.person_id),
                std::slice::from_ref(&bo.person_id),
            )
        })
        .unwrap();
    assert_eq!(again, RegisterSaved::default());
    let fixed = v
        .write(|tx| {
            groups::save_register(
                tx,
                &s,
                std::slice::from_ref(&cy.person_id),
                std::slice::from_ref(&bo.person_id),
            )
        })
        .unwrap();
    assert_eq!(
        fixed,
        RegisterSaved {
            recorded: 0,
            corrected: 2
        }
    );
    assert_eq!(
        contacts_of(&v, &ann.person_id),
        vec![
            (ContactOutcome::TookPlace, true),
            (ContactOutcome::DidNotAttend, false)
        ]
    );
    assert_eq!(
        contacts_of(&v, &cy.person_id),
        vec![
            (ContactOutcome::DidNotAttend, true),
            (ContactOutcome::TookPlace, false)
        ]
    );
    let view = groups::session(v.read(), &s).unwrap();
    let said: Vec<_> = view
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.attendance))
        .collect();
    assert_eq!(
        said,
        vec![
            ("Ann Ames", Some(Attendance::DidNotAttend)),
            ("Bo Brown", Some(Attendance::Apologies)),
            ("Cy Cole", Some(Attendance::Attended)),
            ("Di Dale", None),
        ]
    );
    let lines = groups::register_lines(v.read(), today() - Duration::days(31), today()).unwrap();
    assert_eq!(
        lines.len(),
        3,
        "the corrected rows' old contacts are not counted"
    );
    let summary = groups::group(v.read(), &g).unwrap();
    assert_eq!(summary.sessions[0].attended, 1);
    assert_eq!(summary.sessions[0].did_not_attend, 2);
    let mine = groups::person_groups(v.read(), &cy.person_id).unwrap();
    assert_eq!((mine[0].attended, mine[0].missed), (1, 0));

    // Someone who left before a later session is not on its register.
    v.write(|tx| groups::leave(tx, &g, &bo.person_id, today() - Duration::days(3)))
        .unwrap();
    let later = v
        .write(|tx| {
            groups::add_session(
                tx,
                &g,
                &SessionInput {
                    starts_at: at(0),
                    duration_minutes: 60,
                    place: None,
                },
            )
        })
        .unwrap();
    let names: Vec<_> = groups::session(v.read(), &later)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, vec!["Ann Ames", "Cy Cole", "Di Dale"]);
}

#[test]
fn group_rows_merge_and_erase_with_the_person() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    let g = walking(&mut v);
    let ann = refer(&mut v, "Ann", "Ames", today() - Duration::days(30));
    // A second record of Ann, with no open episode, also booked on the group.
    let twin = refer(&mut v, "Ann", "Ames", today() - Duration::days(300));
    v.write(|tx| {
        linkwork_store::episodes::close_episode(
            tx,
            &twin.episode_id,
            today() - Duration::days(200),
            linkwork_core::vocab::CloseReason::GoalsMet,
            None,
        )
    })
    .unwrap();
    for p in [&ann, &twin] {
        v.write(|tx| groups::join(tx, &g, &p.person_id, today() - Duration::days(20)))
            .unwrap();
    }
    let s = v
        .write(|tx| {
            groups::add_session(
                tx,
                &g,
                &SessionInput {
                    starts_at: at(7),
                    duration_minutes: 45,
                    place: None,
                },
            )
        })
        .unwrap();
    v.write(|tx| groups::save_register(tx, &s, std::slice::from_ref(&ann.person_id), &[]))
        .unwrap();
    v.write(|tx| merge::merge_people(tx, &ann.person_id, &twin.person_id))
        .unwrap();
    assert_eq!(count(&dir, "group_member"), 1);
    let copy = rights::subject_access(v.read(), &ann.person_id, chrono::Utc::now()).unwrap();
    assert_eq!(copy.tables["group_member"].len(), 1);
    assert_eq!(
        copy.tables["group_activity"][0]["name"],
        "Tuesday walking group"
    );
    assert_eq!(copy.tables["group_attendance"].len(), 1);
    v.write(|tx| rights::erase_person(tx, &ann.person_id))
        .unwrap();
    assert_eq!(count(&dir, "group_member"), 0);
    assert_eq!(count(&dir, "group_attendance"), 0);
    assert_eq!(count(&dir, "group_activity"), 1, "the group stays");
    assert_eq!(count(&dir, "group_session"), 1);
}
